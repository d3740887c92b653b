// Strings come from Django's JavaScript catalog (/<lang>/jsi18n/), loaded as
// an external script before the modules; without it the English source shows.

const catalog = globalThis.django || {};

export function t(text) {
  return catalog.gettext ? catalog.gettext(text) : text;
}

export function nt(singular, plural, count) {
  if (catalog.ngettext) return catalog.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

// "%(count)s of %(total)s" with named values, the way Django's templates write them.
export function format(text, values) {
  return text.replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
}

// Western digits in both languages: the same figures as the API and the CSV
// export, so numbers copied from the page match the downloads. Counts, the
// page's usual numbers, are grouped here as Intl groups them in both
// languages ("1,234,567"): the first Intl.NumberFormat loads ICU's locale
// data, 30 to 90 ms of the map's start in headless Chromium.
const numberFormats = {};
export function formatNumber(value, lang) {
  if (Number.isSafeInteger(value) && value >= 0) return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
  if (!numberFormats[lang]) {
    numberFormats[lang] = new Intl.NumberFormat(lang === 'ar' ? 'ar-EG-u-nu-latn' : 'en');
  }
  return numberFormats[lang].format(value);
}
