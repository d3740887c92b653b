// The list of matching clusters beside the map: a full keyboard and screen
// reader alternative to it. Items are buttons that show the cluster on the
// map, plus a link to its page. Long lists grow by pages so that 10,000
// results never mean 10,000 DOM nodes at once.

import { t } from './i18n.js';

const PAGE = 100;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Bring the item into view inside the side panel only: on a phone the list
// sits under the map, and scrolling the page would hide the popup just opened.
function scrollWithin(box, node) {
  if (!box || box.scrollHeight <= box.clientHeight) return;
  const outer = box.getBoundingClientRect();
  const inner = node.getBoundingClientRect();
  if (inner.top < outer.top) box.scrollTop -= outer.top - inner.top;
  else if (inner.bottom > outer.bottom) box.scrollTop += inner.bottom - outer.bottom;
}

export function createList(listNode, moreButton, { lang, pageUrl, onChoose, scrollBox }) {
  let records = [];
  let rendered = 0;
  let current = null;
  const items = new Map();

  function renderItem(record) {
    const li = el('li', 'result');
    li.dataset.slug = record.slug;
    const button = el('button', 'result-show');
    button.type = 'button';
    const swatch = el('span', 'swatch');
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.setProperty('--swatch', record.color);
    const name = el('span', 'result-name', record.name);
    name.dir = 'auto';
    if (record.nameLang !== lang) name.lang = record.nameLang;
    const meta = el('span', 'result-meta', `${record.sectorName} · ${record.governorateName}`);
    meta.dir = 'auto';
    button.append(swatch, name, meta);
    if (record.approximate) button.append(el('span', 'result-flag', t('approximate location')));
    button.addEventListener('click', () => onChoose(record));
    const link = el('a', 'result-link', t('Page'));
    link.href = pageUrl(record.slug);
    link.setAttribute('aria-label', `${t('Cluster page')}: ${record.name}`);
    li.append(button, link);
    if (current === record.slug) li.classList.add('is-current');
    items.set(record.slug, li);
    return li;
  }

  function renderMore() {
    const next = records.slice(rendered, rendered + PAGE);
    listNode.append(...next.map(renderItem));
    rendered += next.length;
    moreButton.hidden = rendered >= records.length;
  }

  moreButton.addEventListener('click', () => {
    const firstNew = rendered;
    renderMore();
    // Keyboard users carry on where the new items begin.
    const item = listNode.children[firstNew];
    if (item) item.querySelector('button').focus();
  });

  return {
    show(newRecords) {
      records = newRecords;
      rendered = 0;
      items.clear();
      listNode.replaceChildren();
      renderMore();
    },
    // Mark the cluster whose popup is open, rendering up to it if need be.
    setCurrent(slug) {
      const previous = current && items.get(current);
      if (previous) previous.classList.remove('is-current');
      current = slug;
      if (!slug) return;
      const index = records.findIndex((record) => record.slug === slug);
      if (index < 0) return;
      while (rendered <= index) renderMore();
      const li = items.get(slug);
      li.classList.add('is-current');
      scrollWithin(scrollBox, li);
    },
  };
}
