"""What was previewed is what is confirmed: a cluster changed or unpublished between the preview and the
confirmation is refused and named, and nothing is written (a 600-row file, so the batched path)."""

import pytest
from django.utils import translation

from clusters.editing import cluster_change
from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.import_jobs.conftest import confirm, upload
from tests.importing.helpers import csv_bytes, row

COUNT = 600


def rows(**changes):
    return [row(f"bulk-{n}", name_en=f"Cluster {n}", lat=f"{30.0 + n / 20000:.5f}", **changes) for n in range(COUNT)]


@pytest.fixture
def existing(base_data):
    with translation.override("en"):
        assert cluster_import(csv_bytes(rows()), "first.csv", publish=True).written


def preview_token(client, content):
    response = upload(client, "second.csv", content)
    assert response.status_code == 200 and response.context["token"], response.context.get("errors")
    return response.context["token"]


@pytest.mark.parametrize("meanwhile", ["edit", "unpublish"])
def test_a_cluster_changed_after_the_preview_is_refused_at_confirm(existing, staff_client, staff, meanwhile):
    token = preview_token(staff_client, csv_bytes(rows(description_en="From the file")))
    cluster = Cluster.objects.get(slug="bulk-321")
    if meanwhile == "edit":
        cluster_change(cluster.pk, {"description_en": "A colleague's text"}, user=staff,
                       expected_version=cluster.version)
    else:
        Cluster.objects.filter(pk=cluster.pk).update(status=Cluster.Status.DRAFT)
    response = confirm(staff_client, token)
    assert response.status_code == 200
    page = response.content.decode()
    assert "bulk-321" in page and "since the preview" in page
    assert not Cluster.objects.filter(description_en="From the file").exists()
    expected = "A colleague's text" if meanwhile == "edit" else ""
    assert Cluster.objects.get(slug="bulk-321").description_en == expected


def test_a_slug_added_after_the_preview_is_refused_at_confirm(existing, staff_client):
    token = preview_token(staff_client, csv_bytes(rows() + [row("added-later", lat="30.2")]))
    with translation.override("en"):
        assert cluster_import(csv_bytes([row("added-later", lat="30.21")]), "other.csv").written
    page = confirm(staff_client, token).content.decode()
    assert "added-later" in page and "since the preview" in page
    assert Cluster.objects.get(slug="added-later").location.y == pytest.approx(30.21)


def test_an_unchanged_confirm_still_imports(existing, staff_client):
    token = preview_token(staff_client, csv_bytes(rows(description_en="From the file")))
    response = confirm(staff_client, token)
    assert response.status_code == 302
    assert Cluster.objects.filter(description_en="From the file").count() == COUNT
