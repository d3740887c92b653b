"""GET /api/v1/: what the API offers, as JSON, so a partner who opens the root finds the rest."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe


@require_safe
def api_index(request):
    def url(path: str) -> str:
        return request.build_absolute_uri(f"/api/v1/{path}")

    body = {
        "title": _("Egypt's production clusters: open API"),
        "description": _("Published clusters as GeoJSON, free to use, without a key. Filters combine; "
                         "format=csv, geojson, gpkg or kml downloads exactly what they select."),
        "endpoints": [
            {"href": url("clusters/"), "description": _("Every published cluster as a FeatureCollection, or a download.")},
            {"href": url("clusters/{slug}/"), "templated": True, "description": _("One cluster, with its footprint.")},
            {"href": url("map/clusters/"), "description": _("The clusters in the public map's compact form: one column per field.")},
            {"href": url("governorates/"), "description": _("Governorate boundaries with the number of clusters in each.")},
            {"href": url("sectors/"), "description": _("Every sector with the number of matching clusters.")},
            {"href": url("stats/"), "description": _("Counts by sector, governorate and location precision, with reported sums.")},
        ],
        "docs": {"href": url("docs/"), "description": _("Interactive API documentation.")},
        "schema": {"href": url("schema/"), "type": "application/vnd.oai.openapi",
                   "description": _("The OpenAPI document.")},
        "ogc": {"href": request.build_absolute_uri("/ogc/"),
                "description": _("The same clusters as OGC API - Features, for QGIS and other GIS programs.")},
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
