"""Public pages of who does what where: the programmes, each programme, each organisation.

Thin: reads come from clusters.programmes.selectors, which never return a
draft. Untrusted text reaches the page only through autoescaped templates,
and the programme map's data through json_script.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from clusters.programmes.models import OrganisationKind, SupportKind
from clusters.programmes.selectors import (
    organisation_choices_public, organisation_public_detail, programme_choices_public, programme_public_detail, programme_public_for_organisation, programme_public_list,
    support_public_for_programme,
)
from maps.bilingual import pick

API_ROOT = "/api/v1/"


def source_links(urls):
    """Sources as {url, label}: only web links, shown decoded so Arabic paths read as Arabic."""
    links = []
    for url in urls:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            continue
        label = unquote(url)
        links.append({"url": url, "label": label if len(label) <= 100 else label[:99] + "…"})
    return links


def kind_labels(kinds) -> list[str]:
    known = dict(SupportKind.choices)
    return [str(known.get(kind, kind)) for kind in kinds]


def support_map_choices() -> dict:
    """The map's support filters: published programmes (with their organisations' slugs) and organisations."""
    return {
        "programmes": [{"slug": p["slug"], "name": pick(p, "name"), "organisations": p["organisations"]}
                       for p in programme_choices_public()],
        "organisations": [{"slug": o["slug"], "name": pick(o, "name")} for o in organisation_choices_public()],
    }


@require_safe
def programme_list(request):
    return render(request, "maps/programme_list.html", {"programmes": programme_public_list()})


@require_safe
def programme_detail(request, slug):
    programme = programme_public_detail(slug)
    if programme is None:
        raise Http404
    support = support_public_for_programme(programme)
    rows = [{"support": s, "kinds": kind_labels(s.kinds), "sources": source_links(s.sources)} for s in support]
    cluster_url = reverse("maps:cluster_detail", kwargs={"slug": "slug-placeholder"})
    programme_map = {
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "clusters": [{
            "slug": s.cluster.slug, "name": pick(s.cluster, "name"),
            "lat": s.cluster.location.y, "lon": s.cluster.location.x, "color": s.cluster.sector.color,
            "url": cluster_url.replace("slug-placeholder", s.cluster.slug),
        } for s in support],
    }
    return render(request, "maps/programme_detail.html", {
        "programme": programme,
        "organisations": list(programme.organisations.all()),
        "rows": rows,
        "sources": source_links(programme.sources),
        "programme_map": programme_map,
        "map_filter_url": f"{reverse('maps:home')}?programme={programme.slug}",
        "api_url": f"{API_ROOT}programmes/{programme.slug}/",
    })


@require_safe
def organisation_detail(request, slug):
    organisation = organisation_public_detail(slug)
    if organisation is None:
        raise Http404
    return render(request, "maps/organisation_detail.html", {
        "organisation": organisation,
        "kind_label": dict(OrganisationKind.choices).get(organisation.kind, organisation.kind),
        "programmes": programme_public_for_organisation(organisation),
        "map_filter_url": f"{reverse('maps:home')}?organisation={organisation.slug}",
    })
