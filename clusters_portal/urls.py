from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from maps import sharing
from ops.health import healthz

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside the language prefix: load balancers probe one fixed address.
    path("healthz", healthz, name="healthz"),
    # Fixed addresses that crawlers and browsers ask for, whatever the language.
    path("sitemap.xml", sharing.sitemap_xml, name="sitemap"),
    path("robots.txt", sharing.robots_txt, name="robots"),
    path("favicon.ico", sharing.favicon, name="favicon"),
    # The API has no language prefix: partners' URLs stay stable; Accept-Language picks the messages.
    # Programmes, organisations and support (issue 12), before the clusters API's catch-all 404.
    path("api/v1/", include("clusters.programmes.api.urls")),
    path("api/v1/", include("clusters.api.urls")),
    # OGC API - Features for GIS programs: one stable URL to paste, so no language prefix either.
    path("ogc/", include("clusters.ogc.urls")),
]

# Pages carry the language in the URL (/ar/, /en/); / sends visitors to theirs.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # The map's strings, in the page's language, as an external script (no inline JS).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("maps.urls")),
    prefix_default_language=True,
)

# A database outage raised outside a view (a session read, say) still gets the 503 page.
handler500 = "ops.outage.server_error"
