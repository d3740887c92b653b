"""Aliases and Arabic folding make the stored search text find what people type."""

import json

import pytest

from clusters.models import Cluster, Governorate
from clusters.text import normalize_text
from tests.support.clusters import FIXTURES

CASES = json.loads((FIXTURES / "normalize_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("raw,folded", CASES)
def test_normalize_text_cases(raw, folded):
    assert normalize_text(raw) == folded


def _matching(term):
    return set(Cluster.objects.filter(search_text__contains=normalize_text(term)).values_list("slug", flat=True))


def test_governorate_aliases_are_loaded(seeded):
    assert "Dumyat" in Governorate.objects.get(iso_code="EG-DT").aliases.splitlines()
    assert "Fayoum" in Governorate.objects.get(iso_code="EG-FYM").aliases.splitlines()


@pytest.mark.parametrize("term", ["Dumyat", "damietta", "دمياط"])
def test_damietta_in_any_spelling(seeded, term):
    assert "damietta-furniture" in _matching(term)


@pytest.mark.parametrize("term", ["Fayoum", "fayum", "Faiyum", "الفيوم", "الفيّوم"])
def test_faiyum_in_any_spelling(seeded, term):
    assert {"tunis-village-pottery", "nazla-pottery"} <= _matching(term)


@pytest.mark.parametrize("term", ["Asyut", "Assiut", "أسيوط", "اسيوط"])
def test_asyut_in_any_spelling(seeded, term):
    assert "badari-pomegranate" in _matching(term)


@pytest.mark.parametrize("term", ["أخميم", "اخميم", "Akhmim", "akhmeem"])
def test_akhmim_with_and_without_hamza(seeded, term):
    assert "akhmim-handweaving" in _matching(term)


def test_cluster_aliases_from_the_csv_are_one_per_line(seeded):
    assert Cluster.objects.get(slug="garagos-pottery").aliases.splitlines() == ["Jaraajus", "Garagous", "Jarajus"]


def test_renaming_a_governorate_refreshes_search_text(seeded):
    from django.core.management import call_command

    Governorate.objects.filter(iso_code="EG-DT").update(aliases="")
    call_command("load_governorates", "--update", verbosity=0)
    assert "damietta-furniture" in _matching("Domyat")
