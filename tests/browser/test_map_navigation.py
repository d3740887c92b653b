"""Permalinks, history, the list in step with the map, and the way to a cluster's page."""

import math
import re

import pytest

from clusters.models import Cluster
from tests.support.map_page import (
    api_slugs, assert_clean, check, list_slugs, open_map, search, wait_for_list, wait_for_markers,
)

pytestmark = pytest.mark.browser


def tile_of(lat, lon, zoom):
    """The x/y of the slippy-map tile holding a point."""
    n = 2 ** zoom
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_permalink_restores_filters_and_view(live_seeded, page):
    path = "/en/?sector=pottery-ceramics&governorate=EG-FYM&map=10/29.3100/30.8400"
    open_map(page, live_seeded.url, path)
    assert page.locator("input[name='sector'][value='pottery-ceramics']").is_checked()
    assert page.locator("input[name='governorate'][value='EG-FYM']").is_checked()
    expected = api_slugs(page, live_seeded.url, "sector=pottery-ceramics&governorate=EG-FYM")
    assert list_slugs(page) == expected and expected
    # The view: the map asked for the tile under the linked centre at the linked zoom.
    x, y = tile_of(29.31, 30.84, 10)
    assert any(re.search(rf"/10/{x}/{y}\.png$", url) for url in page.recorder.tile_requests)
    assert "map=10/29.3100/30.8400" in page.url
    assert_clean(page)


def test_back_and_forward_step_through_filter_changes(live_seeded, page):
    open_map(page, live_seeded.url)
    check(page, "sector", "pottery-ceramics")
    page.wait_for_function("() => location.search.includes('sector=pottery-ceramics')")
    pottery = api_slugs(page, live_seeded.url, "sector=pottery-ceramics")
    wait_for_list(page, len(pottery))
    check(page, "governorate", "EG-FYM")
    both = api_slugs(page, live_seeded.url, "sector=pottery-ceramics&governorate=EG-FYM")
    wait_for_list(page, len(both))

    page.go_back()
    wait_for_list(page, len(pottery))
    assert list_slugs(page) == pottery
    assert not page.locator("input[name='governorate'][value='EG-FYM']").is_checked()
    assert page.locator("input[name='sector'][value='pottery-ceramics']").is_checked()
    wait_for_markers(page, len(pottery))

    page.go_back()
    wait_for_list(page, 60)
    assert not page.locator("input[name='sector'][value='pottery-ceramics']").is_checked()

    page.go_forward()
    wait_for_list(page, len(pottery))
    page.go_forward()
    wait_for_list(page, len(both))
    assert list_slugs(page) == both
    assert page.locator("input[name='governorate'][value='EG-FYM']").is_checked()
    assert_clean(page)


def test_list_choice_flies_to_the_cluster_and_opens_its_popup(live_seeded, page):
    open_map(page, live_seeded.url)
    search(page, "akhmim")
    wait_for_list(page, 1)
    page.locator("#result-list .result-show").first.click()
    popup = page.locator(".leaflet-popup-content .popup-title")
    popup.wait_for()
    assert popup.inner_text() == Cluster.objects.get(slug="akhmim-handweaving").name_en
    assert page.locator("#result-list li.is-current").get_attribute("data-slug") == "akhmim-handweaving"
    # The map moved in: the view in the URL is no longer the whole country.
    page.wait_for_function("() => /map=(1[0-9])\\//.test(location.search)")
    assert_clean(page)


def test_marker_popup_marks_its_list_item_and_leads_to_the_cluster_page(live_seeded, page):
    # Zoomed in on Akhmim, its marker stands alone.
    open_map(page, live_seeded.url, "/en/?map=14/26.5622/31.7450")
    marker = page.locator(".leaflet-marker-pane .cluster-marker[title='Akhmim Hand-Weaving Cluster']")
    marker.click()
    page.locator(".leaflet-popup-content").wait_for()
    assert page.locator("#result-list li.is-current").get_attribute("data-slug") == "akhmim-handweaving"
    page.locator(".leaflet-popup-content a.popup-link").click()
    page.wait_for_url(f"{live_seeded.url}/en/clusters/akhmim-handweaving/")
    assert page.locator("h1").inner_text() == "Akhmim Hand-Weaving Cluster"
    assert_clean(page)


def test_list_link_opens_the_cluster_page(live_seeded, page):
    open_map(page, live_seeded.url, "/ar/")
    page.locator("#result-list li[data-slug='damietta-furniture'] a.result-link").click()
    page.wait_for_url(f"{live_seeded.url}/ar/clusters/damietta-furniture/")
    assert page.locator("h1").inner_text() == Cluster.objects.get(slug="damietta-furniture").name_ar
    page.wait_for_selector("#detail-map .cluster-marker")
    assert_clean(page)


def test_language_switch_keeps_filters_and_view(live_seeded, page):
    open_map(page, live_seeded.url, "/en/?sector=pottery-ceramics&map=8/27.0000/31.0000")
    check(page, "governorate", "EG-FYM")
    # The switch follows every change: here the new filter and the fitted view.
    page.wait_for_function(
        "() => document.querySelector('a.lang-switch').search === location.search"
        " && location.search.includes('governorate=EG-FYM') && !location.search.includes('map=8/')"
    )
    page.locator("#result-list li").first.wait_for()
    before = page.evaluate("location.search")
    page.locator("a.lang-switch").click()
    page.wait_for_url(re.compile(r"/ar/\?"))
    page.wait_for_selector("html[data-map-ready]", state="attached")
    assert page.evaluate("location.search") == before
    assert page.locator("input[name='sector'][value='pottery-ceramics']").is_checked()
    assert page.locator("input[name='governorate'][value='EG-FYM']").is_checked()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_clean(page)


def test_keyboard_alone_can_search_and_open_a_cluster(live_seeded, page):
    open_map(page, live_seeded.url)
    page.keyboard.press("Tab")  # skip link
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator("#filter-q").focus()
    page.keyboard.type("akhmim")
    wait_for_list(page, 1)
    button = page.locator("#result-list .result-show").first
    button.focus()
    # Focus is visible.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content .popup-title").wait_for()
    page.keyboard.press("Tab")  # the list item's page link
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_seeded.url}/en/clusters/akhmim-handweaving/")
    assert_clean(page)


def test_embed_shows_the_map_alone_with_the_url_filters(live_seeded, page):
    open_map(page, live_seeded.url, "/en/?embed=1&sector=pottery-ceramics")
    assert page.locator(".site-header").count() == 0
    assert page.locator("#filters").count() == 0
    wait_for_markers(page, len(api_slugs(page, live_seeded.url, "sector=pottery-ceramics")))
    link = page.locator("a.full-map-link")
    assert "embed" not in link.get_attribute("href") and "sector=pottery-ceramics" in link.get_attribute("href")
    assert_clean(page)
