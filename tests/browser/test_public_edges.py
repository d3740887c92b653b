"""The public side's rough edges, in Chromium and both languages: the 404 page, ?cluster=,
unknown filter values, the empty result, the place search, the legend at 1366x850."""

import pytest

from tests.support.map_page import assert_clean, open_map, search

pytestmark = pytest.mark.browser

LANGS = pytest.mark.parametrize("lang", ["ar", "en"])


@LANGS
def test_404_page_speaks_the_page_language_and_leads_back_to_the_map(live_seeded, page, lang):
    response = page.goto(f"{live_seeded.url}/{lang}/no-such-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".site-header").is_visible()
    page.locator(".error-page a.button").click()
    page.wait_for_selector("html[data-map-ready]", state="attached")
    assert page.url.endswith(f"/{lang}/")
    # The 404 itself logs a console error (the failed document request); nothing else may.
    assert page.recorder.page_errors == [] and page.recorder.external_requests == []


@LANGS
def test_cluster_link_opens_its_popup_and_marks_it_in_the_list(live_seeded, page, lang):
    open_map(page, live_seeded.url, f"/{lang}/?cluster=damietta-furniture")
    page.locator(".leaflet-popup-content .popup-title").wait_for()
    page.locator("#result-list li.is-current[data-slug='damietta-furniture']").wait_for()
    # Closing the popup takes the cluster out of the address; opening one puts it in: a permalink.
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('cluster')")
    page.locator("#result-list li[data-slug='akhmim-handweaving'] .result-show").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('cluster') === 'akhmim-handweaving'")
    assert_clean(page)


def test_cluster_page_links_to_its_popup_and_its_governorate(live_seeded, page):
    page.goto(f"{live_seeded.url}/en/clusters/damietta-furniture/")
    assert page.locator("#governorate-link").get_attribute("href") == "/en/?governorate=EG-DT"
    page.locator("#main-map-link").click()
    page.locator(".leaflet-popup-content .popup-title").wait_for()
    assert "Damietta" in page.locator(".leaflet-popup-content .popup-title").inner_text()


@LANGS
def test_unknown_filter_value_is_named(live_seeded, page, lang):
    open_map(page, live_seeded.url, f"/{lang}/?sector=nonexistent")
    notice = page.locator("#url-notice")
    assert notice.is_visible() and "nonexistent" in notice.inner_text()
    assert_clean(page)


@LANGS
def test_empty_result_says_so_and_offers_to_clear(live_seeded, page, lang):
    open_map(page, live_seeded.url, f"/{lang}/?q=zzzzqqqq")
    assert page.locator("#result-list li").count() == 0
    assert page.locator("#result-empty").is_visible()
    assert not page.locator("#downloads").is_visible()
    page.locator(".legend-summary").click()
    assert not page.locator(".legend h2", has_text={"ar": "القطاعات", "en": "Sectors"}[lang]).is_visible()
    page.locator("#result-clear").click()
    page.wait_for_function("() => document.querySelectorAll('#result-list li').length > 0")
    assert page.locator("#downloads").is_visible() and not page.locator("#result-empty").is_visible()
    assert_clean(page)


@pytest.mark.parametrize(("lang", "place", "governorate", "where"), [
    ("ar", "دمنهور", "البحيرة", (31.03, 30.47)),
    ("en", "Bilbeis", "Sharqia", (30.42, 31.56)),
    ("ar", "جنوب سيناء", None, (28.5, 33.9)),  # a governorate without a cluster
])
def test_place_search_moves_the_map_and_says_no_cluster_matched(live_seeded, page, lang, place, governorate, where):
    open_map(page, live_seeded.url, f"/{lang}/")
    search(page, place)
    page.wait_for_function("(place) => document.getElementById('result-count').textContent.includes(place)", arg=place)
    if governorate:
        assert governorate in page.locator("#result-count").inner_text()
    # The map moved there: the view in the address is centred near the place, not on the whole country.
    page.wait_for_function(
        """([lat, lon]) => {
          const view = (new URLSearchParams(location.search).get('map') || '').split('/').map(Number);
          return view.length === 3 && Math.abs(view[1] - lat) < 0.8 && Math.abs(view[2] - lon) < 0.8;
        }""",
        arg=list(where),
    )
    assert_clean(page)


@LANGS
def test_legend_hides_no_data_at_1366x850(live_seeded, page_factory, lang):
    page = page_factory(viewport={"width": 1366, "height": 850})
    open_map(page, live_seeded.url, f"/{lang}/")
    legend = page.locator(".legend-control").bounding_box()
    markers = page.locator(".leaflet-marker-pane .cluster-marker, .leaflet-marker-pane .marker-cluster")
    assert markers.count() > 0
    for index in range(markers.count()):
        marker = markers.nth(index).bounding_box()
        overlaps = not (marker["x"] + marker["width"] <= legend["x"] or legend["x"] + legend["width"] <= marker["x"]
                        or marker["y"] + marker["height"] <= legend["y"] or legend["y"] + legend["height"] <= marker["y"])
        assert not overlaps, f"legend {legend} covers marker {marker}"
    # Collapsed at this width, it is a small button that opens on demand.
    assert legend["width"] < 150 and legend["height"] < 60
    page.locator(".legend-summary").click()
    assert page.locator(".legend-list").first.is_visible()
    assert_clean(page)


@pytest.mark.parametrize("path", ["/ar/", "/en/clusters/damietta-furniture/"])
def test_map_and_cluster_pages_print_without_header_or_controls(live_seeded, page, path):
    page.goto(f"{live_seeded.url}{path}")
    page.locator(".leaflet-control-zoom").first.wait_for()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".leaflet-control-zoom").first.is_visible()
    assert page.locator(".leaflet-container").first.is_visible()
