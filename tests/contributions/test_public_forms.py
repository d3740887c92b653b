"""The public forms: a good report is kept and staff are told; every protection answers clearly and keeps nothing."""

import logging
import re

import pytest
from django.core import mail
from django.test import override_settings

from clusters.contributions.models import Contribution
from clusters.models import Cluster
from tests.support.contributions import correction_form, missing_form

MISSING_EN = "/en/contribute/missing/"
MISSING_AR = "/ar/contribute/missing/"


def correction_url(slug, lang="en"):
    return f"/{lang}/clusters/{slug}/correction/"


@pytest.fixture
def a_cluster(seeded):
    return Cluster.objects.filter(status=Cluster.Status.PUBLISHED).order_by("slug").first()


def nothing_kept():
    assert Contribution.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("path,lang,direction", [(MISSING_AR, "ar", "rtl"), (MISSING_EN, "en", "ltr")])
def test_missing_form_page_in_each_language(client, seeded, path, lang, direction):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="leave_empty"' in html and 'tabindex="-1"' in html
    assert 'id="picker-map"' in html and 'id="picker-config"' in html
    # Only external scripts and JSON data: the CSP forbids inline code.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert response["Cache-Control"] == "no-store"
    # The form says what happens to the email.
    assert "180" in html


def test_correction_form_page(client, a_cluster):
    response = client.get(correction_url(a_cluster.slug))
    assert response.status_code == 200
    assert a_cluster.name_en in response.content.decode()


def test_correction_form_of_unknown_or_draft_cluster_is_404(client, a_cluster):
    assert client.get(correction_url("no-such-cluster")).status_code == 404
    Cluster.objects.filter(pk=a_cluster.pk).update(status=Cluster.Status.DRAFT)
    assert client.get(correction_url(a_cluster.slug)).status_code == 404


def test_links_to_the_forms_from_the_cluster_page_and_the_map(client, a_cluster):
    page = client.get(f"/en/clusters/{a_cluster.slug}/").content.decode()
    assert f'href="{correction_url(a_cluster.slug)}"' in page
    home = client.get("/en/").content.decode()
    assert f'href="{MISSING_EN}"' in home
    assert '"correctionUrl": "/en/clusters/slug-placeholder/correction/"' in home


@override_settings(CONTRIBUTIONS_NOTIFY_EMAIL="staff@example.org")
def test_missing_cluster_is_kept_and_staff_are_emailed(client, seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MISSING_EN, missing_form())
    assert response.status_code == 303
    assert response["Location"] == "/en/contribute/thanks/"
    contribution = Contribution.objects.get()
    assert contribution.kind == "missing" and contribution.status == "new"
    assert contribution.governorate.iso_code == "EG-SHG"
    assert (round(contribution.location.x, 3), round(contribution.location.y, 3)) == (31.745, 26.563)
    assert contribution.contact_email == "weaver@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staff@example.org"]
    assert f"/admin/contributions/contribution/{contribution.pk}/change/" in message.body
    # The visitor's address stays in the database, not in mailboxes.
    assert "weaver@example.org" not in message.body + message.subject
    thanks = client.get(response["Location"]).content.decode()
    assert "Staff review every report" in thanks


@override_settings(CONTRIBUTIONS_NOTIFY_EMAIL="staff@example.org")
def test_correction_is_kept(client, a_cluster, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correction_url(a_cluster.slug), correction_form())
    assert response.status_code == 303
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.cluster, contribution.field) == ("correction", a_cluster, "place")
    assert len(mail.outbox) == 1


def test_missing_cluster_by_place_name_only(client, seeded):
    response = client.post(MISSING_EN, missing_form(latitude="", longitude=""))
    assert response.status_code == 303
    assert Contribution.objects.get().location is None


def test_governorate_filled_from_the_point(client, seeded):
    response = client.post(MISSING_EN, missing_form(governorate=""))
    assert response.status_code == 303
    assert Contribution.objects.get().governorate.iso_code == "EG-SHG"


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@override_settings(CONTRIBUTIONS_NOTIFY_EMAIL="staff@example.org",
                   EMAIL_BACKEND="tests.contributions.test_public_forms.BrokenMailBackend")
