"""A page's ids statement, kept per selection shape, is the very SQL the ORM compiles for that page (issue 17)."""

import pytest

from clusters.filters import ClusterFilters, Page
from clusters.geojson import features
from clusters.selectors import cluster_list

PAGES = [Page(), Page(limit=100), Page(limit=100, offset=5000), Page(offset=7), Page(limit=1, offset=0)]
FILTERS = [ClusterFilters(), ClusterFilters(sectors=("food", "textiles")), ClusterFilters(bbox=(29.0, 30.0, 31.5, 31.0))]


@pytest.mark.parametrize("filters", FILTERS)
def test_kept_ids_sql_is_the_orm_sql(filters):
    features.ids_sql_forget()
    for _round in range(2):  # compiled, then kept
        for page in PAGES:
            orm = features._compiled_ids_sql(cluster_list(filters), page)
            assert features._selected_ids_sql(filters, page) == (orm[0], tuple(orm[1]))


def test_a_shape_calls_its_queryset_function_once():
    features.ids_sql_forget()
    calls = []

    def selection():
        calls.append(1)
        return cluster_list(ClusterFilters()).filter(enterprises__gte=3)

    first = features._selected_ids_sql(ClusterFilters(), Page(limit=10, offset=20), selection, shape=("t", 3))
    second = features._selected_ids_sql(ClusterFilters(), Page(limit=10, offset=30), selection, shape=("t", 3))
    assert len(calls) == 1
    assert second == (first[0].replace("OFFSET 20", "OFFSET 30"), first[1])
    assert first[0].endswith("LIMIT 10 OFFSET 20")
