def test_seed_loads_everything(seeded):
    from clusters.models import Cluster, Governorate, Sector

    assert Governorate.objects.count() == 27
    assert Sector.objects.count() == 22
    assert Cluster.objects.filter(status="published").count() == 60
