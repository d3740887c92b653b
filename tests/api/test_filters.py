"""Every filter of GET /api/v1/clusters/, their combinations, the Arabic search and paging."""

from urllib.parse import quote

import pytest

from clusters.models import Cluster
from clusters.text import normalize_text
from tests.support.api import DRAFT_SLUG, get_json, slugs

URL = "/api/v1/clusters/"
pytestmark = pytest.mark.django_db


def published(**lookups):
    return sorted(Cluster.objects.filter(status="published", **lookups).values_list("slug", flat=True))


def test_without_filters_every_published_cluster_and_no_draft(client, draft):
    result = slugs(client, URL)
    assert result == published()
    assert len(result) == 60 and DRAFT_SLUG not in result


def test_feature_shape(client, seeded):
    feature = next(f for f in get_json(client, URL)["features"] if f["id"] == "damietta-furniture")
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [31.81332, 31.41648]}
    props = feature["properties"]
    assert list(props) == [
        "slug", "name_ar", "name_en", "aliases", "sector", "governorate", "locality_ar", "locality_en",
        "location_precision", "enterprises", "employment", "products_ar", "products_en",
        "description_ar", "description_en", "sources", "updated_at", "programmes", "url",
    ]
    assert props["sector"] == {"slug": "furniture-woodworking", "name_ar": "الأثاث والصناعات الخشبية",
                               "name_en": "Furniture & woodworking", "color": "#8c510a"}
    assert props["governorate"] == {"iso_code": "EG-DT", "name_ar": "دمياط", "name_en": "Damietta"}
    assert props["enterprises"] == 35000 and props["location_precision"] == "locality"
    assert props["url"] == "http://testserver/ar/clusters/damietta-furniture/"
    assert props["updated_at"].endswith("Z")


def test_url_follows_the_request_language(client, seeded):
    english = get_json(client, URL, accept_language="en")["features"][0]["properties"]["url"]
    assert english == f"http://testserver/en/clusters/{get_json(client, URL)['features'][0]['id']}/"
    assert get_json(client, URL, accept_language="fr")["features"][0]["properties"]["url"].startswith(
        "http://testserver/ar/clusters/"
    )


def test_coordinates_have_at_most_six_decimals(client, seeded):
    Cluster.objects.filter(slug="mahalla-textiles").update(location="SRID=4326;POINT(31.123456789 30.987654321)")
    feature = next(f for f in get_json(client, URL)["features"] if f["id"] == "mahalla-textiles")
    assert feature["geometry"]["coordinates"] == [31.123457, 30.987654]


@pytest.mark.parametrize("value, lookups", [
    ("dairy", {"sector__slug__in": ["dairy"]}),
    ("dairy,carpets-kilim", {"sector__slug__in": ["dairy", "carpets-kilim"]}),
    ("Dairy, carpets-kilim,dairy", {"sector__slug__in": ["dairy", "carpets-kilim"]}),
])
def test_sector(client, draft, value, lookups):
    assert slugs(client, f"{URL}?sector={quote(value)}") == published(**lookups)


@pytest.mark.parametrize("value, codes", [("EG-DT", ["EG-DT"]), ("EG-DT,EG-FYM", ["EG-DT", "EG-FYM"]), ("eg-fym", ["EG-FYM"])])
def test_governorate(client, draft, value, codes):
    result = slugs(client, f"{URL}?governorate={value}")
    assert result == published(governorate__iso_code__in=codes) and result


def test_precision(client, draft):
    result = slugs(client, f"{URL}?precision=district,governorate")
    assert result == published(location_precision__in=["district", "governorate"]) and result


def test_bbox_selects_points_inside_the_box(client, draft):
    # Around Damietta city only.
    result = slugs(client, f"{URL}?bbox=31.7,31.3,31.9,31.5")
    assert result == ["al-qaffasin-palm-crates", "damietta-dairy-cheese", "damietta-furniture", "damietta-oriental-sweets"]
    assert slugs(client, f"{URL}?bbox=0,0,1,1") == []
    assert len(slugs(client, f"{URL}?bbox=-180,-90,180,90")) == 60


def test_filters_combine(client, draft):
    result = slugs(client, f"{URL}?sector=carpets-kilim&governorate=EG-FYM&precision=district,locality,approximate,governorate")
    assert result == published(sector__slug="carpets-kilim", governorate__iso_code="EG-FYM") and result
    both = slugs(client, f"{URL}?sector=dairy,food-processing&bbox=31.7,31.3,31.9,31.5&q={quote('دمياط')}")
    assert both == ["damietta-dairy-cheese", "damietta-oriental-sweets"]
    assert slugs(client, f"{URL}?sector=dairy&governorate=EG-FYM") == []


def test_unknown_parameters_are_ignored(client, seeded):
    assert len(slugs(client, f"{URL}?colour=red&page=2")) == 60


