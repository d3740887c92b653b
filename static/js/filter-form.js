// The filter form: reads and writes the controls, shows how many clusters
// each choice would leave, and reports what the visitor changed.

import { format, formatNumber, t } from './i18n.js';
import { readSupportForm, writeSupportForm } from './support-filter.js';

const SEARCH_PAUSE_MS = 250;

export function createFilterForm(form, { lang, onChange, onReset }) {
  const search = form.elements.namedItem('q');
  const boxes = (name) => [...form.querySelectorAll(`input[type=checkbox][name="${name}"]`)];
  const sectorBoxes = boxes('sector');
  const governorateBoxes = boxes('governorate');

  // Swatch colours through the CSSOM (no style attributes in the markup).
  for (const swatch of form.querySelectorAll('.swatch[data-color]')) {
    swatch.style.setProperty('--swatch', swatch.dataset.color);
  }

  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange('q'), SEARCH_PAUSE_MS);
  });
  form.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox' || event.target.tagName === 'SELECT') onChange('facet');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    onChange('submit');
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    onReset();
  });

  function showChosen(detailsId, chosen) {
    const node = form.querySelector(`#${detailsId} [data-chosen]`);
    node.textContent = chosen ? format(t('(%(count)s chosen)'), { count: formatNumber(chosen, lang) }) : '';
  }

  return {
    read() {
      return {
        sectors: sectorBoxes.filter((box) => box.checked).map((box) => box.value),
        governorates: governorateBoxes.filter((box) => box.checked).map((box) => box.value),
        q: search.value,
        ...readSupportForm(form),
      };
    },
    write(state) {
      const sectors = new Set(state.sectors);
      const governorates = new Set(state.governorates);
      for (const box of sectorBoxes) box.checked = sectors.has(box.value);
      for (const box of governorateBoxes) box.checked = governorates.has(box.value);
      if (search.value.trim() !== state.q.trim()) search.value = state.q;
      writeSupportForm(form, state);
      showChosen('facet-sector', sectors.size);
      showChosen('facet-governorate', governorates.size);
    },
    setCounts({ bySector, byGovernorate }) {
      for (const node of form.querySelectorAll('[data-count-for]')) {
        const key = node.dataset.countFor;
        const count = (bySector.get(key) ?? byGovernorate.get(key)) || 0;
        node.textContent = formatNumber(count, lang);
        node.closest('.facet-option').classList.toggle('is-empty', count === 0);
      }
    },
  };
}
