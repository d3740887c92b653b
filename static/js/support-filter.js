// Who supports a cluster: the map's programme, organisation and
// "supported / not yet supported" filters, in one module so the other
// modules only call in. Names and meanings are the API's
// (?programme=<slug>&organisation=<slug>&supported=true|false), so the
// same values build the download links.

import { format, t } from './i18n.js';

export const SUPPORT_PARAMS = ['programme', 'organisation', 'supported'];

export function emptySupport() {
  return { programme: '', organisation: '', supported: '' };
}

// The choices a link may name: the published programmes and organisations
// the page offers. Anything else is dropped (and named by unknownSupport),
// because the API would answer it with 400.
export function knownSupport(config) {
  return {
    programmes: new Set((config.programmes || []).map((programme) => programme.slug)),
    organisations: new Set((config.organisations || []).map((organisation) => organisation.slug)),
  };
}

export function readSupportState(params, known) {
  const programme = params.get('programme') || '';
  const organisation = params.get('organisation') || '';
  const supported = params.get('supported') || '';
  return {
    programme: known.programmes && known.programmes.has(programme) ? programme : '',
    organisation: known.organisations && known.organisations.has(organisation) ? organisation : '',
    supported: supported === 'true' || supported === 'false' ? supported : '',
  };
}

export function unknownSupport(params, known) {
  const unknown = [];
  const programme = params.get('programme');
  if (programme && !(known.programmes && known.programmes.has(programme))) {
    unknown.push({ name: 'programme', value: programme });
  }
  const organisation = params.get('organisation');
  if (organisation && !(known.organisations && known.organisations.has(organisation))) {
    unknown.push({ name: 'organisation', value: organisation });
  }
  const supported = params.get('supported');
  if (supported && supported !== 'true' && supported !== 'false') unknown.push({ name: 'supported', value: supported });
  return unknown;
}

export function addSupportParams(state, params) {
  for (const name of SUPPORT_PARAMS) {
    if (state[name]) params.set(name, state[name]);
  }
  return params;
}

export function sameSupport(a, b) {
  return SUPPORT_PARAMS.every((name) => (a[name] || '') === (b[name] || ''));
}

export function hasSupportFilter(state) {
  return SUPPORT_PARAMS.some((name) => state[name]);
}

// A record's programmes come with the map's row (the slugs of the published
// programmes that support it); its organisations follow from the programmes
// the page knows. The lookup is made once for all records, and the many
// records without support share one empty answer (100,000 records, 100,000
// fewer Maps and Sets).
export function createSupportOf(config) {
  const byProgramme = new Map((config.programmes || []).map((p) => [p.slug, p.organisations || []]));
  const none = Object.freeze({ programmes: Object.freeze([]), organisations: new Set() });
  return (programmes) => {
    if (!programmes || !programmes.length) return none;
    const organisations = new Set();
    for (const slug of programmes) for (const organisation of byProgramme.get(slug) || []) organisations.add(organisation);
    return { programmes, organisations };
  };
}

export function supportMatches(state, record) {
  if (state.programme && !record.programmes.includes(state.programme)) return false;
  if (state.organisation && !record.organisations.has(state.organisation)) return false;
  if (state.supported === 'true' && !record.programmes.length) return false;
  if (state.supported === 'false' && record.programmes.length) return false;
  return true;
}

// The form's three selects.
export function readSupportForm(form) {
  const value = (name) => {
    const field = form.elements.namedItem(name);
    return field ? field.value : '';
  };
  return { programme: value('programme'), organisation: value('organisation'), supported: value('supported') };
}

export function writeSupportForm(form, state) {
  for (const name of SUPPORT_PARAMS) {
    const field = form.elements.namedItem(name);
    if (field) field.value = state[name] || '';
  }
}

// What the legend says is shown, or '' when every cluster is.
export function supportLegendText(state, config) {
  const name = (list, slug) => {
    const found = (list || []).find((item) => item.slug === slug);
    return found ? found.name : slug;
  };
  const parts = [];
  if (state.programme) {
    parts.push(format(t('Supported by the programme “%(name)s”'), { name: name(config.programmes, state.programme) }));
  }
  if (state.organisation) {
    parts.push(format(t('Supported by a programme of “%(name)s”'), {
      name: name(config.organisations, state.organisation),
    }));
  }
  if (state.supported === 'true') parts.push(t('Clusters with recorded support'));
  if (state.supported === 'false') parts.push(t('Clusters with no recorded support yet'));
  return parts.join('; ');
}
