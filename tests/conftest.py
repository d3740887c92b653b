"""Fixtures shared by the whole suite. Tests run against a real PostGIS."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fresh_page_counts():
    """Each test's rolled-back data may reuse a data version; counts kept per version must not leak between tests."""
    from clusters.answers import answers_forget
    from clusters.counting import cluster_count_forget
    from maps.views import filter_choices_forget
    from ops.microcache import microcache_forget

    cluster_count_forget()
    filter_choices_forget()
    answers_forget()
    microcache_forget()
    yield


@pytest.fixture
def seeded(db, settings):
    """The first seed: 27 governorates, 24 sectors and the 60 published clusters of fixtures/clusters.csv.

    ./scripts/run also loads batch 2 (seeded_full, 111 clusters); most tests count on the first 60.
    """
    settings.SEED_CLUSTER_FILES = ("clusters.csv",)
    call_command("seed", verbosity=0)


@pytest.fixture
def seeded_full(db):
    """The seed data as ./scripts/run loads it: 27 governorates, 24 sectors, 111 published clusters."""
    call_command("seed", verbosity=0)


@pytest.fixture
def base_data(db):
    """Governorates and sectors only, for importer tests that bring their own clusters."""
    from clusters.seeding import governorates_seed, sectors_seed

    governorates_seed()
    sectors_seed()

