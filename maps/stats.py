"""The statistics page's charts, built from cluster_stats (the API's numbers).

Charts are drawn on the server as HTML rows with a one-rectangle SVG bar each,
and a small SVG choropleth from PostGIS's ST_AsSVG: no chart library, no
script, so nothing for the CSP to refuse; the labels are HTML text, so Arabic
shapes, wraps and takes the right-hand side by the grid's own direction; and
the page prints and reads (screen readers, text browsers) like any page.
"""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.programmes.models import SupportKind
from clusters.shapes import governorate_svg_paths
from maps.bilingual import pick

# The map's choropleth ramp (static/js/choropleth.js): the same colours mean
# the same counts on the map and here.
RAMP = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NONE_COLOR = "#f7f7f7"
BAR_COLOR = "#3182bd"
BREAKDOWNS = ("sector", "governorate", "precision", "programme", "support-kind", "support-year")


@dataclass
class Bar:
    key: str
    label: str
    count: int
    row: dict  # the selector's row: the figures for the data table and the CSV
    color: str = BAR_COLOR
    map_url: str | None = None
    length: float = 0.0  # percent of the longest bar
    offset: float = 0.0  # where the bar starts in a 0-100 box: the right-hand end in RTL

    # The table's sums, grouped like the headline figures; None when no cluster reported one.
    @property
    def enterprises_text(self) -> str | None:
        return fmt(self.row["enterprises_total"]) if self.row["enterprises_reported"] else None

    @property
    def employment_text(self) -> str | None:
        return fmt(self.row["employment_total"]) if self.row["employment_reported"] else None


@dataclass
class Chart:
    key: str
    title: str
    category: str  # the column heading for the categories
    bars: list[Bar] = field(default_factory=list)
    csv_url: str = ""
    note: str = ""
    figures: bool = True  # whether the rows carry enterprises and employment (the support charts do not)


def fmt(number) -> str:
    """Western digits with grouping, as the map and the downloads write them."""
    return f"{number:,}"


class Selection:
    """The parsed filters plus the search text as typed: the links repeat what the visitor wrote,
    not its folded form."""

    def __init__(self, filters, q: str = ""):
        self.filters = filters
        self.q = q.strip() if filters.terms else ""

    def __getattr__(self, name):
        return getattr(self.filters, name)


def filters_query(filters) -> dict:
    """The page's filters as the map's and the API's query parameters."""
    query = {}
    if filters.sectors:
        query["sector"] = ",".join(filters.sectors)
    if filters.governorates:
        query["governorate"] = ",".join(filters.governorates)
    if filters.terms:
        query["q"] = getattr(filters, "q", "") or " ".join(filters.terms)
    # The map's support filters (issue 12), in its own spelling.
    if getattr(filters, "programme", None):
        query["programme"] = filters.programme
    if getattr(filters, "organisation", None):
        query["organisation"] = filters.organisation
    if getattr(filters, "supported", None) is not None:
        query["supported"] = "true" if filters.supported else "false"
    return query


def query_string(query: dict) -> str:
    # Commas read better than %2C, and both the map and the API accept them.
    return ("?" + urlencode(query, safe=",")) if query else ""


def map_url(filters, **replace) -> str:
    query = filters_query(filters)
    query.update(replace)
    return reverse("maps:home") + query_string(query)


def _lay_out(bars: list[Bar], rtl: bool) -> list[Bar]:
    longest = max((bar.count for bar in bars), default=0)
    for bar in bars:
        bar.length = round(100 * bar.count / longest, 2) if longest else 0
        bar.offset = round(100 - bar.length, 2) if rtl else 0
    return bars


def _by_count(bars: list[Bar]) -> list[Bar]:
    return sorted(bars, key=lambda bar: (-bar.count, bar.label))


def sector_chart(stats: dict, filters, colors: dict, rtl: bool) -> Chart:
    bars = [
        Bar(row["slug"], pick(row, "name"), row["cluster_count"], row, color=colors.get(row["slug"], BAR_COLOR),
            map_url=map_url(filters, sector=row["slug"]))
        for row in stats["by_sector"]
    ]
    return Chart("sector", _("Clusters by sector"), _("Sector"), _lay_out(_by_count(bars), rtl))


def governorate_chart(stats: dict, filters, rtl: bool) -> Chart:
    bars = [
        Bar(row["iso_code"], pick(row, "name"), row["cluster_count"], row,
            map_url=map_url(filters, governorate=row["iso_code"]))
        for row in stats["by_governorate"]
    ]
    return Chart("governorate", _("Clusters by governorate"), _("Governorate"), _lay_out(_by_count(bars), rtl))


def precision_chart(stats: dict, filters, rtl: bool) -> Chart:
    labels = dict(Cluster.Precision.choices)
    order = list(labels)
    rows = sorted(stats.get("by_precision", []), key=lambda row: order.index(row["precision"]))
    bars = [Bar(row["precision"], str(labels[row["precision"]]), row["cluster_count"], row) for row in rows]
    # Kept in order from exact to vague rather than by count: the question is how exact.
    return Chart(
        "precision", _("Clusters by location precision"), _("Location precision"), _lay_out(bars, rtl),
        note=_("Only a town or village centre is an exact point; the others stand in for a place nearby."),
    )


