// The map page: loads the clusters once (the compact answer of
// /api/v1/map/clusters/), then filters, lists and maps them in the browser,
// keeping filters and view in the URL. Search asks the server which slugs
// match (data.js createSearch); the other filters run here.

import { countByGovernorate, createChoropleth } from './choropleth.js';
import { buildRecords, createSearch, fetchJson } from './data.js';
import { createFilterForm } from './filter-form.js';
import { facetCounts, filterRecords, isEmptyState } from './filters.js';
import { createFootprints } from './footprints.js';
import { format, formatNumber, nt, t } from './i18n.js';
import { createLegend } from './legend.js';
import { createList } from './list.js';
import { cornerPositions, createMap, showView } from './map.js';
import { createMarkerLayer } from './markers.js';
import { createPlaceFinder } from './places.js';
import { buildPopup } from './popup.js';
import { emptySupport, knownSupport, supportLegendText } from './support-filter.js';
import {
  filterParams, linkedCluster, pageSearch, queryString, readState, sameFilters, unknownFilters, withCluster,
} from './url-state.js';

const L = globalThis.L;
const config = JSON.parse(document.getElementById('map-config').textContent);
const lang = config.lang;
const known = {
  sectors: new Set(config.sectors.map((sector) => sector.slug)),
  governorates: new Set(config.governorates.map((governorate) => governorate.iso)),
  ...knownSupport(config),
};
const pageUrl = (slug) => config.clusterUrl.replace('slug-placeholder', encodeURIComponent(slug));
const correctionUrl = (slug) => config.correctionUrl.replace('slug-placeholder', encodeURIComponent(slug));
const byId = (id) => document.getElementById(id);

const corners = cornerPositions();
let state = readState(location.search, known);
const map = createMap(byId('map'), { tiles: config.tiles, view: state.view, bounds: config.bounds });
const choropleth = createChoropleth(map, t('Boundaries: egygeo (MIT licence)'));
// Open only where the map is wide enough to keep Egypt clear of it; below
// that it is one small button (at 1366x850 it covered the Western Desert).
const legend = createLegend(map, {
  position: corners.legend,
  lang,
  open: window.matchMedia('(min-width: 1600px)').matches && !config.embed,
});
if (!state.view && legend.openBox()) fitEgypt({ animate: false });
const places = createPlaceFinder({ url: config.api.places, lang, governorateAliases: config.aliases.governorates });

const searchSlugs = createSearch(config.api.mapSearch, lang);

let records = [];
// The slugs the current search found (null: no search text), and which render is the newest.
let found = null;
let renderTicket = 0;
let markers = null;
let list = null;
let maxPerGovernorate = 0;
let lastChange = null;
let restoring = false;
let moving = false;

const footprints = createFootprints(map, config.api.footprints, {
  onChoose: (slug) => {
    const record = records.find((candidate) => candidate.slug === slug);
    if (record) markers.open(record);
  },
});

const formNode = byId('filters');
const form = formNode && createFilterForm(formNode, { lang, onChange: changeFilters, onReset: resetFilters });
byId('result-clear')?.addEventListener('click', () => {
  resetFilters();
  // The button hides itself; keep the keyboard where the results begin.
  byId('filter-q').focus();
});

function setStatus(text) {
  const status = byId('map-status');
  status.textContent = text;
  status.hidden = !text;
}

// Fits keep the data out from under the legend when it is open.
function fitOptions(options = {}) {
  const box = legend.openBox();
  const side = box ? Math.ceil(box.width) + 12 : 24;
  const padding = corners.legend === 'topleft'
    ? { paddingTopLeft: [side, 24], paddingBottomRight: [24, 24] }
    : { paddingTopLeft: [24, 24], paddingBottomRight: [side, 24] };
  return { ...padding, ...options };
}

function fitEgypt(options) {
  map.fitBounds(config.bounds, fitOptions(options));
}

function currentView() {
  const center = map.getCenter();
  return { zoom: map.getZoom(), lat: center.lat, lon: center.lng };
}

function apiLink(formatName) {
  const params = new URLSearchParams({ format: formatName });
  for (const [name, value] of filterParams(state)) params.append(name, value);
  return config.api.clusters + queryString(params);
}

