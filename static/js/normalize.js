// Arabic-aware folding, the browser twin of clusters/text.py normalize_text.
// fixtures/normalize_cases.json holds the cases both must pass; a browser
// test also compares the two over the whole Basic Multilingual Plane.

import { casefold } from './casefold.js';

const FOLD = {
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0622': '\u0627', // آ
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0649': '\u064a', // ى
  '\u0629': '\u0647', // ة
};
const FOLD_RE = /[\u0623\u0625\u0622\u0671\u0649\u0629]/g;
// Tatweel, harakat (fathatan..sukun), superscript alef, Quranic marks.
const IGNORED_RE = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;
// Python's str.isspace() set, which is what `\s` means to its re module;
// JavaScript's `\s` differs (it takes U+FEFF, misses U+001C-001F and U+0085).
const SPACE_RE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

export function normalizeText(value) {
  if (!value) return '';
  let text = String(value).normalize('NFKC');
  text = text.replace(IGNORED_RE, '');
  text = text.replace(FOLD_RE, (ch) => FOLD[ch]);
  text = casefold(text);
  return text.replace(SPACE_RE, ' ').replace(/^ +| +$/g, '');
}