def _unreported_note(count: int, what: str) -> str:
    if not count:
        return ""
    return what % {"count": fmt(count)}


def programme_chart(support: dict, filters, rtl: bool) -> Chart:
    bars = [
        Bar(row["slug"], pick(row, "name"), row["cluster_count"], row, map_url=map_url(filters, programme=row["slug"]))
        for row in support["by_programme"]
    ]
    return Chart(
        "programme", _("Clusters supported per programme"), _("Programme"), _lay_out(_by_count(bars), rtl),
        note=_("A cluster that several programmes support counts under each of them."), figures=False,
    )


def support_kind_chart(support: dict, rtl: bool) -> Chart:
    labels = dict(SupportKind.choices)
    bars = [Bar(row["kind"], str(labels.get(row["kind"], row["kind"])), row["cluster_count"], row)
            for row in support["by_support_kind"]]
    return Chart(
        "support-kind", _("Clusters supported per kind of support"), _("Kind of support"),
        _lay_out(_by_count(bars), rtl), figures=False,
        note=_unreported_note(support["support_kind_unreported"],
                              _("The kind of support was not reported for %(count)s supported clusters.")),
    )


def support_year_chart(support: dict, rtl: bool) -> Chart:
    bars = [Bar(str(row["year"]), str(row["year"]), row["cluster_count"], row) for row in support["by_year"]]
    note = _("A cluster counts in every year from the start to the end of its support.")
    unreported = _unreported_note(support["support_year_unreported"],
                                  _("No year was reported for the support of %(count)s clusters."))
    return Chart(
        "support-year", _("Clusters supported per year"), _("Year"), _lay_out(bars, rtl),
        note=f"{note} {unreported}".strip(), figures=False,
    )


def classes_for(max_count: int) -> list[dict]:
    """The map's classes (choropleth.js classesFor): up to five of equal, round width."""
    if max_count <= 0:
        return []
    if max_count <= len(RAMP):
        step = 1
    else:
        raw = max_count / len(RAMP)
        power = 10 ** math.floor(math.log10(raw))
        scaled = raw / power
        step = (1 if scaled <= 1 else 2 if scaled <= 2 else 5 if scaled <= 5 else 10) * power
    classes = []
    start = 1
    while start <= max_count and len(classes) < len(RAMP):
        classes.append({"from": start, "to": start + step - 1, "color": RAMP[len(classes)]})
        start += step
    classes[-1]["to"] = None  # "or more"
    return classes


def _color(count: int, classes: list[dict]) -> str:
    if not count:
        return NONE_COLOR
    for item in classes:
        if count >= item["from"] and (item["to"] is None or count <= item["to"]):
            return item["color"]
    return classes[-1]["color"]


def choropleth(stats: dict, filters) -> dict:
    """The governorates as SVG paths shaded by their count, each a link to the map filtered to it."""
    counts = {row["iso_code"]: row["cluster_count"] for row in stats["by_governorate"]}
    classes = classes_for(max(counts.values(), default=0))
    shapes = governorate_svg_paths()
    areas = []
    for shape in shapes["paths"]:
        count = counts.get(shape["iso_code"], 0)
        areas.append({
            "d": shape["d"],
            "name": pick(shape, "name"),
            "count": count,
            "color": _color(count, classes),
            "map_url": map_url(filters, governorate=shape["iso_code"]),
        })
    legend = [{"label": fmt(0), "color": NONE_COLOR}]
    for item in classes:
        if item["to"] is None:
            label = _("%(from)s or more") % {"from": fmt(item["from"])}
        elif item["from"] == item["to"]:
            label = fmt(item["from"])
        else:
            label = _("%(from)s to %(to)s") % {"from": fmt(item["from"]), "to": fmt(item["to"])}
        legend.append({"label": label, "color": item["color"]})
    return {"view_box": shapes["view_box"], "areas": areas, "legend": legend}


def headline(stats: dict) -> list[dict]:
    """The figures above the charts. A sum names how many clusters reported it: a missing figure is not a zero."""
    total = stats["total"]
    count = total["cluster_count"]
    coverage = stats.get("coverage", {})
    figures = [
        {"label": _("Published clusters"), "value": fmt(count), "note": ""},
        {
            "label": _("Governorates covered"),
            "value": fmt(len(stats["by_governorate"])),
            "note": _("of %(all)s") % {"all": fmt(coverage["governorates_all"])} if "governorates_all" in coverage else "",
        },
        {"label": _("Sectors"), "value": fmt(len(stats["by_sector"])), "note": ""},
    ]
    for measure, label in (("enterprises", _("Enterprises")), ("employment", _("Employment"))):
        reported = total[f"{measure}_reported"]
        figures.append({
            "label": label,
            "value": fmt(total[f"{measure}_total"]) if reported else _("Not reported"),
            "note": _("reported for %(reported)s of %(count)s clusters") % {"reported": fmt(reported), "count": fmt(count)},
        })
    return figures
