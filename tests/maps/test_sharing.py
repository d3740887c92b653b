"""Sitemap, robots.txt, favicon, link previews and the error pages."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

from clusters.models import Cluster

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_cluster(seeded):
    """A seeded cluster taken back to draft: it must vanish from the sitemap."""
    slug = Cluster.objects.filter(status="published").order_by("slug").values_list("slug", flat=True).last()
    Cluster.objects.filter(slug=slug).update(status="draft")
    return f"/{slug}/"

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_lists_every_published_cluster_in_both_languages_and_each_answers(client, seeded, draft_cluster):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = root.findall(f"{SITEMAP}url")
    locations = [url.find(f"{SITEMAP}loc").text for url in urls]
    published = Cluster.objects.filter(status="published").count()
    cluster_pages = [loc for loc in locations if "/clusters/" in loc]
    assert len(cluster_pages) == 2 * published
    from clusters.programmes.selectors import programme_public_queryset

    programme_pages = [loc for loc in locations if "/programmes/" in loc and not loc.endswith("/programmes/")]
    assert len(programme_pages) == 2 * programme_public_queryset().count()
    assert not any(draft_cluster in loc for loc in locations)
    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall(f"{XHTML}link")}
        assert {"ar", "en", "x-default"} <= alternates
    for location in locations:
        path = re.sub(r"^https?://[^/]+", "", location)
        assert client.get(path).status_code == 200, path


def test_robots_points_to_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /ar/admin/" in text


def test_favicon_is_linked_and_served(client, seeded):
    html = client.get("/en/about/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and "favicon" in response["Location"]


def test_cluster_page_has_link_preview_tags(client, seeded):
    html = client.get("/en/clusters/akhmim-handweaving/").content.decode()
    for tag in ('property="og:image"', 'property="og:title"', 'name="twitter:card" content="summary_large_image"',
                'property="og:image:width" content="1200"', 'property="og:locale" content="en_US"'):
        assert tag in html, tag
    image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith("http://testserver/") and image.endswith("/preview.png")


def test_og_image_is_a_valid_png_with_an_etag(client, seeded):
    from PIL import Image

    response = client.get("/en/clusters/akhmim-handweaving/preview.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    body = response.content
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(body)) as image:
        image.verify()
    with Image.open(io.BytesIO(body)) as image:
        assert image.size == (1200, 630)
        # Not blank: the land, the sea and the point make many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=100000)) > 5
    etag = response["ETag"]
    again = client.get("/ar/clusters/akhmim-handweaving/preview.png", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert client.get("/en/clusters/no-such-cluster/preview.png").status_code == 404


@pytest.mark.parametrize(("lang", "text"), [("ar", "dir=\"rtl\""), ("en", "Page not found")])
def test_404_page_has_the_portal_header_in_the_page_language(client, seeded, lang, text):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html and text in html
    assert 'class="site-header"' in html and f'href="/{lang}/"' in html


@override_settings(DEBUG=False)
def test_500_page_has_the_portal_header(client):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("ar"):
        html = render_to_string("500.html")
    assert '<html lang="ar" dir="rtl">' in html and 'class="site-header"' in html and 'href="/ar/"' in html
