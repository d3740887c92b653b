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
// export, so numbers copied from the page match the downloads.
const numberFormats = {};
export function formatNumber(value, lang) {
  if (!numberFormats[lang]) {
    numberFormats[lang] = new Intl.NumberFormat(lang === 'ar' ? 'ar-EG-u-nu-latn' : 'en');
  }
  return numberFormats[lang].format(value);
}
