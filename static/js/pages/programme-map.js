// The map on a programme's page: one marker per cluster it supports, each
// leading to the cluster's page. Names go in as text, never as HTML.

import { createMap } from '../map.js';

const L = globalThis.L;
const config = JSON.parse(document.getElementById('programme-map-config').textContent);
const EGYPT = [[22, 25], [31.7, 36.9]];

const map = createMap(document.getElementById('programme-map'), {
  tiles: config.tiles,
  bounds: EGYPT,
  interactive: false,
});

const points = [];
for (const cluster of config.clusters) {
  const icon = L.divIcon({ className: 'cluster-marker', iconSize: [18, 18] });
  const marker = L.marker([cluster.lat, cluster.lon], { icon, keyboard: true, title: cluster.name }).addTo(map);
  const label = document.createElement('span');
  label.textContent = cluster.name;
  marker.bindTooltip(label);
  marker.on('click', () => { window.location.assign(cluster.url); });
  const element = marker.getElement();
  if (element) {
    element.style.setProperty('--sector', cluster.color);
    element.dataset.slug = cluster.slug;
  }
  points.push([cluster.lat, cluster.lon]);
}
if (points.length) {
  map.fitBounds(points, { maxZoom: 10, padding: [24, 24] });
}
