// The Leaflet map itself: base tiles, controls on the reading side.

import { t } from './i18n.js';

const L = globalThis.L;

export function isRtl() {
  return document.documentElement.dir === 'rtl';
}

// Controls start where the reader starts: zoom at the top left in English,
// top right in Arabic; attribution and legend take the other corners.
export function cornerPositions() {
  const rtl = isRtl();
  return {
    zoom: rtl ? 'topright' : 'topleft',
    legend: rtl ? 'topleft' : 'topright',
    attribution: rtl ? 'bottomleft' : 'bottomright',
    extra: rtl ? 'bottomright' : 'bottomleft',
  };
}

// Either `view` ({lat, lon, zoom}) or `bounds` ([[south, west], [north, east]]).
export function createMap(container, { tiles, view, bounds, interactive = true }) {
  const corners = cornerPositions();
  const map = L.map(container, {
    zoomControl: false,
    attributionControl: false,
    minZoom: 4,
    // Street level is as close as a town-sized cluster needs; every zoom level
    // more is another level of marker grouping to compute at start-up.
    maxZoom: 17,
    scrollWheelZoom: interactive,
  });
  L.control.zoom({ position: corners.zoom, zoomInTitle: t('Zoom in'), zoomOutTitle: t('Zoom out') }).addTo(map);
  L.control.attribution({ position: corners.attribution, prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  L.tileLayer(tiles.url, {
    attribution: tiles.attribution,
    maxZoom: 19,
    // OSM refuses tile requests without a Referer; a page's own policy may
    // strip it, so the tile layer states its own.
    referrerPolicy: 'strict-origin-when-cross-origin',
  }).addTo(map);
  // Leaflet names its popup close button in English only.
  map.on('popupopen', (event) => {
    const close = event.popup.getElement().querySelector('.leaflet-popup-close-button');
    if (close) {
      close.setAttribute('aria-label', t('Close popup'));
      close.title = t('Close popup');
    }
  });
  showView(map, { view, bounds });
  return map;
}

export function showView(map, { view, bounds }, options = {}) {
  if (view) map.setView([view.lat, view.lon], view.zoom, options);
  else map.fitBounds(bounds, options);
}
