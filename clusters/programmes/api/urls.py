from django.urls import path

from clusters.programmes.api import views

# Included before the clusters API under /api/v1/ (clusters_portal/urls.py), whose last pattern answers 404.
app_name = "programmes_api"
urlpatterns = [
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<str:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("support/", views.SupportListView.as_view(), name="support_list"),
]
