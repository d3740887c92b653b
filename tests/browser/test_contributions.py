"""A visitor suggests a missing cluster in Arabic on a phone, picking the place on the map; a publisher
accepts it, publishes the draft, and it is on the map and in the API. Tiles stubbed (or failing)."""

import re

import pytest
from django.contrib.auth.models import Group, User

from clusters.contributions.models import Contribution
from clusters.contributions.roles import contribution_roles_ensure
from clusters.models import Cluster, Sector
from clusters.roles import PUBLISHERS, roles_ensure
from tests.support.browser import admin_login
from tests.support.map_page import assert_clean, open_map, search, wait_for_list

pytestmark = pytest.mark.browser

PASSWORD = "a long browser test password 42"
NAME = "كليم قرية المنشأة"
PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def fresh_limit_cache():
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def publisher(live_seeded):
    roles_ensure()  # the transactional flush took the groups with it
    contribution_roles_ensure()
    user = User.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    return user


def open_form(page, base_url, lang="ar"):
    page.goto(f"{base_url}/{lang}/contribute/missing/")
    page.wait_for_selector("html[data-picker-ready]", state="attached")


def test_arabic_suggestion_picked_on_the_map_accepted_published_and_shown(live_seeded, page_factory, page,
                                                                         publisher):
    base = live_seeded.url
    phone = page_factory(viewport=PHONE, locale="ar-EG")
    open_form(phone, base)
    assert phone.locator("html").get_attribute("dir") == "rtl"
    # Nothing wider than the phone: no sideways scrolling.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # The governorates are drawn from our own API, whatever the tiles do.
    assert phone.locator("#picker-map .leaflet-overlay-pane path").count() >= 27

    phone.fill("#id_name", NAME)
    phone.select_option("#id_sector", str(Sector.objects.get(slug="carpets-kilim").pk))
    phone.fill("#id_place", "المنشأة")
    phone.fill("#id_products", "كليم وسجاد يدوي")
    # Pick the place: a tap on the map's middle, which the map's fit of Egypt puts on land.
    phone.locator("#picker-map").click()  # scrolled into view, then its centre
    phone.wait_for_function("() => document.getElementById('id_latitude').value !== ''")
    assert phone.locator("#picker-map .picked-marker").count() == 1
    assert phone.locator("#picker-status").inner_text() != ""
    lat, lon = float(phone.input_value("#id_latitude")), float(phone.input_value("#id_longitude"))
    assert 21.5 < lat < 32 and 24.5 < lon < 37.5
    phone.click("button[type=submit]")
    phone.wait_for_url(f"{base}/ar/contribute/thanks/")
    assert phone.locator("html").get_attribute("lang") == "ar"
    assert_clean(phone)

    contribution = Contribution.objects.get()
    assert (contribution.name, contribution.language, contribution.status) == (NAME, "ar", "new")
    assert contribution.governorate is not None  # filled from the point

    # The publisher reviews it in the staff workspace.
    admin_login(page, base, "publisher", PASSWORD, "/en/admin/")
    assert "1 new contribution from visitors to review" in page.locator("#contributions-new").inner_text()
    page.click("#contributions-new a")
    page.get_by_role("link", name=NAME).click()
    page.click("button[name=_accept]")
    page.wait_for_url(re.compile(r".*/en/admin/clusters/cluster/\d+/change/$"))
    cluster = Cluster.objects.get(name_ar=NAME)
    assert cluster.status == Cluster.Status.DRAFT
    assert page.locator("#id_name_ar").input_value() == NAME
    page.click("button[name=_publish]")
    page.wait_for_selector(".messagelist .success")
    cluster.refresh_from_db()
    assert cluster.status == Cluster.Status.PUBLISHED

    # On the public map and in the API.
    response = page.request.get(f"{base}/api/v1/clusters/{cluster.slug}/")
    assert response.ok and response.json()["properties"]["name_ar"] == NAME
    visitor = page_factory(viewport={"width": 1280, "height": 800})
    open_map(visitor, base, "/ar/")
    search(visitor, "كليم المنشأة")
    wait_for_list(visitor, 1)
    assert visitor.locator(f"#result-list li[data-slug='{cluster.slug}']").count() == 1
    assert_clean(visitor)


def test_keyboard_only_picking_and_the_map_without_tiles(live_seeded, page):
    # Every tile fails: the governorates still say where things are.
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    open_form(page, live_seeded.url, "en")
    assert page.locator("#picker-map .leaflet-overlay-pane path").count() >= 27
    # The honeypot is out of the keyboard's way.
    assert page.locator("#id_leave_empty").get_attribute("tabindex") == "-1"
    page.focus("#picker-map")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Equal")
    page.focus("#picker-centre")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('id_latitude').value !== ''")
    assert "Point placed at latitude" in page.locator("#picker-status").inner_text()
    page.focus("#picker-clear")
    page.keyboard.press("Enter")
    assert page.input_value("#id_latitude") == ""
    assert page.locator("#picker-map .picked-marker").count() == 0


def test_popup_offers_a_correction(live_seeded, page):
    open_map(page, live_seeded.url, "/en/")
    first = page.locator("#result-list li").first
    slug = first.get_attribute("data-slug")
    first.locator(".result-show").click()
    link = page.locator(".leaflet-popup-content a.popup-correction")
    link.click()
    page.wait_for_url(f"{live_seeded.url}/en/clusters/{slug}/correction/")
    page.fill("#id_message", "The workshops moved to the new industrial zone in 2023.")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_seeded.url}/en/contribute/thanks/")
    assert "Staff review every report" in page.locator("main").inner_text()
    assert Contribution.objects.get().cluster.slug == slug
    assert_clean(page)
