"""Who may put a page in a frame: nobody, except the embeddable map for EMBED_ALLOWED_ORIGINS.

A view opts in by marking its ?embed=1 response xframe_options_exempt (as
maps.views.home does); this middleware then decides who may frame it, in
both the CSP frame-ancestors directive and X-Frame-Options, so that the two
headers never disagree. It sits inside XFrameOptionsMiddleware and
CSPMiddleware so that both see what it set.
"""

from django.conf import settings


class EmbedFramingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.GET.get("embed") == "1" and getattr(response, "xframe_options_exempt", False):
            origins = list(getattr(settings, "EMBED_ALLOWED_ORIGINS", []))
            replace = dict(getattr(response, "_csp_replace", None) or {})
            replace["frame-ancestors"] = ["'self'", *origins]
            response._csp_replace = replace
            if not origins:
                # X-Frame-Options cannot list origins: only when there are none can it say the same thing.
                response["X-Frame-Options"] = "SAMEORIGIN"
        return response
