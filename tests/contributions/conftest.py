"""Reviewers in their roles and a clean rate-limit cache (what the forms post: tests.support.contributions)."""

import pytest
from django.core.cache import caches

from clusters.contributions.roles import contribution_roles_ensure
from clusters.roles import roles_ensure
from tests.support.staff import editor, editor_client, publisher, publisher_client  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def fresh_limit_cache():
    # The per-address counters live in the cache, which outlives a test's database.
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def staff_roles(db):
    """The groups tests.support.staff's editor and publisher join: here they review contributions too."""
    roles_ensure()
    contribution_roles_ensure()
