"""The admin map in the staff's language and still meaningful without tiles (issue 16)."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from clusters.roles import EDITORS, roles_ensure
from tests.support.browser import admin_login

pytestmark = pytest.mark.browser

PASSWORD = "a long browser test password 42"
ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def editor(live_seeded):
    roles_ensure()  # the transactional flush took the groups with it
    user = User.objects.create_user("draw-editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_a_new_cluster_map_draws_every_governorate_faintly_even_without_tiles(editor, live_seeded, page_factory):
    page = page_factory(viewport={"width": 1280, "height": 900})
    # Every tile fails, as when the tile server is down: the outlines must still show Egypt.
    tile_host = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).hostname

    def fail_tiles(route):
        if urlsplit(route.request.url).hostname == tile_host:
            route.abort()
        else:
            route.fallback()  # to the fixture's routing: localhost through, the rest refused

    page.context.route("**/*", fail_tiles)
    admin_login(page, live_seeded.url, "draw-editor", PASSWORD, "/en/admin/clusters/cluster/add/")
    assert page.input_value("#id_governorate") == ""
    page.wait_for_selector("#id_location-map path.admin-governorates")
    count = page.locator("#id_location-map path.admin-governorates").count()
    assert count >= 27  # one path per governorate at least (multipolygons may add more)
    style = page.locator("#id_location-map path.admin-governorates").first
    assert float(style.get_attribute("fill-opacity")) <= 0.05  # faint: orientation, not data
    assert page.locator("#id_location-map path.admin-governorate-boundary").count() == 0
    assert page.recorder.page_errors == []
    assert page.recorder.external_requests == []


def test_the_arabic_admin_map_draws_with_arabic_tooltips(editor, live_seeded, page):
    admin_login(page, live_seeded.url, "draw-editor", PASSWORD, "/en/admin/")
    page.goto(f"{live_seeded.url}/ar/admin/clusters/cluster/add/")
    page.wait_for_selector("#id_location-map .leaflet-draw-draw-marker")
    # Wired to our catalog: the toolbar says what the catalog's gettext says for the page's language...
    title = page.get_attribute("#id_location-map .leaflet-draw-draw-marker", "title")
    assert title == page.evaluate("gettext('Draw a marker')")
    disabled = page.get_attribute("#id_location-map .leaflet-draw-edit-edit", "title")
    assert disabled == page.evaluate("gettext('No layers to edit')")
    page.click("#id_location-map .leaflet-draw-draw-marker")
    page.mouse.move(640, 450)
    tooltip = page.locator("#id_location-map .leaflet-draw-tooltip").inner_text()
    assert tooltip == page.evaluate("gettext('Click the map to place the marker.')")
    # ...and that is Arabic once the catalog is translated (./scripts/messages; the lead's step).
    for text in (title, disabled, tooltip):
        assert ARABIC.search(text), text
    assert page.recorder.page_errors == []
