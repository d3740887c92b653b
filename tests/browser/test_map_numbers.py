"""static/js/i18n.js formatNumber: its own grouping of counts is what Intl.NumberFormat writes, in both languages."""

import pytest

pytestmark = pytest.mark.browser

RUN = """async () => {
  const { formatNumber } = await import('/static/js/i18n.js');
  const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 1234567, 98765432,
    Number.MAX_SAFE_INTEGER];
  for (let i = 0; i < 2000; i += 1) values.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
  const differences = [];
  for (const [lang, locale] of [['ar', 'ar-EG-u-nu-latn'], ['en', 'en']]) {
    const intl = new Intl.NumberFormat(locale);
    for (const value of values) {
      if (formatNumber(value, lang) !== intl.format(value)) differences.push([lang, value, formatNumber(value, lang)]);
    }
    // What is not a count still goes to Intl.
    for (const value of [-12, 2.5, 1e21]) {
      if (formatNumber(value, lang) !== intl.format(value)) differences.push([lang, value, formatNumber(value, lang)]);
    }
  }
  return differences;
}"""


def test_counts_are_grouped_as_intl_groups_them(live_server, page):
    page.goto(f"{live_server.url}/en/about/")
    assert page.evaluate(RUN) == []
