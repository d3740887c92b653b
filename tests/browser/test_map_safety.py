"""Untrusted text stays text; drafts stay hidden; footprints come when zoomed in."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from clusters.models import Cluster
from tests.support.clusters import add_cluster
from tests.support.map_page import assert_clean, list_slugs, open_map, search, wait_for_list

pytestmark = pytest.mark.browser

MALICIOUS = "<img src=x onerror=alert(1)>"


def watch_for_scripts(page):
    """Record any alert() and any <img src=x> that reaches the DOM."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_malicious_name_appears_literally_and_runs_nothing(live_seeded, page, lang):
    add_cluster(
        "malicious-name", name_en=MALICIOUS, name_ar=MALICIOUS, locality_en=MALICIOUS, locality_ar=MALICIOUS,
        products_en=MALICIOUS, description_en=MALICIOUS, description_ar=MALICIOUS,
    )
    dialogs = watch_for_scripts(page)
    open_map(page, live_seeded.url, f"/{lang}/")
    search(page, "onerror")
    wait_for_list(page, 1)
    item = page.locator("#result-list li[data-slug='malicious-name']")
    assert item.locator(".result-name").inner_text() == MALICIOUS
    item.locator(".result-show").click()
    title = page.locator(".leaflet-popup-content .popup-title")
    title.wait_for()
    assert title.inner_text() == MALICIOUS
    assert page.locator("img[src='x']").count() == 0
    marker = page.locator(".leaflet-marker-pane .cluster-marker").first
    assert marker.get_attribute("title") == MALICIOUS

    page.locator(".leaflet-popup-content a.popup-link").click()
    page.wait_for_url(f"{live_seeded.url}/{lang}/clusters/malicious-name/")
    assert page.locator("h1").inner_text() == MALICIOUS
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert_clean(page)


def test_drafts_never_reach_the_map(live_seeded, page):
    add_cluster("secret-draft", name_en="Secret draft cluster", status=Cluster.Status.DRAFT)
    open_map(page, live_seeded.url)
    assert "secret-draft" not in list_slugs(page)
    assert len(list_slugs(page)) == 60
    assert_clean(page)


def test_footprints_are_drawn_when_zoomed_in(live_seeded, page):
    square = Polygon.from_bbox((31.2300, 30.0400, 31.2420, 30.0490))
    add_cluster("with-footprint", name_en="Footprint cluster", footprint=MultiPolygon(square, srid=4326))
    footprint_requests = []
    page.on("request", lambda request: "geometry=footprint" in request.url and footprint_requests.append(request.url))
    open_map(page, live_seeded.url, "/en/?map=8/30.0444/31.2357")
    assert footprint_requests == []  # not fetched until someone zooms in
    page.goto(f"{live_seeded.url}/en/?map=14/30.0444/31.2357")
    page.wait_for_selector("html[data-map-ready]", state="attached")
    page.wait_for_selector(".leaflet-overlay-pane path")
    assert len(footprint_requests) == 1
    # A footprint leads to its cluster like its marker does.
    page.locator(".leaflet-overlay-pane path").first.click(position={"x": 12, "y": 12})  # off the marker
    page.locator(".leaflet-popup-content .popup-title").wait_for()
    assert page.locator(".leaflet-popup-content .popup-title").inner_text() == "Footprint cluster"
    assert_clean(page)


def test_fallback_name_when_the_page_language_is_empty(live_seeded, page):
    add_cluster("arabic-only", name_en="", name_ar="فخار عربي فقط")
    open_map(page, live_seeded.url, "/en/")
    name = page.locator("#result-list li[data-slug='arabic-only'] .result-name")
    assert name.inner_text() == "فخار عربي فقط"
    assert name.get_attribute("lang") == "ar"
    assert name.get_attribute("dir") == "auto"
    assert_clean(page)
