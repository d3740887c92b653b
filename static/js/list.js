// The list of matching clusters beside the map: a full keyboard and screen
// reader alternative to it. Items are buttons that show the cluster on the
// map, plus a link to its page. Long lists grow by pages, and the DOM holds a
// window of at most WINDOW items: 100,000 results never mean 100,000 nodes.
// Past the window the earliest page goes and "Show earlier" brings it back;
// choosing a cluster on the map jumps the window to its page.

import { t } from './i18n.js';

const PAGE = 100;
const WINDOW = 500;

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

export function createList(listNode, moreButton, { lang, pageUrl, onChoose, scrollBox, earlierButton }) {
  let records = [];
  // The items in the DOM are records[start .. end).
  let start = 0;
  let end = 0;
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

  function drop(node) {
    items.delete(node.dataset.slug);
    node.remove();
  }

  function updateButtons() {
    moreButton.hidden = end >= records.length;
    if (earlierButton) earlierButton.hidden = start <= 0;
    // The numbers the list reads out stay those of the whole result.
    listNode.start = start + 1;
  }

  function renderMore() {
    const next = records.slice(end, end + PAGE);
    listNode.append(...next.map(renderItem));
    end += next.length;
    while (end - start > WINDOW) {
      drop(listNode.firstElementChild);
      start += 1;
    }
    updateButtons();
    return next.length;
  }

  function renderEarlier() {
    const from = Math.max(0, start - PAGE);
    const earlier = records.slice(from, start);
    listNode.prepend(...earlier.map(renderItem));
    start = from;
    while (end - start > WINDOW) {
      drop(listNode.lastElementChild);
      end -= 1;
    }
    updateButtons();
    return earlier.length;
  }

  // The page holding records[index], alone in the DOM.
  function showPageOf(index) {
    start = Math.floor(index / PAGE) * PAGE;
    end = start;
    items.clear();
    listNode.replaceChildren();
    renderMore();
  }

  moreButton.addEventListener('click', () => {
    const added = renderMore();
    // Keyboard users carry on where the new items begin.
    const item = listNode.children[listNode.children.length - added];
    if (item) item.querySelector('button').focus();
  });
  if (earlierButton) {
    earlierButton.addEventListener('click', () => {
      const added = renderEarlier();
      // The last of the new items sits just above where the reader was.
      const item = listNode.children[added - 1];
      if (item) item.querySelector('button').focus();
    });
  }

  return {
    show(newRecords) {
      records = newRecords;
      showPageOf(0);
    },
    // Mark the cluster whose popup is open, showing its page if need be.
    setCurrent(slug) {
      const previous = current && items.get(current);
      if (previous) previous.classList.remove('is-current');
      current = slug;
      if (!slug) return;
      const index = records.findIndex((record) => record.slug === slug);
      if (index < 0) return;
      if (index < start || index >= end) showPageOf(index);
      const li = items.get(slug);
      li.classList.add('is-current');
      scrollWithin(scrollBox, li);
    },
  };
}