function updateLinks() {
  for (const name of ['csv', 'geojson', 'gpkg', 'kml']) {
    const link = byId(`download-${name}`);
    if (link) link.href = apiLink(name);
  }
  // The statistics of exactly what the map shows.
  const stats = byId('stats-link');
  if (stats) stats.href = stats.href.split('?')[0] + queryString(filterParams(state));
  // The language switch keeps filters and view.
  for (const link of document.querySelectorAll('a.lang-switch')) {
    const url = new URL(link.href);
    url.search = location.search;
    link.href = url.href;
  }
}

function showCount(shown) {
  const node = byId('result-count');
  if (!node) return;
  const empty = shown === 0 && records.length > 0;
  // Nothing to download and nothing to list: say so and offer the way out.
  for (const id of ['downloads', 'result-empty']) {
    const part = byId(id);
    if (part) part.hidden = id === 'downloads' ? empty : !empty;
  }
  if (empty) {
    node.textContent = t('No cluster matches these filters.');
    return;
  }
  const values = { count: formatNumber(shown, lang), total: formatNumber(records.length, lang) };
  node.textContent = shown === records.length
    ? format(nt('%(count)s cluster', '%(count)s clusters', shown), values)
    : format(nt('%(count)s of %(total)s clusters match', '%(count)s of %(total)s clusters match', shown), values);
}

function sectorsShown(shown) {
  const present = new Set();
  for (const record of shown) present.add(record.sector);
  return config.sectors.filter((sector) => present.has(sector.slug));
}

async function render({ fit }) {
  // Before the data arrives there is nothing to draw; start() renders the
  // state as it then stands.
  if (!markers) return;
  const ticket = ++renderTicket;
  found = null;
  if (state.q.trim()) {
    try {
      found = await searchSlugs(state.q);
    } catch (error) {
      if (ticket === renderTicket) setStatus(t('The search could not be done. Please try again.'));
      return;
    }
    // The visitor changed the filters again while the server answered: that render wins.
    if (ticket !== renderTicket) return;
    setStatus('');
  }
  const shown = filterRecords(records, state, found);
  if (form) {
    form.write(state);
    form.setCounts(facetCounts(records, state, found));
  }
  if (list) list.show(shown);
  showCount(shown.length);
  legend.setClasses(choropleth.setCounts(countByGovernorate(shown), maxPerGovernorate));
  legend.setSectors(sectorsShown(shown));
  legend.setShown(supportLegendText(state, config));
  footprints.setVisible(shown);
  updateLinks();
  if (fit && shown.length) {
    map.fitBounds(L.latLngBounds(shown.map((record) => [record.lat, record.lon])), fitOptions({ maxZoom: 11 }));
  }
  if (!shown.length && state.q.trim()) showPlace(state.q);
  return markers.show(shown);
}

// A visitor's change to the filters: a new history entry, except while they
// keep typing in the search box (one entry per search, not per letter).
function changeFilters(kind) {
  const next = form.read();
  if (sameFilters(next, state)) return;
  const replace = kind === 'q' && lastChange === 'q';
  lastChange = kind;
  state = { ...next, view: null };
  const url = location.pathname + pageSearch(state, currentView(), location.search);
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render({ fit: true });
}

function resetFilters() {
  lastChange = 'reset';
  state = { sectors: [], governorates: [], q: '', ...emptySupport(), view: null };
  history.pushState(null, '', location.pathname + pageSearch(state, null, location.search));
  render({ fit: false });
  fitEgypt();
}

// Moving the map rewrites the current entry: the link always holds the view,
// yet back and forward step through filter changes, not every pan.
function rememberView() {
  if (restoring) return;
  history.replaceState(null, '', location.pathname + pageSearch(state, currentView(), location.search));
  updateLinks();
}

// Back or forward. A move still under way (a fit after a filter change)
// belongs to the entry just left: let it end unrecorded, then restore, or
// Leaflet's zoom animation would land after our setView and win.
function onHistoryStep() {
  restoring = true;
  if (moving) map.once('moveend', () => setTimeout(restoreFromUrl));
  else restoreFromUrl();
}

function restoreFromUrl() {
  state = readState(location.search, known);
  lastChange = null;
  map.closePopup();
  showView(map, { view: state.view, bounds: config.bounds }, { animate: false });
  restoring = false;
  render({ fit: false });
}

