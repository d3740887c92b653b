"""Where the public cluster pages live, for anything that links to them (API, OGC, exports)."""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation

_PLACEHOLDER = "slug-placeholder"


def cluster_page_path_prefix(language: str) -> str:
    """The path of the public cluster pages in `language`, up to the slug: slug + "/" completes it.

    Adapters make it absolute with their own base (request or service URL).
    """
    # Reversed once per language and URL configuration, not on every API/OGC request (issue 17).
    return _path_prefix(language, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, settings.LANGUAGE_CODE)


@functools.lru_cache(maxsize=64)
def _path_prefix(language: str, _script_prefix: str, _urlconf, _root_urlconf: str, _default_language: str) -> str:
    try:
        with translation.override(language):
            path = reverse("maps:cluster_detail", kwargs={"slug": _PLACEHOLDER})
    except NoReverseMatch:
        path = ""
    if path.endswith(f"/{_PLACEHOLDER}/"):
        return path[: -len(_PLACEHOLDER) - 1]
    # The public page may not be routed yet; its address is agreed with the map.
    return f"/{language}/clusters/"
