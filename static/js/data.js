// The clusters as the map, the list and the filters use them: one record per
// feature of GET /api/v1/clusters/, with its search text folded once.

import { normalizeText } from './normalize.js';

export async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' } });
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
    props.products_ar, props.products_en,
    props.governorate.name_ar, props.governorate.name_en, aliases.governorates[props.governorate.iso_code],
  ];
  return normalizeText(parts.filter(Boolean).join(' \n '));
}

export function buildRecords(collection, config) {
  const lang = config.lang;
  const aliases = config.aliases || { clusters: {}, governorates: {} };
  const records = [];
  for (const feature of collection.features || []) {
    const geometry = feature.geometry;
    if (!geometry || geometry.type !== 'Point') continue;
    const props = feature.properties;
    const name = bilingual(props, 'name', lang);
    records.push({
      slug: props.slug,
      lon: geometry.coordinates[0],
      lat: geometry.coordinates[1],
      props,
      name: name.text,
      nameLang: name.lang,
      sector: props.sector.slug,
      sectorName: bilingual(props.sector, 'name', lang).text,
      color: props.sector.color,
      governorate: props.governorate.iso_code,
      governorateName: bilingual(props.governorate, 'name', lang).text,
      approximate: props.location_precision !== 'locality',
      searchText: searchText(props, aliases),
    });
  }
  // The list reads in alphabetical order of the page's language.
  const collator = new Intl.Collator(lang);
  records.sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  return records;
}
