from django.urls import path

from maps import contribute_views, views

app_name = "maps"
urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster_detail"),
    path("about/", views.about, name="about"),
    path("clusters/<slug:slug>/correction/", contribute_views.contribute_correction, name="contribute_correction"),
    path("contribute/missing/", contribute_views.contribute_missing, name="contribute_missing"),
    path("contribute/thanks/", contribute_views.contribute_thanks, name="contribute_thanks"),
]
