"""How long the public map takes until its markers are interactive: 60 seed clusters vs 10,000.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/map_render.py [--clusters 10000] [--rounds 5]

It creates a throwaway database on the test cluster (Django's test-database
machinery, named by TEST_DB_NAME, default bench_map_render), serves the portal
from an in-process live server, and loads /en/ in headless Chromium
(/usr/bin/chromium, tiles answered by a stub PNG), each round in a fresh
browser context so that nothing is cached. It times, from navigation start:

  asked     the GET /api/v1/clusters/ request sent (the page preloads it)
  api done  its response fully received
  ready     the page's "map-ready" mark: every marker added to the map and the
            list, filters and legend drawn; from here a click works
  browser   ready - api done: the page's own work on the data
  click     after ready, a real click on a grouped marker until the map has
            zoomed in and written the new view to the URL (animation included)

first for the 60 seed clusters, then after adding N synthetic published
clusters, and prints medians side by side with the ratio. Target (issue 4):
ready under 2 s for 10,000 clusters. The database is dropped at the end.
"""

import argparse
import base64
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusters_portal.settings_test")
os.environ.setdefault("TEST_DB_NAME", "bench_map_render")
# The in-process server and Playwright's event loop share this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.gis.geos import Point  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from clusters.models import Cluster, Governorate, Sector  # noqa: E402
from clusters.text import normalize_text  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
WORDS_AR = ["تجمع", "صناعة", "الفخار", "النسيج", "الأثاث", "قرية", "الخوص", "السجاد", "النحاس", "الزجاج"]
WORDS_EN = ["cluster", "pottery", "weaving", "furniture", "village", "palm", "carpets", "copper", "glass", "dairy"]
MEASURE = """() => {
  const ready = performance.getEntriesByName('map-ready')[0].startTime;
  const api = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/v1/clusters/'));
  return {
    ready,
    asked: api ? api.startTime : null,
    clusters: api ? api.responseEnd : null,
    bytes: api ? api.encodedBodySize : null,
  };
}"""
def add_synthetic(count: int) -> None:
    governorates = list(Governorate.objects.all())
    sectors = list(Sector.objects.all())
    rng = random.Random(4)
    batch = []
    for i in range(count):
        governorate = rng.choice(governorates)
        name_ar = " ".join(rng.sample(WORDS_AR, 3)) + f" {i}"
        name_en = " ".join(rng.sample(WORDS_EN, 3)).title() + f" {i}"
        products = ", ".join(rng.sample(WORDS_EN, 4))
        cluster = Cluster(
            slug=f"synthetic-{i:05d}", name_ar=name_ar, name_en=name_en,
            sector=rng.choice(sectors), governorate=governorate,
            locality_ar=f"قرية {i}", locality_en=f"Village {i}",
            location=Point(round(rng.uniform(25.5, 35.0), 6), round(rng.uniform(22.5, 31.5), 6), srid=4326),
            location_precision=rng.choice(Cluster.Precision.values),
            enterprises=rng.choice([None, rng.randint(10, 5000)]),
            employment=rng.choice([None, rng.randint(50, 50000)]),
            products_ar="، ".join(rng.sample(WORDS_AR, 4)), products_en=products,
            status=Cluster.Status.PUBLISHED,
        )
        cluster.search_text = normalize_text(f"{name_ar} {name_en} {products} {governorate.name_ar} {governorate.name_en}")
        batch.append(cluster)
    # bulk_create skips save() and history: bench data, not staff data.
    Cluster.objects.bulk_create(batch, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def click_to_move(page) -> float:
    """ms from a real click on a grouped marker until the map has moved and said so in the URL."""
    before = page.evaluate("location.search")
    # The biggest group: a group of points at one spot spiderfies instead of zooming.
    biggest = page.evaluate("""() => {
      const counts = [...document.querySelectorAll('.leaflet-marker-pane .marker-cluster .cluster-count')]
        .map((s) => Number(s.textContent.replace(/\D/g, '')));
      return counts.indexOf(Math.max(...counts));
    }""")
    icon = page.locator(".leaflet-marker-pane .marker-cluster").nth(biggest)
    start = time.perf_counter()
    icon.click()
    page.wait_for_function("(before) => location.search !== before", arg=before)
    return (time.perf_counter() - start) * 1000


def measure(browser, url: str, rounds: int) -> dict:
    runs = []
    for _ in range(rounds + 1):  # the first round warms the server and is dropped
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route(
            "**/*",
            lambda route: route.continue_() if "127.0.0.1" in route.request.url
            else route.fulfill(status=200, content_type="image/png", body=TILE_PNG),
        )
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(url)
        try:
            page.wait_for_selector("html[data-map-ready]", state="attached", timeout=60_000)
        except Exception:
            raise RuntimeError(f"the map never became ready: {errors}") from None
        result = page.evaluate(MEASURE)
        result["click"] = click_to_move(page)
        result["markers"] = page.locator("#result-count").inner_text()
        assert not errors, errors
        runs.append(result)
        context.close()
    runs = runs[1:]
    return {
        "ready": statistics.median(r["ready"] for r in runs),
        "asked": statistics.median(r["asked"] for r in runs),
        "browser": statistics.median(r["ready"] - r["clusters"] for r in runs),
        "clusters": statistics.median(r["clusters"] for r in runs),
        "click": statistics.median(r["click"] for r in runs),
        "bytes": runs[0]["bytes"],
        "count": runs[0]["markers"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    setup_test_environment()
    settings.RATE_LIMIT_ENABLED = False  # the bench is one client asking many times
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    try:
        call_command("seed", verbosity=0)
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        url = f"http://127.0.0.1:{server.port}/en/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            seed = measure(browser, url, args.rounds)
            print(f"filling {args.clusters} synthetic published clusters ...")
            add_synthetic(args.clusters)
            big = measure(browser, url, args.rounds)
            browser.close()
    finally:
        server.terminate()
        bench_name = connection.settings_dict["NAME"]
        connection.close()
        # The server's request threads may still hold a connection; the drop needs none left.
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [bench_name],
            )
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"\nmedians of {args.rounds} cold loads each, ms from navigation start; Chromium headless, 1280x800")
    print(f"{'':<10} {'clusters':>9} {'gzip bytes':>11} {'asked':>6} {'api done':>9} {'ready':>6} {'browser':>8} {'click':>6}")
    for label, row in (("seed", seed), ("synthetic", big)):
        print(f"{label:<10} {row['count'].split()[0]:>9} {row['bytes']:>11,} {row['asked']:>6.0f} {row['clusters']:>9.0f} "
              f"{row['ready']:>6.0f} {row['browser']:>8.0f} {row['click']:>6.0f}")
    met = big["ready"] < 2000
    print(f"\nready, synthetic / seed: {big['ready'] / seed['ready']:.2f}x; "
          f"browser work, synthetic / seed: {big['browser'] / seed['browser']:.2f}x")
    print(f"target ready < 2000 ms for {args.clusters}: {'met' if met else 'NOT MET'}; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
