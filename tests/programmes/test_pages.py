"""Public pages of programmes and organisations, and the cluster page's Support section. Drafts never show."""

import pytest
from django.test import Client

from clusters.models import Cluster
from clusters.programmes.models import Status
from tests.support.programmes import make_organisation, make_programme, make_support


@pytest.fixture
def world(seeded):
    """A published programme with a published and a draft organisation, public and hidden support."""
    public_org = make_organisation("public-org", name_en="Public Org <b>bold</b>")
    draft_org = make_organisation("draft-org", status=Status.DRAFT, name_en="Secret Org")
    programme = make_programme("open-programme", organisations=[public_org, draft_org], name_en="Open programme",
                               budget_amount=None, start_year=2019)
    hidden = make_programme("hidden-programme", status=Status.DRAFT, organisations=[public_org],
                            name_en="Hidden programme")
    # Clusters without seed support, so each one's section shows only what this fixture adds.
    clusters = list(Cluster.objects.filter(support__isnull=True).order_by("slug")[:4])
    draft_cluster = clusters[3]
    Cluster.objects.filter(pk=draft_cluster.pk).update(status=Cluster.Status.DRAFT)
    make_support(programme, clusters[0], kinds=["training"], summary_en="<script>alert(1)</script>")
    make_support(programme, clusters[1], status=Status.DRAFT, summary_en="draft support")
    make_support(hidden, clusters[2], summary_en="hidden programme support")
    make_support(programme, draft_cluster, summary_en="in a draft cluster")
    return {"programme": programme, "hidden": hidden, "clusters": clusters}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_programme_list_shows_published_only(world, lang):
    response = Client().get(f"/{lang}/programmes/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-programme="open-programme"' in body and 'data-programme="natural-clusters-afdb"' in body
    assert "hidden-programme" not in body and "Secret Org" not in body
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in body


def test_programme_page_facts_map_and_list(world):
    response = Client().get("/en/programmes/open-programme/")
    body = response.content.decode()
    assert response.status_code == 200
    clusters = world["clusters"]
    assert f'data-cluster="{clusters[0].slug}"' in body
    for hidden in clusters[1:]:
        assert f'data-cluster="{hidden.slug}"' not in body
        assert f'"slug": "{hidden.slug}"' not in body
    assert "Public Org &lt;b&gt;bold&lt;/b&gt;" in body and "Secret Org" not in body
    assert 'id="programme-budget">Not reported' in body
    assert "from 2019" in body
    assert 'id="programme-map-config"' in body and "js/pages/programme-map" in body
    assert "<script>alert" not in body


def test_draft_programme_and_organisation_pages_are_404(world):
    assert Client().get("/en/programmes/hidden-programme/").status_code == 404
    assert Client().get("/ar/organisations/draft-org/").status_code == 404
    assert Client().get("/en/programmes/no-such/").status_code == 404


def test_organisation_page_lists_published_programmes(world):
    body = Client().get("/ar/organisations/public-org/").content.decode()
    assert 'data-programme="open-programme"' in body and "hidden-programme" not in body


def test_cluster_page_support_section(world):
    clusters = world["clusters"]
    body = Client().get(f"/en/clusters/{clusters[0].slug}/").content.decode()
    assert 'id="support-heading"' in body and 'data-programme="open-programme"' in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert "Training" in body and "Secret Org" not in body
    body = Client().get(f"/en/clusters/{clusters[1].slug}/").content.decode()
    assert "draft support" not in body
    body = Client().get(f"/en/clusters/{clusters[2].slug}/").content.decode()
    assert "hidden programme support" not in body and 'id="support-none"' in body


def test_seed_programme_page_not_reported_values(seeded):
    body = Client().get("/en/programmes/ueldp-economic-clusters/").content.decode()
    assert 'id="programme-budget">Not reported' in body and 'id="programme-years">Not reported' in body
    body = Client().get("/en/programmes/natural-clusters-afdb/").content.decode()
    assert "2,000,000 USD" in body


def test_map_page_offers_published_programmes_and_organisations_only(world):
    body = Client().get("/en/").content.decode()
    assert '<option value="open-programme">' in body and 'value="hidden-programme"' not in body
    assert '"slug": "public-org"' in body and "draft-org" not in body
