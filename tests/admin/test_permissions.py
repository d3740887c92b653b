"""Who may do what: every staff action for anonymous visitors, staff without a role, editors and publishers."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from clusters.models import Cluster, Governorate, Sector
from tests.support.admin import admin_url, cluster_form_data

ROLES = ["anonymous", "staff", "editor", "publisher"]


@pytest.fixture
def client_for(clients):
    staff = User.objects.create_user("staff-without-role", password="x" * 20, is_staff=True)
    staff_client = Client()
    staff_client.force_login(staff)
    return {**clients, "staff": staff_client}


@pytest.fixture
def cluster(one_cluster):
    # One published cluster is all the matrix needs; the full seed would only slow 76 cases down.
    return one_cluster


def _status(cluster):
    return Cluster.objects.get(pk=cluster.pk).status


def _action(client, cluster, name, **extra):
    return client.post(admin_url("clusters_cluster_changelist"),
                       {"action": name, "_selected_action": [cluster.pk], **extra})


def view_list(client, cluster):
    response = client.get(admin_url("clusters_cluster_changelist"))
    return response, response.status_code == 200


def open_add_form(client, cluster):
    response = client.get(admin_url("clusters_cluster_add"))
    return response, response.status_code == 200


def save_change(client, cluster):
    response = client.post(admin_url("clusters_cluster_change", cluster.pk), cluster_form_data(cluster, name_en="New"))
    return response, Cluster.objects.get(pk=cluster.pk).name_en == "New"


def delete_one(client, cluster):
    response = client.post(admin_url("clusters_cluster_delete", cluster.pk), {"post": "yes"})
    return response, not Cluster.objects.filter(pk=cluster.pk).exists()


def delete_selected(client, cluster):
    response = _action(client, cluster, "delete_selected", post="yes")
    return response, not Cluster.objects.filter(pk=cluster.pk).exists()


def publish_selected(client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(status="draft")
    response = _action(client, cluster, "publish_selected")
    return response, _status(cluster) == "published"


def unpublish_selected(client, cluster):
    response = _action(client, cluster, "unpublish_selected")
    return response, _status(cluster) == "draft"


def publish_one(client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(status="draft")
    response = client.post(admin_url("clusters_cluster_publish", cluster.pk))
    return response, _status(cluster) == "published"


def unpublish_one(client, cluster):
    response = client.post(admin_url("clusters_cluster_unpublish", cluster.pk))
    return response, _status(cluster) == "draft"


def open_import_page(client, cluster):
    response = client.get(admin_url("clusters_cluster_import"))
    return response, response.status_code == 200


def export_csv(client, cluster):
    response = _action(client, cluster, "export_csv")
    return response, response.get("Content-Disposition", "").startswith("attachment")


def export_geojson(client, cluster):
    response = _action(client, cluster, "export_geojson")
    return response, response.get("Content-Disposition", "").startswith("attachment")


def view_history(client, cluster):
    response = client.get(admin_url("clusters_cluster_history", cluster.pk))
    return response, response.status_code == 200


def revert(client, cluster):
    record = cluster.history.first()
    response = client.post(admin_url("clusters_cluster_simple_history", cluster.pk, record.history_id),
                           cluster_form_data(record.instance, name_en="Reverted", expected_version=cluster.version))
    return response, Cluster.objects.get(pk=cluster.pk).name_en == "Reverted"


def governorate_boundary(client, cluster):
    response = client.get(admin_url("clusters_cluster_governorate_boundary", id=cluster.governorate_id))
    return response, response.status_code == 200


def view_sectors(client, cluster):
    response = client.get(admin_url("clusters_sector_changelist"))
    return response, response.status_code == 200


def change_sector(client, cluster):
    sector = cluster.sector
    response = client.post(admin_url("clusters_sector_change", sector.pk),
                           {"slug": sector.slug, "name_ar": sector.name_ar, "name_en": "Changed",
                            "color": sector.color})
    return response, Sector.objects.get(pk=sector.pk).name_en == "Changed"


def view_governorates(client, cluster):
    response = client.get(admin_url("clusters_governorate_changelist"))
    return response, response.status_code == 200


def change_governorate(client, cluster):
    governorate = cluster.governorate
    response = client.post(admin_url("clusters_governorate_change", governorate.pk), {
        "iso_code": governorate.iso_code, "name_ar": governorate.name_ar, "name_en": "Changed",
        "aliases": "", "boundary": governorate.boundary.geojson})
    return response, Governorate.objects.get(pk=governorate.pk).name_en == "Changed"


# What each role gets: "login" (sent to the login page), "forbidden" (403),
# "refused" (answered, but nothing happened), "ok" (done).
MATRIX = {
    view_list:            ("login", "forbidden", "ok", "ok"),
    open_add_form:        ("login", "forbidden", "ok", "ok"),
    save_change:          ("login", "forbidden", "ok", "ok"),
    delete_one:           ("login", "forbidden", "forbidden", "ok"),
    delete_selected:      ("login", "forbidden", "refused", "ok"),
    publish_selected:     ("login", "forbidden", "refused", "ok"),
    unpublish_selected:   ("login", "forbidden", "refused", "ok"),
    publish_one:          ("login", "forbidden", "forbidden", "ok"),
    unpublish_one:        ("login", "forbidden", "forbidden", "ok"),
    open_import_page:     ("login", "forbidden", "ok", "ok"),
    export_csv:           ("login", "forbidden", "ok", "ok"),
    export_geojson:       ("login", "forbidden", "ok", "ok"),
    view_history:         ("login", "forbidden", "ok", "ok"),
    revert:               ("login", "forbidden", "ok", "ok"),
    governorate_boundary: ("login", "forbidden", "ok", "ok"),
    view_sectors:         ("login", "forbidden", "ok", "ok"),
    change_sector:        ("login", "forbidden", "forbidden", "forbidden"),
    view_governorates:    ("login", "forbidden", "ok", "ok"),
    change_governorate:   ("login", "forbidden", "forbidden", "forbidden"),
}
CASES = [
    pytest.param(operation, role, expected[ROLES.index(role)], id=f"{operation.__name__}-{role}")
    for operation, expected in MATRIX.items()
    for role in ROLES
]


def outcome(response, done: bool) -> str:
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    if response.status_code == 403:
        return "forbidden"
    assert response.status_code < 500
    return "ok" if done else "refused"


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_permission_matrix(operation, role, expected, client_for, cluster):
    response, done = operation(client_for[role], cluster)
    assert outcome(response, done) == expected

