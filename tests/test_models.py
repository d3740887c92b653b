"""The database itself refuses what the rules forbid, whatever path a write takes."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.db import IntegrityError, transaction

from clusters.models import Cluster, Governorate, Sector
from clusters.selectors import data_version


@pytest.fixture
def cluster(seeded):
    return Cluster.objects.get(slug="damietta-furniture")


def _refused(cluster, **changes):
    for name, value in changes.items():
        setattr(cluster, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        cluster.save()


@pytest.mark.parametrize("slug", ["Bad Slug", "trailing-", "-leading", "double--hyphen", "عربي"])
def test_slug_format_is_enforced(cluster, slug):
    _refused(cluster, slug=slug)


def test_counts_are_never_negative(cluster):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cluster.objects.filter(pk=cluster.pk).update(enterprises=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Cluster.objects.filter(pk=cluster.pk).update(employment=-5)


def test_point_must_lie_within_egypt(cluster):
    _refused(cluster, location=Point(2.35, 48.85, srid=4326))  # Paris


def test_footprint_must_be_valid(cluster):
    bowtie = Polygon(((31.80, 31.40), (31.82, 31.42), (31.82, 31.40), (31.80, 31.42), (31.80, 31.40)))
    _refused(cluster, footprint=MultiPolygon(bowtie, srid=4326))


def test_valid_footprint_is_kept(cluster):
    square = Polygon.from_bbox((31.80, 31.40, 31.82, 31.42))
    cluster.footprint = MultiPolygon(square, srid=4326)
    cluster.save()
    cluster.refresh_from_db()
    assert cluster.footprint.num_geom == 1


def test_unknown_status_and_precision_are_refused(cluster):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cluster.objects.filter(pk=cluster.pk).update(status="secret")
    with pytest.raises(IntegrityError), transaction.atomic():
        Cluster.objects.filter(pk=cluster.pk).update(location_precision="exact")


def test_governorate_code_and_sector_colour_formats(seeded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Governorate.objects.filter(iso_code="EG-DT").update(iso_code="DT")
    with pytest.raises(IntegrityError), transaction.atomic():
        Sector.objects.filter(slug="dairy").update(color="red")


def test_geometry_is_wgs84_with_spatial_indexes(seeded):
    from django.db import connection

    assert Cluster._meta.get_field("location").srid == 4326
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename IN ('clusters_cluster', 'clusters_governorate')"
        )
        gist = [row[0] for row in cursor.fetchall() if "gist" in row[0]]
    assert any("(location)" in d for d in gist)
    assert any("(footprint)" in d for d in gist)
    assert any("(boundary)" in d for d in gist)


def test_search_text_folds_arabic_and_includes_governorate(cluster):
    assert "دمياط" in cluster.search_text
    assert "damietta" in cluster.search_text
    assert "ة" not in cluster.search_text


def test_any_write_bumps_the_data_version(cluster):
    before = data_version()
    Cluster.objects.filter(pk=cluster.pk).update(name_en="Damietta Furniture")
    after_update = data_version()
    Sector.objects.filter(slug="dairy").update(name_en="Dairy")
    assert before < after_update < data_version()
