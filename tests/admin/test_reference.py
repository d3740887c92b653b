"""Sectors and governorates in the admin."""

from django.contrib.auth.models import User
from django.test import Client

from clusters.models import Cluster
from tests.support.admin import admin_url


def test_renaming_a_governorate_keeps_cluster_search_in_step(one_cluster, roles):
    superuser = User.objects.create_superuser("root", password="x" * 20)
    client = Client()
    client.force_login(superuser)
    governorate = one_cluster.governorate
    response = client.post(admin_url("clusters_governorate_change", governorate.pk), {
        "iso_code": governorate.iso_code, "name_ar": governorate.name_ar, "name_en": governorate.name_en,
        "aliases": "Dumyat-test-alias", "boundary": governorate.boundary.geojson})
    assert response.status_code == 302
    assert "dumyat-test-alias" in Cluster.objects.get(pk=one_cluster.pk).search_text


def test_sector_and_governorate_search_fold_arabic(one_cluster, editor_client):
    # "دمياط" is stored; "دمياط" typed with a tatweel still finds it.
    response = editor_client.get(admin_url("clusters_governorate_changelist", q="دميـاط"))
    assert [g.iso_code for g in response.context["cl"].result_list] == ["EG-DT"]
    response = editor_client.get(admin_url("clusters_sector_changelist", q="FURNITURE"))
    counts = {s.slug: s.cluster_count for s in response.context["cl"].result_list}
    # one_cluster is Damietta's furniture cluster, the only cluster there is.
    assert counts == {"furniture-woodworking": 1}


def test_renaming_a_sector_keeps_cluster_search_in_step(one_cluster, roles):
    """Sector names count in search (issue 11, defect 7), so a rename must reach the clusters' text."""
    superuser = User.objects.create_superuser("root", password="x" * 20)
    client = Client()
    client.force_login(superuser)
    sector = one_cluster.sector
    response = client.post(admin_url("clusters_sector_change", sector.pk), {
        "slug": sector.slug, "name_ar": "الموبيليا", "name_en": "Joinery", "color": sector.color})
    assert response.status_code == 302
    text = Cluster.objects.get(pk=one_cluster.pk).search_text
    assert "joinery" in text and "الموبيليا" in text


def test_the_admin_search_finds_clusters_by_sector_name(one_cluster, editor_client):
    response = editor_client.get(admin_url("clusters_cluster_changelist", q="الصناعات الخشبية"))
    assert [c.slug for c in response.context["cl"].result_list] == [one_cluster.slug]
