"""Builders of organisations, programmes and support (drafts or published), and what the programme form posts."""

from clusters.programmes.models import Organisation, Programme, Status, Support


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
