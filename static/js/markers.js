// Cluster markers: one per record, grouped by Leaflet.markercluster, coloured
// by sector; approximate locations are hollow rings, exact ones solid dots.

import { format, formatNumber, nt } from './i18n.js';

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
      sectorColor: color,
    }));
  }
  return icons.get(key);
}

// A group's icon says what it is to a screen reader too, not just a number.
function groupIcon(group, lang) {
  const count = group.getChildCount();
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  const inner = document.createElement('div');
  const number = document.createElement('span');
  number.className = 'cluster-count';
  number.textContent = formatNumber(count, lang);
  number.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = format(nt('%(count)s cluster', '%(count)s clusters', count), { count: formatNumber(count, lang) });
  inner.append(number, label);
  return L.divIcon({ html: inner, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
}

export function createMarkerLayer(map, records, { lang, popupContent, onOpen }) {
  const group = L.markerClusterGroup({
    iconCreateFunction: (cluster) => groupIcon(cluster, lang),
    // Yield to the browser between chunks so 10,000 markers never freeze the page.
    chunkedLoading: true,
    chunkInterval: 300,
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
    marker.record = record;
    bySlug.set(record.slug, marker);
  }
  map.addLayer(group);

  // One popup for all markers, opened from the group's click (which a
  // marker's Enter key also fires): binding a popup to each of 10,000
  // markers costs listeners and time at start-up.
  const popup = L.popup({ maxWidth: 300, minWidth: 200, autoPanPadding: [24, 24], offset: [0, -2] });
  let popupMarker = null;
  function openPopup(marker) {
    popupMarker = marker;
    popup.setLatLng(marker.getLatLng()).setContent(popupContent(marker.record)).openOn(map);
    onOpen(marker.record);
  }
  group.on('click', (event) => openPopup(event.layer));
  // A bound popup would close when its marker joins a group on zoom out; so does this one.
  const closeIfHidden = () => {
    if (popupMarker && map.hasLayer(popup) && group.getVisibleParent(popupMarker) !== popupMarker) map.closePopup(popup);
  };
  group.on('animationend', closeIfHidden);
  map.on('zoomend', closeIfHidden);
  map.on('popupclose', (event) => { if (event.popup === popup) popupMarker = null; });

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
      group.zoomToShowLayer(marker, () => openPopup(marker));
    },
  };
}
