"""Benchmark of the data-version trigger: does a long import still hold up every other write? (issue 13, item 5)

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/concurrent_writers.py [--hold 2] [--rounds 5] [--writes 500]

It creates a throwaway database on the test cluster (TEST_DB_NAME, default
bench_concurrent_writers) with migrations applied, adds synthetic clusters, and
measures, side by side in one run, the trigger of migration 0004 (per-transaction
change rows) against the baseline, 0002's single hot row (its function put back
for the baseline rounds, on the same tables):

  blocked   an "import" updates every cluster in one transaction and holds it
            open --hold seconds; meanwhile an "admin save" updates one other
            cluster in its own connection. Reported: how long the save took.
  per-write --writes single-row updates, each its own transaction (the normal
            admin case), timed in total: what the trigger costs each write.

Rounds alternate between the two triggers so that drift hits both alike.
The database is dropped at the end.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusters_portal.settings_test")
os.environ.setdefault("TEST_DB_NAME", "bench_concurrent_writers")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.contrib.gis.geos import Point  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from clusters.etags import data_version  # noqa: E402
from clusters.models import Cluster, Governorate, Sector  # noqa: E402
from clusters.services import governorate_load_geojson, sector_load_csv  # noqa: E402

# 0002's function: one upserted row, the baseline.
HOT_ROW = """
CREATE OR REPLACE FUNCTION clusters_bump_data_version() RETURNS trigger AS $$
BEGIN
    INSERT INTO clusters_dataversion (id, version, changed_at) VALUES (1, 1, now())
        ON CONFLICT (id) DO UPDATE SET version = clusters_dataversion.version + 1, changed_at = now();
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _current_function() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef('clusters_bump_data_version'::regproc)")
        return cursor.fetchone()[0]


def _connect():
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"], host=settings["HOST"] or None, port=settings["PORT"] or None,
        user=settings["USER"] or None, password=settings["PASSWORD"] or None, autocommit=True,
    )


def fill(count: int) -> list[int]:
    governorate_load_geojson((ROOT / "fixtures" / "governorates.geojson").read_bytes())
    sector_load_csv((ROOT / "fixtures" / "sectors.csv").read_bytes())
    governorate, sector = Governorate.objects.get(iso_code="EG-C"), Sector.objects.first()
    Cluster.objects.bulk_create([
        Cluster(slug=f"bench-{n}", name_ar=f"تجمع {n}", name_en=f"Cluster {n}", sector=sector,
                governorate=governorate, location=Point(31.2 + n * 1e-5, 30.0, srid=4326), status="published")
        for n in range(count)
    ])
    return list(Cluster.objects.order_by("pk").values_list("pk", flat=True))


def blocked_save(ids: list[int], hold: float) -> float:
    """Seconds an admin save of one cluster takes while an import holds its transaction open."""
    importing, admin = _connect(), _connect()
    started = threading.Event()

    def long_import():
        with importing.transaction():
            importing.execute("UPDATE clusters_cluster SET enterprises = coalesce(enterprises, 0) + 1 "
                              "WHERE id <> %s", [ids[0]])
            started.set()
            time.sleep(hold)

    # The admin's connection has run a write before, as a served worker's has: the first
    # call of the trigger function in a session compiles it, which is not what is measured.
    admin.execute("UPDATE clusters_cluster SET name_en = name_en WHERE id = %s", [ids[0]])
    thread = threading.Thread(target=long_import)
    thread.start()
    started.wait()
    begin = time.perf_counter()
    admin.execute("UPDATE clusters_cluster SET name_en = name_en WHERE id = %s", [ids[0]])
    took = time.perf_counter() - begin
    thread.join()
    importing.close()
    admin.close()
    return took


def per_write(ids: list[int], writes: int) -> float:
    """Milliseconds per single-row update, each in its own transaction."""
    writer = _connect()
    begin = time.perf_counter()
    for n in range(writes):
        writer.execute("UPDATE clusters_cluster SET name_en = name_en WHERE id = %s", [ids[n % len(ids)]])
    took = time.perf_counter() - begin
    writer.close()
    return took / writes * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=2000)
    parser.add_argument("--hold", type=float, default=2.0, help="seconds the import keeps its transaction open")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writes", type=int, default=500)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        ids = fill(args.clusters)
        change_rows = _current_function()
        results = {"hot row (0002)": {"blocked": [], "per_write": []},
                   "change rows (0004)": {"blocked": [], "per_write": []}}
        for round_number in range(args.rounds):
            for label, function in (("hot row (0002)", HOT_ROW), ("change rows (0004)", change_rows)):
                with connection.cursor() as cursor:
                    cursor.execute(function)
                before = data_version()
                results[label]["blocked"].append(blocked_save(ids, args.hold))
                results[label]["per_write"].append(per_write(ids, args.writes))
                assert label.startswith("hot") or data_version() > before, "the version did not move"
            print(f"round {round_number + 1}/{args.rounds} done")

        print(f"\n{args.clusters} clusters; the import holds its transaction {args.hold:.1f} s; "
              f"{args.writes} single-row writes per round; medians of {args.rounds} rounds\n")
        print(f"{'trigger':<20} {'admin save during import':>26} {'per single-row write':>22}")
        medians = {}
        for label, measured in results.items():
            medians[label] = (statistics.median(measured["blocked"]), statistics.median(measured["per_write"]))
            print(f"{label:<20} {medians[label][0] * 1000:>23.1f} ms {medians[label][1]:>19.3f} ms")
        old, new = medians["hot row (0002)"], medians["change rows (0004)"]
        print(f"\nratio 0004/0002: admin save during import {new[0] / old[0]:.4f}x, per write {new[1] / old[1]:.2f}x")
        # Done when the save no longer waits for the import (well under the hold).
        return 0 if new[0] < args.hold / 10 else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
