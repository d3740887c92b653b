"""Two clusters with the same name: the list and the delete page show slugs, saves and imports warn."""

from clusters.importing import cluster_import
from clusters.models import Cluster
from tests.support.admin import admin_url, cluster_form_data, messages_of
from tests.support.clusters import add_cluster


def test_the_list_has_a_slug_column(seeded, editor_client):
    response = editor_client.get(admin_url("clusters_cluster_changelist"))
    assert "column-slug" in response.content.decode()
    assert "damietta-furniture" in response.content.decode()


def test_the_delete_confirmation_names_the_slug_and_place(seeded, publisher_client):
    twin = add_cluster("damietta-furniture-2", name_ar="تجمع صناعة الأثاث بدمياط",
                       name_en="Damietta Furniture Cluster")
    page = publisher_client.get(admin_url("clusters_cluster_delete", twin.pk)).content.decode()
    table = page[page.index('class="cluster-delete-identities"'):]
    assert "damietta-furniture-2" in table and "Cairo" in table[:table.index("</table>")]


def test_the_bulk_delete_confirmation_lists_every_slug(seeded, publisher_client):
    twin = add_cluster("damietta-furniture-2", name_en="Damietta Furniture Cluster")
    original = Cluster.objects.get(slug="damietta-furniture")
    response = publisher_client.post(admin_url("clusters_cluster_changelist"), {
        "action": "delete_selected", "_selected_action": [original.pk, twin.pk]})
    page = response.content.decode()
    table = page[page.index('class="cluster-delete-identities"'):]
    table = table[:table.index("</table>")]
    assert "damietta-furniture-2" in table and "damietta-furniture<" in table.replace("</code>", "<")


def test_saving_a_cluster_with_a_namesake_warns_but_saves(seeded, editor_client):
    twin = add_cluster("damietta-furniture-2", name_en="Somewhere else")
    response = editor_client.post(admin_url("clusters_cluster_change", twin.pk),
                                  cluster_form_data(twin, name_en="  damietta furniture cluster "), follow=True)
    shown = messages_of(response)
    assert any("Other clusters have the same name: damietta-furniture." in m for m in shown), shown
    twin.refresh_from_db()
    assert twin.name_en == "damietta furniture cluster"


def test_saving_a_cluster_with_its_own_name_does_not_warn(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    response = editor_client.post(admin_url("clusters_cluster_change", cluster.pk),
                                  cluster_form_data(cluster, enterprises=1), follow=True)
    assert not [m for m in messages_of(response) if "same name" in m]


CSV_HEADER = "slug,name_ar,name_en,sector,governorate_iso,lat,lon,location_precision\n"


def test_an_import_warns_about_names_already_taken_and_between_its_rows(seeded):
    rows = (
        "twin-furniture,تجمع صناعة الأثاث بدمياط,Another furniture,furniture-woodworking,EG-DT,31.41,31.81,locality\n"
        "new-a,اسم جديد,Same new name,furniture-woodworking,EG-DT,31.42,31.82,locality\n"
        "new-b,اسم آخر,SAME NEW NAME,furniture-woodworking,EG-DT,31.43,31.83,locality\n"
    )
    report = cluster_import((CSV_HEADER + rows).encode(), "twins.csv", dry_run=True)
    assert report.ok, report.errors
    warned = {w.slug: (w.number, w.message) for w in report.warnings if "same name" in w.message}
    assert warned == {
        "twin-furniture": (2, "Other clusters have the same name: damietta-furniture. "
                              "Check that this is not the same cluster twice."),
        "new-a": (3, "Other clusters have the same name: new-b. Check that this is not the same cluster twice."),
        "new-b": (4, "Other clusters have the same name: new-a. Check that this is not the same cluster twice."),
    }


def test_reimporting_unchanged_clusters_does_not_warn(seeded):
    rows = "damietta-furniture,تجمع صناعة الأثاث بدمياط,Damietta Furniture Cluster,furniture-woodworking,EG-DT,31.41,31.81,locality\n"
    report = cluster_import((CSV_HEADER + rows).encode(), "same.csv", dry_run=True)
    assert not [w for w in report.warnings if "same name" in w.message]


def test_the_change_form_links_to_the_public_page(seeded, editor_client):
    cluster = Cluster.objects.get(slug="damietta-furniture")
    page = editor_client.get(admin_url("clusters_cluster_change", cluster.pk)).content.decode()
    assert 'href="/en/clusters/damietta-furniture/"' in page
    assert "View on site" in page
