// The clusters as the map, the list and the filters use them: one record per
// position in the columns of GET /api/v1/map/clusters/ (clusters/mapdata.py),
// the map's compact answer. They come ordered by name in the page's language
// and carry no search text: search asks the server (searchSlugs), so 100,000
// records need neither sorting nor folding here.

import { createSupportOf } from './support-filter.js';

// A plain GET, no custom headers: it must match the page's <link rel=preload>
// to reuse that download instead of asking twice.
export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

const OTHER = { ar: 'en', en: 'ar' };

// The page language's value, else the other's: {text, lang}, so that a
// fallback can carry its own lang attribute.
export function bilingual(props, field, lang) {
  const own = props[`${field}_${lang}`];
  if (own && own.trim()) return { text: own, lang };
  const other = OTHER[lang] || 'en';
  return { text: props[`${field}_${other}`] || '', lang: other };
}

// A cluster as the page uses it. It is also the point supercluster indexes
// (markers.js): `geometry` and `properties` are read from the prototype, so
// that 100,000 records are not 400,000 objects (their making and collecting
// was a fifth of the map's start at 100,000 clusters).
class ClusterRecord {
  constructor(columns, i, lookups, lang, unsupported) {
    this.slug = columns.slug[i];
    this.lon = columns.lon[i];
    this.lat = columns.lat[i];
    this.name = columns.name[i];
    this.nameLang = lang;
    this.localityText = columns.locality[i];
    this.localityLang = lang;
    const sector = lookups.sectors[columns.sector[i]] || {};
    this.sector = sector.slug;
    this.sectorName = sector.name || '';
    this.color = sector.color || '#555555';
    const governorate = lookups.governorates[columns.governorate[i]] || {};
    this.governorate = governorate.iso;
    this.governorateName = governorate.name || '';
    this.precision = lookups.precisions[columns.precision[i]];
    this.approximate = this.precision !== 'locality';
    this.enterprises = columns.enterprises[i];
    this.employment = columns.employment[i];
    // Supported clusters get theirs in buildRecords.
    this.programmes = unsupported.programmes;
    this.organisations = unsupported.organisations;
  }

  get locality() {
    return { text: this.localityText, lang: this.localityLang };
  }

  // GeoJSON's shape, as supercluster reads a point: made only while it indexes.
  get geometry() {
    return { type: 'Point', coordinates: [this.lon, this.lat] };
  }

  get properties() {
    return this;
  }
}

// Sectors and governorates by the answer's index, named as the page names them (config).
function lookupsFor(answer, config) {
  const sectorBySlug = new Map(config.sectors.map((sector) => [sector.slug, sector]));
  const governorateByIso = new Map(config.governorates.map((governorate) => [governorate.iso, governorate]));
  return {
    sectors: answer.sectors.map((slug) => sectorBySlug.get(slug) || { slug, name: slug, color: '#555555' }),
    governorates: answer.governorates.map((iso) => governorateByIso.get(iso) || { iso, name: iso }),
    precisions: answer.precisions,
  };
}

export function buildRecords(answer, config) {
  const lang = config.lang;
  const otherLang = OTHER[lang] || 'en';
  const lookups = lookupsFor(answer, config);
  const support = createSupportOf(config);
  const unsupported = support([]);
  const { columns } = answer;
  const records = new Array(answer.count);
  for (let i = 0; i < answer.count; i += 1) records[i] = new ClusterRecord(columns, i, lookups, lang, unsupported);
  // The exceptions, listed by position: a text in the other language, a supported cluster.
  for (const i of answer.name_other) records[i].nameLang = otherLang;
  for (const i of answer.locality_other) records[i].localityLang = otherLang;
  for (const [i, slugs] of answer.programmes) {
    const { programmes, organisations } = support(slugs);
    records[i].programmes = programmes;
    records[i].organisations = organisations;
  }
  return records;
}

// The slugs the API's q finds, asked of the server: its search text (names
// and aliases in both languages, localities, products, sector and
// governorate names, folded) never comes to the page. Kept per text, so
// going back to an earlier search asks nothing.
export function createSearch(url, lang) {
  const found = new Map();
  return async function searchSlugs(q) {
    const key = q.trim();
    if (!found.has(key)) {
      const params = new URLSearchParams({ lang, q: key });
      const request = fetchJson(`${url}?${params}`).then((answer) => new Set(answer.columns.slug));
      found.set(key, request);
      // A failed search may be tried again.
      request.catch(() => found.delete(key));
    }
    return found.get(key);
  };
}
