"""Seeding and re-running the set-up never overwrite staff edits."""

from django.core.management import call_command

from clusters.models import Cluster, Governorate, Sector


def test_seed_loads_governorates_sectors_and_published_clusters(seeded):
    assert Governorate.objects.count() == 27
    assert Sector.objects.count() == 22
    assert Cluster.objects.count() == 60
    assert Cluster.objects.filter(status=Cluster.Status.PUBLISHED).count() == 60
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
    # A cluster staff deleted stays deleted: seeding only fills an empty database.
    assert not Cluster.objects.filter(slug="garagos-pottery").exists()
    assert Cluster.objects.count() == 59


def test_load_governorates_update_overwrites_on_purpose(seeded):
    Governorate.objects.filter(iso_code="EG-DT").update(name_en="Changed")
    call_command("load_governorates", "--update", verbosity=0)
    assert Governorate.objects.get(iso_code="EG-DT").name_en == "Damietta"
