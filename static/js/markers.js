// Cluster markers: one per record, grouped by Leaflet.markercluster, coloured
// by sector; approximate locations are hollow rings, exact ones solid dots.

const L = globalThis.L;

// The colour goes in through the CSSOM, not a style attribute in markup,
// which a strict Content-Security-Policy (style-src) would refuse.
const SectorIcon = L.DivIcon.extend({
  createIcon(oldIcon) {
    const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
    div.style.setProperty('--sector', this.options.sectorColor);
    return div;
  },
});

const icons = new Map();
function iconFor(color, approximate) {
  const key = `${color}|${approximate}`;
  if (!icons.has(key)) {
    icons.set(key, new SectorIcon({
      className: approximate ? 'cluster-marker is-approximate' : 'cluster-marker',
      iconSize: [18, 18],
      popupAnchor: [0, -8],
      sectorColor: color,
    }));
  }
  return icons.get(key);
}

export function createMarkerLayer(map, records, { popupContent, onOpen }) {
  const group = L.markerClusterGroup({
    // Yield to the browser between chunks so 10,000 markers never freeze the page.
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    spiderfyOnMaxZoom: true,
  });
  const bySlug = new Map();
  for (const record of records) {
    const marker = L.marker([record.lat, record.lon], {
      icon: iconFor(record.color, record.approximate),
      title: record.name, // a DOM property, never parsed as HTML
      keyboard: true,
      riseOnHover: true,
    });
    marker.bindPopup(() => popupContent(record), { maxWidth: 300, minWidth: 200, autoPanPadding: [24, 24] });
    marker.on('popupopen', () => onOpen(record));
    marker.record = record;
    bySlug.set(record.slug, marker);
  }
  map.addLayer(group);

  let shown = null;
  let wanted = null;
  let running = null;

  function replace(visibleRecords) {
    const key = visibleRecords.map((record) => record.slug).join('\n');
    if (key === shown) return Promise.resolve();
    shown = key;
    group.clearLayers();
    const markers = visibleRecords.map((record) => bySlug.get(record.slug));
    if (!markers.length) return Promise.resolve();
    return new Promise((resolve) => {
      // Called once more when the last chunk is in; the group finishes its
      // bookkeeping synchronously after that, before the promise settles.
      group.options.chunkProgress = (processed, total) => { if (processed >= total) resolve(); };
      group.addLayers(markers);
    });
  }

  // markercluster cannot cancel a chunked load: let it finish, then load
  // only the newest wish (quick typing would otherwise mix two results).
  async function drain() {
    while (wanted) {
      const next = wanted;
      wanted = null;
      await replace(next);
    }
    running = null;
  }

  return {
    group,
    bySlug,
    // Show exactly these records; resolves once they are all on the map.
    show(visibleRecords) {
      wanted = visibleRecords;
      if (!running) running = drain();
      return running;
    },
    // Zoom until the marker is out of its group (spiderfied if need be), then open it.
    open(record) {
      const marker = bySlug.get(record.slug);
      if (!marker || !group.hasLayer(marker)) return;
      group.zoomToShowLayer(marker, () => marker.openPopup());
    },
  };
}
