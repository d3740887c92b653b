"""405 with Allow, rather than a CSRF 403 page, for writes to views that only read.

CsrfViewMiddleware judges a POST before the view runs, so a POST, PUT or
DELETE to a GET/HEAD-only page (OGC, /healthz, the public pages) got
"CSRF verification failed" instead of the 405 that require_http_methods
would give (issue 13, item 7). This middleware, placed before the CSRF
middleware, reads the methods a view declares and answers 405 first. Views
that accept a write are left to the CSRF check as before.
"""

import inspect

from django.http import HttpResponseNotAllowed

_SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _declared_methods(view) -> list[str] | None:
    """The methods a view accepts, when it says: require_http_methods (require_safe, ...) or a class-based view."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = [name for name in view_class.http_method_names if hasattr(view_class, name)]
        if "get" in names and "head" not in names:
            names.append("head")  # View.setup() answers HEAD with get()
        return [name.upper() for name in names]
    # Through the decorators' functools.wraps chain to require_http_methods' inner function,
    # which keeps the list in its closure (Django gives no public attribute for it).
    layer, seen = view, 0
    while layer is not None and seen < 20:
        code = getattr(layer, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            return list(inspect.getclosurevars(layer).nonlocals["request_method_list"])
        layer, seen = getattr(layer, "__wrapped__", None), seen + 1
    return None


class ReadOnlyViewsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        # csrf_exempt views (DRF's among them) answer a wrong method themselves.
        if request.method in _SAFE or getattr(view, "csrf_exempt", False):
            return None
        methods = _declared_methods(view)
        if methods is not None and request.method not in methods:
            return HttpResponseNotAllowed(methods)
        return None
