from django.urls import path

from maps import views

app_name = "maps"
urlpatterns = [
    path("", views.home, name="home"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster_detail"),
    path("about/", views.about, name="about"),
]
