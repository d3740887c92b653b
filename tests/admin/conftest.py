"""Staff users in their roles, logged-in clients, and the cluster form as a browser would post it."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.roles import EDITORS, PUBLISHERS, roles_ensure
from tests.conftest import FIXTURES


def admin_url(name: str, *args, **query) -> str:
    """An admin URL in English, so tests can read the messages."""
    with translation.override("en"):
        url = reverse(f"admin:{name}", args=args)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.fixture
def one_cluster(base_data) -> Cluster:
    """The first seed cluster, published: lighter than the whole seed."""
    rows = (FIXTURES / "clusters.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert cluster_import("\n".join(rows).encode(), "one.csv", publish=True).written
    return Cluster.objects.get()


@pytest.fixture
def roles(db):
    # Transactional tests flush the tables, groups included; make them again.
    roles_ensure()


def _staff(username: str, group: str | None) -> User:
    user = User.objects.create_user(username, password="a long test password 42", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(roles):
    return _staff("editor", EDITORS)


@pytest.fixture
def publisher(roles):
    return _staff("publisher", PUBLISHERS)


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def clients(editor_client, publisher_client):
    return {"anonymous": Client(), "editor": editor_client, "publisher": publisher_client}


def cluster_form_data(cluster: Cluster, **changes) -> dict:
    """What the change form posts for a cluster, with changes on top."""
    data = {
        "name_ar": cluster.name_ar,
        "name_en": cluster.name_en,
        "aliases": cluster.aliases,
        "expected_version": cluster.version,
        "governorate": cluster.governorate_id or "",
        "location": cluster.location.geojson,
        "location_precision": cluster.location_precision,
        "footprint": cluster.footprint.geojson if cluster.footprint else "",
        "locality_ar": cluster.locality_ar,
        "locality_en": cluster.locality_en,
        "sector": cluster.sector_id,
        "products_ar": cluster.products_ar,
        "products_en": cluster.products_en,
        "enterprises": "" if cluster.enterprises is None else cluster.enterprises,
        "employment": "" if cluster.employment is None else cluster.employment,
        "description_ar": cluster.description_ar,
        "description_en": cluster.description_en,
        "sources": "\n".join(cluster.sources),
        "_save": "Save",
    }
    data.update(changes)
    return data


def point_json(lon: float, lat: float) -> str:
    return '{"type": "Point", "coordinates": [%r, %r]}' % (lon, lat)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