@pytest.mark.parametrize("query, expected", [
    ("دمياط", {"damietta-furniture", "damietta-oriental-sweets", "damietta-dairy-cheese", "al-qaffasin-palm-crates"}),
    ("damietta", {"damietta-furniture", "damietta-oriental-sweets", "damietta-dairy-cheese", "al-qaffasin-palm-crates"}),
    ("DAMIETTA furniture", {"damietta-furniture"}),
    ("أخميم", {"akhmim-handweaving"}),
    ("اخميم", {"akhmim-handweaving"}),
    ("إخميم", {"akhmim-handweaving"}),
    ("أخـــميم", {"akhmim-handweaving"}),  # tatweel
])
def test_arabic_and_english_search(client, draft, query, expected):
    assert set(slugs(client, f"{URL}?q={quote(query)}")) == expected


def test_faiyum_with_and_without_shadda(client, draft):
    plain = slugs(client, f"{URL}?q={quote('الفيوم')}")
    assert plain == published(governorate__iso_code="EG-FYM") and len(plain) >= 5
    assert slugs(client, f"{URL}?q={quote('الفيّوم')}") == plain
    assert slugs(client, f"{URL}?q={quote('الفَيُّوم')}") == plain
    assert slugs(client, f"{URL}?q=faiyum") == plain


def test_ta_marbuta_and_alef_maqsura_fold(client, seeded):
    # "القاهرة" is stored; people type it with ه, and بني/بنى both occur.
    assert slugs(client, f"{URL}?q={quote('القاهره')}") == slugs(client, f"{URL}?q={quote('القاهرة')}") != []
    assert slugs(client, f"{URL}?q={quote('بنى سويف')}") == published(governorate__iso_code="EG-BNS") != []


def test_every_word_must_match(client, seeded):
    assert slugs(client, f"{URL}?q={quote('pottery الفيوم')}") == ["nazla-pottery", "tunis-village-pottery"]


@pytest.mark.parametrize("query", ["%", "_", "%%", "a_b", "'", "\"", "\\", "'; DROP TABLE clusters_cluster; --", "*", "?", "(", "~70"])
def test_wildcards_and_quotes_are_literal(client, seeded, query):
    """Each character means itself: % matches only a real per cent sign, never everything."""
    terms = normalize_text(query).split()
    expected = sorted(
        slug for slug, text in Cluster.objects.filter(status="published").values_list("slug", "search_text")
        if all(term in text for term in terms)
    )
    assert slugs(client, f"{URL}?q={quote(query)}") == expected
    assert len(expected) < 60
    assert Cluster.objects.count() == 60


def test_draft_never_matches_search(client, draft):
    assert slugs(client, f"{URL}?q={quote('مسودة')}") == []
    assert slugs(client, f"{URL}?q=secret") == []


def test_geometry_footprint(client, footprints):
    result = get_json(client, f"{URL}?geometry=footprint")
    assert [f["id"] for f in result["features"]] == ["damietta-furniture", "mahalla-textiles"]
    assert result["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert slugs(client, f"{URL}?geometry=point&governorate=EG-DT") == published(governorate__iso_code="EG-DT")
    assert slugs(client, f"{URL}?geometry=footprint&governorate=EG-DT") == ["damietta-furniture"]


def test_paging_members_and_links(client, draft):
    every = published()
    first = get_json(client, f"{URL}?limit=25&sector=&foo=bar")
    assert first["numberMatched"] == 60 and first["numberReturned"] == 25
    assert [f["id"] for f in first["features"]] == every[:25]
    links = {link["rel"]: link for link in first["links"]}
    assert set(links) == {"self", "next"}
    assert all(link["type"] == "application/geo+json" for link in first["links"])
    assert links["self"]["href"].startswith("http://testserver/api/v1/clusters/?")
    assert "foo=bar" in links["next"]["href"] and "offset=25" in links["next"]["href"]

    second = get_json(client, links["next"]["href"])
    assert [f["id"] for f in second["features"]] == every[25:50]
    third = get_json(client, {l["rel"]: l for l in second["links"]}["next"]["href"])
    assert [f["id"] for f in third["features"]] == every[50:]
    assert third["numberReturned"] == 10
    rels = {link["rel"]: link["href"] for link in third["links"]}
    assert set(rels) == {"self", "prev"} and "offset=25" in rels["prev"]


def test_paging_past_the_end_and_with_filters(client, seeded):
    past = get_json(client, f"{URL}?limit=10&offset=100")
    assert past["features"] == [] and past["numberReturned"] == 0 and past["numberMatched"] == 60
    filtered = get_json(client, f"{URL}?governorate=EG-DT&limit=3")
    assert filtered["numberMatched"] == 4 and filtered["numberReturned"] == 3
    assert get_json(client, f"{URL}?limit=10000")["numberReturned"] == 60


def test_without_limit_no_paging_members(client, seeded):
    body = get_json(client, URL)
    assert set(body) == {"type", "features"}
