// The clusters as the map, the list and the filters use them: one record per
// row of GET /api/v1/map/clusters/ (clusters/mapdata.py), the map's compact
// answer. The rows come ordered by name in the page's language and carry no
// search text: search asks the server (searchSlugs), so 100,000 records need
// neither sorting nor folding here.

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
  constructor(row, at, lookups, lang, support) {
    const other = OTHER[lang] || 'en';
    this.slug = row[at.slug];
    this.lon = row[at.lon];
    this.lat = row[at.lat];
    this.name = row[at.name];
    this.nameLang = row[at.name_other] ? other : lang;
    this.localityText = row[at.locality];
    this.localityLang = row[at.locality_other] ? other : lang;
    const sector = lookups.sectors[row[at.sector]] || {};
    this.sector = sector.slug;
    this.sectorName = sector.name || '';
    this.color = sector.color || '#555555';
    const governorate = lookups.governorates[row[at.governorate]] || {};
    this.governorate = governorate.iso;
    this.governorateName = governorate.name || '';
    this.precision = lookups.precisions[row[at.precision]];
    this.approximate = this.precision !== 'locality';
    this.enterprises = row[at.enterprises];
    this.employment = row[at.employment];
    const { programmes, organisations } = support(row[at.programmes]);
    this.programmes = programmes;
    this.organisations = organisations;
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
  const at = Object.fromEntries(answer.fields.map((field, index) => [field, index]));
  const lookups = lookupsFor(answer, config);
  const support = createSupportOf(config);
  const records = new Array(answer.clusters.length);
  for (let i = 0; i < answer.clusters.length; i += 1) {
    records[i] = new ClusterRecord(answer.clusters[i], at, lookups, config.lang, support);
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
      const request = fetchJson(`${url}?${params}`).then((answer) => {
        const at = answer.fields.indexOf('slug');
        return new Set(answer.clusters.map((row) => row[at]));
      });
      found.set(key, request);
      // A failed search may be tried again.
      request.catch(() => found.delete(key));
    }
    return found.get(key);
  };
}
