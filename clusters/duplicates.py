"""Clusters that share a name: allowed (two towns may both have a pottery cluster), but worth a warning.

Staff cannot tell two same-named clusters apart in a list, and a second import
of a file with new slugs makes twins. The admin warns on save and the importer
per row; neither refuses, because the same name in two places is legitimate.
"""

from collections import defaultdict

from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from clusters.models import Cluster
from clusters.wording import text_list


def _keys(name_ar: str | None, name_en: str | None) -> list[tuple[str, str]]:
    # Arabic as written (trimmed); English whatever its case. Blank names match nothing.
    keys = []
    if (name_ar or "").strip():
        keys.append(("ar", name_ar.strip()))
    if (name_en or "").strip():
        keys.append(("en", name_en.strip().lower()))
    return keys


def cluster_duplicate_names(candidates) -> dict[str, list[str]]:
    """For clusters about to be saved, the other clusters with the same Arabic or English name.

    candidates: (slug, name_ar, name_en) tuples. Returns {slug: [other slugs]}
    for the candidates that have a namesake, in the database (a record with the
    same slug is the candidate itself) or among the other candidates.
    """
    candidates = [(slug, name_ar, name_en) for slug, name_ar, name_en in candidates if slug]
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for slug, name_ar, name_en in candidates:
        for key in _keys(name_ar, name_en):
            owners[key].add(slug)
    arabic = [value for lang, value in owners if lang == "ar"]
    english = [value for lang, value in owners if lang == "en"]
    if arabic or english:
        stored = (
            Cluster.objects.annotate(key_ar=Trim("name_ar"), key_en=Lower(Trim("name_en")))
            .filter(Q(key_ar__in=arabic) | Q(key_en__in=english))
            .values_list("slug", "key_ar", "key_en")
        )
        candidate_slugs = {slug for slug, _ar, _en in candidates}
        for slug, key_ar, key_en in stored:
            # A candidate's stored row carries its old names; its new ones are the ones that count.
            if slug in candidate_slugs:
                continue
            for key in (("ar", key_ar), ("en", key_en)):
                if key in owners:
                    owners[key].add(slug)
    found: dict[str, list[str]] = {}
    for slug, name_ar, name_en in candidates:
        others = set()
        for key in _keys(name_ar, name_en):
            others |= owners[key] - {slug}
        if others:
            found[slug] = sorted(others)
    return found


def duplicate_names_message(others: list[str]) -> str:
    """The warning for one cluster whose name other clusters share."""
    return _("Other clusters have the same name: %(slugs)s. Check that this is not the same cluster twice.") % {
        "slugs": text_list(others)}
