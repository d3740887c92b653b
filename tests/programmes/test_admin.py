"""The programme admin keeps the clusters' rules: drafts, publishers publish, no lost update, history."""

from clusters.models import Cluster
from clusters.programmes.models import Organisation, Programme, Status, Support
from tests.support.admin import admin_url
from tests.support.programmes import make_organisation, make_programme, make_support, programme_form_data


def _two_clusters():
    return list(Cluster.objects.order_by("slug")[:2])


def test_editor_creates_programme_with_support_inline_as_drafts(seeded, staff_clients):
    org = make_organisation(status=Status.DRAFT)
    first, second = _two_clusters()
    data = programme_form_data(organisations=[org.pk], support=[
        {"cluster": first.pk, "kinds": ["training", "finance"], "start_year": 2020, "end_year": 2022,
         "women_reached": 40},
        {"cluster": second.pk},
    ])
    response = staff_clients["editor"].post(admin_url("programmes_programme_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    programme = Programme.objects.get(slug="new-programme")
    assert programme.status == Status.DRAFT
    assert list(programme.organisations.all()) == [org]
    rows = Support.objects.filter(programme=programme).order_by("cluster__slug")
    assert [s.status for s in rows] == [Status.DRAFT, Status.DRAFT]
    assert rows[0].kinds == ["training", "finance"] and rows[0].women_reached == 40
    assert rows[1].people_reached is None and rows[1].start_year is None
    assert rows[0].history.first().history_user.username == "editor"
    assert programme.history.first().history_user.username == "editor"


def test_editor_cannot_publish_publisher_publishes_programme_with_its_parts(seeded, staff_clients):
    org = make_organisation(status=Status.DRAFT)
    programme = make_programme(status=Status.DRAFT, organisations=[org])
    support = make_support(programme, _two_clusters()[0], status=Status.DRAFT)
    url = admin_url("programmes_programme_publish", programme.pk)
    assert staff_clients["editor"].post(url).status_code == 403
    changelist = staff_clients["editor"].get(admin_url("programmes_programme_changelist"))
    assert b"publish_selected" not in changelist.content
    assert staff_clients["publisher"].post(url).status_code == 302
    for record in (programme, org, support):
        record.refresh_from_db()
        assert record.status == Status.PUBLISHED


def test_stale_programme_form_is_refused_and_changes_nothing(seeded, staff_clients):
    programme = make_programme()
    stale = programme_form_data(programme, name_en="Mine")
    fresh = programme_form_data(programme, name_en="Theirs")
    client = staff_clients["editor"]
    assert client.post(admin_url("programmes_programme_change", programme.pk), fresh).status_code == 302
    response = client.post(admin_url("programmes_programme_change", programme.pk), stale)
    assert response.status_code == 200
    assert b"Someone else saved" in response.content
    programme.refresh_from_db()
    assert programme.name_en == "Theirs" and programme.version == 2


def test_stale_support_row_on_programme_form_is_refused(seeded, staff_clients):
    programme = make_programme()
    support = make_support(programme, _two_clusters()[0], summary_en="first")
    Support.objects.filter(pk=support.pk).update(version=5)  # a colleague saved meanwhile
    data = programme_form_data(programme, support=[
        {"id": support.pk, "cluster": support.cluster_id, "programme": programme.pk, "summary_en": "mine",
         "expected_version": 1},
    ])
    response = staff_clients["editor"].post(admin_url("programmes_programme_change", programme.pk), data)
    assert response.status_code == 200
    support.refresh_from_db()
    assert support.summary_en == "first"


def test_support_inline_on_cluster_form(seeded, staff_clients):
    cluster = _two_clusters()[0]
    response = staff_clients["editor"].get(admin_url("clusters_cluster_change", cluster.pk))
    assert response.status_code == 200
    assert b'name="support-TOTAL_FORMS"' in response.content


def test_support_end_before_start_refused_on_form(seeded, staff_clients):
    programme = make_programme()
    data = programme_form_data(programme, support=[
        {"cluster": _two_clusters()[0].pk, "start_year": 2022, "end_year": 2020},
    ])
    response = staff_clients["editor"].post(admin_url("programmes_programme_change", programme.pk), data)
    assert response.status_code == 200
    assert not Support.objects.filter(programme=programme).exists()


def test_budget_rules(seeded, staff_clients):
    client = staff_clients["editor"]
    for amount, currency in (("-5", "USD"), ("100", ""), ("100", "DOLLARS")):
        data = programme_form_data(budget_amount=amount, budget_currency=currency)
        assert client.post(admin_url("programmes_programme_add"), data).status_code == 200
    assert not Programme.objects.filter(slug="new-programme").exists()
    data = programme_form_data(budget_amount="2500000", budget_currency="egp")
    assert client.post(admin_url("programmes_programme_add"), data).status_code == 302
    assert Programme.objects.get(slug="new-programme").budget_currency == "EGP"


def test_organisation_admin_publish_and_editor_cannot_delete(seeded, staff_clients):
    org = make_organisation(status=Status.DRAFT)
    assert staff_clients["editor"].post(admin_url("programmes_organisation_delete", org.pk),
                                        {"post": "yes"}).status_code == 403
    assert staff_clients["publisher"].post(admin_url("programmes_organisation_publish", org.pk)).status_code == 302
    org.refresh_from_db()
    assert org.status == Status.PUBLISHED
    assert Organisation.objects.count() > 1


def _cluster_form(cluster, **extra):
    data = {
        "name_ar": cluster.name_ar, "name_en": cluster.name_en, "aliases": cluster.aliases,
        "expected_version": cluster.version, "governorate": cluster.governorate_id,
        "location": cluster.location.geojson, "location_precision": cluster.location_precision,
        "footprint": cluster.footprint.geojson if cluster.footprint else "",
        "locality_ar": cluster.locality_ar, "locality_en": cluster.locality_en, "sector": cluster.sector_id,
        "products_ar": cluster.products_ar, "products_en": cluster.products_en,
        "enterprises": "" if cluster.enterprises is None else cluster.enterprises,
        "employment": "" if cluster.employment is None else cluster.employment,
        "description_ar": cluster.description_ar, "description_en": cluster.description_en,
        "sources": "\n".join(cluster.sources), "_save": "Save",
    }
    data.update(extra)
    return data


def test_support_added_inline_on_the_cluster_form_is_a_draft_with_history(seeded, staff_clients):
    cluster = Cluster.objects.filter(support__isnull=True).order_by("slug").first()
    programme = make_programme()
    data = _cluster_form(cluster, **{
        "support-TOTAL_FORMS": 1, "support-INITIAL_FORMS": 0,
        "support-0-programme": programme.pk, "support-0-kinds": ["equipment"], "support-0-people_reached": 120,
    })
    response = staff_clients["editor"].post(admin_url("clusters_cluster_change", cluster.pk), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    support = Support.objects.get(cluster=cluster)
    assert support.status == Status.DRAFT and support.people_reached == 120 and support.women_reached is None
    assert support.history.get().history_user.username == "editor"


def test_cluster_form_without_the_inline_leaves_support_alone(seeded, staff_clients):
    support = Support.objects.select_related("cluster").first()
    data = _cluster_form(support.cluster, name_en="Renamed")
    response = staff_clients["editor"].post(admin_url("clusters_cluster_change", support.cluster.pk), data)
    assert response.status_code == 302
    assert Support.objects.filter(pk=support.pk).exists()


def test_programme_history_page_lists_changes(seeded, staff_clients):
    programme = make_programme()
    client = staff_clients["editor"]
    client.post(admin_url("programmes_programme_change", programme.pk),
                programme_form_data(programme, name_en="Renamed programme"))
    response = client.get(admin_url("programmes_programme_history", programme.pk))
    assert response.status_code == 200
    assert b"editor" in response.content


def test_the_change_forms_share_one_publish_button(seeded, staff_clients):
    """Clusters, organisations, programmes and support: one template, each record's own publish URL."""
    programme = make_programme(status=Status.DRAFT)
    records = {
        "programmes_programme": programme,
        "programmes_organisation": make_organisation(status=Status.PUBLISHED),
        "programmes_support": make_support(programme, _two_clusters()[0], status=Status.DRAFT),
        "clusters_cluster": Cluster.objects.order_by("slug").first(),
    }
    for name, record in records.items():
        action = "unpublish" if record.status == "published" else "publish"
        page = staff_clients["publisher"].get(admin_url(f"{name}_change", record.pk)).content.decode()
        assert f'action="{admin_url(f"{name}_{action}", record.pk)}"' in page, name
        assert f'name="_{action}"' in page, name
        page = staff_clients["editor"].get(admin_url(f"{name}_change", record.pk)).content.decode()
        assert 'class="cluster-status-form"' not in page, name
