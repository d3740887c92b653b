"""The support forms pick a cluster by search (Django's autocomplete), not from a select of every cluster."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from clusters.models import Cluster
from clusters.programmes.models import Support
from tests.support.admin import admin_url
from tests.support.programmes import make_programme, make_support, programme_form_data

PICKER = "programmes_cluster_autocomplete"
SOURCE = {"app_label": "programmes", "model_name": "support", "field_name": "cluster"}


def _search(client, term, **extra):
    return client.get(admin_url(PICKER), {**SOURCE, "term": term, **extra})


def _cluster_options(page: str) -> set[str]:
    """The values of the options offered by the support rows' cluster selects."""
    selects = re.findall(r'<select name="support-[^"]*-cluster".*?</select>', page, flags=re.S)
    assert selects, "no cluster select on the page"
    return {value for select in selects for value in re.findall(r'<option value="(\d+)"', select)}


def test_the_programme_form_offers_no_cluster_list(seeded, staff_clients):
    response = staff_clients["editor"].get(admin_url("programmes_programme_add"))
    assert response.status_code == 200
    page = response.content.decode()
    # The empty row the "add another" button copies: a search box, no option per cluster.
    assert _cluster_options(page) == set()
    assert f'data-ajax--url="{admin_url(PICKER)}"' in page and "admin-autocomplete" in page
    # Placement-free: the cluster form's map code has no business here.
    assert "cluster-map.js" not in page


def test_a_chosen_cluster_is_the_only_option_and_names_its_slug(seeded, staff_clients):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    programme = make_programme()
    make_support(programme, cluster)
    page = staff_clients["editor"].get(admin_url("programmes_programme_change", programme.pk)).content.decode()
    assert _cluster_options(page) == {str(cluster.pk)}
    assert f"{cluster.name_ar} / {cluster.name_en} (damietta-furniture)" in page
    support = Support.objects.get(programme=programme)
    page = staff_clients["editor"].get(admin_url("programmes_support_change", support.pk)).content.decode()
    assert re.findall(r'<select name="cluster".*?</select>', page, flags=re.S)[0].count("<option") <= 2


@pytest.mark.parametrize("term", ["الاثاث دمياط", "الأثاث", "furniture damietta", "DAMIETTA-FURN"])
def test_search_finds_arabic_without_hamza_and_english(seeded, staff_clients, term):
    response = _search(staff_clients["editor"], term)
    assert response.status_code == 200, response.content[:300]
    results = response.json()["results"]
    damietta = Cluster.objects.get(slug="damietta-furniture")
    assert {"id": str(damietta.pk), "text": f"{damietta.name_ar} / {damietta.name_en} (damietta-furniture)"} \
        in results


def test_search_answers_a_page_at_a_time(seeded, staff_clients):
    data = _search(staff_clients["editor"], "").json()
    assert len(data["results"]) == min(20, Cluster.objects.count())
    assert data["pagination"]["more"] is (Cluster.objects.count() > 20)
    assert _search(staff_clients["editor"], "no such cluster anywhere").json()["results"] == []


def test_search_needs_a_staff_login_and_a_real_source_field(seeded, staff_clients):
    anonymous = _search(Client(), "الأثاث")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    editor = staff_clients["editor"]
    assert _search(editor, "x", field_name="programme").status_code == 403  # the programme is not a cluster
    assert editor.get(admin_url(PICKER), {**SOURCE, "model_name": "nope", "term": "x"}).status_code == 403


def test_a_row_added_through_the_picker_saves(seeded, staff_clients):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    results = _search(staff_clients["editor"], "الاثاث بدمياط").json()["results"]
    assert [r["id"] for r in results] == [str(cluster.pk)]
    data = programme_form_data(support=[{"cluster": results[0]["id"]}])
    assert staff_clients["editor"].post(admin_url("programmes_programme_add"), data).status_code == 302
    assert Support.objects.get(programme__slug="new-programme").cluster == cluster


@pytest.mark.parametrize("language, i18n", [("ar", "ar.js"), ("en", "en.js")])
def test_select2_comes_from_our_own_static_files_in_the_page_language(seeded, staff_clients, language, i18n):
    client = staff_clients["editor"]
    url = admin_url("programmes_programme_add").replace("/en/", f"/{language}/", 1)
    page = client.get(url, headers={"accept-language": language}).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert any(s.endswith("select2.full.min.js") or s.endswith("select2.full.js") for s in scripts), scripts
    assert any(s.endswith(f"select2/i18n/{i18n}") for s in scripts), scripts
    for script in scripts:
        assert not re.match(r"^(https?:)?//", script), script
        if script.startswith("/static/"):
            assert finders.find(script.removeprefix("/static/").split("?")[0]), script
