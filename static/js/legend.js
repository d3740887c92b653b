// The map's legend: shading per governorate, exact versus approximate
// markers, and the colours of the sectors on show. Built with the DOM only.

import { format, formatNumber, t } from './i18n.js';

const L = globalThis.L;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function item(swatchClass, color, label) {
  const li = el('li', 'legend-item');
  const swatch = el('span', swatchClass);
  swatch.setAttribute('aria-hidden', 'true');
  if (color) swatch.style.setProperty('--swatch', color);
  const text = el('span', null, label);
  text.dir = 'auto';
  li.append(swatch, text);
  return li;
}

export function createLegend(map, { position, lang, open }) {
  const details = el('details', 'legend');
  details.open = open;
  details.append(el('summary', 'legend-summary', t('Legend')));
  // What the support filters keep, in words: a marker does not say who supports its cluster.
  const shownNote = el('p', 'legend-shown');
  shownNote.id = 'legend-shown';
  shownNote.hidden = true;
  details.append(shownNote);
  const choropleth = el('ul', 'legend-list');
  const markers = el('ul', 'legend-list');
  markers.append(
    item('legend-dot', '#555555', t('Exact location (town or village)')),
    item('legend-dot is-approximate', '#555555', t('Approximate location')),
  );
  const sectors = el('ul', 'legend-list legend-sectors');
  const sectorsHeading = el('h2', 'legend-heading', t('Sectors'));
  details.append(
    el('h2', 'legend-heading', t('Clusters per governorate')), choropleth,
    el('h2', 'legend-heading', t('Markers')), markers,
    sectorsHeading, sectors,
  );

  const Control = L.Control.extend({
    onAdd() {
      const container = el('div', 'leaflet-control legend-control');
      container.append(details);
      // Scrolling or clicking the legend must not pan or zoom the map.
      L.DomEvent.disableClickPropagation(container);
      L.DomEvent.disableScrollPropagation(container);
      return container;
    },
  });
  new Control({ position }).addTo(map);
  // On paper the legend is always open: a closed one would print as a bare word.
  let openBeforePrint = null;
  window.addEventListener('beforeprint', () => {
    openBeforePrint = details.open;
    details.open = true;
  });
  window.addEventListener('afterprint', () => {
    if (openBeforePrint !== null) details.open = openBeforePrint;
  });

  return {
    // '' hides the note: every cluster is shown.
    setShown(text) {
      shownNote.textContent = text;
      shownNote.hidden = !text;
    },
    setClasses(classes) {
      const rows = [item('legend-box', '#f7f7f7', formatNumber(0, lang))];
      for (const c of classes) {
        const label = c.to === Infinity
          ? format(t('%(from)s or more'), { from: formatNumber(c.from, lang) })
          : c.from === c.to ? formatNumber(c.from, lang)
            : format(t('%(from)s to %(to)s'), { from: formatNumber(c.from, lang), to: formatNumber(c.to, lang) });
        rows.push(item('legend-box', c.color, label));
      }
      choropleth.replaceChildren(...rows);
    },
    // [{name, color}] of the sectors among the clusters shown.
    setSectors(list) {
      sectors.replaceChildren(...list.map((s) => item('legend-dot', s.color, s.name)));
      // No heading over nothing when no cluster is shown.
      sectorsHeading.hidden = !list.length;
    },
    // The legend's box when open, so a fit can keep the data out from under it.
    openBox() {
      return details.open ? details.getBoundingClientRect() : null;
    },
  };
}