def test_a_failing_mail_server_never_loses_the_contribution(client, seeded, caplog,
                                                            django_capture_on_commit_callbacks):
    with caplog.at_level(logging.ERROR, logger="clusters.contributions"), \
            django_capture_on_commit_callbacks(execute=True):
        response = client.post(MISSING_EN, missing_form())
    assert response.status_code == 303
    assert Contribution.objects.count() == 1
    assert "could not send the email" in caplog.text


# --- Each protection: a clear answer, nothing kept, nothing public ---------------------------------


def test_ten_thousand_characters(client, seeded, a_cluster):
    response = client.post(MISSING_EN, missing_form(products="x" * 10_000))
    assert response.status_code == 400
    assert "at most 1000 characters (it has 10000)" in response.content.decode()
    response = client.post(correction_url(a_cluster.slug), correction_form(message="x" * 10_000))
    assert response.status_code == 400
    assert "at most 2000 characters (it has 10000)" in response.content.decode()
    nothing_kept()


def test_one_megabyte_post(client, seeded):
    response = client.post(MISSING_EN, missing_form(products="x" * 1_000_000))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    nothing_kept()


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "Nice <img src=x onerror=alert(1)>", "a &lt;b&gt;"])
def test_markup_in_the_text(client, seeded, a_cluster, text):
    response = client.post(MISSING_EN, missing_form(name=text))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please write plain text" in body
    # Echoed back escaped, never as markup.
    assert "<script>alert" not in body and "<img src=x" not in body
    response = client.post(correction_url(a_cluster.slug), correction_form(message=text))
    assert response.status_code == 400
    nothing_kept()


@pytest.mark.parametrize("lat,lon", [(31.9, 30.2), (26.0, 35.6)], ids=["mediterranean", "red-sea"])
def test_point_in_the_sea(client, seeded, lat, lon):
    response = client.post(MISSING_EN, missing_form(latitude=str(lat), longitude=str(lon), governorate=""))
    assert response.status_code == 400
    assert "outside Egypt" in response.content.decode()
    nothing_kept()


def test_more_than_three_links(client, seeded):
    products = "see http://a.example https://b.example www.c.example"
    response = client.post(MISSING_EN, missing_form(products=products))
    assert response.status_code == 400
    assert "at most 3 web links" in response.content.decode()
    nothing_kept()


def test_honeypot_filled(client, seeded):
    response = client.post(MISSING_EN, missing_form(leave_empty="http://spam.example"))
    assert response.status_code == 400
    assert "Leave this field empty" in response.content.decode()
    nothing_kept()


def test_sixth_post_in_an_hour_is_refused_in_the_visitors_language(client, seeded):
    for _ in range(5):
        assert client.post(MISSING_AR, missing_form()).status_code == 303
    response = client.post(MISSING_AR, missing_form())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert Contribution.objects.count() == 5
    # The limit is per address: another visitor is still welcome.
    assert client.post(MISSING_AR, missing_form(), REMOTE_ADDR="10.9.8.7").status_code == 303


@override_settings(CONTRIBUTIONS_RATE_LIMIT=2)
def test_refused_posts_count_too_and_the_limit_is_a_setting(client, seeded):
    assert client.post(MISSING_EN, missing_form(name="<b>")).status_code == 400
    assert client.post(MISSING_EN, missing_form()).status_code == 303
    assert client.post(MISSING_EN, missing_form()).status_code == 429


def test_csrf_is_checked(seeded):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(MISSING_EN, missing_form())
    assert response.status_code == 403
    assert Contribution.objects.count() == 0


def test_refused_reports_reach_nothing_public(client, seeded):
    before = client.get("/api/v1/clusters/").json()["features"]
    client.post(MISSING_EN, missing_form(name="<script>alert(1)</script>"))
    client.post(MISSING_EN, missing_form(latitude="31.9", longitude="30.2"))
    client.post(MISSING_EN, missing_form(leave_empty="x"))
    after = client.get("/api/v1/clusters/").json()["features"]
    assert len(after) == len(before)
    assert "alert(1)" not in client.get("/en/").content.decode()
