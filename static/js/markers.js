// Cluster markers, coloured by sector; approximate locations are hollow
// rings, exact ones solid dots. Nearby markers are grouped by supercluster
// (static/vendor/supercluster-9.1.0), and only what the view holds is drawn.
//
// Why not Leaflet.markercluster any more: it makes a marker object for every
// cluster and a tree of groups over all of them before the first one shows:
// 2.1 s for 10,000 and 18 s for 100,000 in headless Chromium here.
// supercluster indexes plain points in typed arrays (0.3 s and 2 s on the same
// loaded machine) and the map draws the 200-odd groups and points in view.

import { format, formatNumber, nt, t } from './i18n.js';

const L = globalThis.L;
const Supercluster = globalThis.Supercluster;

// The map's own zoom range (map.js), 4 to 17. At 17 a group still stands for
// points a few metres apart or at one spot (many clusters are placed at their
// governorate's capital): no zoom splits it, so its popup lists them.
const MIN_ZOOM = 4;
const MAX_GROUP_ZOOM = 17;
// Two indexes: a coarse one for the country-wide zooms, built at once, and a
// fine one for closer zooms, built the first time the map goes past COARSE_MAX
// after a change of filters. Most of supercluster's work is in the close zooms,
// where few points merge: for 100,000 points the coarse index is a small part
// of the whole, so the map is ready sooner and the rest is paid only if needed.
const COARSE_MAX = 7;
// A group's reach in screen pixels (Leaflet's tiles are 256 px), as markercluster's maxClusterRadius was.
const RADIUS = 45;
// How many clusters a group at one spot lists in its popup.
const LISTED = 50;

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

function countText(count, lang) {
  return format(nt('%(count)s cluster', '%(count)s clusters', count), { count: formatNumber(count, lang) });
}

