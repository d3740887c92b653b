"""What the public contribution forms post, for the contribution tests."""


def missing_form(**changes) -> dict:
    """A missing-cluster suggestion as the form posts it: Akhmim weaving, Sohag, point picked."""
    from clusters.models import Governorate, Sector

    data = {
        "name": "Akhmim hand weaving",
        "sector": Sector.objects.get(slug="textiles-weaving").pk,
        "governorate": Governorate.objects.get(iso_code="EG-SHG").pk,
        "place": "Akhmim",
        "latitude": "26.5630",
        "longitude": "31.7450",
        "products": "silk and cotton cloth",
        "source_url": "https://example.org/akhmim",
        "contact_email": "weaver@example.org",
        "leave_empty": "",
    }
    data.update(changes)
    return data


def correction_form(**changes) -> dict:
    data = {"field": "place", "message": "The point is on the wrong bank of the canal.",
            "source_url": "", "contact_email": "", "leave_empty": ""}
    data.update(changes)
    return data
