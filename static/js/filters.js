// Which records a filter state keeps. Runs in the browser on the data
// already loaded; the rules mirror the API's (see clusters/api/selectors.py).

import { normalizeText } from './normalize.js';
import { emptySupport, hasSupportFilter, supportMatches } from './support-filter.js';

export function emptyState() {
  return { sectors: [], governorates: [], q: '', ...emptySupport() };
}

// Like the API's q: folded, split on spaces, every term must occur.
export function searchTerms(q) {
  return [...new Set(normalizeText(q).split(' ').filter(Boolean))];
}

function predicate(state, { skipSectors = false, skipGovernorates = false } = {}) {
  const sectors = skipSectors ? null : new Set(state.sectors);
  const governorates = skipGovernorates ? null : new Set(state.governorates);
  const terms = searchTerms(state.q);
  return (record) =>
    (!sectors || !sectors.size || sectors.has(record.sector)) &&
    (!governorates || !governorates.size || governorates.has(record.governorate)) &&
    terms.every((term) => record.searchText.includes(term)) &&
    supportMatches(state, record);
}

export function filterRecords(records, state) {
  return records.filter(predicate(state));
}

// How many records each choice would leave, given the other filters: the
// numbers beside the checkboxes.
export function facetCounts(records, state) {
  const bySector = new Map();
  const byGovernorate = new Map();
  const keepForSectors = predicate(state, { skipSectors: true });
  const keepForGovernorates = predicate(state, { skipGovernorates: true });
  for (const record of records) {
    if (keepForSectors(record)) bySector.set(record.sector, (bySector.get(record.sector) || 0) + 1);
    if (keepForGovernorates(record)) {
      byGovernorate.set(record.governorate, (byGovernorate.get(record.governorate) || 0) + 1);
    }
  }
  return { bySector, byGovernorate };
}

export function isEmptyState(state) {
  return !state.sectors.length && !state.governorates.length && !state.q.trim() && !hasSupportFilter(state);
}
