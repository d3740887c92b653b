// The small map on a cluster's page: its point (a dashed ring when the
// location is approximate) and its footprint when it has one.

import { createMap } from './map.js';

const L = globalThis.L;
const config = JSON.parse(document.getElementById('detail-map-config').textContent);

// How close to zoom: a governorate-level point says little at street level.
const ZOOM_BY_PRECISION = { locality: 13, approximate: 13, district: 10, governorate: 9 };

const map = createMap(document.getElementById('detail-map'), {
  tiles: config.tiles,
  view: { lat: config.lat, lon: config.lon, zoom: ZOOM_BY_PRECISION[config.precision] || 12 },
  interactive: false,
});

if (config.governorate) {
  L.geoJSON(config.governorate, {
    style: { color: '#4b5563', weight: 1.5, dashArray: '4 3', fill: true, fillColor: '#9ca3af', fillOpacity: 0.08 },
    interactive: false,
  }).addTo(map);
}

const icon = L.divIcon({
  className: config.approximate ? 'cluster-marker is-approximate' : 'cluster-marker',
  iconSize: [20, 20],
});
const marker = L.marker([config.lat, config.lon], { icon, keyboard: false, interactive: false }).addTo(map);
const markerElement = marker.getElement();
if (markerElement) markerElement.style.setProperty('--sector', config.color);

for (const swatch of document.querySelectorAll('.swatch[data-color]')) {
  swatch.style.setProperty('--swatch', swatch.dataset.color);
}

if (config.footprint) {
  const footprint = L.geoJSON(config.footprint, {
    style: { color: config.color, weight: 2, fillColor: config.color, fillOpacity: 0.25 },
    interactive: false,
  }).addTo(map);
  map.fitBounds(footprint.getBounds(), { maxZoom: 15, padding: [20, 20] });
}
