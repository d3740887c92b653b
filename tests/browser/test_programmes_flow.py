"""Done when (issue 12): a publisher creates an organisation and a programme in the Arabic admin, adds support
to two clusters inline, publishes, and sees them on the cluster pages, the programme page, the map filter,
the API and the CSV."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User

from clusters.models import Cluster
from clusters.programmes.roles import programme_roles_ensure
from clusters.roles import PUBLISHERS, roles_ensure

pytestmark = pytest.mark.browser

PASSWORD = "a long browser test password 42"
SLUGS = ["siwa-dates", "damietta-furniture"]


@pytest.fixture
def publisher_page(live_seeded, page):
    roles_ensure()  # the transactional flush took the groups with it
    programme_roles_ensure()
    user = User.objects.create_user("programme-publisher", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    page.goto(f"{live_seeded.url}/ar/admin/login/?next=/ar/admin/")
    page.fill("#id_username", "programme-publisher")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_seeded.url}/ar/admin/")
    return page


def _present(slugs):
    present = [s for s in slugs if Cluster.objects.filter(slug=s).exists()]
    return present if len(present) == 2 else list(Cluster.objects.order_by("slug").values_list("slug", flat=True)[:2])


def test_publisher_records_a_programme_in_arabic_and_it_shows_everywhere(publisher_page, live_seeded):
    page, base = publisher_page, live_seeded.url
    slugs = _present(SLUGS)
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=slugs)}

    page.goto(f"{base}/ar/admin/programmes/organisation/add/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#id_name_ar", "مؤسسة التجمعات الخضراء")
    page.locator("#id_name_en").press_sequentially("Green Clusters Foundation")
    # The slug is filled in from the English name, as for a visitor typing.
    page.wait_for_function("() => document.querySelector('#id_slug').value === 'green-clusters-foundation'")
    page.select_option("#id_kind", "ngo")
    page.click("input[name=_save]")
    page.wait_for_url("**/programmes/organisation/")

    page.goto(f"{base}/ar/admin/programmes/programme/add/")
    page.fill("#id_name_ar", "برنامج التصدير الأخضر")
    page.locator("#id_name_en").press_sequentially("Green export")
    page.wait_for_function("() => document.querySelector('#id_slug').value === 'green-export'")
    page.select_option("#id_organisations", label="مؤسسة التجمعات الخضراء")
    page.fill("#id_start_year", "2024")
    page.fill("#id_summary_ar", "دعم التصدير لتجمعين.")
    for index, slug in enumerate(slugs):
        page.click(".inline-group .add-row a")
        # The cluster picker searches (Django's autocomplete): typed in Arabic without hamzas, it still finds it.
        page.click(f"#id_support-{index}-cluster + .select2 .select2-selection")
        page.fill(".select2-container--open .select2-search__field", clusters[slug].name_ar.replace("أ", "ا"))
        page.click(f".select2-results__option:has-text('({slug})')")
        assert page.input_value(f"#id_support-{index}-cluster") == str(clusters[slug].pk)
        page.check(f"input[name='support-{index}-kinds'][value='export-promotion']")
    page.click("input[name=_continue]")
    page.wait_for_selector("button[name=_publish]")
    page.click("button[name=_publish]")
    page.wait_for_selector("button[name=_unpublish]")

    for slug in slugs:
        page.goto(f"{base}/ar/clusters/{slug}/")
        assert page.locator("#support [data-programme='green-export']").count() == 1
        assert "مؤسسة التجمعات الخضراء" in page.locator("#support").inner_text()

    page.goto(f"{base}/ar/programmes/green-export/")
    assert sorted(page.eval_on_selector_all("#programme-clusters tr[data-cluster]",
                                            "rows => rows.map(r => r.dataset.cluster)")) == sorted(slugs)
    page.wait_for_selector("#programme-map .cluster-marker")
    assert page.locator("#programme-map .cluster-marker").count() == 2

    api = page.request.get(f"{base}/api/v1/programmes/green-export/").json()
    assert sorted(s["cluster"] for s in api["support"]) == sorted(slugs)
    assert api["organisations"][0]["slug"] == "green-clusters-foundation"
    table = page.request.get(f"{base}/api/v1/support/?format=csv&programme=green-export").body().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert sorted(r["cluster"] for r in rows) == sorted(slugs)
    assert all(r["kind"] == "export-promotion" and r["organisations"] == "green-clusters-foundation" for r in rows)

    # The map filter: the link, the list, the legend's words, and the downloads carry it.
    page.goto(f"{base}/ar/?programme=green-export")
    page.wait_for_selector("html[data-map-ready]", state="attached")
    page.wait_for_function("(n) => document.querySelectorAll('#result-list li').length === n", arg=len(slugs))
    assert sorted(page.eval_on_selector_all("#result-list li", "items => items.map(li => li.dataset.slug)")) \
        == sorted(slugs)
    assert page.input_value("#filter-programme") == "green-export"
    assert "برنامج التصدير الأخضر" in page.locator("#legend-shown").text_content()
    csv_link = page.get_attribute("#download-csv", "href")
    assert "programme=green-export" in csv_link
    download = page.request.get(base + csv_link if csv_link.startswith("/") else csv_link)
    exported = list(csv.DictReader(io.StringIO(download.body().decode("utf-8-sig"))))
    assert sorted(r["slug"] for r in exported) == sorted(slugs)
    assert all("green-export" in r["programmes"].split("|") for r in exported)
    api_clusters = page.request.get(f"{base}/api/v1/clusters/?programme=green-export").json()
    assert sorted(f["id"] for f in api_clusters["features"]) == sorted(slugs)
    # Choosing "not yet supported" in the form leaves them out (the group opens as a visitor opens it).
    if not page.locator("#facet-support").evaluate("details => details.open"):
        page.click("#facet-support summary")
    page.select_option("#filter-programme", "")
    page.select_option("#filter-supported", "false")
    page.wait_for_function("() => new URLSearchParams(location.search).get('supported') === 'false'")
    shown = set(page.eval_on_selector_all("#result-list li", "items => items.map(li => li.dataset.slug)"))
    assert not shown & set(slugs)
    assert page.recorder.page_errors == []
    assert page.recorder.console_errors == []
