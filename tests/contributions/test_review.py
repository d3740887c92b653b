"""Staff review: the Contributions section, accepting, rejecting, who may do what, and where the email never goes."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation

from clusters.contributions.models import Contribution
from clusters.contributions.services import ContributionInput, contribution_accept_missing, contribution_submit
from clusters.editing import cluster_publish
from clusters.history_reasons import history_reason_display
from clusters.models import Cluster, Governorate, Sector
from tests.support.contributions import missing_form

ADMIN = "/en/admin/contributions/contribution/"


@pytest.fixture
def suggestion(client, seeded):
    assert client.post("/en/contribute/missing/", missing_form(name="نسيج أخميم اليدوي")).status_code == 303
    return Contribution.objects.get(kind="missing")


@pytest.fixture
def correction(client, seeded):
    cluster = Cluster.objects.filter(status=Cluster.Status.PUBLISHED).order_by("slug").first()
    response = client.post(f"/en/clusters/{cluster.slug}/correction/",
                           {"field": "products", "message": "They make kilims too, not only carpets.",
                            "contact_email": "officer@example.org"})
    assert response.status_code == 303
    return Contribution.objects.get(kind="correction")


def test_section_lists_filters_and_counts_new_ones(editor_client, suggestion, correction):
    listing = editor_client.get(ADMIN)
    assert listing.status_code == 200
    assert "نسيج أخميم اليدوي" in listing.content.decode()
    sohag = Governorate.objects.get(iso_code="EG-SHG").pk
    for query in ("status__exact=new", "kind__exact=missing", f"governorate__id__exact={sohag}",
                  "created_at__gte=2020-01-01", "status__exact=duplicate"):
        assert editor_client.get(f"{ADMIN}?{query}").status_code == 200
    only_missing = editor_client.get(f"{ADMIN}?kind__exact=missing").context["cl"].result_count
    assert only_missing == 1
    index = editor_client.get("/en/admin/").content.decode()
    assert 'id="contributions-new"' in index
    assert "2 new contributions from visitors to review" in index


def test_anonymous_and_unprivileged_staff_see_nothing(suggestion):
    assert Client().get(ADMIN).status_code == 302
    nobody = User.objects.create_user("nobody", password="x" * 20, is_staff=True)
    client = Client()
    client.force_login(nobody)
    assert client.get(ADMIN).status_code == 403
    assert "contributions-new" not in client.get("/en/admin/").content.decode()
    assert client.post(f"{ADMIN}{suggestion.pk}/accept/").status_code == 403


def test_staff_see_the_contact_email(editor_client, suggestion):
    page = editor_client.get(f"{ADMIN}{suggestion.pk}/change/").content.decode()
    assert "weaver@example.org" in page
    assert "Accept: make a draft cluster" in page
    # The review buttons post forms of their own, outside the admin's (nested forms post the outer one).
    assert page.index("</form>", page.index('id="contribution_form"')) < page.index('name="_accept"')
    arabic = editor_client.get(f"/ar/admin/contributions/contribution/{suggestion.pk}/change/")
    assert arabic.status_code == 200 and 'dir="rtl"' in arabic.content.decode()


def test_editor_accepts_a_missing_cluster_as_a_draft_and_a_publisher_publishes(
        editor_client, editor, publisher, suggestion, client):
    response = editor_client.post(f"{ADMIN}{suggestion.pk}/accept/")
    suggestion.refresh_from_db()
    cluster = suggestion.created_cluster
    assert response.status_code == 302
    assert response["Location"] == f"/en/admin/clusters/cluster/{cluster.pk}/change/"
    assert suggestion.status == "accepted" and suggestion.reviewed_by == editor
    assert cluster.status == Cluster.Status.DRAFT
    assert cluster.name_ar == "نسيج أخميم اليدوي" and cluster.locality_ar == "Akhmim"
    assert cluster.sector.slug == "textiles-weaving" and cluster.governorate.iso_code == "EG-SHG"
    assert cluster.sources == ["https://example.org/akhmim"]
    assert cluster.location_precision == Cluster.Precision.APPROXIMATE
    assert cluster.slug == f"suggested-{suggestion.pk}"
    record = cluster.history.get()
    with translation.override("en"):
        assert history_reason_display(record.history_change_reason) == \
            f"Created from visitor contribution #{suggestion.pk}"
    history_page = editor_client.get(f"/en/admin/clusters/cluster/{cluster.pk}/history/").content.decode()
    assert f"Created from visitor contribution #{suggestion.pk}" in history_page
    assert record.history_user == editor
    # A draft is not public; an editor cannot publish it.
    assert client.get(f"/en/clusters/{cluster.slug}/").status_code == 404
    with pytest.raises(PermissionDenied):
        cluster_publish([cluster], editor)
    cluster_publish([cluster], publisher)
    features = client.get("/api/v1/clusters/").json()["features"]
    assert cluster.slug in [f["properties"]["slug"] for f in features]


def test_a_contribution_is_reviewed_once(editor_client, suggestion):
    editor_client.post(f"{ADMIN}{suggestion.pk}/accept/")
    editor_client.post(f"{ADMIN}{suggestion.pk}/accept/")
    assert Cluster.objects.filter(slug__startswith="suggested-").count() == 1


def test_suggestion_with_a_place_name_only_gets_a_governorate_level_point(editor, client, seeded):
    client.post("/en/contribute/missing/", missing_form(name="Nagada weaving", latitude="", longitude=""))
    contribution = Contribution.objects.get()
    cluster = contribution_accept_missing(contribution.pk, editor)
    assert cluster.location_precision == Cluster.Precision.GOVERNORATE
    assert cluster.governorate.boundary.covers(cluster.location)
    assert cluster.name_en == "Nagada weaving" and cluster.slug == "nagada-weaving"


def test_accepting_a_correction_opens_the_cluster_form_with_the_suggestion_beside(editor_client, correction):
    response = editor_client.post(f"{ADMIN}{correction.pk}/accept/")
    assert response.status_code == 302
    url = response["Location"]
    assert url == f"/en/admin/clusters/cluster/{correction.cluster_id}/change/?contribution={correction.pk}"
    page = editor_client.get(url).content.decode()
    assert "The visitor&#x27;s suggestion" in page or "The visitor's suggestion" in page
    assert "They make kilims too, not only carpets." in page
    correction.refresh_from_db()
    assert correction.status == "accepted"
    # Another cluster's form does not show it.
    other = Cluster.objects.exclude(pk=correction.cluster_id).first()
    page = editor_client.get(f"/en/admin/clusters/cluster/{other.pk}/change/?contribution={correction.pk}")
    assert "They make kilims too" not in page.content.decode()


def test_rejecting_asks_for_a_reason(editor_client, suggestion):
    form = editor_client.get(f"{ADMIN}{suggestion.pk}/reject/")
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    refused = editor_client.post(f"{ADMIN}{suggestion.pk}/reject/", {"reason": "  "})
    assert refused.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.status == "new"
    done = editor_client.post(f"{ADMIN}{suggestion.pk}/reject/", {"reason": "Not a cluster: one workshop."})
    assert done.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.review_reason) == ("rejected", "Not a cluster: one workshop.")
    assert Cluster.objects.filter(slug__startswith="suggested-").count() == 0


def test_marking_a_duplicate(editor_client, suggestion):
    editor_client.post(f"{ADMIN}{suggestion.pk}/duplicate/", {"reason": ""})
    suggestion.refresh_from_db()
    assert suggestion.status == "duplicate"


def test_the_contact_email_is_never_public(client, publisher, suggestion, correction):
    cluster = contribution_accept_missing(suggestion.pk, publisher)
    cluster_publish([cluster], publisher)
    emails = ("weaver@example.org", "officer@example.org")
    public = [
        f"/en/clusters/{cluster.slug}/", f"/ar/clusters/{cluster.slug}/", "/en/", "/ar/",
        "/api/v1/clusters/", f"/api/v1/clusters/{cluster.slug}/", "/api/v1/clusters/?format=csv",
        "/ogc/collections/clusters/items?f=json", f"/ogc/collections/clusters/items/{cluster.slug}?f=json",
    ]
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for email in emails:
            assert email.encode() not in body, path
    # Nor in the draft's own history.
    assert not any(email in str(record.__dict__) for record in cluster.history.all() for email in emails)


def test_the_service_checks_what_any_caller_sends(seeded):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        contribution_submit(ContributionInput(kind="missing", name="x" * 300, sector=Sector.objects.first(),
                                              place="<b>somewhere</b>"))
    assert set(error.value.message_dict) >= {"name", "place"}
    assert Contribution.objects.count() == 0
