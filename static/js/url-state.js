// Filters and map view in the query string, so a copied link restores them.
// Filter names and list syntax are the API's (sector=a,b), so the same
// values build the download links.

function listParam(params, name) {
  // Comma lists (our links, the API's style) and repeated names (a plain form
  // submit) both count.
  return [...new Set(params.getAll(name).flatMap((value) => value.split(',')).map((v) => v.trim()).filter(Boolean))];
}

import { SUPPORT_PARAMS, addSupportParams, readSupportState, sameSupport } from './support-filter.js';

// `known` holds the sector slugs and governorate codes the page offers;
// anything else in a link (an old or mistyped value) is dropped, because the
// API would answer it with 400.
export function readState(search, known) {
  const params = new URLSearchParams(search);
  const state = {
    sectors: listParam(params, 'sector').filter((slug) => known.sectors.has(slug)),
    governorates: listParam(params, 'governorate').map((code) => code.toUpperCase())
      .filter((code) => known.governorates.has(code)),
    q: (params.get('q') || '').slice(0, 300),
    ...readSupportState(params, known),
    view: null,
  };
  const view = /^(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(params.get('map') || '');
  if (view) {
    const [zoom, lat, lon] = [Number(view[1]), Number(view[2]), Number(view[3])];
    if (zoom <= 19 && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) state.view = { zoom, lat, lon };
  }
  return state;
}

export function filterParams(state) {
  const params = new URLSearchParams();
  if (state.sectors.length) params.set('sector', state.sectors.join(','));
  if (state.governorates.length) params.set('governorate', state.governorates.join(','));
  if (state.q.trim()) params.set('q', state.q.trim());
  addSupportParams(state, params);
  return params;
}

// Commas and slashes are legal in a query and far easier to read than %2C and %2F.
export function queryString(params) {
  const text = params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

export function viewParam(view) {
  // About a metre at street level, a few metres when zoomed out: enough
  // to restore the view, short enough to share.
  const digits = view.zoom >= 12 ? 5 : 4;
  return `${Math.round(view.zoom)}/${view.lat.toFixed(digits)}/${view.lon.toFixed(digits)}`;
}

// The page's query string: filters, view, and whatever else was there (embed=1).
export function pageSearch(state, view, currentSearch) {
  const params = filterParams(state);
  if (view) params.set('map', viewParam(view));
  const current = new URLSearchParams(currentSearch);
  for (const [name, value] of current) {
    if (!['sector', 'governorate', 'q', 'map', ...SUPPORT_PARAMS].includes(name)) params.append(name, value);
  }
  return queryString(params);
}

const sortedKey = (list) => [...list].sort().join(',');

export function sameFilters(a, b) {
  return a.q.trim() === b.q.trim() && sortedKey(a.sectors) === sortedKey(b.sectors) &&
    sortedKey(a.governorates) === sortedKey(b.governorates) && sameSupport(a, b);
}

// The filter values in a link that the page does not know (a mistyped or
// retired sector, say): readState drops them, and the page names them.
export function unknownFilters(search, known) {
  const params = new URLSearchParams(search);
  const unknown = [];
  for (const slug of listParam(params, 'sector')) {
    if (!known.sectors.has(slug)) unknown.push({ name: 'sector', value: slug });
  }
  for (const code of listParam(params, 'governorate')) {
    if (!known.governorates.has(code.toUpperCase())) unknown.push({ name: 'governorate', value: code });
  }
  return unknown;
}

// The cluster whose popup a link opens (?cluster=<slug>), or null.
export function linkedCluster(search) {
  const slug = new URLSearchParams(search).get('cluster');
  return slug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 80 ? slug : null;
}

// The page's query string with ?cluster= set to `slug`, or removed when null.
export function withCluster(search, slug) {
  const params = new URLSearchParams(search);
  if (slug) params.set('cluster', slug);
  else params.delete('cluster');
  return queryString(params);
}
