"""Staff users in the two roles and logged-in clients, for every folder whose tests act as staff.

The fixtures are imported by the conftest.py files that offer them (tests/admin,
tests/contributions); each of those defines `staff_roles`, the groups its tests
need, so one set of fixtures serves both: the admin needs the cluster roles,
the reviewers the contribution roles too.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from clusters.roles import EDITORS, PUBLISHERS

PASSWORD = "a long test password 42"


def staff_user(username: str, group: str | None) -> User:
    """A staff account in `group` (None: in no role at all)."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(staff_roles):
    return staff_user("editor", EDITORS)


@pytest.fixture
def publisher(staff_roles):
    return staff_user("publisher", PUBLISHERS)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return logged_in(publisher)
