"""Playwright fixtures: Debian's Chromium, tiles answered by a local stub, nothing else leaves localhost."""

import base64
import os
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out, and
# this machine's closed network refuses it many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# A 1x1 transparent PNG stands in for every map tile.
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
NOT_LOCAL = re.compile(r"^(?!(?:data|blob):|https?://(?:127\.0\.0\.1|localhost|\[::1\])(?:[:/]|$))")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageRecorder:
    """What a page did that a test may want to assert on."""

    def __init__(self):
        self.external_requests: list[str] = []
        self.tile_requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []


def _tile_host() -> str:
    return urlsplit(settings.MAP_TILE_URL.replace("{s}", "a")).hostname or ""


@pytest.fixture
def page_factory(browser):
    """Make pages whose tile requests get a stub PNG and whose other outside requests are refused."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        recorder = PageRecorder()
        tile_host = _tile_host()

        def route(route_obj):
            url = route_obj.request.url
            host = urlsplit(url).hostname or ""
            if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
                route_obj.continue_()
            elif host == tile_host:
                recorder.tile_requests.append(url)
                route_obj.fulfill(status=200, content_type="image/png", body=TILE_PNG)
            else:
                recorder.external_requests.append(url)
                route_obj.abort()

        # Only requests that leave the portal's host are routed (matched in the browser): routing every
        # request sent each static file and API call through this process one at a time.
        context.route(NOT_LOCAL, route)
        page.on("console", lambda msg: msg.type == "error" and recorder.console_errors.append(msg.text))
        page.on("pageerror", lambda exc: recorder.page_errors.append(str(exc)))
        page.recorder = recorder
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(page_factory):
    return page_factory(viewport={"width": 1280, "height": 800})


@pytest.fixture
def live_seeded(transactional_db, live_server, settings):
    """The live server with the first seed (60 clusters); transactional so the server thread sees it."""
    settings.SEED_CLUSTER_FILES = ("clusters.csv",)  # as the seeded fixture: the tests count on the first 60
    call_command("seed", verbosity=0)
    return live_server

