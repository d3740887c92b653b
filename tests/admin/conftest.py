"""Staff users in their roles and logged-in clients."""

import pytest
from django.test import Client

from clusters.importing import cluster_import
from clusters.models import Cluster
from clusters.roles import roles_ensure
from tests.support.clusters import FIXTURES
from tests.support.staff import editor, editor_client, publisher, publisher_client  # noqa: F401  (fixtures)


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


@pytest.fixture
def staff_roles(roles):
    """What tests.support.staff's editor and publisher are made in."""


@pytest.fixture
def clients(editor_client, publisher_client):
    return {"anonymous": Client(), "editor": editor_client, "publisher": publisher_client}
