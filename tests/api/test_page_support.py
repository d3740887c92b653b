"""A page reads its own clusters' programmes (a LATERAL join) instead of grouping every support row first
(issue 17, item 2): its features must be exactly the bytes the whole-list statement gives for those clusters."""

import json

import pytest

from clusters.filters import ClusterFilters, Page
from clusters.geojson import cluster_features_json
from clusters.geojson.features import PAGE_LATERAL_MAX, cluster_export_rows
from clusters.models import Cluster
from clusters.programmes.models import Status
from tests.support.programmes import make_programme, make_support

pytestmark = pytest.mark.django_db
PREFIX = "http://testserver/ar/clusters/"


@pytest.fixture
def supported(seeded):
    published, other, draft = (make_programme(slug) for slug in ("prog-b", "prog-a", "prog-c"))
    draft.status = Status.DRAFT
    draft.save()
    clusters = list(Cluster.objects.order_by("slug")[:12])
    for index, cluster in enumerate(clusters):
        if index % 2 == 0:
            make_support(published, cluster)
        if index % 3 == 0:
            make_support(other, cluster)
        if index % 4 == 0:
            make_support(draft, cluster)  # a draft programme's support is never shown
        if index == 5:
            make_support(other, cluster, status=Status.DRAFT)
    return clusters


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("offset", [0, 5, 55])
def test_a_page_is_the_whole_list_cut(supported, flat, offset):
    whole = cluster_features_json(ClusterFilters(), page_url_prefix=PREFIX, flat=flat)
    page = cluster_features_json(ClusterFilters(), Page(limit=7, offset=offset), page_url_prefix=PREFIX, flat=flat)
    parsed = json.loads(whole)
    assert json.loads(page) == parsed[offset : offset + 7]
    # Byte for byte: the page's features are a run of the whole list's, starting at a feature's boundary.
    assert (b"[" if offset == 0 else b"},") + page[1:-1] + (b"]" if offset + 7 >= len(parsed) else b",{") in whole
    if offset == 0:
        # The seed's own support comes too; the draft programme's and the draft support row never do.
        programmes = [feature["properties"]["programmes"] for feature in parsed[:7]]
        programmes = [set(p.split("|")) - {""} if flat else set(p) for p in programmes]
        assert [{"prog-a", "prog-b"} & p for p in programmes] == [
            {"prog-a", "prog-b"}, set(), {"prog-b"}, {"prog-a"}, {"prog-b"}, set(), {"prog-a", "prog-b"}]
        assert not any("prog-c" in p for p in programmes)


def test_export_rows_of_a_page_match_the_whole_list(supported):
    names, whole = cluster_export_rows(ClusterFilters(), page_url_prefix=PREFIX)
    assert cluster_export_rows(ClusterFilters(), Page(limit=5, offset=3), page_url_prefix=PREFIX) == (names, whole[3:8])


def test_large_pages_keep_the_grouped_lookup(supported):
    # Above PAGE_LATERAL_MAX a page groups the support once, as a whole list does: same answer either way.
    big = cluster_features_json(ClusterFilters(), Page(limit=PAGE_LATERAL_MAX + 1), page_url_prefix=PREFIX)
    assert big == cluster_features_json(ClusterFilters(), page_url_prefix=PREFIX)
