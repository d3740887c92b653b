"""Where the public cluster pages live, for anything that links to them (API, OGC, exports)."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

_PLACEHOLDER = "slug-placeholder"


def cluster_page_path_prefix(language: str) -> str:
    """The path of the public cluster pages in `language`, up to the slug: slug + "/" completes it.

    Adapters make it absolute with their own base (request or service URL).
    """
    try:
        with translation.override(language):
            path = reverse("maps:cluster_detail", kwargs={"slug": _PLACEHOLDER})
    except NoReverseMatch:
        path = ""
    if path.endswith(f"/{_PLACEHOLDER}/"):
        return path[: -len(_PLACEHOLDER) - 1]
    # The public page may not be routed yet; its address is agreed with the map.
    return f"/{language}/clusters/"
