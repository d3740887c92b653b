"""drf-spectacular's schema and Swagger UI views, with two HTTP edges fixed (issue 13, item 7)."""

from django.http import HttpResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.negotiation import DefaultContentNegotiation


class _BlankAcceptIsAny(DefaultContentNegotiation):
    """An empty Accept header is read as */*, as if absent, rather than answered with 406.

    Some HTTP clients and proxies send `Accept:` with no value; refusing them
    the schema helps no one.
    """

    def get_accept_list(self, request):
        header = request.META.get("HTTP_ACCEPT", "").strip() or "*/*"
        return [token.strip() for token in header.split(",") if token.strip()] or ["*/*"]


class SchemaView(SpectacularAPIView):
    content_negotiation_class = _BlankAcceptIsAny


class DocsView(SpectacularSwaggerSplitView):
    content_negotiation_class = _BlankAcceptIsAny

    def options(self, request, *args, **kwargs):
        # DRF's OPTIONS answer goes through the view's HTML template renderer, which has
        # no template for it: a 500. The methods are all an HTML page can say.
        response = HttpResponse(status=200)
        response["Allow"] = "GET, HEAD, OPTIONS"
        response["Content-Length"] = "0"
        return response