// A group's icon says what it is to a screen reader too, not just a number.
function groupIcon(count, lang) {
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  const inner = document.createElement('div');
  const number = document.createElement('span');
  number.className = 'cluster-count';
  number.textContent = formatNumber(count, lang);
  number.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'visually-hidden';
  label.textContent = countText(count, lang);
  inner.append(number, label);
  return L.divIcon({ html: inner, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
}

// A group that no zoom splits (its clusters share one spot): its clusters as
// buttons, each opening that cluster's popup. Built with textContent only.
function groupList(records, total, lang, onChoose) {
  const root = document.createElement('div');
  root.className = 'popup popup-group';
  const title = document.createElement('h3');
  title.className = 'popup-title';
  title.textContent = format(t('%(clusters)s at this place'), { clusters: countText(total, lang) });
  const list = document.createElement('ul');
  list.className = 'popup-group-list';
  for (const record of records) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'popup-group-choice';
    button.textContent = record.name;
    button.dir = 'auto';
    if (record.nameLang !== lang) button.lang = record.nameLang;
    button.addEventListener('click', (event) => {
      // The new content replaces this button before the click reaches the map, which would then
      // take it for a click on the map itself and close the popup just opened.
      event.stopPropagation();
      onChoose(record);
    });
    item.append(button);
    list.append(item);
  }
  root.append(title, list);
  if (total > records.length) {
    const more = document.createElement('p');
    more.className = 'popup-note';
    more.textContent = format(t('The list beside the map shows all %(count)s.'), { count: formatNumber(total, lang) });
    root.append(more);
  }
  return root;
}

export function createMarkerLayer(map, records, { lang, popupContent, onOpen }) {
  const layer = L.layerGroup().addTo(map);
  // Made at the first open(): a Map of 100,000 slugs cost 0.15 s of the map's start.
  let bySlug = null;
  let coarse = null;
  let fine = null;
  let shown = [];
  // Made only when a cluster is opened: a Set of 100,000 at every filter change would cost for nothing.
  let shownSet = null;
  let drawnPoints = new Set();
  let drawnZoom = null;

  const popup = L.popup({ maxWidth: 300, minWidth: 200, autoPanPadding: [24, 24], offset: [0, -2] });
  let popupRecord = null;

  function openPopup(record) {
    popupRecord = record;
    popup.setLatLng([record.lat, record.lon]).setContent(popupContent(record)).openOn(map);
    onOpen(record);
  }

  function pointMarker(record) {
    const marker = L.marker([record.lat, record.lon], {
      icon: iconFor(record.color, record.approximate),
      title: record.name, // a DOM property, never parsed as HTML
      keyboard: true,
      riseOnHover: true,
    });
    // Enter on a focused marker fires click too.
    marker.on('click', () => openPopup(record));
    return marker;
  }

  function makeIndex(minZoom, maxZoom) {
    return new Supercluster({ radius: RADIUS, extent: 256, minZoom, maxZoom })
      .load(shown);
  }

  function indexFor(zoom) {
    if (zoom <= COARSE_MAX) return coarse;
    if (!fine) {
      performance.mark('map-fine-start');
      fine = makeIndex(COARSE_MAX + 1, MAX_GROUP_ZOOM);
      performance.measure('map-fine-index', 'map-fine-start');
    }
    return fine;
  }

  function groupMarker(feature, index) {
    const [lon, lat] = feature.geometry.coordinates;
    const { cluster_id: id, point_count: count } = feature.properties;
    const marker = L.marker([lat, lon], { icon: groupIcon(count, lang), keyboard: true, title: countText(count, lang) });
    marker.on('click', () => {
      const zoom = index.getClusterExpansionZoom(id);
      // The coarse index says COARSE_MAX + 1 for any group it does not split: the fine one takes over there.
      if (zoom <= MAX_GROUP_ZOOM) {
        map.setView([lat, lon], Math.max(zoom, map.getZoom() + 1));
        return;
      }
      // Nothing splits it: list its clusters where it stands.
      popupRecord = null;
      const leaves = index.getLeaves(id, LISTED).map((leaf) => leaf.properties);
      popup.setLatLng([lat, lon]).setContent(groupList(leaves, count, lang, openPopup)).openOn(map);
    });
    return marker;
  }

  // Only the view (and half a screen around it, for smooth panning) is drawn.
  function draw() {
    layer.clearLayers();
    drawnPoints = new Set();
    if (!coarse) return;
    const bounds = map.getBounds().pad(0.5);
    const box = [
      Math.max(-180, bounds.getWest()), Math.max(-85, bounds.getSouth()),
      Math.min(180, bounds.getEast()), Math.min(85, bounds.getNorth()),
    ];
    const zoom = Math.round(map.getZoom());
    const index = indexFor(zoom);
    for (const feature of index.getClusters(box, zoom)) {
      if (feature.properties.cluster) {
        layer.addLayer(groupMarker(feature, index));
      } else {
        drawnPoints.add(feature.properties);
        layer.addLayer(pointMarker(feature.properties));
      }
    }
    // Zooming out, a popup whose cluster has just joined a group closes, as a bound popup would.
    // (A cluster in a group no zoom splits keeps the popup opened from the group's list.)
    const zoomedOut = drawnZoom !== null && zoom < drawnZoom;
    drawnZoom = zoom;
    if (zoomedOut && popupRecord && map.hasLayer(popup) && !drawnPoints.has(popupRecord)) map.closePopup(popup);
  }
  map.on('moveend', draw);
  map.on('popupclose', (event) => { if (event.popup === popup) popupRecord = null; });

  function sameAsShown(visibleRecords) {
    if (visibleRecords.length !== shown.length) return false;
    for (let i = 0; i < shown.length; i += 1) if (shown[i] !== visibleRecords[i]) return false;
    return true;
  }

  // The lowest zoom at which the record stands alone rather than in a group.
  function zoomAlone(record) {
    const near = 1e-7;
    const box = [record.lon - near, record.lat - near, record.lon + near, record.lat + near];
    for (let zoom = Math.max(MIN_ZOOM, Math.round(map.getZoom())); zoom <= MAX_GROUP_ZOOM; zoom += 1) {
      if (indexFor(zoom).getClusters(box, zoom).some((feature) => feature.properties === record)) return zoom;
    }
    return MAX_GROUP_ZOOM + 1;
  }

  return {
    // Show exactly these records; resolves once they are on the map.
    show(visibleRecords) {
      if (coarse && sameAsShown(visibleRecords)) return Promise.resolve();
      shown = visibleRecords;
      shownSet = null;
      coarse = makeIndex(MIN_ZOOM, COARSE_MAX);
      fine = null;
      draw();
      return Promise.resolve();
    },
    // Zoom until the marker stands alone (and pan to it), then open its popup.
    open(record) {
      if (!bySlug) bySlug = new Map(records.map((candidate) => [candidate.slug, candidate]));
      const own = bySlug.get(record.slug);
      if (!own || !coarse) return;
      if (!shownSet) shownSet = new Set(shown);
      if (!shownSet.has(own)) return;
      const zoom = zoomAlone(own);
      const inView = map.getBounds().contains([own.lat, own.lon]);
      if (zoom > map.getZoom() || !inView) map.setView([own.lat, own.lon], Math.max(zoom, map.getZoom()), { animate: false });
      openPopup(own);
    },
  };
}