// No cluster matched the search: move to a governorate or town of that name,
// still saying that no cluster is there.
async function showPlace(q) {
  const place = await places.find(q);
  if (!place || state.q !== q) return;
  const node = byId('result-count');
  if (place.kind === 'governorate') {
    map.fitBounds(L.geoJSON(place.feature).getBounds(), fitOptions());
  } else {
    map.setView([place.lat, place.lon], 11);
  }
  const where = place.governorateName ? `${place.name} (${place.governorateName})` : place.name;
  const text = format(t('No cluster matches “%(q)s”. The map shows %(place)s.'), { q: q.trim(), place: where });
  if (node) node.textContent = text;
  else setStatus(text);
}

// Filter values in the link that the page does not know: named, not silently dropped.
function noticeUnknownFilters() {
  const unknown = unknownFilters(location.search, known);
  if (!unknown.length) return;
  const labels = { sector: t('sector'), governorate: t('governorate') };
  const text = unknown.map(({ name, value }) => format(t('Unknown %(filter)s “%(value)s” in the link: it was ignored.'), {
    filter: labels[name], value,
  })).join(' ');
  const node = byId('url-notice');
  if (node) {
    node.textContent = text;
    node.hidden = false;
  } else {
    setStatus(text);
  }
}

// ?cluster=<slug>: open its popup and mark it in the list; the address stays
// a permalink to it while the popup is open.
function openLinkedCluster() {
  const slug = linkedCluster(location.search);
  if (!slug) return;
  const record = records.find((candidate) => candidate.slug === slug);
  if (record && filterRecords([record], state, found).length) markers.open(record);
  else setStatus(format(t('The cluster “%(slug)s” is not on the map with these filters.'), { slug }));
}

function rememberCluster(slug) {
  if (restoring) return;
  history.replaceState(null, '', location.pathname + withCluster(location.search, slug));
}

function choose(record) {
  markers.open(record);
  // On a phone the list is under the map: bring the map back into sight.
  const box = byId('map').getBoundingClientRect();
  if (box.bottom < 0 || box.top > window.innerHeight) byId('map').scrollIntoView({ block: 'start' });
}

function addFullMapLink() {
  const Control = L.Control.extend({
    onAdd() {
      const link = document.createElement('a');
      link.className = 'leaflet-control full-map-link';
      link.textContent = t('Open the full map');
      const url = new URL(location.href);
      url.searchParams.delete('embed');
      link.href = url.href;
      link.target = '_blank';
      link.rel = 'noopener';
      return link;
    },
  });
  new Control({ position: corners.extra }).addTo(map);
}

async function start() {
  // Every script has run: from here on the time is the page's own (bench/map_render.py).
  performance.mark('map-start');
  map.on('movestart', () => { moving = true; });
  map.on('moveend', () => { moving = false; });
  map.on('moveend', rememberView);
  window.addEventListener('popstate', onHistoryStep);
  noticeUnknownFilters();
  fetchJson(config.api.governorates)
    .then((collection) => {
      choropleth.load(collection);
      places.setGovernorates(collection);
    })
    .catch(() => setStatus(t('The governorate boundaries could not be loaded.')));
  let collection;
  try {
    collection = await fetchJson(config.api.map);
  } catch (error) {
    setStatus(t('The clusters could not be loaded. Please try again later.'));
    const count = byId('result-count');
    if (count) count.textContent = t('The clusters could not be loaded.');
    return;
  }
  performance.mark('map-data');
  records = buildRecords(collection, config);
  performance.mark('map-records');
  maxPerGovernorate = Math.max(0, ...countByGovernorate(records).values());
  markers = createMarkerLayer(map, records, {
    lang,
    popupContent: (record) => buildPopup(record, { lang, pageUrl: pageUrl(record.slug), correctionUrl: correctionUrl(record.slug) }),
    onOpen: (record) => {
      if (list) list.setCurrent(record.slug);
      rememberCluster(record.slug);
    },
  });
  map.on('popupclose', () => {
    if (list) list.setCurrent(null);
    rememberCluster(null);
  });
  if (byId('result-list')) {
    list = createList(byId('result-list'), byId('result-more'), {
      lang, pageUrl, onChoose: choose, scrollBox: byId('result-list').closest('.panel'), earlierButton: byId('result-earlier'),
    });
  }
  if (config.embed) addFullMapLink();
  performance.mark('map-markers-built');
  await render({ fit: !state.view && !isEmptyState(state) });
  openLinkedCluster();
  footprints.update();
  performance.mark('map-ready');
  document.documentElement.dataset.mapReady = 'true';
}

start();
