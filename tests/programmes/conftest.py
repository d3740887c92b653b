"""Programmes, organisations and support on top of the seed: builders for drafts and published records."""

import pytest

from clusters.programmes.models import Organisation, Programme, Status, Support
from clusters.programmes.roles import programme_roles_ensure
from tests.support.staff import logged_in, staff_user


@pytest.fixture
def programme_roles(db):
    # Transactional tests flush the tables, groups included; make them again.
    from clusters.roles import roles_ensure

    roles_ensure()
    programme_roles_ensure()


def make_organisation(slug="test-org", status=Status.PUBLISHED, **fields):
    values = {"name_ar": "منظمة تجريبية", "name_en": "Test organisation", "kind": "ngo", **fields}
    return Organisation.objects.create(slug=slug, status=status, **values)


def make_programme(slug="test-programme", status=Status.PUBLISHED, organisations=(), **fields):
    values = {"name_ar": "برنامج تجريبي", "name_en": "Test programme", **fields}
    programme = Programme.objects.create(slug=slug, status=status, **values)
    programme.organisations.set(organisations)
    return programme


def make_support(programme, cluster, status=Status.PUBLISHED, **fields):
    return Support.objects.create(programme=programme, cluster=cluster, status=status, **fields)


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


def admin_url(name, *args):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(f"admin:{name}", args=args)


def programme_form_data(programme=None, support=(), **changes):
    """What the programme change form posts, with inline support rows as dicts (cluster id, fields)."""
    data = {
        "name_ar": programme.name_ar if programme else "برنامج جديد",
        "name_en": programme.name_en if programme else "New programme",
        "slug": programme.slug if programme else "new-programme",
        "organisations": [o.pk for o in programme.organisations.all()] if programme else [],
        "expected_version": programme.version if programme else "",
        "start_year": "", "end_year": "", "budget_amount": "", "budget_currency": "",
        "summary_ar": "", "summary_en": "", "sources": "",
        "support-TOTAL_FORMS": len(support), "support-INITIAL_FORMS": sum(1 for s in support if s.get("id")),
        "support-MIN_NUM_FORMS": 0, "support-MAX_NUM_FORMS": 1000,
        "_save": "Save",
    }
    for index, row in enumerate(support):
        values = {"kinds": [], "start_year": "", "end_year": "", "summary_ar": "", "summary_en": "",
                  "enterprises_reached": "", "people_reached": "", "women_reached": "", "sources": "",
                  "expected_version": "", "id": "", **row}
        for key, value in values.items():
            data[f"support-{index}-{key}"] = value
    data.update(changes)
    return data
