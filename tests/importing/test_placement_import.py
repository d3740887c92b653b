"""The placement rule's cases through the importer (tests/admin/test_placement_form.py: the same through the admin)."""

import json


from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.importing.helpers import csv_bytes, errors_of, row


def test_swapped_lat_lon_is_called_swapped(base_data):
    # Shandawil, Sohag, with latitude and longitude the wrong way round: in the Mediterranean.
    report = cluster_import(csv_bytes([row(governorate_iso="EG-SHG", lat="31.69478", lon="26.55695")]), "a.csv")
    [message] = errors_of(report, "location")
    assert "swapped" in message and not Cluster.objects.exists()


def test_point_at_sea_is_refused(base_data):
    report = cluster_import(csv_bytes([row(governorate_iso="EG-ALX", lat="33.2", lon="29.9")]), "a.csv")
    [message] = errors_of(report, "location")
    assert "outside Egypt" in message and "swapped" not in message


def test_thirty_km_away_is_an_error_with_the_km_and_the_real_governorate(base_data):
    # A point in Qena stated as Sohag.
    report = cluster_import(csv_bytes([row(governorate_iso="EG-SHG", lat="26.16", lon="32.72")]), "a.csv")
    [message] = errors_of(report, "location")
    km = float(message.split("lies ")[1].split(" km")[0])
    assert 25 < km < 60 and "Qena" in message


def test_fourteen_km_away_is_a_warning_with_the_km(base_data):
    # Esna, outside the coarse Luxor line (batch 2's luxor-sun-dried-tomato).
    report = cluster_import(csv_bytes([row(governorate_iso="EG-LX", lat="25.29336", lon="32.55402")]), "a.csv")
    assert report.ok and report.written
    [warning] = [p for p in report.warnings if p.field == "location"]
    km = float(warning.message.split("lies ")[1].split(" km")[0])
    assert 10 < km < 20 and "Luxor" in warning.message


def test_footprint_far_from_its_point_is_refused(base_data):
    far = {"type": "Polygon", "coordinates": [[[32.6, 25.6], [32.7, 25.6], [32.7, 25.7], [32.6, 25.6]]]}  # Luxor
    rows = [row(footprint=json.dumps(far))]  # the point is in Cairo
    report = cluster_import(csv_bytes(rows), "a.csv")
    [message] = errors_of(report, "footprint")
    assert "km from the cluster's point" in message


def test_footprint_outside_egypt_is_refused_as_in_the_admin(base_data):
    abroad = {"type": "Polygon", "coordinates": [[[2, 48], [3, 48], [3, 49], [2, 48]]]}
    report = cluster_import(csv_bytes([row(footprint=json.dumps(abroad))]), "a.csv")
    assert "outside Egypt" in errors_of(report, "footprint")[0]
