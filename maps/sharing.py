"""What search engines and link previews ask for: the sitemap, robots.txt, the favicon.

Django's sitemap framework writes the hreflang alternates (i18n=True,
alternates=True) from settings.LANGUAGES, so each page is listed once per
language with its twin and an x-default beside it.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from clusters.etags import etag_for, etag_matches
from clusters.programmes.selectors import organisation_public_queryset, programme_public_queryset
from clusters.selectors import cluster_published_queryset
from maps import og_image

# Drawing a preview takes a fraction of a second; crawlers ask for each one
# again and again, and the picture changes only when its ETag does.
PREVIEW_CACHE_SECONDS = 7 * 86400
PREVIEW_MAX_AGE = 86400


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(_Bilingual):
    priority = 0.8

    def items(self):
        return ["maps:home", "maps:stats", "maps:programme_list", "maps:about"]

    def location(self, item):
        return reverse(item)


class ClusterSitemap(_Bilingual):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return cluster_published_queryset().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("maps:cluster_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class ProgrammeSitemap(_Bilingual):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return programme_public_queryset().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("maps:programme_detail", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(ProgrammeSitemap):
    def items(self):
        return organisation_public_queryset().only("slug", "updated_at").order_by("slug")

    def location(self, item):
        return reverse("maps:organisation_detail", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": PageSitemap,
    "clusters": ClusterSitemap,
    "programmes": ProgrammeSitemap,
    "organisations": OrganisationSitemap,
}


@require_safe
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    return sitemap(request, sitemaps=SITEMAPS)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *"]
    # The staff side and the language switch are nothing to index.
    for code, _name in settings.LANGUAGES:
        lines.append(f"Disallow: /{code}/admin/")
    lines += ["Disallow: /i18n/", "", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links to."""
    return redirect(static("favicon.ico"), permanent=True)


@require_safe
def cluster_preview(request, slug):
    """The og:image of a cluster page. Its ETag is a digest of what the picture shows, so it
    changes only when the cluster moves, changes sector colour, or the drawing changes."""
    cluster = (
        cluster_published_queryset().select_related("sector").only("location", "sector__color")
        .filter(slug=slug).first()
    )
    if cluster is None:
        raise Http404
    lon, lat = cluster.location.coords
    key = ("cluster-preview", og_image.DRAWING_VERSION, round(lon, 6), round(lat, 6), cluster.sector.color)
    etag = etag_for(og_image.DRAWING_VERSION, key)
    if etag_matches(request.headers.get("If-None-Match"), etag):
        response = HttpResponseNotModified()
    else:
        cache_key = "og:" + etag.strip('"')
        body = cache.get(cache_key)
        if body is None:
            body = og_image.cluster_preview_png(lon, lat, cluster.sector.color)
            cache.set(cache_key, body, PREVIEW_CACHE_SECONDS)
        response = HttpResponse(body, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PREVIEW_MAX_AGE}"
    return response
