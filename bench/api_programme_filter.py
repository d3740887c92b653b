"""Benchmark of GET /api/v1/clusters/ with the support filters against the unfiltered list, side by side.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/api_programme_filter.py [--clusters 10000] [--programmes 1000] [--support 20000]

It creates a throwaway database on the test cluster (named by TEST_DB_NAME,
default bench_api_programme_filter), fills it with synthetic published
clusters, programmes (each with one to three of 100 organisations) and
support rows, and times, interleaved round by round so that drift hits every
contender alike:

  all          GET /api/v1/clusters/ (every cluster; since issue 12 each carries its programme slugs)
  programme    GET /api/v1/clusters/?programme=<the programme with the most support>
  organisation GET /api/v1/clusters/?organisation=<an organisation>
  supported    GET /api/v1/clusters/?supported=true   (most clusters: the EXISTS test on nearly every row)
  unsupported  GET /api/v1/clusters/?supported=false

Each request is built afresh: the answer cache (clusters.answers) is emptied
before it, so that the statement is timed rather than the cache. It checks
that each filtered list builds its features in one SQL statement
(the filter is an EXISTS subquery inside it), prints the medians and the ratio
of each filtered list to the unfiltered one (issue 12's target for
?programme=X: within 1.5x). The database is dropped at the end.
"""

import argparse
import random
import statistics
import sys
import time

from _common import django_setup, synthetic_clusters_fill, throwaway_database

django_setup("bench_api_programme_filter")

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clusters.answers import answers_forget  # noqa: E402
from clusters.models import Cluster  # noqa: E402
from clusters.programmes.models import Organisation, Programme, Support, SupportKind  # noqa: E402

URL = "/api/v1/clusters/"


def fill(clusters: int, programmes: int, support: int, organisations: int = 100) -> None:
    synthetic_clusters_fill(clusters)  # the clusters of bench/api_geojson.py, without footprints
    rng = random.Random(12)
    Organisation.objects.bulk_create([
        Organisation(slug=f"org-{i:03d}", name_ar=f"منظمة {i}", name_en=f"Organisation {i}", kind="donor",
                     status="published") for i in range(organisations)
    ])
    Programme.objects.bulk_create([
        Programme(slug=f"programme-{i:04d}", name_ar=f"برنامج {i}", name_en=f"Programme {i}",
                  status="published") for i in range(programmes)
    ])
    organisation_ids = list(Organisation.objects.values_list("id", flat=True))
    programme_ids = list(Programme.objects.values_list("id", flat=True))
    through = Programme.organisations.through
    through.objects.bulk_create([
        through(programme_id=p, organisation_id=o)
        for p in programme_ids for o in rng.sample(organisation_ids, rng.randint(1, 3))
    ])
    cluster_ids = list(Cluster.objects.values_list("id", flat=True))
    pairs = set()
    while len(pairs) < support:
        # Skewed: some programmes work in many clusters, most in a few, and about a tenth of the
        # clusters get none, so that supported=false selects something.
        programme = programme_ids[min(int(rng.expovariate(1 / (programmes / 4))), programmes - 1)]
        pairs.add((programme, rng.choice(cluster_ids[: int(len(cluster_ids) * 0.9)])))
    kinds = SupportKind.values
    Support.objects.bulk_create([
        Support(programme_id=p, cluster_id=c, kinds=rng.sample(kinds, 2), status="published") for p, c in pairs
    ], batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # again: the programme tables are new


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10000)
    parser.add_argument("--programmes", type=int, default=1000)
    parser.add_argument("--support", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()

    with throwaway_database():
        print(f"filling {args.clusters} clusters, {args.programmes} programmes, {args.support} support rows ...")
        fill(args.clusters, args.programmes, args.support)
        busiest = (Support.objects.values("programme__slug").annotate(n=Count("id"))
                   .order_by("-n").first())
        organisation = Organisation.objects.order_by("slug").values_list("slug", flat=True).first()
        queries = {
            "all": "",
            "programme": f"?programme={busiest['programme__slug']}",
            "organisation": f"?organisation={organisation}",
            "supported": "?supported=true",
            "unsupported": "?supported=false",
        }
        client = Client()
        sizes = {}
        for name, query in queries.items():
            with CaptureQueriesContext(connection) as captured:
                response = client.get(URL + query)
            assert response.status_code == 200, response.content[:300]
            sizes[name] = response.content.count(b'"type":"Feature"')
            features_sql = [q["sql"] for q in captured.captured_queries if "ST_AsGeoJSON" in q["sql"]]
            assert len(features_sql) == 1, f"{name}: {len(features_sql)} feature statements"
            if name != "all":
                assert "EXISTS" in features_sql[0], f"{name}: the filter is not inside the statement"

        def getter(query):
            def get():
                # Each answer is otherwise kept per ETag (clusters.answers): time the build, not the cache.
                answers_forget()
                assert client.get(URL + query).status_code == 200
            return get

        contenders = {name: getter(query) for name, query in queries.items()}
        for function in contenders.values():  # warm caches and connections
            function()
        times = {name: [] for name in contenders}
        for _round in range(args.rounds):
            for name, function in contenders.items():
                times[name].append(timed(function))
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"\n{args.rounds} rounds; Python {sys.version.split()[0]}")
        print(f"{'contender':<13} {'features':>8} {'median ms':>10} {'/ all':>7}")
        for name, value in medians.items():
            print(f"{name:<13} {sizes[name]:>8} {value * 1000:>10.2f} {value / medians['all']:>6.2f}x")
        ratio = medians["programme"] / medians["all"]
        print(f"\nprogramme / all {ratio:.2f}x  target <= 1.5  {'met' if ratio <= 1.5 else 'NOT MET'}")
        return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
