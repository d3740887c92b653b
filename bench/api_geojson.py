"""Benchmark of GET /api/v1/clusters/ against its baselines, side by side in one run.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/api_geojson.py [--clusters 10000] [--footprints 1000] [--rounds 15]

It creates a throwaway database on the test cluster (Django's test-database
machinery, named by TEST_DB_NAME, default bench_api_geojson), fills it with
synthetic published clusters (some with 50-vertex footprints), and times,
interleaved round by round so that drift hits every contender alike:

  api      GET /api/v1/clusters/ through Django's test Client and every middleware
  drf-gis  (a) djangorestframework-gis's GeoFeatureModelSerializer on the same rows,
           fetched with the ORM and rendered with DRF's JSONRenderer (no HTTP at all)
  sql      (b) the bare SQL statement that builds the same FeatureCollection,
           executed on a cursor and fetched as text (no Django)
  304      the same GET with If-None-Match
  gzip     the same GET with Accept-Encoding: gzip (for information)

It prints the medians and the ratios against the targets of issue 3.
The database is dropped at the end.
"""

import argparse
import statistics
import sys
import time

from _common import django_setup, synthetic_clusters_fill, throwaway_database

django_setup("bench_api_geojson")

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.renderers import JSONRenderer  # noqa: E402

from clusters.api.serializers import ClusterFeatureSerializer  # noqa: E402
from clusters.filters import ClusterFilters  # noqa: E402
from clusters.geojson import cluster_feature_collection_sql  # noqa: E402
from clusters.models import Cluster  # noqa: E402

URL = "/api/v1/clusters/"
PREFIX = "http://testserver/ar/clusters/"
# Kept under this name: bench/api_pages.py loads this module for it.
fill = synthetic_clusters_fill


def bare_sql() -> str:
    """The exact statement the API runs, captured once, to execute without Django."""
    with CaptureQueriesContext(connection) as captured:
        cluster_feature_collection_sql(ClusterFilters(), page_url_prefix=PREFIX)
    return captured.captured_queries[-1]["sql"]


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10000)
    parser.add_argument("--footprints", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--serializer-rounds", type=int, default=5, help="the slow baseline needs fewer")
    args = parser.parse_args()

    with throwaway_database():
        print(f"filling {args.clusters} published clusters ({args.footprints} with 50-vertex footprints) ...")
        fill(args.clusters, args.footprints)
        client = Client()

        full = client.get(URL)
        assert full.status_code == 200
        etag = full["ETag"]
        statement = bare_sql()
        queryset = Cluster.objects.filter(status="published").select_related("sector", "governorate").order_by("slug")

        def api():
            response = client.get(URL)
            assert response.status_code == 200 and len(response.content) == len(full.content)

        def not_modified():
            assert client.get(URL, headers={"if-none-match": etag}).status_code == 304

        def gzipped():
            assert client.get(URL, headers={"accept-encoding": "gzip"})["Content-Encoding"] == "gzip"

        def serializer():
            data = ClusterFeatureSerializer(queryset, many=True, context={"page_url_prefix": PREFIX}).data
            JSONRenderer().render(data)

        def sql():
            with connection.cursor() as cursor:
                cursor.execute(statement)
                cursor.fetchone()

        contenders = {"api": api, "sql": sql, "304": not_modified, "gzip": gzipped, "drf-gis": serializer}
        for function in contenders.values():  # warm caches and connections
            function()
        times = {name: [] for name in contenders}
        for round_number in range(args.rounds):
            for name, function in contenders.items():
                if name == "drf-gis" and round_number >= args.serializer_rounds:
                    continue
                times[name].append(timed(function))

        medians = {name: statistics.median(values) for name, values in times.items()}
        gzip_size = len(client.get(URL, headers={"accept-encoding": "gzip"}).content)
        print(f"\nbody: {len(full.content) / 1e6:.2f} MB, gzip {gzip_size / 1e6:.2f} MB; "
              f"{args.rounds} rounds ({args.serializer_rounds} for drf-gis); Python {sys.version.split()[0]}")
        print(f"{'contender':<10} {'median ms':>10}  runs")
        for name, value in medians.items():
            print(f"{name:<10} {value * 1000:>10.2f}  {len(times[name])}")
        ratios = [
            ("drf-gis / api", medians["drf-gis"] / medians["api"], ">= 20", medians["drf-gis"] / medians["api"] >= 20),
            ("api / sql", medians["api"] / medians["sql"], "<= 1.5", medians["api"] / medians["sql"] <= 1.5),
            ("api / 304", medians["api"] / medians["304"], ">= 50", medians["api"] / medians["304"] >= 50),
            ("gzip / api", medians["gzip"] / medians["api"], "(info)", True),
        ]
        print()
        for label, ratio, target, met in ratios:
            print(f"{label:<14} {ratio:8.2f}x  target {target:<7} {'met' if met else 'NOT MET'}")
        return 0 if all(met for _l, _r, _t, met in ratios) else 1


if __name__ == "__main__":
    sys.exit(main())
