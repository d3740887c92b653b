"""Programmes, organisations and support as plain JSON-ready dicts, and the flat support table as CSV.

Values the sources do not give are null (JSON) or an empty cell (CSV),
never 0. Only public records are read (clusters.programmes.selectors).
"""

import csv
import io

from clusters.programmes.selectors import (
    organisation_public_list, programme_public_list, support_public_for_programme, support_public_rows,
)


def _amount(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def programme_record(programme, cluster_count=None) -> dict:
    return {
        "slug": programme.slug,
        "name_ar": programme.name_ar,
        "name_en": programme.name_en,
        "organisations": [o.slug for o in programme.organisations.all()],
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "budget_amount": _amount(programme.budget_amount),
        "budget_currency": programme.budget_currency or None,
        "summary_ar": programme.summary_ar,
        "summary_en": programme.summary_en,
        "sources": list(programme.sources),
        "cluster_count": cluster_count if cluster_count is not None else getattr(programme, "cluster_count", None),
    }


def organisation_record(organisation) -> dict:
    return {"slug": organisation.slug, "name_ar": organisation.name_ar, "name_en": organisation.name_en,
            "kind": organisation.kind, "website": organisation.website or None}


def support_record(support, programme_slug=None, organisations=None) -> dict:
    cluster = support.cluster
    record = {
        "cluster": cluster.slug,
        "cluster_name_ar": cluster.name_ar,
        "cluster_name_en": cluster.name_en,
        "governorate": cluster.governorate.iso_code,
        "sector": cluster.sector.slug,
    }
    if programme_slug is not None:
        record["programme"] = programme_slug
        record["organisations"] = organisations or []
    record.update(_support_values(support))
    return record


def _support_values(support) -> dict:
    read = support.get if isinstance(support, dict) else lambda name: getattr(support, name)
    return {
        "kinds": list(read("kinds")),
        "start_year": read("start_year"),
        "end_year": read("end_year"),
        "summary_ar": read("summary_ar"),
        "summary_en": read("summary_en"),
        "enterprises_reached": read("enterprises_reached"),
        "people_reached": read("people_reached"),
        "women_reached": read("women_reached"),
        "sources": list(read("sources")),
    }


def programme_list_records(organisation: str | None = None) -> list[dict]:
    programmes = programme_public_list()
    records = [programme_record(p) for p in programmes]
    if organisation:
        records = [r for r in records if organisation in r["organisations"]]
    return records


def programme_detail_record(programme) -> dict:
    support = support_public_for_programme(programme)
    record = programme_record(programme, cluster_count=len(support))
    record["organisations"] = [organisation_record(o) for o in programme.organisations.all()]
    record["support"] = [support_record(s) for s in support]
    return record


def organisation_list_records() -> list[dict]:
    organisations = organisation_public_list()
    programmes = programme_public_list()
    by_organisation: dict[str, list[str]] = {}
    for programme in programmes:
        for organisation in programme.organisations.all():
            by_organisation.setdefault(organisation.slug, []).append(programme.slug)
    return [{**organisation_record(o), "programmes": by_organisation.get(o.slug, [])} for o in organisations]


def support_table(programme: str | None = None, organisation: str | None = None) -> list[dict]:
    """The flat who-what-where table: one row per public support row."""
    rows = []
    for row in support_public_rows(programme=programme, organisation=organisation):
        rows.append({
            "cluster": row["cluster__slug"],
            "cluster_name_ar": row["cluster__name_ar"],
            "cluster_name_en": row["cluster__name_en"],
            "governorate": row["cluster__governorate__iso_code"],
            "governorate_name_ar": row["cluster__governorate__name_ar"],
            "governorate_name_en": row["cluster__governorate__name_en"],
            "sector": row["cluster__sector__slug"],
            "sector_name_ar": row["cluster__sector__name_ar"],
            "sector_name_en": row["cluster__sector__name_en"],
            "programme": row["programme__slug"],
            "programme_name_ar": row["programme__name_ar"],
            "programme_name_en": row["programme__name_en"],
            "organisations": row["organisations"],
            **_support_values(row),
        })
    return rows


CSV_COLUMNS = ["cluster", "cluster_name_en", "cluster_name_ar", "governorate", "governorate_name_en",
               "governorate_name_ar", "sector", "sector_name_en", "sector_name_ar", "programme",
               "programme_name_en", "programme_name_ar", "organisations", "kind", "start_year", "end_year",
               "enterprises_reached", "people_reached", "women_reached", "summary_en", "summary_ar", "source"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""  # not reported
    text = str(value)
    # A spreadsheet runs a cell that starts like a formula; the apostrophe keeps it text.
    return "'" + text if text.startswith(_FORMULA_START) else text


def support_table_csv(rows: list[dict]) -> bytes:
    """The table as CSV in support.csv's conventions (`|` between kinds and slugs, " | " between sources).

    UTF-8 with a byte-order mark, so that spreadsheet programs read the Arabic.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = {**row, "organisations": "|".join(row["organisations"]), "kind": "|".join(row["kinds"]),
                  "source": " | ".join(row["sources"])}
        writer.writerow([_cell(values[c]) for c in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

