"""In Chromium, under the real Content-Security-Policy (issue 8): the public map, the admin map and
Swagger UI run with no violation, and an injected inline script is refused.

Here rather than in tests/production so that it shares this folder's one Chromium."""

import pytest
from django.contrib.auth import get_user_model

from clusters.models import Cluster
from tests.support.browser import admin_login

pytestmark = pytest.mark.browser

PASSWORD = "a long csp test password 42"
# Recorded before any page script runs; Playwright's init scripts are not subject to the page's CSP.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _violations(page) -> list[str]:
    recorded = page.evaluate("window.__csp || []")
    console = [text for text in page.recorder.console_errors if "Content Security Policy" in text]
    return recorded + console


def test_public_map_runs_under_the_policy(live_seeded, csp_page):
    response = csp_page.goto(f"{live_seeded.url}/ar/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    csp_page.wait_for_selector("#map .leaflet-marker-icon, #map .marker-cluster", timeout=20000)
    assert csp_page.recorder.tile_requests, "tiles were not requested"
    assert _violations(csp_page) == []
    assert csp_page.recorder.page_errors == []


def test_cluster_page_runs_under_the_policy(live_seeded, csp_page):
    slug = Cluster.objects.filter(status="published").values_list("slug", flat=True).first()
    csp_page.goto(f"{live_seeded.url}/en/clusters/{slug}/")
    csp_page.wait_for_load_state("networkidle")
    assert _violations(csp_page) == []
    assert csp_page.recorder.page_errors == []


def test_admin_map_runs_under_the_policy(live_seeded, csp_page):
    get_user_model().objects.create_superuser("csp-admin", "csp@example.org", PASSWORD)
    cluster = Cluster.objects.order_by("pk").first()
    admin_login(csp_page, live_seeded.url, "csp-admin", PASSWORD, f"/en/admin/clusters/cluster/{cluster.pk}/change/")
    # django-leaflet's inline scripts ran (they carry the nonce): the map and its marker are there.
    csp_page.wait_for_selector("#id_location-map .leaflet-marker-icon", timeout=20000)
    csp_page.wait_for_selector("#id_location-map .leaflet-draw-toolbar", timeout=20000)
    assert _violations(csp_page) == []
    assert csp_page.recorder.page_errors == []


def test_swagger_ui_runs_under_the_policy(live_server, csp_page):
    csp_page.goto(f"{live_server.url}/api/v1/docs/")
    csp_page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert _violations(csp_page) == []
    assert csp_page.recorder.page_errors == []


def test_an_injected_inline_script_is_refused(live_server, csp_page):
    csp_page.goto(f"{live_server.url}/api/v1/docs/")
    csp_page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.appendChild(s);
    }""")
    assert csp_page.evaluate("window.__injected === true") is False
    assert any("script-src" in violation for violation in _violations(csp_page))
