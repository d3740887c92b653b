"""Staff users in their roles and logged-in clients."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.roles import EDITORS, PUBLISHERS, roles_ensure
from tests.support.clusters import FIXTURES


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
