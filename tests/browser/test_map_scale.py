"""The map with more clusters than fit on a page (issue 17 item 4): a windowed list, search and filters
from the compact answer, groups that no zoom splits."""

import pytest

from clusters.models import Cluster, Governorate, Sector
from tests.support.map_page import (
    api_slugs, assert_clean, check, list_slugs, open_map, search, wait_for_list, wait_for_markers,
)

pytestmark = pytest.mark.browser
EXTRA = 1200
TOTAL = 60 + EXTRA
# 1,200 of them share one spot, as clusters placed at a governorate's capital do.
SPOT = (31.2357, 30.0444)


@pytest.fixture
def live_many(live_seeded):
    sectors = list(Sector.objects.order_by("slug"))
    cairo = Governorate.objects.get(iso_code="EG-C")
    from django.contrib.gis.geos import Point

    batch = []
    for i in range(EXTRA):
        cluster = Cluster(
            slug=f"scale-{i:04d}", name_ar=f"تجمع الاختبار {i}", name_en=f"Scale test cluster {i:04d}",
            sector=sectors[i % 2], governorate=cairo, location=Point(*SPOT, srid=4326),
            location_precision="governorate", products_en="zanzibarwidgets" if i % 3 == 0 else "",
            status=Cluster.Status.PUBLISHED,
        )
        cluster.search_text = cluster.build_search_text()
        batch.append(cluster)
    Cluster.objects.bulk_create(batch)
    return live_seeded


def dom_rows(page):
    return page.locator("#result-list li").count()


def test_the_list_is_a_window_of_pages(live_many, page):
    open_map(page, live_many.url)
    assert page.locator("#result-count").inner_text() == f"{TOTAL:,} clusters"
    assert dom_rows(page) == 100
    assert page.locator("#result-earlier").is_hidden()
    first = page.locator("#result-list li").first.get_attribute("data-slug")
    for shown in (200, 300, 400, 500, 500, 500):
        page.click("#result-more")
        assert dom_rows(page) == shown
    # Never more than 500 rows at once: the earliest pages went, and the numbering says where the window is.
    assert page.locator("#result-earlier").is_visible()
    assert page.locator("#result-list").evaluate("ol => ol.start") == 201
    # The keyboard lands on the first new item.
    assert page.evaluate("document.activeElement.closest('li') === document.querySelector('#result-list li:nth-child(401)')")
    page.click("#result-earlier")
    page.click("#result-earlier")
    assert dom_rows(page) == 500
    assert page.locator("#result-list li").first.get_attribute("data-slug") == first
    assert page.locator("#result-earlier").is_hidden()
    assert_clean(page)


def test_a_linked_cluster_deep_in_the_list_shows_its_page(live_many, page):
    slugs = api_slugs(page, live_many.url)
    target = "scale-1111"
    assert target in slugs
    page.goto(f"{live_many.url}/en/?cluster={target}")
    page.wait_for_selector("html[data-map-ready]", state="attached")
    page.locator(f"#result-list li.is-current[data-slug='{target}']").wait_for()
    assert dom_rows(page) <= 100
    assert page.locator("#result-earlier").is_visible()
    assert page.locator(".leaflet-popup .popup-title").inner_text() == "Scale test cluster 1111"
    assert_clean(page)


def test_search_and_filters_find_what_the_api_finds(live_many, page):
    open_map(page, live_many.url)
    search(page, "zanzibarwidgets")
    expected = api_slugs(page, live_many.url, "q=zanzibarwidgets")
    assert len(expected) == 400
    page.wait_for_function("(n) => document.getElementById('result-count').textContent.startsWith(n)", arg="400 of")
    wait_for_markers(page, 400)
    check(page, "sector", Sector.objects.order_by("slug")[0].slug)
    both = api_slugs(page, live_many.url, f"q=zanzibarwidgets&sector={Sector.objects.order_by('slug')[0].slug}")
    assert 0 < len(both) < 400
    wait_for_markers(page, len(both))
    page.click("#result-more") if page.locator("#result-more").is_visible() else None
    wait_for_list(page, len(both))
    assert list_slugs(page) == both
    assert_clean(page)


def test_a_group_no_zoom_splits_lists_its_clusters(live_many, page):
    open_map(page, live_many.url, "/en/?governorate=EG-C&map=17/30.0444/31.2357")
    group = page.locator(".leaflet-marker-pane .marker-cluster").first
    group.click()
    choices = page.locator(".leaflet-popup .popup-group-choice")
    choices.first.wait_for()
    assert choices.count() == 50
    assert "at this place" in page.locator(".leaflet-popup .popup-title").inner_text()
    name = choices.first.inner_text()
    choices.first.click()
    page.wait_for_function("(name) => document.querySelector('.leaflet-popup .popup-title')?.textContent === name",
                           arg=name)
    assert "cluster=" in page.url
    assert_clean(page)
