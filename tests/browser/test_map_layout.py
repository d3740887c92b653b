"""Direction and layout: Arabic mirrored, English not, and a phone-sized screen that works."""

import pytest

from tests.support.map_page import assert_clean, open_map, wait_for_markers

pytestmark = pytest.mark.browser


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_arabic_map_is_rtl_and_mirrored(live_seeded, page):
    open_map(page, live_seeded.url, "/ar/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The panel on the right of the map, zoom on the top right, legend top left, attribution bottom left.
    assert box(page, ".panel-results")["x"] > box(page, "#map")["x"]
    assert page.locator(".leaflet-top.leaflet-right .leaflet-control-zoom").count() == 1
    assert page.locator(".leaflet-top.leaflet-left .legend-control").count() == 1
    assert page.locator(".leaflet-bottom.leaflet-left .leaflet-control-attribution").count() == 1
    # List text starts on the right.
    name = box(page, "#result-list .result-name")
    item = box(page, "#result-list .result-show")
    assert name["x"] + name["width"] > item["x"] + item["width"] - 40
    # The script's strings come from the Arabic JavaScript catalog.
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "تكبير"
    page.locator("#result-list .result-show").first.click()
    close = page.locator(".leaflet-popup-close-button")
    close.wait_for()
    assert close.get_attribute("aria-label") == "إغلاق النافذة"
    # Mirrored popup: its close button on the left.
    assert box(page, ".leaflet-popup-close-button")["x"] < box(page, ".leaflet-popup-content")["x"] + 20
    assert_clean(page)


def test_english_map_is_ltr(live_seeded, page):
    open_map(page, live_seeded.url, "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert box(page, ".panel-results")["x"] < box(page, "#map")["x"]
    assert page.locator(".leaflet-top.leaflet-left .leaflet-control-zoom").count() == 1
    assert page.locator(".leaflet-top.leaflet-right .legend-control").count() == 1
    assert_clean(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_usable_at_360_pixels(live_seeded, page_factory, lang):
    page = page_factory(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    open_map(page, live_seeded.url, f"/{lang}/")
    # No sideways scrolling, and the list comes under the map.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert box(page, "#result-list")["y"] >= box(page, "#map")["y"] + box(page, "#map")["height"] - 1
    assert box(page, "#map")["height"] >= 300
    wait_for_markers(page, 60)
    # The whole country fits the small screen.
    assert page.locator(".leaflet-marker-pane .marker-cluster, .leaflet-marker-pane .cluster-marker").count() > 0
    page.locator("#result-list li[data-slug='damietta-furniture'] .result-show").tap()
    page.locator(".leaflet-popup-content").wait_for()
    # The map was brought back into sight for the popup.
    popup = box(page, ".leaflet-popup-content")
    assert 0 <= popup["y"] <= 740
    assert_clean(page)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cluster_page_at_360_pixels(live_seeded, page_factory, lang):
    page = page_factory(viewport={"width": 360, "height": 740})
    page.goto(f"{live_seeded.url}/{lang}/clusters/damietta-furniture/")
    page.wait_for_selector("#detail-map .cluster-marker")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_clean(page)


def test_map_still_shows_governorates_and_clusters_without_tiles(live_seeded, page_factory):
    page = page_factory(viewport={"width": 1280, "height": 800})
    page.route("**/*.png", lambda route: route.abort() if "tile" in route.request.url else route.fallback())
    open_map(page, live_seeded.url, "/en/")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-governorates-pane path').length >= 27")
    wait_for_markers(page, 60)
    assert page.locator(".legend-control .legend-box").count() >= 2


def test_cluster_page_map_shows_its_governorate_without_tiles(live_seeded, page_factory):
    page = page_factory(viewport={"width": 1280, "height": 800})
    page.route("**/*.png", lambda route: route.abort() if "tile" in route.request.url else route.fallback())
    page.goto(f"{live_seeded.url}/en/clusters/garagos-pottery/")
    page.wait_for_selector("#detail-map .cluster-marker")
    # Qena's outline is drawn from the page itself, so the map has context with no tiles at all.
    assert page.locator("#detail-map .leaflet-overlay-pane path").count() >= 1
    assert page.recorder.page_errors == []
