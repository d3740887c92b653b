"""The programme tests' roles and staff (the builders of records: tests.support.programmes)."""

import pytest

from clusters.programmes.roles import programme_roles_ensure
from tests.support.staff import logged_in, staff_user


@pytest.fixture
def programme_roles(db):
    # Transactional tests flush the tables, groups included; make them again.
    from clusters.roles import roles_ensure

    roles_ensure()
    programme_roles_ensure()


@pytest.fixture
def staff_clients(programme_roles):
    """Logged-in clients of an editor and a publisher, keyed by role; each client's `user` is its account."""
    from clusters.roles import EDITORS, PUBLISHERS

    clients = {}
    for role, group in (("editor", EDITORS), ("publisher", PUBLISHERS)):
        user = staff_user(role, group)
        clients[role] = logged_in(user)
        clients[role].user = user
    return clients
