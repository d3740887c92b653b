// The small map of the missing-cluster form: a click, a tap or the keyboard
// (pan, then "put the point at the centre") fills the latitude and longitude
// fields, and typing them moves the point. Governorate outlines come from our
// own API, so the map still says where things are when the tiles fail.

import { format, t } from '../i18n.js';
import { createMap } from '../map.js';

const L = globalThis.L;
const config = JSON.parse(document.getElementById('picker-config').textContent);
const byId = (id) => document.getElementById(id);
const latInput = byId('id_latitude');
const lonInput = byId('id_longitude');
const status = byId('picker-status');
const centreButton = byId('picker-centre');
const clearButton = byId('picker-clear');

const map = createMap(byId('picker-map'), { tiles: config.tiles, bounds: config.bounds });
let marker = null;

function round(value) {
  return Math.round(value * 100000) / 100000;
}

function readInputs() {
  const lat = Number.parseFloat(latInput.value);
  const lon = Number.parseFloat(lonInput.value);
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}

function showPoint(point, { announce }) {
  if (!point) {
    if (marker) marker.remove();
    marker = null;
    clearButton.hidden = true;
    if (announce) status.textContent = t('The point was removed.');
    return;
  }
  if (!marker) {
    const icon = L.divIcon({ className: 'cluster-marker picked-marker', iconSize: [20, 20] });
    marker = L.marker([point.lat, point.lon], { icon, keyboard: false, interactive: false }).addTo(map);
  } else {
    marker.setLatLng([point.lat, point.lon]);
  }
  clearButton.hidden = false;
  if (announce) {
    status.textContent = format(t('Point placed at latitude %(lat)s, longitude %(lon)s.'), {
      lat: point.lat.toFixed(5), lon: point.lon.toFixed(5),
    });
  }
}

function pick(latlng) {
  const point = { lat: round(latlng.lat), lon: round(L.Util.wrapNum(latlng.lng, [-180, 180], true)) };
  latInput.value = String(point.lat);
  lonInput.value = String(point.lon);
  showPoint(point, { announce: true });
}

map.on('click', (event) => pick(event.latlng));
centreButton.hidden = false;
centreButton.addEventListener('click', () => pick(map.getCenter()));
clearButton.addEventListener('click', () => {
  latInput.value = '';
  lonInput.value = '';
  showPoint(null, { announce: true });
});
for (const input of [latInput, lonInput]) {
  input.addEventListener('change', () => showPoint(readInputs(), { announce: false }));
}

// A form sent back with errors keeps its point.
const start = readInputs();
if (start) {
  showPoint(start, { announce: false });
  map.setView([start.lat, start.lon], 10);
}

fetch(config.governorates, { headers: { Accept: 'application/geo+json' } })
  .then((response) => {
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  })
  .then((collection) => {
    L.geoJSON(collection, {
      style: { color: '#4b5563', weight: 1, fill: true, fillColor: '#9ca3af', fillOpacity: 0.06 },
      interactive: false,
    }).addTo(map);
    document.documentElement.dataset.pickerReady = 'true';
  })
  .catch(() => {
    status.textContent = t('The governorate boundaries could not be loaded.');
    document.documentElement.dataset.pickerReady = 'true';
  });
