"""The statistics page in Chromium, in both languages: drawn, readable, linked with the map, printable."""

import pytest

from tests.support.map_page import assert_clean, open_map

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
"""


@pytest.fixture
def stats_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_charts_and_tables_are_drawn_without_script_or_violation(live_seeded, stats_page, lang):
    page = stats_page
    page.goto(f"{live_seeded.url}/{lang}/stats/")
    for key in ("sector", "governorate", "precision"):
        chart = page.locator(f"#chart-{key}")
        assert chart.locator(".bar-row").count() > 0
        # A drawn bar has a width on screen, and the table under it has its rows.
        assert chart.locator("svg.bar rect").first.bounding_box()["width"] > 50
        assert chart.locator("table.chart-table tbody tr").count() == chart.locator(".bar-row").count()
    assert page.locator("#chart-governorate-map path").count() == 27
    assert page.locator("#headline .figure").count() == 5
    assert page.evaluate("window.__csp") == []
    assert_clean(page)


def test_arabic_bars_read_right_to_left(live_seeded, page):
    page.goto(f"{live_seeded.url}/ar/stats/")
    label = _box(page, "#chart-sector .bar-label")
    bar = _box(page, "#chart-sector svg.bar")
    rect = _box(page, "#chart-sector svg.bar rect")
    # Labels on the right of the bars; the longest bar starts at the right end of its track.
    assert label["x"] > bar["x"] + bar["width"] - 1
    assert abs((rect["x"] + rect["width"]) - (bar["x"] + bar["width"])) < 2
    second = page.locator("#chart-sector svg.bar rect").nth(1).bounding_box()
    assert abs((second["x"] + second["width"]) - (bar["x"] + bar["width"])) < 2


def test_english_bars_read_left_to_right(live_seeded, page):
    page.goto(f"{live_seeded.url}/en/stats/")
    label = _box(page, "#chart-sector .bar-label")
    bar = _box(page, "#chart-sector svg.bar")
    assert label["x"] + label["width"] < bar["x"] + 1
    assert abs(_box(page, "#chart-sector svg.bar rect")["x"] - bar["x"]) < 2


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_filters_round_trip_between_map_and_statistics(live_seeded, page, lang):
    open_map(page, live_seeded.url, f"/{lang}/?governorate=EG-DT")
    # The map links to the statistics of its selection...
    page.locator("#stats-link").click()
    page.wait_for_url(f"**/{lang}/stats/?governorate=EG-DT")
    count = page.locator("#headline .figure-value").first.inner_text()
    # ...and a bar links back to the map filtered to it, keeping the selection.
    page.locator("#chart-sector a.bar-link").first.click()
    page.wait_for_selector("html[data-map-ready]", state="attached")
    assert "governorate=EG-DT" in page.url and "sector=" in page.url
    page.goto(f"{live_seeded.url}/{lang}/?governorate=EG-DT")
    page.wait_for_selector("html[data-map-ready]", state="attached")
    assert page.locator("#result-list li").count() == int(count)
    assert_clean(page)


def test_csv_download_per_chart(live_seeded, page):
    page.goto(f"{live_seeded.url}/en/stats/?governorate=EG-DT")
    href = page.locator("#chart-sector .chart-download a").get_attribute("href")
    response = page.request.get(f"{live_seeded.url}/en/stats/{href}")
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    assert response.text().count("\n") == page.locator("#chart-sector .bar-row").count() + 1


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_prints_as_an_a4_report(live_seeded, page, lang):
    page.goto(f"{live_seeded.url}/{lang}/stats/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".chart-download").first.is_visible()
    assert page.locator("table.chart-table").first.is_visible()
    assert page.locator("#chart-sector svg.bar rect").first.is_visible()
    # Nothing wider than the A4 page's printable width (210 mm less margins, at 96 dpi).
    page.set_viewport_size({"width": 704, "height": 1000})
    assert page.evaluate("document.documentElement.scrollWidth") <= 704
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"
