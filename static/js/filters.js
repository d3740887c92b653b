// Which records a filter state keeps. Runs in the browser on the data
// already loaded; the rules mirror the API's (see clusters/selectors.py).
// Search is the exception: `found` is the set of slugs the server's q found
// (data.js createSearch), null when there is no search text.

import { emptySupport, hasSupportFilter, supportMatches } from './support-filter.js';

export function emptyState() {
  return { sectors: [], governorates: [], q: '', ...emptySupport() };
}

function predicate(state, found, { skipSectors = false, skipGovernorates = false } = {}) {
  const sectors = skipSectors ? null : new Set(state.sectors);
  const governorates = skipGovernorates ? null : new Set(state.governorates);
  return (record) =>
    (!sectors || !sectors.size || sectors.has(record.sector)) &&
    (!governorates || !governorates.size || governorates.has(record.governorate)) &&
    (!found || found.has(record.slug)) &&
    supportMatches(state, record);
}

export function filterRecords(records, state, found = null) {
  return records.filter(predicate(state, found));
}

// How many records each choice would leave, given the other filters: the
// numbers beside the checkboxes.
export function facetCounts(records, state, found = null) {
  const bySector = new Map();
  const byGovernorate = new Map();
  const keepForSectors = predicate(state, found, { skipSectors: true });
  const keepForGovernorates = predicate(state, found, { skipGovernorates: true });
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
