// The clusters as the map, the list and the filters use them: one record per
// feature of GET /api/v1/clusters/, with its search text folded once.

import { normalizeText } from './normalize.js';
import { supportOfFeature } from './support-filter.js';

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

// The same fields, in the same order, as Cluster.build_search_text, so a
// search here finds what the API's q finds.
function searchText(props, aliases) {
  const parts = [
    props.name_ar, props.name_en, aliases.clusters[props.slug], props.locality_ar, props.locality_en,
    props.products_ar, props.products_en, props.sector.name_ar, props.sector.name_en,
    props.governorate.name_ar, props.governorate.name_en, aliases.governorates[props.governorate.iso_code],
  ];
  return normalizeText(parts.filter(Boolean).join(' \n '));
}

// A cluster as the page uses it. Its search text is folded on first use (or
// in idle time after start-up): folding 10,000 records would otherwise hold
// up the first paint of the markers by a quarter of a second.
class ClusterRecord {
  constructor(feature, lang, aliases) {
    const props = feature.properties;
    const name = bilingual(props, 'name', lang);
    this.slug = props.slug;
    this.lon = feature.geometry.coordinates[0];
    this.lat = feature.geometry.coordinates[1];
    this.props = props;
    this.name = name.text;
    this.nameLang = name.lang;
    this.sector = props.sector.slug;
    this.sectorName = bilingual(props.sector, 'name', lang).text;
    this.color = props.sector.color;
    this.governorate = props.governorate.iso_code;
    this.governorateName = bilingual(props.governorate, 'name', lang).text;
    this.approximate = props.location_precision !== 'locality';
    this.aliases = aliases;
    this.folded = null;
  }

  get searchText() {
    if (this.folded === null) this.folded = searchText(this.props, this.aliases);
    return this.folded;
  }
}

export function buildRecords(collection, config) {
  const lang = config.lang;
  const aliases = config.aliases || { clusters: {}, governorates: {} };
  const records = [];
  for (const feature of collection.features || []) {
    if (feature.geometry && feature.geometry.type === 'Point') {
      const record = new ClusterRecord(feature, lang, aliases);
      Object.assign(record, supportOfFeature(feature.properties, config));
      records.push(record);
    }
  }
  // The list reads in alphabetical order of the page's language.
  const collator = new Intl.Collator(lang);
  records.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  return records;
}

// Fold every record's search text in small slices while the browser is idle,
// so the first search is as quick as the later ones.
export function foldWhenIdle(records, slice = 500) {
  const idle = globalThis.requestIdleCallback || ((callback) => setTimeout(callback, 1));
  let next = 0;
  const step = () => {
    const end = Math.min(next + slice, records.length);
    for (; next < end; next += 1) void records[next].searchText;
    if (next < records.length) idle(step);
  };
  idle(step);
}
