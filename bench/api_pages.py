"""Benchmark of one feature and of a page of 100 (issue 17, items 1 and 2), side by side in one run.

Run by hand, with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/api_pages.py [--clusters 10000] [--rounds 15]

It fills a throwaway database (bench/api_geojson.py's synthetic clusters) and
times, interleaved round by round:

  one feature   GET /api/v1/clusters/<slug>/ and /ogc/.../items/<slug> (one statement) against the former path
                (ORM lookup, DRF serializer, data version) and the bare statement alone
  page of 100   GET /api/v1/clusters/?limit=100&offset=5000 (and OGC's) with the count kept per data version,
                the same GET counting every time, and the bare page statement alone
  full, gzip    GET /api/v1/clusters/ with Accept-Encoding: gzip, repeated (kept per ETag), against
                the same GET built and compressed every time

Medians in ms and ratios. The database is dropped at the end.
"""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusters_portal.settings_test")
os.environ.setdefault("TEST_DB_NAME", "bench_api_pages")

_spec = importlib.util.spec_from_file_location("bench_api_geojson", ROOT / "bench" / "api_geojson.py")
_geojson_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_geojson_bench)  # sets Django up, and gives us its fill()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from clusters.api.serializers import ClusterDetailSerializer  # noqa: E402
from clusters.answers import answers_forget  # noqa: E402
from clusters.counting import cluster_count_forget  # noqa: E402
from clusters.encoding import json_bytes  # noqa: E402
from clusters.etags import data_version  # noqa: E402
from clusters.filters import ClusterFilters, Page  # noqa: E402
from clusters.geojson import cluster_feature_json, cluster_features_json  # noqa: E402
from clusters.selectors import cluster_public_detail  # noqa: E402

PREFIX = "http://testserver/ar/clusters/"
SLUG = "synthetic-04321"


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        _geojson_bench.fill(args.clusters, 0)
        client = Client()
        detail_url = f"/api/v1/clusters/{SLUG}/"
        page_url = "/api/v1/clusters/?limit=100&offset=5000"
        assert client.get(detail_url).status_code == 200 and client.get(page_url).status_code == 200

        def former_detail():
            data_version()
            cluster = cluster_public_detail(SLUG)
            json_bytes(ClusterDetailSerializer(cluster, context={"page_url_prefix": PREFIX}).data)

        def rebuilt_full():
            answers_forget()
            client.get("/api/v1/clusters/", headers={"Accept-Encoding": "gzip"})

        # Pages are built each time (no kept answer), with the count kept or counted afresh.
        def kept_count_page():
            answers_forget()
            client.get(page_url)

        def counting_page():
            answers_forget()
            cluster_count_forget()
            client.get(page_url)

        ogc_item = f"/ogc/collections/clusters/items/{SLUG}?f=json"
        ogc_page = "/ogc/collections/clusters/items?f=json&limit=100&offset=5000"

        def ogc_kept_count_page():
            answers_forget()
            client.get(ogc_page)

        contenders = {
            "one feature: API": lambda: client.get(detail_url),
            "one feature: OGC item": lambda: client.get(ogc_item),
            "one feature: former path": former_detail,
            "one feature: bare statement": lambda: cluster_feature_json(SLUG, page_url_prefix=PREFIX),
            "page of 100: API (count kept)": kept_count_page,
            "page of 100: API counting each time": counting_page,
            "page of 100: OGC (count kept)": ogc_kept_count_page,
            "page of 100: bare statement": lambda: cluster_features_json(
                ClusterFilters(), Page(limit=100, offset=5000), page_url_prefix=PREFIX),
        }
        full = {
            "full, gzip: API repeated": lambda: client.get("/api/v1/clusters/", headers={"Accept-Encoding": "gzip"}),
            "full, gzip: built and compressed each time": rebuilt_full,
        }
        times = {name: [] for name in [*contenders, *full]}
        for _round in range(args.rounds):
            for name, function in contenders.items():
                times[name].append(timed(function))
            # The page contenders drop kept answers: the repeated download is first made once, untimed.
            full["full, gzip: API repeated"]()
            for name, function in full.items():
                times[name].append(timed(function))
        medians = {name: statistics.median(values) for name, values in times.items()}
        for name, median in medians.items():
            print(f"{name:40s} {median:8.2f} ms")
        print(f"one feature: API / former path        {medians['one feature: API'] / medians['one feature: former path']:.2f}x")
        print(f"one feature: API / bare statement     {medians['one feature: API'] / medians['one feature: bare statement']:.2f}x")
        print(f"page: kept count / counting each time {medians['page of 100: API (count kept)'] / medians['page of 100: API counting each time']:.2f}x")
        print(f"full gzip: repeated / rebuilt         {medians['full, gzip: API repeated'] / medians['full, gzip: built and compressed each time']:.3f}x")
        print(f"page: API / bare statement            {medians['page of 100: API (count kept)'] / medians['page of 100: bare statement']:.2f}x")
        print(f"page: OGC / bare statement            {medians['page of 100: OGC (count kept)'] / medians['page of 100: bare statement']:.2f}x")
        print(f"one feature: OGC / bare statement     {medians['one feature: OGC item'] / medians['one feature: bare statement']:.2f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
