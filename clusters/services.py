"""Writes. Plain functions named <entity>_<action>; views, admin and commands call these."""

import csv
import io
import json

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import connection, transaction

from clusters.models import Cluster, Governorate, Sector
from clusters.text import normalize_text


def _split_aliases(text: str) -> str:
    return "\n".join(part.strip() for part in text.split("|") if part.strip())


@transaction.atomic
def governorate_load_geojson(content: bytes, *, update: bool = False, aliases: dict | None = None) -> dict:
    """Add the governorates a GeoJSON file has and the database lacks.

    Existing rows are left alone unless update is set, so staff edits survive
    a re-run of the set-up.
    """
    document = json.loads(content.decode("utf-8-sig"))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for feature in document["features"]:
        props = feature["properties"]
        boundary = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        if boundary.geom_type == "Polygon":
            boundary = MultiPolygon(boundary, srid=4326)
        values = {"name_ar": props["name_ar"], "name_en": props["name_en"], "boundary": boundary}
        if (aliases or {}).get(props["iso_code"]):
            values["aliases"] = _split_aliases(aliases[props["iso_code"]])
        current = Governorate.objects.filter(iso_code=props["iso_code"]).first()
        if current is None:
            Governorate.objects.create(iso_code=props["iso_code"], **values)
            counts["created"] += 1
        elif update:
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if counts["updated"]:
        cluster_refresh_search_text()
    return counts


def governorate_aliases_csv(content: bytes) -> dict:
    """iso_code -> "a | b | c", from a CSV with columns iso_code and aliases."""
    return {row["iso_code"]: row["aliases"] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))}


@transaction.atomic
def sector_load_csv(content: bytes) -> dict:
    """Add the sectors a CSV file has and the database lacks; never overwrite."""
    counts = {"created": 0, "unchanged": 0}
    for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig"))):
        _sector, created = Sector.objects.get_or_create(
            slug=row["slug"],
            defaults={"name_ar": row["name_ar"], "name_en": row["name_en"], "color": row.get("color") or "#555555"},
        )
        counts["created" if created else "unchanged"] += 1
    return counts


def cluster_refresh_search_text(queryset=None) -> int:
    """Rebuild the folded search text, e.g. after a governorate's or a sector's names change."""
    count = 0
    # `queryset or ...` would refresh every cluster when given an empty queryset.
    queryset = Cluster.objects.all() if queryset is None else queryset
    for cluster in queryset.select_related("governorate", "sector").defer(
            "governorate__boundary"):
        text = cluster.build_search_text()
        if text != cluster.search_text:
            Cluster.objects.filter(pk=cluster.pk).update(search_text=text)
            count += 1
    return count


def cluster_refresh_stale_search_text() -> int:
    """Rebuild the search text of the clusters whose text lacks their sector's names.

    Texts written before sector names counted in search (issue 11) miss them;
    finding those takes one statement, so `manage.py seed` (every start) can
    afford to ask, and only the stale clusters are rebuilt.
    """
    folded = [(sector.pk, normalize_text(sector.name_ar), normalize_text(sector.name_en))
              for sector in Sector.objects.all()]
    if not folded:
        return 0
    values = ", ".join(["(%s, %s, %s)"] * len(folded))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT c.id FROM clusters_cluster c JOIN (VALUES {values}) AS f(id, ar, en) ON f.id = c.sector_id"
            " WHERE strpos(c.search_text, f.ar) = 0 OR strpos(c.search_text, f.en) = 0",
            [value for row in folded for value in row],
        )
        stale = [row[0] for row in cursor.fetchall()]
    return cluster_refresh_search_text(Cluster.objects.filter(pk__in=stale)) if stale else 0
