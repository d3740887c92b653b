import pytest

pytestmark = pytest.mark.browser


def test_home_page_renders_in_chromium(live_seeded, page):
    page.goto(f"{live_seeded.url}/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.recorder.external_requests == []
