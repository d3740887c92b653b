"""The public "Suggest a correction" and "Add a missing cluster" pages: a thin adapter over the contribution services.

A post is refused in order of cost: the per-address limit (one cache
increment) and the body size (a header) come before CSRF and form parsing,
so a flood is turned away without reading its bodies or touching the database.
"""

import math
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from clusters.contributions.limits import MAX_BODY_BYTES
from clusters.contributions.models import Contribution
from clusters.contributions.selectors import cluster_for_correction
from clusters.contributions.services import ContributionInput, contribution_submit
from clusters.contributions.throttle import contribution_attempt
from clusters.geo import EGYPT_EXTENT
from maps.bilingual import current_lang
from maps.contribute_forms import CorrectionForm, MissingClusterForm
from ops.clientip import client_ip

API_GOVERNORATES = "/api/v1/governorates/?simplify=0.01"


def _no_store(response):
    # Forms carry a CSRF token and answers are about one visitor: never cached.
    response["Cache-Control"] = "no-store"
    return response


def _refused(request, status: int, reason: str, **extra):
    response = render(request, "maps/contribute_refused.html", {"reason": reason, **extra}, status=status)
    return _no_store(response)


@lru_cache(maxsize=256)
def _limited_page(language: str, minutes: int) -> str:
    # Depends on nothing else, so a flood is answered from memory (2 languages x 60 minutes by default).
    return get_template("maps/contribute_limited.html").render({"minutes": minutes})


def _too_many(retry_after: int) -> HttpResponse:
    body = _limited_page(get_language(), max(1, math.ceil(retry_after / 60)))
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return _no_store(response)


def _guarded(view):
    """Limit and size first, then CSRF, then the form."""
    protected = csrf_protect(view)

    @csrf_exempt
    def wrapper(request, *args, **kwargs):
        if request.method == "POST":
            retry_after = contribution_attempt(client_ip(request))
            if retry_after is not None:
                return _too_many(retry_after)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_BODY_BYTES + 1
            if length > MAX_BODY_BYTES:
                return _refused(request, 413, "size", kilobytes=MAX_BODY_BYTES // 1024)
        return protected(request, *args, **kwargs)

    return wrapper


def _retention_days() -> int:
    return int(getattr(settings, "CONTRIBUTION_EMAIL_RETENTION_DAYS", 180))


def _picker_config() -> dict:
    return {
        "lang": current_lang(),
        "governorates": API_GOVERNORATES,
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "bounds": [[EGYPT_EXTENT[1], EGYPT_EXTENT[0]], [EGYPT_EXTENT[3], EGYPT_EXTENT[2]]],
    }


def _submit(request, form, data: ContributionInput, template: str, context: dict):
    try:
        contribution_submit(data)
    except ValidationError as error:
        form.add_service_errors(error)
        return _no_store(render(request, template, {**context, "form": form}, status=400))
    return HttpResponseRedirect(reverse("maps:contribute_thanks"), status=303)


def _common(cleaned) -> dict:
    return {"language": current_lang(), "source_url": cleaned.get("source_url") or "",
            "contact_email": cleaned.get("contact_email") or ""}


@_guarded
@require_http_methods(["GET", "HEAD", "POST"])
def contribute_correction(request, slug):
    cluster = cluster_for_correction(slug)
    if cluster is None:
        raise Http404
    template = "maps/contribute_correction.html"
    context = {"cluster": cluster, "retention_days": _retention_days()}
    form = CorrectionForm(request.POST if request.method == "POST" else None, retention_days=_retention_days())
    if request.method == "POST":
        if form.honeypot_filled():
            return _refused(request, 400, "honeypot")
        if form.is_valid():
            cleaned = form.cleaned_data
            data = ContributionInput(kind=Contribution.Kind.CORRECTION, cluster=cluster, field=cleaned["field"],
                                     message=cleaned["message"].strip(), **_common(cleaned))
            return _submit(request, form, data, template, context)
        return _no_store(render(request, template, {**context, "form": form}, status=400))
    return _no_store(render(request, template, {**context, "form": form}))


@_guarded
@require_http_methods(["GET", "HEAD", "POST"])
def contribute_missing(request):
    template = "maps/contribute_missing.html"
    context = {"picker_config": _picker_config(), "retention_days": _retention_days()}
    form = MissingClusterForm(request.POST if request.method == "POST" else None, retention_days=_retention_days())
    if request.method == "POST":
        if form.honeypot_filled():
            return _refused(request, 400, "honeypot")
        if form.is_valid():
            cleaned = form.cleaned_data
            data = ContributionInput(
                kind=Contribution.Kind.MISSING, name=cleaned["name"].strip(), sector=cleaned["sector_obj"],
                governorate=cleaned["governorate_obj"], place=cleaned["place"].strip(),
                location=cleaned["location"], products=cleaned["products"].strip(), **_common(cleaned))
            return _submit(request, form, data, template, context)
        return _no_store(render(request, template, {**context, "form": form}, status=400))
    return _no_store(render(request, template, {**context, "form": form}))


@require_safe
def contribute_thanks(request):
    return render(request, "maps/contribute_thanks.html")
