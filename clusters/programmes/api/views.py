"""API views for programmes, organisations and support: thin, JSON or CSV, errors as 400 naming the parameter.

The clusters API's ApiView (a DRF APIView only so that drf-spectacular
describes them, 400 naming the parameter); every body is built from the
records module.

They are part of the API under /api/v1/, so they answer through its one
caching rule (clusters.api.http.cached_response): a strong ETag from the data
version, 304 on If-None-Match, each answer built once per ETag. Every
programmes table moves that version (programmes migration 0002's triggers),
whichever path wrote it. No body here depends on the language (both names
are in every record), so the language is not in the ETag's key; only the
400 and 404 messages speak it, and those are never stored.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from clusters.api.http import JSON, cached_response, not_found_response
from clusters.api.schema import IF_NONE_MATCH, NOT_MODIFIED
from clusters.api.views import ApiView
from clusters.encoding import json_bytes
from clusters.programmes.api import records
from clusters.programmes.api.params import format_parse, public_slug_parse
from clusters.programmes.selectors import programme_public_detail

CSV = "text/csv; charset=utf-8"
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


def _listed(results: list) -> bytes:
    return json_bytes({"count": len(results), "results": results})


class ProgrammeListView(ApiView):
    @extend_schema(summary="Published programmes", tags=["programmes"], operation_id="programmes_list", parameters=[ORGANISATION, IF_NONE_MATCH],
                   responses={200: OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _PROGRAMME}}}),
                       304: NOT_MODIFIED, 400: _ERROR})
    def get(self, request):
        organisation = public_slug_parse(request.GET, "organisation")
        return cached_response(
            request, ("programmes", organisation),
            lambda: _listed(records.programme_list_records(organisation=organisation)), content_type=JSON,
        )


class ProgrammeDetailView(ApiView):
    @extend_schema(summary="One published programme with its organisations and its public support",
                   tags=["programmes"], operation_id="programmes_retrieve",
                   parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH,
                                                description="The programme's slug (see /api/v1/programmes/)."),
                               IF_NONE_MATCH],
                   responses={200: OpenApiResponse({"allOf": [_PROGRAMME, {"type": "object", "properties": {
                       "organisations": {"type": "array", "items": _ORGANISATION},
                       "support": {"type": "array", "items": _SUPPORT_ROW}}}]}),
                       304: NOT_MODIFIED,
                       404: OpenApiResponse(description="No published programme has this slug.")})
    def get(self, request, slug: str):
        missing = _("No published programme has this slug.")
        if len(slug) > 80:
            return not_found_response(missing)

        def build() -> bytes | None:
            programme = programme_public_detail(slug)
            return None if programme is None else json_bytes(records.programme_detail_record(programme))

        # As a cluster's: an ETag is only issued for a programme that was published under that data
        # version, so a matching If-None-Match gets its 304 without reading the programme.
        return cached_response(request, ("programme", slug), build, content_type=JSON, missing=missing)


class OrganisationListView(ApiView):
    @extend_schema(summary="Published organisations, with the slugs of their published programmes",
                   tags=["programmes"], parameters=[IF_NONE_MATCH],
                   responses={200: OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _ORGANISATION}}}),
                       304: NOT_MODIFIED})
    def get(self, request):
        return cached_response(request, ("organisations",), lambda: _listed(records.organisation_list_records()),
                               content_type=JSON)


class SupportListView(ApiView):
    @extend_schema(summary="Who does what where: one row per public support row", tags=["programmes"],
                   parameters=[PROGRAMME, ORGANISATION, FORMAT, IF_NONE_MATCH],
                   responses={(200, "application/json"): OpenApiResponse({"type": "object", "properties": {
                       "count": {"type": "integer"}, "results": {"type": "array", "items": _SUPPORT_ROW}}},
                       description="JSON, or text/csv with format=csv (empty cell: not reported)."),
                       (200, "text/csv"): OpenApiResponse({"type": "string"}, description="format=csv"),
                       304: NOT_MODIFIED, (400, "application/json"): _ERROR})
    def get(self, request):
        output = format_parse(request.GET)
        programme = public_slug_parse(request.GET, "programme")
        organisation = public_slug_parse(request.GET, "organisation")

        def build() -> bytes:
            rows = records.support_table(programme=programme, organisation=organisation)
            return records.support_table_csv(rows) if output == "csv" else _listed(rows)

        key = ("support", programme, organisation, output)
        if output == "csv":
            return cached_response(request, key, build, content_type=CSV, filename="support.csv")
        return cached_response(request, key, build, content_type=JSON)


