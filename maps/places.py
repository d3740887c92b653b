"""The map's place-search gazetteer: Egypt's towns from fixtures/places.csv (GeoNames, see SOURCES.md).

When a search matches no cluster, the map looks the text up here and moves
to the place, still saying that no cluster matched. The file is fixed
reference data, read once per process.
"""

import csv
import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

PLACES_CSV = Path(settings.BASE_DIR) / "fixtures" / "places.csv"


@lru_cache(maxsize=1)
def place_list() -> tuple[dict, ...]:
    """[{name_ar, name_en, names, governorate, lat, lon}], most populous first."""
    with PLACES_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            {
                "name_ar": row["name_ar"],
                "name_en": row["name_en"],
                "names": [name.strip() for name in row["alternate_names"].split("|") if name.strip()],
                "governorate": row["governorate_iso"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
            }
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def _places_bytes() -> bytes:
    return json.dumps(place_list(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def places_json(request):
    return HttpResponse(_places_bytes(), content_type="application/json; charset=utf-8")
