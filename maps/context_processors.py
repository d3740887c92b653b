from django.conf import settings
from django.urls import translate_url


def portal(request):
    # The same page in each language: for the switcher (which keeps the query,
    # so filters and map view survive) and for hreflang alternates.
    path = request.path
    full_path = request.get_full_path()
    languages = [
        {
            "code": code,
            "path": translate_url(path, code),
            "full_path": translate_url(full_path, code),
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
        "portal_languages": languages,
    }
