"""The programme endpoints answer as the cluster ones do: a strong ETag from the data version, 304 on a match.

Every path that writes programmes, organisations or support (services, admin,
import_support) must give the next request a new ETag, or a client would keep
old data for as long as it likes.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from clusters.programmes.models import Organisation, Programme, Status, Support
from clusters.programmes.services import organisation_save, programme_publish, support_save
from tests.support.admin import admin_url
from tests.support.programmes import programme_form_data
from tests.programmes.test_pages import world  # noqa: F401  (fixture)

ENDPOINTS = {
    "/api/v1/programmes/": "application/json",
    "/api/v1/programmes/?organisation=public-org": "application/json",
    "/api/v1/programmes/open-programme/": "application/json",
    "/api/v1/organisations/": "application/json",
    "/api/v1/support/": "application/json",
    "/api/v1/support/?programme=open-programme": "application/json",
    "/api/v1/support/?format=csv": "text/csv; charset=utf-8",
}


def _vary(response) -> set[str]:
    return {value.strip() for value in response["Vary"].split(",")}


@pytest.mark.parametrize("path, content_type", ENDPOINTS.items())
def test_strong_etag_and_304_on_match(world, path, content_type):
    client = Client()
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')  # strong
    for header in (etag, f"W/{etag}", f'"other", {etag}'):
        again = client.get(path, headers={"if-none-match": header})
        assert again.status_code == 304, header
        assert again.content == b"" and again["ETag"] == etag
    assert client.get(path, headers={"if-none-match": '"stale"'}).status_code == 200


def test_each_endpoint_and_parameter_has_its_own_etag(world):
    client = Client()
    tags = {client.get(path)["ETag"] for path in ENDPOINTS}
    assert len(tags) == len(ENDPOINTS)


def test_csv_keeps_its_file_name(world):
    response = Client().get("/api/v1/support/?format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="support.csv"'
    assert response.content.startswith("\ufeff".encode())


@pytest.mark.parametrize("path", ["/api/v1/programmes/", "/api/v1/organisations/", "/api/v1/support/"])
def test_vary_and_language(world, path):
    """Both names are in every record, so the body and its ETag are the same in Arabic and English.

    Vary still names Accept-Language (the 400s and 404s speak it) and Accept-Encoding (gzip).
    """
    client = Client()
    arabic = client.get(path, headers={"accept-language": "ar"})
    english = client.get(path, headers={"accept-language": "en"})
    assert arabic.content == english.content and arabic["ETag"] == english["ETag"]
    assert {"Accept-Encoding", "Accept-Language"} <= _vary(arabic)
    assert client.get(path, headers={"accept-language": "en", "if-none-match": arabic["ETag"]}).status_code == 304


def test_errors_speak_the_language_and_are_not_stored(world):
    client = Client()
    english = client.get("/api/v1/support/?format=xml", headers={"accept-language": "en"})
    arabic = client.get("/api/v1/support/?format=xml", headers={"accept-language": "ar"})
    assert english.status_code == arabic.status_code == 400
    assert english.json()["error"] != arabic.json()["error"]
    assert english["Cache-Control"] == "no-store" and "ETag" not in english
    missing = client.get("/api/v1/programmes/hidden-programme/")
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-store" and "ETag" not in missing
    assert client.get("/api/v1/programmes/" + "x" * 100 + "/").status_code == 404


def test_304_does_not_build_the_body(world, django_assert_max_num_queries):
    client = Client()
    for path in ("/api/v1/programmes/", "/api/v1/organisations/", "/api/v1/programmes/open-programme/"):
        etag = client.get(path)["ETag"]
        with django_assert_max_num_queries(1):  # the data version, nothing else
            assert client.get(path, headers={"if-none-match": etag}).status_code == 304


def test_every_programmes_table_moves_the_data_version(db):
    """Each table behind these answers has programmes 0002's trigger, the many-to-many one included."""
    tables = {model._meta.db_table for model in (Organisation, Programme, Support)}
    tables.add(Programme.organisations.through._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'clusters_bump_data_version'"
        )
        triggered = {row[0] for row in cursor.fetchall()}
    assert tables <= triggered


# Each write path, with what it needs; each must give every endpoint a new ETag.

def _through_services(world, staff):
    user = staff["publisher"].user
    organisation = Organisation.objects.get(slug="public-org")
    organisation.name_en = "Renamed"
    organisation_save(organisation, user=user, expected_version=organisation.version)
    support = Support.objects.filter(programme=world["programme"]).first()
    support.summary_en = "Changed"
    support_save(support, user=user, expected_version=support.version)


def _through_publishing(world, staff):
    programme_publish([world["hidden"]], staff["publisher"].user)


def _through_the_programme_admin(world, staff):
    programme = world["programme"]
    data = programme_form_data(programme, name_en="Open programme, renamed")
    response = staff["editor"].post(admin_url("programmes_programme_change", programme.pk), data)
    assert response.status_code == 302


def _through_the_organisation_admin(world, staff):
    draft = Organisation.objects.get(slug="draft-org")
    response = staff["publisher"].post(admin_url("programmes_organisation_publish", draft.pk))
    assert response.status_code == 302


def _through_the_support_admin(world, staff):
    support = Support.objects.filter(programme=world["programme"], status=Status.DRAFT).first()
    response = staff["publisher"].post(admin_url("programmes_support_publish", support.pk))
    assert response.status_code == 302


def _support_csv(world) -> bytes:
    cluster = world["clusters"][0]
    return ("programme,cluster,kind,start_year,end_year,summary_en,summary_ar,source\n"
            f"open-programme,{cluster.slug},equipment,2020,2021,Imported,مستورد,https://example.org/x\n").encode()


def _through_the_import_command(world, staff, tmp_path):
    path = tmp_path / "support.csv"
    path.write_bytes(_support_csv(world))
    call_command("import_support", str(path), "--lang", "en")


def _through_the_import_page(world, staff, tmp_path):
    content = _support_csv(world).decode()
    response = staff["editor"].post(admin_url("programmes_support_import"),
                                    {"confirm": "1", "content": content, "filename": "support.csv"})
    assert response.status_code == 302


def _through_a_bulk_update(world, staff):
    # No service, no signal: the trigger still sees it.
    Programme.objects.filter(slug="open-programme").update(summary_en="Bulk")


WRITES = [_through_services, _through_publishing, _through_the_programme_admin, _through_the_organisation_admin,
          _through_the_support_admin, _through_the_import_command, _through_the_import_page, _through_a_bulk_update]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.removeprefix("_through_") for w in WRITES])
def test_every_write_path_gives_a_new_etag(world, staff_clients, write, tmp_path):
    client = Client()
    before = {path: client.get(path)["ETag"] for path in ENDPOINTS}
    arguments = (world, staff_clients, tmp_path) if "import" in write.__name__ else (world, staff_clients)
    write(*arguments)
    for path, etag in before.items():
        response = client.get(path, headers={"if-none-match": etag})
        assert response.status_code == 200, (write.__name__, path)
        assert response["ETag"] != etag
