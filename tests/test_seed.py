"""Seeding and re-running the set-up never overwrite staff edits."""

from django.core.management import call_command

from clusters.models import Cluster, Governorate, Sector


def test_seed_loads_governorates_sectors_and_published_clusters(seeded_full):
    assert Governorate.objects.count() == 27
    assert Sector.objects.count() == 24
    assert Cluster.objects.count() == 111
    assert Cluster.objects.filter(status=Cluster.Status.PUBLISHED).count() == 111
    assert set(Governorate.objects.values_list("iso_code", flat=True)) >= {"EG-C", "EG-DT", "EG-FYM", "EG-KN"}


def test_a_second_setup_keeps_staff_edits(seeded):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    cluster.name_en = "Damietta Furniture (edited by staff)"
    cluster.status = Cluster.Status.DRAFT
    cluster.save()
    Sector.objects.filter(slug="dairy").update(name_en="Dairy (edited)")
    Governorate.objects.filter(iso_code="EG-DT").update(name_en="Damietta (edited)")
    Cluster.objects.filter(slug="garagos-pottery").delete()

    call_command("seed", verbosity=0)
    call_command("load_governorates", verbosity=0)

    cluster.refresh_from_db()
    assert cluster.name_en == "Damietta Furniture (edited by staff)"
    assert cluster.status == Cluster.Status.DRAFT
    assert Sector.objects.get(slug="dairy").name_en == "Dairy (edited)"
    assert Governorate.objects.get(iso_code="EG-DT").name_en == "Damietta (edited)"
    # A cluster staff deleted stays deleted: the seed adds only slugs the database never held.
    assert not Cluster.objects.filter(slug="garagos-pottery").exists()
    assert Cluster.objects.count() == 59


def test_load_governorates_update_overwrites_on_purpose(seeded):
    Governorate.objects.filter(iso_code="EG-DT").update(name_en="Changed")
    call_command("load_governorates", "--update", verbosity=0)
    assert Governorate.objects.get(iso_code="EG-DT").name_en == "Damietta"


def test_seed_again_adds_batch_two_to_a_sixty_cluster_database_and_nothing_else(seeded, settings):
    # A database seeded before batch 2 existed, with staff edits and a deletion since.
    Cluster.objects.filter(slug="garagos-pottery").delete()
    edited = Cluster.objects.get(slug="damietta-furniture")
    edited.name_en = "Edited by staff"
    edited.save()
    before = {c.slug: c.updated_at for c in Cluster.objects.all()}
    Sector.objects.filter(slug__in=["poultry", "metalwork-iron"]).delete()

    del settings.SEED_CLUSTER_FILES  # as ./scripts/run and `manage.py seed` run it
    call_command("seed", verbosity=0)

    assert Sector.objects.filter(slug__in=["poultry", "metalwork-iron"]).count() == 2
    assert Cluster.objects.count() == 59 + 51
    assert not Cluster.objects.filter(slug="garagos-pottery").exists()
    assert Cluster.objects.get(slug="damietta-furniture").name_en == "Edited by staff"
    assert {c.slug: c.updated_at for c in Cluster.objects.filter(slug__in=before)} == before
    assert Cluster.objects.filter(slug="kitama-furniture", status=Cluster.Status.PUBLISHED).exists()

    call_command("seed", verbosity=0)  # and again: nothing more
    assert Cluster.objects.count() == 110


def test_import_of_batch_two_into_the_sixty_creates_51_and_changes_nothing_else(seeded):
    from clusters.importing import cluster_import
    from clusters.seeding import FIXTURES

    before = {c.slug: (c.version, c.updated_at) for c in Cluster.objects.all()}
    report = cluster_import((FIXTURES / "clusters_batch2.csv").read_bytes(), "clusters_batch2.csv")
    assert report.written, (report.file_error, report.errors[:3])
    assert report.summary == {"create": 51, "update": 0, "unchanged": 0}
    assert {c.slug: (c.version, c.updated_at) for c in Cluster.objects.filter(slug__in=before)} == before
    assert Cluster.objects.count() == 111
