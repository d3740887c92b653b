"""The statistics page and its CSV downloads: the API's numbers, drawn on the server."""

import csv
import io
import re

import pytest

from clusters.models import Cluster

pytestmark = pytest.mark.django_db


def _published():
    return Cluster.objects.filter(status="published")


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_page_draws_every_chart_with_its_table(client, seeded, lang, direction):
    response = client.get(f"/{lang}/stats/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'dir="{direction}"' in html
    for key in ("sector", "governorate", "precision"):
        assert f'id="chart-{key}"' in html
    # Every bar chart (the support charts too, when the seed has support) has its table.
    assert html.count('<table class="chart-table">') == html.count('<section class="chart" id="chart-') >= 3
    assert html.count("<path ") == 27  # every governorate in the choropleth
    assert not re.search(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)", html)


def test_headline_says_how_many_clusters_report_a_figure(client, seeded):
    html = client.get("/en/stats/").content.decode()
    published = _published()
    reported = published.filter(enterprises__isnull=False).count()
    assert f"reported for {reported} of {published.count()} clusters" in html
    assert "of 27" in html


def test_filters_narrow_the_numbers_and_link_back_to_the_map(client, seeded):
    html = client.get("/en/stats/?governorate=EG-DT").content.decode()
    count = _published().filter(governorate__iso_code="EG-DT").count()
    assert re.search(rf'<span class="figure-value">{count}</span>', html)
    assert 'href="/en/?governorate=EG-DT"' in html
    # A sector bar keeps the governorate and adds its sector.
    assert re.search(r'href="/en/\?governorate=EG-DT&amp;sector=[a-z-]+"', html)


def test_bad_filter_value_is_named_and_left_out(client, seeded):
    response = client.get("/en/stats/?sector=nonexistent&governorate=EG-DT")
    assert response.status_code == 200
    html = response.content.decode()
    assert "nonexistent" in html and 'role="alert"' in html
    assert 'href="/en/?governorate=EG-DT"' in html


def test_empty_selection_says_so(client, seeded):
    html = client.get("/en/stats/?q=zzzzzzzz").content.decode()
    assert 'id="stats-empty"' in html and 'class="chart-table"' not in html
    assert "Not reported" in html


def test_csv_matches_the_api(client, seeded):
    response = client.get("/ar/stats/governorate.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    api = client.get("/api/v1/stats/").json()
    assert len(rows) - 1 == len(api["by_governorate"])
    by_code = {row[0]: row for row in rows[1:]}
    for row in api["by_governorate"]:
        assert by_code[row["iso_code"]][1] == row["name_ar"]
        assert int(by_code[row["iso_code"]][2]) == row["cluster_count"]


def test_unknown_breakdown_is_404(client, seeded):
    assert client.get("/en/stats/nothing.csv").status_code == 404


def test_programme_charts_count_supported_clusters(client, seeded):
    from clusters.programmes.models import Support

    html = client.get("/en/stats/").content.decode()
    public = Support.objects.filter(status="published", programme__status="published", cluster__status="published")
    if not public.exists():
        pytest.skip("the seed data has no public support")
    for key in ("programme", "support-kind", "support-year"):
        assert f'id="chart-{key}"' in html
    # A programme's bar leads to the map filtered to that programme.
    slug = public.values_list("programme__slug", flat=True).first()
    assert f'href="/en/?programme={slug}"' in html
    rows = list(csv.reader(io.StringIO(client.get("/en/stats/programme.csv").content.decode("utf-8-sig"))))
    counts = {row[0]: int(row[2]) for row in rows[1:]}
    assert counts[slug] == public.filter(programme__slug=slug).values("cluster").distinct().count()


def test_search_text_comes_back_as_typed(client, seeded):
    html = client.get("/en/stats/?q=Damietta").content.decode()
    assert 'href="/en/?q=Damietta"' in html and "Search: Damietta" in html


def test_programme_filter_narrows_the_numbers(client, seeded):
    from clusters.programmes.models import Support

    public = Support.objects.filter(status="published", programme__status="published", cluster__status="published")
    slug = public.values_list("programme__slug", flat=True).first()
    if slug is None:
        pytest.skip("the seed data has no public support")
    html = client.get(f"/en/stats/?programme={slug}").content.decode()
    count = public.filter(programme__slug=slug).values("cluster").distinct().count()
    assert re.search(rf'<span class="figure-value">{count}</span>', html)
    assert f'href="/en/?programme={slug}"' in html and "Programme: " in html


def test_api_and_page_give_the_same_breakdowns(client, seeded):
    api = client.get("/api/v1/stats/?governorate=EG-DT").json()
    published = _published().filter(governorate__iso_code="EG-DT")
    assert sum(row["cluster_count"] for row in api["by_precision"]) == published.count()
    assert [row["precision"] for row in api["by_precision"]] == sorted(
        (row["precision"] for row in api["by_precision"]),
        key=["locality", "approximate", "district", "governorate"].index)
    assert api["coverage"] == {"governorates": 1, "governorates_all": 27,
                               "sectors": len(api["by_sector"]), "sectors_all": api["coverage"]["sectors_all"]}
    assert "by_programme" in api["support"] and "by_year" in api["support"]
    rows = list(csv.reader(io.StringIO(client.get("/en/stats/precision.csv?governorate=EG-DT").content.decode("utf-8-sig"))))
    assert {row[0]: int(row[2]) for row in rows[1:]} == {row["precision"]: row["cluster_count"] for row in api["by_precision"]}
