from django.urls import path

from maps import contribute_views, places, programme_views, sharing, stats_views, views

app_name = "maps"
urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<slug:slug>/preview.png", sharing.cluster_preview, name="cluster_preview"),
    path("about/", views.about, name="about"),
    path("programmes/", programme_views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", programme_views.programme_detail, name="programme_detail"),
    path("organisations/<slug:slug>/", programme_views.organisation_detail, name="organisation_detail"),
    path("clusters/<slug:slug>/correction/", contribute_views.contribute_correction, name="contribute_correction"),
    path("contribute/missing/", contribute_views.contribute_missing, name="contribute_missing"),
    path("contribute/thanks/", contribute_views.contribute_thanks, name="contribute_thanks"),
    path("places.json", places.places_json, name="places"),
    path("stats/", stats_views.stats_page, name="stats"),
    path("stats/<slug:breakdown>.csv", stats_views.stats_csv, name="stats_csv"),
]
