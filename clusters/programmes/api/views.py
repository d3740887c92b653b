"""API views for programmes, organisations and support: thin, JSON or CSV, errors as 400 naming the parameter.

DRF APIViews only so that drf-spectacular describes them; every answer is a
plain response built from the records module.
"""


from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from clusters.programmes.api import records
from clusters.programmes.api.params import ParameterError, format_parse, public_slug_parse
from clusters.programmes.selectors import programme_public_detail

CACHE_CONTROL = "public, max-age=60"
_READABLE = {"ensure_ascii": False}
_QUERY = OpenApiParameter.QUERY
PROGRAMME = OpenApiParameter("programme", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}, _QUERY,
                             description="A published programme's slug (see /api/v1/programmes/). "
                                         "An unknown slug is a 400.")
ORGANISATION = OpenApiParameter("organisation", {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}, _QUERY,
                                description="A published organisation's slug (see /api/v1/organisations/). "
                                            "An unknown slug is a 400.")
FORMAT = OpenApiParameter("format", {"type": "string", "enum": ["json", "csv"], "default": "json"}, _QUERY,
                          description="json (default) or csv: the same table, one row per support row.")
_NULLABLE_INT = {"type": "integer", "nullable": True}
_SUPPORT_FIELDS = {
    "kinds": {"type": "array", "items": {"type": "string"}},
    "start_year": _NULLABLE_INT, "end_year": _NULLABLE_INT,
    "summary_ar": {"type": "string"}, "summary_en": {"type": "string"},
    "enterprises_reached": _NULLABLE_INT, "people_reached": _NULLABLE_INT, "women_reached": _NULLABLE_INT,
    # Not format: uri: sources are IRIs with Arabic paths, which a strict "uri" check refuses.
    "sources": {"type": "array", "items": {"type": "string"}},
}
_PROGRAMME = {"type": "object", "properties": {
    "slug": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"},
    "organisations": {"type": "array", "items": {"type": "string"}},
    "start_year": _NULLABLE_INT, "end_year": _NULLABLE_INT,
    "budget_amount": {"type": "number", "nullable": True, "minimum": 0},
    "budget_currency": {"type": "string", "nullable": True, "pattern": "^[A-Z]{3}$"},
    "summary_ar": {"type": "string"}, "summary_en": {"type": "string"},
    "sources": {"type": "array", "items": {"type": "string"}}, "cluster_count": {"type": "integer"},
}}
_ORGANISATION = {"type": "object", "properties": {
    "slug": {"type": "string"}, "name_ar": {"type": "string"}, "name_en": {"type": "string"},
    "kind": {"type": "string", "enum": ["government", "donor", "un-agency", "ngo", "private", "academic"]},
    "website": {"type": "string", "nullable": True}, "programmes": {"type": "array", "items": {"type": "string"}},
}}
_SUPPORT_ROW = {"type": "object", "properties": {
    "cluster": {"type": "string"}, "cluster_name_ar": {"type": "string"}, "cluster_name_en": {"type": "string"},
    "governorate": {"type": "string"}, "sector": {"type": "string"}, "programme": {"type": "string"},
    "organisations": {"type": "array", "items": {"type": "string"}}, **_SUPPORT_FIELDS,
}}
_ERROR = OpenApiResponse({"type": "object", "properties": {"error": {"type": "string"},
                                                           "parameter": {"type": "string"}}},
                         description="A bad parameter, named.")


class _NoNegotiation(BaseContentNegotiation):
    """Our `format` parameter names an export, not a DRF renderer: never 404 on it."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _json(data, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params=_READABLE, safe=False)
    if status == 200:
        response["Cache-Control"] = CACHE_CONTROL
    else:
        response["Cache-Control"] = "no-store"
    return response


class _View(APIView):
    authentication_classes = []
    renderer_classes = [JSONRenderer]
    content_negotiation_class = _NoNegotiation

    def handle_exception(self, exc):
        if isinstance(exc, ParameterError):
            return _json({"error": exc.message, "parameter": exc.parameter}, status=400)
        return super().handle_exception(exc)


class ProgrammeListView(_View):
    @extend_schema(summary="Published programmes", tags=["programmes"], operation_id="programmes_list", parameters=[ORGANISATION],
                   responses={200: OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _PROGRAMME}}}),
                       400: _ERROR})
    def get(self, request):
        organisation = public_slug_parse(request.GET, "organisation")
        results = records.programme_list_records(organisation=organisation)
        return _json({"count": len(results), "results": results})


class ProgrammeDetailView(_View):
    @extend_schema(summary="One published programme with its organisations and its public support",
                   tags=["programmes"], operation_id="programmes_retrieve",
                   parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH,
                                                description="The programme's slug (see /api/v1/programmes/).")],
                   responses={200: OpenApiResponse({"allOf": [_PROGRAMME, {"type": "object", "properties": {
                       "organisations": {"type": "array", "items": _ORGANISATION},
                       "support": {"type": "array", "items": _SUPPORT_ROW}}}]}),
                       404: OpenApiResponse(description="No published programme has this slug.")})
    def get(self, request, slug: str):
        programme = programme_public_detail(slug) if len(slug) <= 80 else None
        if programme is None:
            return _json({"error": _("No published programme has this slug.")}, status=404)
        return _json(records.programme_detail_record(programme))


class OrganisationListView(_View):
    @extend_schema(summary="Published organisations, with the slugs of their published programmes",
                   tags=["programmes"],
                   responses={200: OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _ORGANISATION}}})})
    def get(self, request):
        results = records.organisation_list_records()
        return _json({"count": len(results), "results": results})


class SupportListView(_View):
    @extend_schema(summary="Who does what where: one row per public support row", tags=["programmes"],
                   parameters=[PROGRAMME, ORGANISATION, FORMAT],
                   responses={(200, "application/json"): OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _SUPPORT_ROW}}},
                       description="JSON, or text/csv with format=csv (empty cell: not reported)."),
                       (200, "text/csv"): OpenApiResponse({"type": "string"}, description="format=csv"),
                       (400, "application/json"): _ERROR})
    def get(self, request):
        output = format_parse(request.GET)
        rows = records.support_table(programme=public_slug_parse(request.GET, "programme"),
                                     organisation=public_slug_parse(request.GET, "organisation"))
        if output == "csv":
            response = HttpResponse(records.support_table_csv(rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="support.csv"'
            response["Cache-Control"] = CACHE_CONTROL
            return response
        return _json({"count": len(rows), "results": rows})


