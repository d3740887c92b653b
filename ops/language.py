"""Django's LocaleMiddleware, except that /api/ and /ogc/ never read the language cookie.

Shared caches (our microcache, a CDN) key public answers on the URL and
Accept-Language. A language chosen by the django_language cookie would be
kept under a key that does not say so and served to the next visitor in the
wrong language (issue 13, item 6). There the language comes from the `lang`
query parameter, then Accept-Language, then LANGUAGE_CODE; both are in the
key. Pages keep the cookie: they are never shared-cached.
"""

import re

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation.trans_real import language_code_re, parse_accept_lang_header


def _supported(code: str) -> str | None:
    if not code or not language_code_re.search(code):
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def language_without_cookie(request) -> str:
    # An unknown `lang` is left to the OGC parser, which answers 400 naming it.
    chosen = _supported(request.GET.get("lang", ""))
    if chosen:
        return chosen
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        chosen = _supported(code)
        if chosen:
            return chosen
    return settings.LANGUAGE_CODE


class CookielessApiLocaleMiddleware(LocaleMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.paths = re.compile(settings.COOKIELESS_LANGUAGE_PATHS)

    def process_request(self, request):
        if not self.paths.match(request.path_info):
            return super().process_request(request)
        language = language_without_cookie(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
