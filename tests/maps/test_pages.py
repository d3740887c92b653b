"""The public pages without a browser: status codes, languages, meta tags, escaping."""

import re

import pytest

from clusters.models import Cluster

pytestmark = pytest.mark.django_db

MALICIOUS = "<img src=x onerror=alert(1)>"


def test_root_redirects_to_arabic_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
@pytest.mark.parametrize("page", ["", "about/", "clusters/akhmim-handweaving/"])
def test_every_page_has_lang_and_dir(client, seeded, lang, direction, page):
    response = client.get(f"/{lang}/{page}")
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize("page", ["", "about/", "clusters/akhmim-handweaving/"])
def test_no_inline_script_or_event_handler(client, seeded, page):
    html = client.get(f"/en/{page}").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        # Only external scripts and json_script data blocks, which a CSP allows.
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"


def test_map_page_passes_config_as_json(client, seeded):
    response = client.get("/en/")
    config = response.context["map_config"]
    assert config["lang"] == "en"
    assert config["api"]["clusters"] == "/api/v1/clusters/"
    assert config["api"]["governorates"] == "/api/v1/governorates/?simplify=0.01"
    assert config["clusterUrl"] == "/en/clusters/slug-placeholder/"
    # The API searches aliases its features leave out; the map gets them here.
    assert "fayoum" in config["aliases"]["governorates"]["EG-FYM"].lower()
    html = response.content.decode()
    assert '<script id="map-config" type="application/json">' in html
    assert 'src="/en/jsi18n/"' in html


def test_map_page_lists_sectors_and_governorates_in_the_page_language(client, seeded):
    html = client.get("/ar/").content.decode()
    assert 'value="pottery-ceramics"' in html and "الفخار والخزف" in html
    assert 'value="EG-DT"' in html and "دمياط" in html


def test_javascript_catalog_is_served(client):
    response = client.get("/ar/jsi18n/")
    assert response.status_code == 200
    assert "django.gettext" in response.content.decode() or "gettext" in response.content.decode()


def test_embed_mode_shows_the_map_alone_and_may_be_framed(client, seeded):
    normal = client.get("/en/")
    assert normal["X-Frame-Options"] == "DENY"
    embedded = client.get("/en/?embed=1&sector=pottery-ceramics")
    assert embedded.status_code == 200
    # The view opts in; the framing middleware decides who may frame it.
    assert embedded.xframe_options_exempt is True
    assert embedded.get("X-Frame-Options") != "DENY"
    html = embedded.content.decode()
    assert 'id="map"' in html
    assert 'class="site-header"' not in html and 'id="filters"' not in html
    assert embedded.context["map_config"]["embed"] is True


def test_language_switch_keeps_the_page_and_its_query(client, seeded):
    html = client.get("/en/clusters/akhmim-handweaving/").content.decode()
    assert 'class="lang-switch" lang="ar" hreflang="ar" href="/ar/clusters/akhmim-handweaving/"' in html
    html = client.get("/en/?sector=pottery-ceramics&map=8/26.1/32.2").content.decode()
    assert 'href="/ar/?sector=pottery-ceramics&amp;map=8/26.1/32.2"' in html


def test_cluster_page_shows_every_public_field(client, seeded):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    response = client.get("/en/clusters/damietta-furniture/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>{cluster.name_en} · " in html
    assert cluster.name_ar in html  # the other language's name as a subtitle
    for text in ["Furniture &amp; woodworking", "Damietta", "35000", "100000", "31.41648", "31.81332"]:
        assert text in html, text
    assert 'href="/api/v1/clusters/damietta-furniture/"' in html
    for source in cluster.sources:
        assert f'href="{source}" rel="nofollow noopener"' in html


def test_cluster_page_meta_for_search_engines(client, seeded):
    html = client.get("/ar/clusters/damietta-furniture/").content.decode()
    assert '<link rel="canonical" href="http://testserver/ar/clusters/damietta-furniture/">' in html
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/clusters/damietta-furniture/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/clusters/damietta-furniture/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/ar/clusters/damietta-furniture/">' in html
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert description.strip()


@pytest.mark.parametrize(("slug", "approximate"), [("damietta-furniture", False), ("nazla-pottery", True)])
def test_cluster_page_says_when_the_location_is_approximate(client, seeded, slug, approximate):
    html = client.get(f"/en/clusters/{slug}/").content.decode()
    assert ('id="precision-note"' in html) is approximate


def test_draft_and_unknown_clusters_are_not_found(client, make_cluster):
    make_cluster("hidden-draft", status=Cluster.Status.DRAFT)
    assert client.get("/en/clusters/hidden-draft/").status_code == 404
    assert client.get("/ar/clusters/no-such-cluster/").status_code == 404


def test_malicious_name_is_shown_as_text(client, make_cluster):
    make_cluster("malicious-name", name_en=MALICIOUS, name_ar=MALICIOUS, description_en=MALICIOUS)
    html = client.get("/en/clusters/malicious-name/").content.decode()
    assert MALICIOUS not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_empty_field_falls_back_to_the_other_language(client, make_cluster):
    make_cluster("arabic-only", name_en="", name_ar="فخار تجريبي", locality_ar="قرية تجريبية")
    html = client.get("/en/clusters/arabic-only/").content.decode()
    assert re.search(r'<h1 dir="auto" lang="ar">\s*فخار تجريبي\s*</h1>', html)
    assert "قرية تجريبية" in html


def test_source_links_are_only_web_links(client, make_cluster):
    make_cluster("odd-sources", sources=["https://example.org/a", "javascript:alert(1)"])
    html = client.get("/en/clusters/odd-sources/").content.decode()
    assert 'href="https://example.org/a"' in html
    assert "javascript:" not in html


def test_about_page_credits_the_boundaries_and_explains_the_api(client):
    html = client.get("/en/about/").content.decode()
    assert "egygeo" in html and "MIT" in html
    assert "/api/v1/clusters/" in html and "format=csv" in html
