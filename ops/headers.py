"""The security headers on every answer, including those made before the inner middleware runs.

CSPMiddleware, XFrameOptionsMiddleware and SecurityMiddleware add their headers
only to answers that pass through them, so the 429 (made by the rate limit,
outside them), the 400 for a bad Host (made inside CommonMiddleware, inside
CSP but outside X-Frame-Options) and static files (answered by WhiteNoise)
went without (issue 13, item 11). This middleware is the outermost: whatever
comes back without a header gets the portal's default. Answers that set their
own keep them, and a view's xframe_options_exempt (the embeddable map) is respected.
"""

from csp.utils import build_policy
from django.conf import settings


class EveryAnswerHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = build_policy()
        if "X-Frame-Options" not in response and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response
