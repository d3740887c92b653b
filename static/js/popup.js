// The popup of one cluster, built with DOM calls and textContent only: names
// come from staff and spreadsheets and must never be parsed as HTML.

import { formatNumber, t } from './i18n.js';
import { precisionNote } from './precision.js';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Mixed Arabic and Latin text keeps its own direction; a fallback in the
// other language says which language it is.
function dataText(tag, className, value, pageLang) {
  const node = el(tag, className, value.text);
  node.dir = 'auto';
  if (value.lang !== pageLang) node.lang = value.lang;
  return node;
}

function addRow(list, label, valueNode) {
  list.append(el('dt', null, label));
  const dd = el('dd');
  dd.append(valueNode);
  list.append(dd);
}

export function buildPopup(record, { lang, pageUrl, correctionUrl }) {
  const root = el('div', 'popup');
  root.append(dataText('h3', 'popup-title', { text: record.name, lang: record.nameLang }, lang));

  const sector = el('p', 'popup-sector');
  const swatch = el('span', 'swatch');
  swatch.setAttribute('aria-hidden', 'true');
  swatch.style.setProperty('--swatch', record.color);
  sector.append(swatch, dataText('span', null, { text: record.sectorName, lang }, lang));
  root.append(sector);

  const facts = el('dl', 'popup-facts');
  addRow(facts, t('Governorate'), dataText('span', null, { text: record.governorateName, lang }, lang));
  if (record.locality.text) addRow(facts, t('Locality'), dataText('span', null, record.locality, lang));
  if (record.enterprises != null) addRow(facts, t('Enterprises'), el('span', null, formatNumber(record.enterprises, lang)));
  if (record.employment != null) addRow(facts, t('Employment'), el('span', null, formatNumber(record.employment, lang)));
  root.append(facts);

  const note = precisionNote(record.precision);
  if (note) root.append(el('p', 'popup-note', note));

  const link = el('a', 'popup-link', t('Open the cluster page'));
  link.href = pageUrl;
  root.append(link);
  if (correctionUrl) {
    const suggest = el('a', 'popup-correction', t('Suggest a correction'));
    suggest.href = correctionUrl;
    root.append(suggest);
  }
  return root;
}
