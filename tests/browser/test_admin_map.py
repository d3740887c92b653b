"""An editor moves a cluster's point on the admin map in a real Chromium, and the move is stored."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.urls import Resolver404, resolve

from clusters.models import Cluster
from clusters.roles import EDITORS, roles_ensure
from tests.support.browser import admin_login

pytestmark = pytest.mark.browser

PASSWORD = "a long browser test password 42"
SLUG = "damietta-furniture"


@pytest.fixture
def editor_page(live_seeded, page):
    roles_ensure()  # the transactional flush took the groups with it
    user = User.objects.create_user("map-editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    cluster = Cluster.objects.get(slug=SLUG)
    admin_login(page, live_seeded.url, "map-editor", PASSWORD, f"/en/admin/clusters/cluster/{cluster.pk}/change/")
    page.wait_for_selector("#id_location-map .leaflet-marker-icon")
    return page, cluster


def drag_marker(page, dx: int, dy: int):
    page.click("#id_location-map .leaflet-draw-edit-edit")
    marker = page.locator("#id_location-map .leaflet-marker-icon")
    marker.wait_for()
    box = marker.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def api_detail(page, base_url):
    try:
        resolve(f"/api/v1/clusters/{SLUG}/")
    except Resolver404:
        return None
    response = page.request.get(f"{base_url}/api/v1/clusters/{SLUG}/")
    assert response.ok
    return json.loads(response.body())


def test_editor_drags_the_point_saves_and_the_new_position_is_stored(editor_page, live_seeded):
    page, cluster = editor_page
    before = cluster.location.coords
    # The governorate's boundary is drawn for orientation.
    page.wait_for_selector("#id_location-map .leaflet-overlay-pane path.admin-governorate-boundary")

    drag_marker(page, 120, 80)
    page.click("#id_location-map .leaflet-draw-actions a[title='Save changes']")
    moved = json.loads(page.input_value("#id_location"))
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/clusters/cluster/")

    cluster.refresh_from_db()
    lon, lat = cluster.location.coords
    assert (round(lon, 5), round(lat, 5)) == (round(moved["coordinates"][0], 5), round(moved["coordinates"][1], 5))
    assert lon > before[0] and lat < before[1]  # right and down on the screen: east and south
    assert cluster.version == 2
    assert cluster.history.first().history_user.username == "map-editor"

    detail = api_detail(page, live_seeded.url)
    if detail is not None:
        coordinates = detail["geometry"]["coordinates"]
        assert (round(coordinates[0], 5), round(coordinates[1], 5)) == (round(lon, 5), round(lat, 5))
    assert page.recorder.page_errors == []
    assert page.recorder.external_requests == []
    # The widget's own scripts carry the CSP nonce; ours are static files.
    assert not [e for e in page.recorder.console_errors if "Content Security Policy" in e]


def test_a_drag_left_in_edit_mode_is_not_lost_on_save(editor_page):
    page, cluster = editor_page
    before = cluster.location.coords
    drag_marker(page, -100, -60)
    # Straight to the form's Save, without the map toolbar's own "Save".
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/clusters/cluster/")
    cluster.refresh_from_db()
    lon, lat = cluster.location.coords
    assert lon < before[0] and lat > before[1]
    assert page.recorder.page_errors == []


def test_the_arabic_admin_is_right_to_left_with_a_working_map(editor_page, live_seeded):
    page, cluster = editor_page
    page.goto(f"{live_seeded.url}/ar/admin/clusters/cluster/{cluster.pk}/change/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.wait_for_selector("#id_location-map .leaflet-marker-icon")
    page.wait_for_selector("#id_location-map .leaflet-overlay-pane path.admin-governorate-boundary")
    page.screenshot(path="/tmp/admin-map-ar.png", full_page=True)
    assert page.recorder.page_errors == []


def test_the_point_marker_image_loads_from_the_static_folder(editor_page, live_seeded):
    # Production's hashed static files defeat Leaflet's own guess of its image
    # folder, so the path is forced; the marker must be a real image either way.
    page, cluster = editor_page
    page.goto(f"{live_seeded.url}/en/admin/clusters/cluster/{cluster.pk}/change/")
    page.wait_for_selector("#id_location-map .leaflet-marker-icon")
    assert page.evaluate("L.Icon.Default.imagePath").endswith("/static/leaflet/images/")
    page.wait_for_function(
        "() => { const i = document.querySelector('#id_location-map img.leaflet-marker-icon');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
