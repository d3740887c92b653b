from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from ops.health import healthz

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Outside the language prefix: load balancers probe one fixed address.
    path("healthz", healthz, name="healthz"),
    # The API has no language prefix: partners' URLs stay stable; Accept-Language picks the messages.
    path("api/v1/", include("clusters.api.urls")),
]

# Pages carry the language in the URL (/ar/, /en/); / sends visitors to theirs.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("maps.urls")),
    prefix_default_language=True,
)

# A database outage raised outside a view (a session read, say) still gets the 503 page.
handler500 = "ops.outage.server_error"
