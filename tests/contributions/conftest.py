"""Reviewers in their roles, a clean rate-limit cache, and what the public forms post."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.test import Client

from clusters.contributions.roles import contribution_roles_ensure
from clusters.roles import EDITORS, PUBLISHERS, roles_ensure

PASSWORD = "a long test password 42"


@pytest.fixture(autouse=True)
def fresh_limit_cache():
    # The per-address counters live in the cache, which outlives a test's database.
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def reviewer_roles(db):
    roles_ensure()
    contribution_roles_ensure()


def staff(username: str, group: str | None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(reviewer_roles):
    return staff("editor", EDITORS)


@pytest.fixture
def publisher(reviewer_roles):
    return staff("publisher", PUBLISHERS)


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


def missing_form(**changes) -> dict:
    """A missing-cluster suggestion as the form posts it: Akhmim weaving, Sohag, point picked."""
    from clusters.models import Governorate, Sector

    data = {
        "name": "Akhmim hand weaving",
        "sector": Sector.objects.get(slug="textiles-weaving").pk,
        "governorate": Governorate.objects.get(iso_code="EG-SHG").pk,
        "place": "Akhmim",
        "latitude": "26.5630",
        "longitude": "31.7450",
        "products": "silk and cotton cloth",
        "source_url": "https://example.org/akhmim",
        "contact_email": "weaver@example.org",
        "leave_empty": "",
    }
    data.update(changes)
    return data


def correction_form(**changes) -> dict:
    data = {"field": "place", "message": "The point is on the wrong bank of the canal.",
            "source_url": "", "contact_email": "", "leave_empty": ""}
    data.update(changes)
    return data
