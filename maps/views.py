"""Public pages. Thin: reads come from the selectors, the map's data from the API in the browser."""

import json
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from clusters.drafts import cluster_draft_detail
from clusters.answers import answer_bytes
from clusters.etags import data_version, etag_for
from clusters.geo import EGYPT_EXTENT
from clusters.selectors import (
    cluster_public_detail, governorate_list_with_published_counts, sector_list_with_counts,
)
from clusters.text import normalize_text
from maps.bilingual import current_lang, pick
from maps.programme_views import support_map_choices

API_ROOT = "/api/v1/"
# Every module the map page imports, preloaded so the browser fetches them in
# parallel instead of discovering them import by import.
MAP_MODULES = sorted(
    f"js/{path.name}" for path in (Path(settings.BASE_DIR) / "static" / "js").glob("*.js") if path.name != "detail.js"
)


def _by_name(rows):
    # Folding first puts أسيوط beside اسيوط, where Arabic readers look for it.
    return sorted(rows, key=lambda row: normalize_text(row["name"]))


# The filter choices with their counts, and the support filters' choices, kept per data version and
# language: at 100,000 clusters counting them was most of the map page's own time (0.6 of 0.7 s on the
# loaded bench machine), the support choices were three statements on every page (~14 ms of 22), and
# only a write, which moves the version (programmes' included), changes them. Counted once for all the server's
# processes (a shared kept answer), then kept parsed in each.
_CHOICES: dict = {}
_CHOICES_KEPT = 8
_choices_lock = threading.Lock()


def _filter_choices():
    key = (data_version(), current_lang())
    with _choices_lock:
        kept = _CHOICES.get(key)
    if kept is not None:
        return kept
    etag = etag_for(key[0], ("filter-choices", key[1]))
    body, _coding = answer_bytes(etag, lambda: json.dumps(_filter_choices_counted()).encode(), shared=True)
    kept = json.loads(body)
    with _choices_lock:
        if len(_CHOICES) >= _CHOICES_KEPT:
            _CHOICES.clear()
        _CHOICES[key] = kept
    return kept


def filter_choices_forget() -> None:
    """For tests, whose rolled-back transactions reuse data versions."""
    with _choices_lock:
        _CHOICES.clear()


def _filter_choices_counted():
    sectors = _by_name(
        {"slug": s["slug"], "name": pick(s, "name"), "color": s["color"], "count": s["cluster_count"]}
        for s in sector_list_with_counts()
    )
    governorates = _by_name(
        {"iso": g.iso_code, "name": pick(g, "name"), "count": g.published_count, "aliases": g.aliases}
        for g in governorate_list_with_published_counts()
    )
    return sectors, governorates, support_map_choices()


def _map_config(sectors, governorates, support, embed: bool) -> dict:
    lang = current_lang()
    return {
        "lang": lang,
        "embed": embed,
        "api": {
            "clusters": f"{API_ROOT}clusters/",
            # What the map loads: one short row per cluster (clusters.mapdata), and where its search asks.
            "map": f"{API_ROOT}map/clusters/?lang={lang}",
            "mapSearch": f"{API_ROOT}map/clusters/",
            "footprints": f"{API_ROOT}clusters/?geometry=footprint",
            "governorates": f"{API_ROOT}governorates/?simplify=0.01",
            # The place-search gazetteer, fetched only when a search matches no cluster.
            "places": reverse("maps:places"),
        },
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        # Without a view in the URL the map fits Egypt, whatever the screen size.
        "bounds": [[EGYPT_EXTENT[1], EGYPT_EXTENT[0]], [EGYPT_EXTENT[3], EGYPT_EXTENT[2]]],
        "clusterUrl": reverse("maps:cluster_detail", kwargs={"slug": "slug-placeholder"}),
        "correctionUrl": reverse("maps:contribute_correction", kwargs={"slug": "slug-placeholder"}),
        "sectors": [{k: s[k] for k in ("slug", "name", "color")} for s in sectors],
        "governorates": [{k: g[k] for k in ("iso", "name")} for g in governorates],
        # The support filters' choices: programmes (with their organisations) and organisations.
        **support,
        # The place finder (places.js) knows governorates by their aliases too. Clusters' aliases
        # stay on the server: the map's search asks it (GET /api/v1/map/clusters/?q=).
        "aliases": {
            "governorates": {g["iso"]: g["aliases"] for g in governorates if g["aliases"]},
        },
    }


@require_safe
def home(request):
    embed = request.GET.get("embed") == "1"
    sectors, governorates, support = _filter_choices()
    response = render(request, "maps/home.html", {
        "embed": embed,
        "sectors": sectors,
        "governorates": governorates,
        "map_config": _map_config(sectors, governorates, support, embed),
        "map_modules": MAP_MODULES,
    })
    if embed:
        # Partners put the embedded map in an iframe on their own sites.
        response.xframe_options_exempt = True
    return response


def _source_links(urls):
    """Sources as {url, label}: only web links, shown decoded so Arabic paths read as Arabic."""
    links = []
    for url in urls:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            continue
        label = unquote(url)
        links.append({"url": url, "label": label if len(label) <= 100 else label[:99] + "…"})
    return links


@require_safe
def cluster_detail(request, slug):
    cluster = cluster_public_detail(slug)
    # Staff may open a draft (the admin's "View on site"); for anyone else it does not exist.
    draft_preview = cluster is None
    if draft_preview:
        cluster = cluster_draft_detail(slug, request.user)
    if cluster is None:
        raise Http404
    lon, lat = cluster.location.coords
    small_map = {
        "lat": lat,
        "lon": lon,
        "color": cluster.sector.color,
        "approximate": cluster.is_approximate,
        "precision": cluster.location_precision,
        "footprint": json.loads(cluster.footprint.json) if cluster.footprint else None,
        # The governorate's outline, so the small map still says where this is
        # when the tile server does not answer.
        "governorate": json.loads(cluster.governorate.boundary.simplify(0.002, preserve_topology=True).json),
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
    }
    summary = pick(cluster, "description") or pick(cluster, "products")
    response = render(request, "maps/cluster_detail.html", {
        "cluster": cluster,
        "draft_preview": draft_preview,
        "lat": lat,
        "lon": lon,
        "small_map": small_map,
        "meta_description": summary[:300],
        "api_url": f"{API_ROOT}clusters/{cluster.slug}/",
        "sources": _source_links(cluster.sources),
        "aliases": [alias.strip() for alias in cluster.aliases.splitlines() if alias.strip()],
    })
    if draft_preview:
        # Never kept by a browser or proxy (the next visitor may not be staff), never indexed.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def about(request):
    return render(request, "maps/about.html", {
        "api_root": API_ROOT,
        "ogc_url": request.build_absolute_uri("/ogc/"),
        "stats_url": reverse("maps:stats"),
    })
