"""Admin URLs, the cluster form as a browser would post it, and the messages a response carries."""

from django.urls import reverse
from django.utils import translation


def admin_url(name: str, *args, **query) -> str:
    """An admin URL in English, so tests can read the messages."""
    with translation.override("en"):
        url = reverse(f"admin:{name}", args=args)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def cluster_form_data(cluster, **changes) -> dict:
    """What the change form posts for a cluster, with changes on top."""
    data = {
        "name_ar": cluster.name_ar,
        "name_en": cluster.name_en,
        "aliases": cluster.aliases,
        "expected_version": cluster.version,
        "governorate": cluster.governorate_id or "",
        "location": cluster.location.geojson,
        "location_precision": cluster.location_precision,
        "footprint": cluster.footprint.geojson if cluster.footprint else "",
        "locality_ar": cluster.locality_ar,
        "locality_en": cluster.locality_en,
        "sector": cluster.sector_id,
        "products_ar": cluster.products_ar,
        "products_en": cluster.products_en,
        "enterprises": "" if cluster.enterprises is None else cluster.enterprises,
        "employment": "" if cluster.employment is None else cluster.employment,
        "description_ar": cluster.description_ar,
        "description_en": cluster.description_en,
        "sources": "\n".join(cluster.sources),
        "_save": "Save",
    }
    data.update(changes)
    return data


def point_json(lon: float, lat: float) -> str:
    return '{"type": "Point", "coordinates": [%r, %r]}' % (lon, lat)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
