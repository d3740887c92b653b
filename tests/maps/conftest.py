import pytest

from tests.support.clusters import add_cluster


@pytest.fixture
def make_cluster(seeded):
    """Add a cluster to the seed data: published, in Cairo, unless told otherwise."""
    return add_cluster
