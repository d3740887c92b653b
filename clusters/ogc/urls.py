"""/ogc/: every path answers with and without a trailing slash, as OGC clients write both."""

from django.urls import path, re_path

from clusters.ogc import views

app_name = "ogc"
_COLLECTION = r"(?P<collection_id>[^/]+)"
urlpatterns = [
    path("", views.landing, name="landing"),
    re_path(r"^conformance/?$", views.conformance, name="conformance"),
    re_path(r"^api/?$", views.api, name="api"),
    re_path(r"^collections/?$", views.collections, name="collections"),
    re_path(rf"^collections/{_COLLECTION}/?$", views.collection, name="collection"),
    re_path(rf"^collections/{_COLLECTION}/schema/?$", views.schema, name="schema"),
    re_path(rf"^collections/{_COLLECTION}/queryables/?$", views.queryables, name="queryables"),
    re_path(rf"^collections/{_COLLECTION}/items/?$", views.items, name="items"),
    re_path(rf"^collections/{_COLLECTION}/items/(?P<feature_id>[^/]+)/?$", views.item, name="item"),
    re_path(r"^.*$", views.not_found),
]
