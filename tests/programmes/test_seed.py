"""The seed's 3 programmes and the support rows whose clusters exist, published, never overwriting staff edits."""

import csv

from django.core.management import call_command

from clusters.models import Cluster
from clusters.programmes.models import Organisation, Programme, Status, Support
from clusters.programmes.seeding import programmes_seed_all, support_seed
from tests.support.clusters import FIXTURES


def _csv_rows(name):
    with open(FIXTURES / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_seed_loads_what_the_csvs_hold_published(seeded):
    assert Organisation.objects.filter(status=Status.PUBLISHED).count() == len(_csv_rows("organisations.csv")) == 7
    assert Programme.objects.filter(status=Status.PUBLISHED).count() == len(_csv_rows("programmes.csv")) == 3
    rows = _csv_rows("support.csv")
    assert len(rows) == 10
    present = {r["cluster"] for r in rows} & set(Cluster.objects.values_list("slug", flat=True))
    # Rows whose cluster is not loaded (batch 2, until it is) are left out, not failed.
    assert Support.objects.filter(status=Status.PUBLISHED).count() == len(present)
    afdb = Programme.objects.get(slug="natural-clusters-afdb")
    assert afdb.budget_amount == 2000000 and afdb.budget_currency == "USD"
    assert afdb.start_year is None  # not reported stays empty, never 0
    assert sorted(afdb.organisations.values_list("slug", flat=True)) == ["afdb", "mena-transition-fund", "msmeda"]
    damietta = Support.objects.get(cluster__slug="damietta-furniture")
    assert damietta.kinds == ["technical-assistance", "marketing"]
    assert damietta.people_reached is None


def test_seed_reports_rows_whose_cluster_is_missing(seeded):
    Support.objects.all().delete()
    Cluster.objects.filter(slug="tahta-furniture").delete()
    report = support_seed()
    assert report.ok
    assert any("tahta-furniture" in p.reason for p in report.skipped)


def test_reseed_keeps_staff_edits_and_deletions(seeded):
    programme = Programme.objects.get(slug="unido-hayat-dates")
    programme.name_en = "Edited by staff"
    programme.save()
    deleted = Support.objects.filter(cluster__slug="damietta-furniture").first()
    deleted.delete()
    call_command("seed", verbosity=0)
    programmes_seed_all()
    assert Programme.objects.get(slug="unido-hayat-dates").name_en == "Edited by staff"
    assert not Support.objects.filter(cluster__slug="damietta-furniture").exists()
    assert Programme.objects.count() == 3


def test_full_seed_has_the_3_programmes_and_10_support_rows(seeded_full):
    assert Programme.objects.filter(status=Status.PUBLISHED).count() == len(_csv_rows("programmes.csv")) == 3
    assert Support.objects.filter(status=Status.PUBLISHED).count() == len(_csv_rows("support.csv")) == 10


def test_rows_left_for_later_load_once_batch_2_arrives(seeded, settings):
    assert Support.objects.count() == 7
    settings.SEED_CLUSTER_FILES = ("clusters.csv", "clusters_batch2.csv")
    call_command("seed", verbosity=0)
    assert Support.objects.filter(status=Status.PUBLISHED).count() == 10
