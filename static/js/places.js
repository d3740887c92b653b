// Place search: when a search matches no cluster, find a governorate or a
// town of that name so the map can move there ("المنصورة", "Tanta").
// Governorates come from the boundaries the map already loaded; towns from
// the gazetteer (fixtures/places.csv, GeoNames), fetched on first need.

import { fetchJson } from './data.js';
import { normalizeText } from './normalize.js';

// Hyphens and apostrophes vary between spellings (El-Mansura, El Mansura).
const fold = (text) => normalizeText(text).replace(/[-'\u2019]/g, ' ').replace(/ +/g, ' ').trim();
// "مدينة طنطا", "مركز ملوي", "Tanta city": the place's own name decides.
const PREFIXES = ['مدينه ', 'مركز ', 'محافظه '];
const SUFFIXES = [' city', ' governorate', ' markaz'];

function variants(q) {
  const text = fold(q);
  const found = new Set([text]);
  for (const prefix of PREFIXES) if (text.startsWith(prefix)) found.add(text.slice(prefix.length));
  for (const suffix of SUFFIXES) if (text.endsWith(suffix)) found.add(text.slice(0, -suffix.length));
  found.delete('');
  return found;
}

export function createPlaceFinder({ url, lang, governorateAliases }) {
  let governorates = [];
  let towns = null;

  function townIndex() {
    towns ||= fetchJson(url).then((list) => list.map((place) => ({
      ...place,
      folded: new Set([place.name_ar, place.name_en, ...place.names].map(fold)),
    })));
    return towns;
  }

  // Folded at the first search, not while the map starts: most visits never need it.
  let boundaries = null;
  function governorateIndex() {
    if (boundaries) {
      governorates = boundaries.features.map((feature) => {
        const props = feature.properties;
        const aliases = (governorateAliases[props.iso_code] || '').split(/[|\n]/);
        return { iso: props.iso_code, props, feature, folded: new Set([props.name_ar, props.name_en, ...aliases].map(fold)) };
      });
      boundaries = null;
    }
    return governorates;
  }

  return {
    // The map's governorate boundaries, once loaded.
    setGovernorates(collection) {
      boundaries = collection;
    },
    // {kind: 'governorate', name, feature} or {kind: 'town', name, governorateName, lat, lon}, or null.
    async find(q) {
      const wanted = variants(q);
      if (!wanted.size) return null;
      const matches = (entry) => [...wanted].some((text) => entry.folded.has(text));
      const governorate = governorateIndex().find(matches);
      if (governorate) return { kind: 'governorate', name: governorate.props[`name_${lang}`], feature: governorate.feature };
      let list;
      try {
        list = await townIndex();
      } catch (error) {
        towns = null; // try again on the next search
        return null;
      }
      const town = list.find(matches);
      if (!town) return null;
      const home = governorates.find((entry) => entry.iso === town.governorate);
      return {
        kind: 'town',
        name: town[`name_${lang}`] || town.name_en,
        governorateName: home ? home.props[`name_${lang}`] : '',
        lat: town.lat,
        lon: town.lon,
      };
    },
  };
}
