"""The one placement rule (clusters.placement), checked directly; the importer and admin tests check its use."""

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.utils import translation

from clusters.models import Governorate
from clusters.placement import placement_check, placement_rule, point_on_land


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def gov(iso):
    return Governorate.objects.get(iso_code=iso)


def refused(location, governorate=None, footprint=None):
    with pytest.raises(ValidationError) as caught:
        placement_check(location, governorate, footprint)
    return caught.value.message_dict


def square(lon, lat, half=0.01):
    return MultiPolygon(Polygon.from_bbox((lon - half, lat - half, lon + half, lat + half)), srid=4326)


SHANDAWIL = (31.69478, 26.55695)  # lon, lat: the right way round


def test_point_inside_its_governorate_passes_without_warning(base_data):
    placement = placement_check(Point(*SHANDAWIL, srid=4326), gov("EG-SHG"))
    assert placement.governorate.iso_code == "EG-SHG" and not placement.warnings and not placement.filled


def test_empty_governorate_is_filled_from_the_point(base_data):
    placement = placement_check(Point(*SHANDAWIL, srid=4326))
    assert placement.governorate.iso_code == "EG-SHG" and placement.filled


def test_swapped_lat_lon_is_called_swapped(base_data):
    errors = refused(Point(SHANDAWIL[1], SHANDAWIL[0], srid=4326), gov("EG-SHG"))
    assert "swapped" in errors["location"][0]


def test_swapped_lat_lon_without_governorate_is_called_swapped(base_data):
    errors = refused(Point(SHANDAWIL[1], SHANDAWIL[0], srid=4326))
    assert "swapped" in errors["location"][0]


def test_point_at_sea_is_refused(base_data):
    errors = refused(Point(32.5, 33.2, srid=4326), gov("EG-ALX"))  # the Mediterranean, north of Port Said
    assert "outside Egypt" in errors["location"][0] and "swapped" not in errors["location"][0]
    assert not point_on_land(Point(32.5, 33.2, srid=4326))


def test_point_abroad_is_refused(base_data):
    assert "outside Egypt" in refused(Point(35.5, 31.9, srid=4326))["location"][0]  # Jordan valley


def test_point_in_the_red_sea_is_refused(base_data):
    assert not point_on_land(Point(35.0, 26.0, srid=4326))


def test_coast_within_the_margin_is_land(base_data):
    # Alexandria's corniche sits on the coarse line's edge; a point 2 km out to sea still counts.
    assert point_on_land(Point(29.90, 31.22, srid=4326))


def test_esna_fourteen_km_outside_luxor_is_a_warning_with_the_km(base_data):
    placement = placement_check(Point(32.55, 25.29, srid=4326), gov("EG-LX"))
    [(field, message)] = placement.warnings
    km = float(message.split("lies ")[1].split(" km")[0])
    assert field == "location" and 5 < km < 25 and "Luxor" in message


def test_thirty_km_outside_is_an_error_naming_km_and_the_real_governorate(base_data):
    # A point in Qena, 30-odd km from Sohag's line.
    location = Point(32.72, 26.16, srid=4326)
    assert placement_rule().containing(location).iso_code == "EG-KN"
    message = refused(location, gov("EG-SHG"))["location"][0]
    km = float(message.split("lies ")[1].split(" km")[0])
    assert 25 < km < 60 and "Qena" in message and "Sohag" in message


def test_footprint_far_from_its_point_is_refused(base_data):
    message = refused(Point(*SHANDAWIL, srid=4326), gov("EG-SHG"), square(31.2357, 30.0444))["footprint"][0]
    assert "km from the cluster's point" in message


def test_footprint_at_sea_is_refused(base_data):
    message = refused(Point(*SHANDAWIL, srid=4326), gov("EG-SHG"), square(33.5, 33.0))["footprint"][0]
    assert "outside Egypt" in message


def test_invalid_footprint_is_refused(base_data):
    bowtie = MultiPolygon(Polygon(((31.69, 26.55), (31.70, 26.56), (31.70, 26.55), (31.69, 26.56), (31.69, 26.55))),
                          srid=4326)
    assert "not a valid shape" in refused(Point(*SHANDAWIL, srid=4326), gov("EG-SHG"), bowtie)["footprint"][0]


def test_footprint_around_its_point_passes(base_data):
    assert placement_check(Point(*SHANDAWIL, srid=4326), gov("EG-SHG"), square(*SHANDAWIL)).governorate


def test_rule_follows_changed_boundaries(base_data):
    placement_rule()
    Governorate.objects.filter(iso_code="EG-SHG").update(name_en="Suhag")
    assert placement_check(Point(*SHANDAWIL, srid=4326)).governorate.name_en == "Suhag"
