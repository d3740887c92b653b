"""The map's filters against the API: the browser must keep exactly what the API returns."""

import pytest

from tests.support.map_page import (
    api_slugs, assert_clean, check, list_slugs, markers_on_map, open_map, q, search, wait_for_list,
    wait_for_markers,
)

pytestmark = pytest.mark.browser


def test_all_published_seed_clusters_are_shown(live_seeded, page):
    api_requests = []
    page.on("request", lambda request: "/api/v1/" in request.url and "/clusters/" in request.url
            and api_requests.append(request.url))
    open_map(page, live_seeded.url)
    expected = api_slugs(page, live_seeded.url)
    assert len(expected) == 60
    assert list_slugs(page) == expected
    wait_for_markers(page, 60)
    assert page.locator("#result-count").inner_text() == "60 clusters"
    # One request for the clusters, in the map's compact form (issue 17); the sector filter runs in the
    # browser, and search asks the server which clusters match, so that it finds what the API's q finds.
    check(page, "sector", "pottery-ceramics")
    wait_for_list(page, len(api_slugs(page, live_seeded.url, "sector=pottery-ceramics")))
    search(page, "fayoum")
    wait_for_list(page, len(api_slugs(page, live_seeded.url, "sector=pottery-ceramics&q=fayoum")))
    base = f"{live_seeded.url}/api/v1/map/clusters/"
    assert [url for url in api_requests if "format=" not in url] == [f"{base}?lang=en", f"{base}?lang=en&q=fayoum"]
    assert_clean(page)


def test_sector_filter_leaves_what_the_api_returns(live_seeded, page):
    open_map(page, live_seeded.url)
    check(page, "sector", "pottery-ceramics")
    expected = api_slugs(page, live_seeded.url, "sector=pottery-ceramics")
    assert 1 < len(expected) < 60
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    wait_for_markers(page, len(expected))
    check(page, "sector", "carpets-kilim")
    expected = api_slugs(page, live_seeded.url, "sector=pottery-ceramics,carpets-kilim")
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    for link, fmt in [("#download-csv", "csv"), ("#download-geojson", "geojson")]:
        href = page.locator(link).get_attribute("href")
        assert href in {
            f"/api/v1/clusters/?format={fmt}&sector=pottery-ceramics,carpets-kilim",
            f"/api/v1/clusters/?format={fmt}&sector=carpets-kilim,pottery-ceramics",
        }
        assert api_slugs(page, live_seeded.url, href.split("?", 1)[1].replace(f"format={fmt}&", "")) == expected
    assert_clean(page)


def test_governorate_filter_leaves_what_the_api_returns(live_seeded, page):
    open_map(page, live_seeded.url)
    check(page, "governorate", "EG-FYM")
    expected = api_slugs(page, live_seeded.url, "governorate=EG-FYM")
    assert 1 < len(expected) < 60
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    wait_for_markers(page, len(expected))
    check(page, "governorate", "EG-C")
    expected = api_slugs(page, live_seeded.url, "governorate=EG-FYM,EG-C")
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    wait_for_markers(page, len(expected))
    assert page.locator("#result-count").inner_text() == f"{len(expected)} of 60 clusters match"
    assert_clean(page)


@pytest.mark.parametrize(
    ("lang", "text", "must_find"),
    [
        ("ar", "دمياط", "damietta-furniture"),
        ("ar", "اخميم", "akhmim-handweaving"),  # typed without hamza, stored as أخميم
        ("ar", "الفيّوم", "nazla-pottery"),  # with shadda
        ("en", "fayoum", "nazla-pottery"),  # a governorate alias (Faiyum)
        ("en", "DAMIETTA furniture", "damietta-furniture"),
        ("en", "dumyat", "damietta-furniture"),
        ("ar", "خزف", "nazla-pottery"),  # a sector's name (الفخار والخزف), in no cluster's own fields
        ("en", "ceramics", "nazla-pottery"),
    ],
)
def test_search_finds_what_the_api_finds(live_seeded, page, lang, text, must_find):
    open_map(page, live_seeded.url, f"/{lang}/")
    search(page, text)
    expected = api_slugs(page, live_seeded.url, q(text))
    assert must_find in expected
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    wait_for_markers(page, len(expected))
    assert_clean(page)


def test_filters_combine_and_reset_clears_them(live_seeded, page):
    open_map(page, live_seeded.url)
    check(page, "governorate", "EG-FYM")
    search(page, "pottery")
    expected = api_slugs(page, live_seeded.url, "governorate=EG-FYM&q=pottery")
    wait_for_list(page, len(expected))
    assert list_slugs(page) == expected
    page.click("#filter-reset")
    wait_for_list(page, 60)
    assert page.input_value("#filter-q") == ""
    assert not page.locator("input[name='governorate'][value='EG-FYM']").is_checked()
    wait_for_markers(page, 60)
    assert_clean(page)


def test_no_match_says_so(live_seeded, page):
    open_map(page, live_seeded.url)
    search(page, "zzzz-no-such-cluster")
    wait_for_list(page, 0)
    # Said in words, with the way out (issue 14): not "0 of 60".
    assert page.locator("#result-count").inner_text() == "No cluster matches these filters."
    assert page.locator("#result-clear").is_visible()
    assert markers_on_map(page) == 0
    assert_clean(page)
