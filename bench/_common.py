"""Pieces shared by the benchmarks, so that they cannot drift apart.

The HTTP ones (load.py, peers.py, import_job.py) create a throwaway database on
the private test cluster and run gunicorn on it as ./scripts/run does. The
in-process ones (api_geojson.py, api_programme_filter.py, api_pages.py) fill
their database with the same synthetic clusters (synthetic_clusters_fill),
after django.setup().
"""

import math
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusters_portal import localdb  # noqa: E402


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        [str(localdb._bin_dir() / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
         str(localdb.socket_dir("test")), "-p", str(localdb.PORT), "-U", localdb.SUPERUSER, "-d", database, "-c", sql],
        check=True, capture_output=True, text=True,
    )
    return result.stdout


def database_url(database: str, scheme: str = "postgis") -> str:
    return f"{scheme}://{localdb.SUPERUSER}@{quote(str(localdb.socket_dir('test')), safe='')}:{localdb.PORT}/{database}"


def served_env(database: str, static_root: Path, **extra: str) -> dict:
    """The environment of a benchmark's gunicorn and manage.py: production settings (bench/load_settings.py,
    rate limit off), static files collected under static_root, the throwaway database on the test cluster."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
        "BENCH_STATIC_ROOT": str(static_root),
        "DATABASE_URL": database_url(database),
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)



def wait_healthy(base: str, seconds: float = 60) -> bool:
    """Poll /healthz until the server answers, for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=5).ok:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.3)
    return False


class Server:
    """gunicorn serving the portal, in its own process group so that nothing outlives the benchmark."""

    def __init__(self, env: dict, port: int, workers: int):
        self.env, self.port, self.workers, self.process = env, port, workers, None
        self.base = f"http://127.0.0.1:{port}"

    def __enter__(self):
        # The flags of ./scripts/run, without the access log (it would cost as much as a request).
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "clusters_portal.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--graceful-timeout", "5",
             "--no-control-socket"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        if wait_healthy(self.base):
            return self
        self.__exit__()
        raise SystemExit("gunicorn did not come up")

    def __exit__(self, *exc):
        group_stop(self.process)


def group_stop(process: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (master and workers), SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def django_setup(database: str) -> None:
    """Django on the test settings, its throwaway database named `database` unless TEST_DB_NAME says otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusters_portal.settings_test")
    os.environ.setdefault("TEST_DB_NAME", database)
    import django

    django.setup()


@contextmanager
def throwaway_database():
    """Django's test database, made with every migration, and dropped however the benchmark ends."""
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


WORDS_AR = ["تجمع", "صناعة", "الفخار", "النسيج", "الأثاث", "قرية", "الخوص", "السجاد", "النحاس", "الزجاج"]
WORDS_EN = ["cluster", "pottery", "weaving", "furniture", "village", "palm", "carpets", "copper", "glass", "dairy"]


def footprint_around(lon: float, lat: float, rng: random.Random):
    from django.contrib.gis.geos import MultiPolygon, Polygon

    radius = rng.uniform(0.003, 0.02)
    ring = [(lon + radius * math.cos(2 * math.pi * i / 50), lat + radius * math.sin(2 * math.pi * i / 50))
            for i in range(50)]
    ring.append(ring[0])  # 50 distinct vertices, closed
    return MultiPolygon(Polygon(ring), srid=4326)


def synthetic_clusters_fill(clusters: int, footprints: int = 0) -> None:
    """Governorates and sectors from fixtures/, then `clusters` published synthetic clusters (synthetic-00000...),
    the first `footprints` of them with a 50-vertex footprint, and ANALYZE. The same data for every seed run."""
    from django.contrib.gis.geos import Point
    from django.db import connection

    from clusters.models import Cluster, Governorate, Sector
    from clusters.services import governorate_load_geojson, sector_load_csv

    governorate_load_geojson((ROOT / "fixtures" / "governorates.geojson").read_bytes())
    sector_load_csv((ROOT / "fixtures" / "sectors.csv").read_bytes())
    governorates = list(Governorate.objects.only("id", "name_ar", "name_en"))
    sectors = list(Sector.objects.only("id"))
    rng = random.Random(3)
    batch = []
    for i in range(clusters):
        lon, lat = rng.uniform(25.5, 35.0), rng.uniform(22.5, 31.5)
        name_ar = " ".join(rng.sample(WORDS_AR, 3)) + f" {i}"
        name_en = " ".join(rng.sample(WORDS_EN, 3)).title() + f" {i}"
        products = ", ".join(rng.sample(WORDS_EN, 4))
        cluster = Cluster(
            slug=f"synthetic-{i:05d}", name_ar=name_ar, name_en=name_en,
            sector=rng.choice(sectors), governorate=rng.choice(governorates),
            locality_ar=f"قرية {i}", locality_en=f"Village {i}",
            location=Point(round(lon, 7), round(lat, 7), srid=4326),
            footprint=footprint_around(lon, lat, rng) if i < footprints else None,
            location_precision=rng.choice(Cluster.Precision.values),
            enterprises=rng.choice([None, rng.randint(10, 5000)]),
            employment=rng.choice([None, rng.randint(50, 50000)]),
            products_ar="، ".join(rng.sample(WORDS_AR, 4)), products_en=products,
            description_en="Synthetic description " * 5, status=Cluster.Status.PUBLISHED,
        )
        cluster.search_text = f"{name_ar} {name_en} {products}".lower()
        batch.append(cluster)
    # bulk_create skips save() (and history): this is bench data, not staff data.
    Cluster.objects.bulk_create(batch, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
