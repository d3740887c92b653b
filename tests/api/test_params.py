"""The parsing functions other front ends reuse, without HTTP."""

import pytest
from django.http import QueryDict

from clusters.api.params import simplify_parse
from clusters.filters import ClusterFilters, Page, ParameterError, cluster_filters_parse, page_parse
from clusters.geojson import cluster_feature_collection_sql
from clusters.selectors import cluster_list

pytestmark = pytest.mark.django_db


def test_parse_a_plain_mapping(seeded):
    filters = cluster_filters_parse(
        {"sector": ["glass,dairy"], "governorate": ["eg-dt"], "bbox": ["25, 22,35,32"], "q": ["الفيّوم  Pottery"],
         "precision": ["district"]}
    )
    assert filters == ClusterFilters(
        sectors=("dairy", "glass"), governorates=("EG-DT",), bbox=(25.0, 22.0, 35.0, 32.0),
        terms=("الفيوم", "pottery"), precisions=("district",),
    )
    assert cluster_filters_parse(QueryDict("")) == ClusterFilters()
    assert page_parse(QueryDict("limit=10&offset=20")) == Page(limit=10, offset=20)
    assert page_parse(QueryDict("")) == Page()
    assert page_parse({"limit": ["50"]}, max_limit=50) == Page(limit=50)
    assert simplify_parse({"simplify": ["0"]}) is None


def test_parameter_error_names_the_parameter(seeded):
    with pytest.raises(ParameterError) as raised:
        cluster_filters_parse(QueryDict("sector=dairy&governorate=EG-NOPE"))
    assert raised.value.parameter == "governorate" and "EG-NOPE" in raised.value.message
    with pytest.raises(ParameterError) as raised:
        page_parse({"limit": ["51"]}, max_limit=50)
    assert raised.value.parameter == "limit"


@pytest.mark.parametrize("name", ["sector", "governorate", "bbox", "q", "precision", "geometry"])
def test_five_thousand_characters(seeded, name):
    with pytest.raises(ParameterError) as raised:
        cluster_filters_parse({name: ["ب" * 2500 + "x" * 2500]})
    assert raised.value.parameter == name and len(raised.value.message) < 300


def test_selectors_without_http(seeded):
    filters = cluster_filters_parse({"governorate": ["EG-DT"]})
    assert cluster_list(filters).count() == 4
    body = cluster_feature_collection_sql(filters, Page(limit=1), page_url_prefix="/ar/clusters/",
                                          members={"numberMatched": 4})
    assert body.startswith(b'{"type":"FeatureCollection","numberMatched":4,"features":[{"type":"Feature"')
    assert b'"url":"/ar/clusters/al-qaffasin-palm-crates/"' in body
