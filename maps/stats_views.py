"""The statistics page and its CSV downloads. Numbers from cluster_stats_with_support, as the API's."""

import csv
import io

from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from clusters.filters import ParameterError, cluster_filters_parse
from clusters.programmes.selectors import organisation_public_queryset, programme_public_queryset
from clusters.programmes.stats import cluster_stats_with_support
from clusters.selectors import sector_list_with_counts
from clusters.models import Governorate, Sector
from maps import stats as charts
from maps.bilingual import current_lang, pick

# The map's filters; anything else in the address (a view, embed=1) is not a filter here.
PAGE_FILTERS = ("sector", "governorate", "q", "programme", "organisation", "supported")
# Enough retries to drop each of the page's filters once.
_MAX_DROPS = len(PAGE_FILTERS)


def stats_filters(get) -> tuple:
    """(filters, notices): a bad value is named in a notice and left out, the other filters still apply."""
    query = QueryDict(mutable=True)
    for name in PAGE_FILTERS:
        for value in get.getlist(name):
            query.appendlist(name, value)
    notices = []
    for _attempt in range(_MAX_DROPS + 1):
        try:
            return charts.Selection(cluster_filters_parse(query), query.get("q", "")), notices
        except ParameterError as error:
            notices.append(_("The filter “%(parameter)s” was ignored: %(message)s")
                           % {"parameter": error.parameter, "message": error.message})
            query.pop(error.parameter, None)
    return charts.Selection(cluster_filters_parse(QueryDict())), notices


def _charts(stats, filters):
    rtl = current_lang() == "ar"
    colors = {row["slug"]: row["color"] for row in sector_list_with_counts()}
    found = [
        charts.sector_chart(stats, filters, colors, rtl),
        charts.governorate_chart(stats, filters, rtl),
        charts.precision_chart(stats, filters, rtl),
    ]
    support = stats.get("support")
    if support and support["supported_cluster_count"]:
        found += [
            charts.programme_chart(support, filters, rtl),
            charts.support_kind_chart(support, rtl),
            charts.support_year_chart(support, rtl),
        ]
    return found


@require_safe
def stats_page(request):
    filters, notices = stats_filters(request.GET)
    stats = cluster_stats_with_support(filters.filters)
    query = charts.filters_query(filters)
    chart_list = _charts(stats, filters)
    for chart in chart_list:
        chart.csv_url = f"{chart.key}.csv{charts.query_string(query)}"
    return render(request, "maps/stats.html", {
        "filters": filters,
        "filtered": bool(query),
        "notices": notices,
        "headline": charts.headline(stats),
        "charts": chart_list,
        "choropleth": charts.choropleth(stats, filters),
        "empty": stats["total"]["cluster_count"] == 0,
        "map_url": charts.map_url(filters),
        "api_url": "/api/v1/stats/" + charts.query_string(query),
        "selection": _selection(filters),
    })


def _selection(filters) -> list[str]:
    """The filters in words, for the page and its printout."""
    parts = []
    comma = pgettext("between items of a list", ", ")
    if filters.sectors:
        names = [pick(s, "name") for s in Sector.objects.filter(slug__in=filters.sectors).order_by("slug")]
        parts.append(_("Sectors: %(names)s") % {"names": comma.join(names)})
    if filters.governorates:
        names = [pick(g, "name") for g in Governorate.objects.defer("boundary").filter(iso_code__in=filters.governorates)]
        parts.append(_("Governorates: %(names)s") % {"names": comma.join(names)})
    if filters.terms:
        parts.append(_("Search: %(text)s") % {"text": filters.q})
    if filters.programme:
        programme = programme_public_queryset().filter(slug=filters.programme).first()
        parts.append(_("Programme: %(name)s") % {"name": pick(programme, "name") if programme else filters.programme})
    if filters.organisation:
        organisation = organisation_public_queryset().filter(slug=filters.organisation).first()
        parts.append(_("Organisation: %(name)s")
                     % {"name": pick(organisation, "name") if organisation else filters.organisation})
    if filters.supported is not None:
        parts.append(_("Supported by a programme") if filters.supported else _("Not supported by any programme yet"))
    return parts


def _cell(value):
    """Text that a spreadsheet would run as a formula starts with an apostrophe instead."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


@require_safe
def stats_csv(request, breakdown: str):
    if breakdown not in charts.BREAKDOWNS:
        raise Http404
    filters, _notices = stats_filters(request.GET)
    stats = cluster_stats_with_support(filters.filters)
    chart = next((chart for chart in _charts(stats, filters) if chart.key == breakdown), None)
    if chart is None:  # a support breakdown while no cluster is supported
        raise Http404
    out = io.StringIO()
    # The BOM lets Excel read the Arabic as UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    header = [_("Code"), chart.category, _("Clusters")]
    if chart.figures:
        header += [_("Enterprises (sum of reported)"), _("Clusters reporting enterprises"),
                   _("Employment (sum of reported)"), _("Clusters reporting employment")]
    writer.writerow(header)
    for bar in chart.bars:
        row = bar.row
        values = [bar.key, bar.label, row["cluster_count"]]
        if chart.figures:
            values += [row["enterprises_total"], row["enterprises_reported"],
                       row["employment_total"], row["employment_reported"]]
        writer.writerow([_cell(v) for v in values])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="clusters-by-{breakdown}.csv"'
    return response
