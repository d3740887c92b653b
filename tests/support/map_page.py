"""Driving the public map page in browser tests (tests/browser/test_map*.py)."""

from urllib.parse import quote

COUNT_MARKERS = r"""() => {
  // What the map shows: the numbers on grouped markers plus the single markers.
  let n = 0;
  for (const el of document.querySelectorAll('.leaflet-marker-pane .marker-cluster .cluster-count')) {
    n += Number(el.textContent.replace(/\D/g, ''));
  }
  return n + document.querySelectorAll('.leaflet-marker-pane .cluster-marker').length;
}"""


def open_map(page, base_url, path="/en/"):
    page.goto(base_url + path)
    page.wait_for_selector("html[data-map-ready]", state="attached")


def list_slugs(page):
    return sorted(page.eval_on_selector_all("#result-list li", "items => items.map(li => li.dataset.slug)"))


def api_slugs(page, base_url, query=""):
    response = page.request.get(f"{base_url}/api/v1/clusters/?{query}")
    assert response.ok, response.text()
    return sorted(feature["id"] for feature in response.json()["features"])


def markers_on_map(page):
    return page.evaluate(COUNT_MARKERS)


def wait_for_markers(page, expected):
    page.wait_for_function(f"(expected) => ({COUNT_MARKERS})() === expected", arg=expected)


def wait_for_list(page, expected_count):
    page.wait_for_function("(n) => document.querySelectorAll('#result-list li').length === n", arg=expected_count)


def check(page, name, value):
    """Tick a filter checkbox, opening its group first as a visitor would."""
    group = page.locator(f"details:has(input[name='{name}'][value='{value}'])")
    if not group.evaluate("details => details.open"):
        group.locator("summary").click()
    page.locator(f"input[name='{name}'][value='{value}']").check()


def search(page, text):
    page.fill("#filter-q", text)
    page.wait_for_function("(q) => new URLSearchParams(location.search).get('q') === q", arg=text.strip())


def assert_clean(page):
    """Nothing left localhost but stubbed tiles, and nothing went wrong in the console."""
    assert page.recorder.external_requests == []
    assert page.recorder.console_errors == []
    assert page.recorder.page_errors == []


def q(text):
    return "q=" + quote(text)
