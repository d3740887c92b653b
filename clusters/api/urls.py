from django.urls import path, re_path

from clusters.api import views
from clusters.api.docs import DocsView, SchemaView
from clusters.api.index import api_index
from clusters.api.map import MapClusterListView

app_name = "api"
urlpatterns = [
    path("", api_index, name="index"),
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/<str:slug>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
    path("map/clusters/", MapClusterListView.as_view(), name="map_cluster_list"),
    path("governorates/", views.GovernorateListView.as_view(), name="governorate_list"),
    path("sectors/", views.SectorListView.as_view(), name="sector_list"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline <script> under our CSP.
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^.*$", views.api_not_found),
]
