"""The portal side by side with the servers a partner would pick instead: tipg and pygeoapi.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/peers.py [--sizes 10000,100000] [--rounds 7] [--workers 3]

The first run installs the peers into their own virtual environments under
var/peers/ (git-ignored), from PyPI, and later runs reuse them:
  tipg      1.6.1 with uvicorn[standard]     (FastAPI + asyncpg)
  pygeoapi  0.21.0 with gunicorn             (Flask + SQLAlchemy; 0.21.0 is the newest for Python 3.11)
A peer that fails to install or to serve is skipped with the reason.

For each size it creates a throwaway database bench_peers_<size> on the test
cluster, fills it with synthetic published clusters (bench/api_geojson.py's
fill), adds a view peers_clusters giving the portal's columns (slug as the id,
sector and governorate joined), and serves, each with --workers workers on
127.0.0.1 only:
  portal    gunicorn with production settings (bench/load_settings.py) and gunicorn.conf.py, OGC API - Features
  uncached  the same with the microcache off: every request reads and builds (counts stay kept)
  tipg      uvicorn, exposing only that view
  pygeoapi  gunicorn, a generated config with a PostgreSQL provider on that view
  sql       (baseline) a bare statement building the same FeatureCollection in PostGIS
            from the view, executed and fetched as text through psycopg

It checks the answers are equivalent (same feature ids; same count for the page,
whose order each server chooses), then times interleaved rounds of four
scenarios, uncompressed and with Accept-Encoding: gzip: all features (limit = N,
capped at 10,000 by every server), a page of 100, a bbox holding about 1,000
features, one feature. Every server gets the same client, a requests.Session,
which keeps its connection alive wherever the server allows it (uvicorn and the
portal's gthread workers do; gunicorn's sync workers, pygeoapi's here, close it).
It prints medians, p90s and the ratios portal / peer and portal / bare SQL (below 1: the portal is
faster). All servers are stopped and the databases dropped on exit.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, Server, database_url, group_stop, manage, psql, say, served_env  # noqa: E402

from clusters_portal import localdb  # noqa: E402

PEERS_DIR = ROOT / "var" / "peers"
VIEW = "peers_clusters"
MAX_FEATURES = 10000  # the portal's MAX_LIMIT and tipg's default cap
PEER_PACKAGES = {
    "tipg": ["tipg==1.6.1", "uvicorn[standard]"],
    # pygeoapi's PostgreSQL provider needs GeoAlchemy2 and a driver, which pygeoapi itself does not require.
    "pygeoapi": ["pygeoapi==0.21.0", "gunicorn", "psycopg2-binary", "geoalchemy2==0.20.0"],
}
# What must import for the peer to serve (pygeoapi loads its provider only on the first request).
PEER_MODULES = {"tipg": "tipg.main", "pygeoapi": "pygeoapi.provider.sql"}
# The portal's columns, flattened as a partner would publish them from one view.
VIEW_SQL = f"""
CREATE VIEW {VIEW} AS
SELECT c.slug AS id, c.name_ar, c.name_en, s.slug AS sector, s.name_ar AS sector_ar, s.name_en AS sector_en,
       g.iso_code AS governorate, g.name_ar AS governorate_ar, g.name_en AS governorate_en,
       c.locality_ar, c.locality_en, c.location_precision, c.enterprises, c.employment,
       c.products_ar, c.products_en, c.location
FROM clusters_cluster c JOIN clusters_sector s ON s.id = c.sector_id
JOIN clusters_governorate g ON g.id = c.governorate_id
WHERE c.status = 'published'
"""
# Synthetic points are uniform over lon 25.5-35, lat 22.5-31.5 (bench/api_geojson.py).
AREA = (35.0 - 25.5) * (31.5 - 22.5)


def peer_python(name: str) -> Path:
    return PEERS_DIR / name / "bin" / "python"


def peer_install(name: str) -> str | None:
    """Install a peer into var/peers/<name> unless it is there; return why not when it fails."""
    if peer_python(name).exists() and subprocess.run([str(peer_python(name)), "-c", f"import {PEER_MODULES[name]}"],
                                                     capture_output=True).returncode == 0:
        return None
    say(f"Installing {' '.join(PEER_PACKAGES[name])} into var/peers/{name}")
    try:
        subprocess.run(["python3", "-m", "venv",
                        str(PEERS_DIR / name)], check=True, capture_output=True, text=True)
        subprocess.run([str(PEERS_DIR / name / "bin" / "pip"), "install", "-q", *PEER_PACKAGES[name]],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        return f"install failed: {(error.stderr or '').strip().splitlines()[-1:]}"
    return None


class Peer:
    """A peer server in its own process group, stopped with it."""

    def __init__(self, name: str, command: list[str], env: dict, port: int, probe: str, cwd: Path):
        self.name, self.command, self.env, self.port, self.probe, self.cwd = name, command, env, port, probe, cwd
        self.base = f"http://127.0.0.1:{port}"
        self.process = None
        self.log = PEERS_DIR / f"{name}.log"  # kept after the run, to read why a peer failed

    def start(self) -> str | None:
        self.process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=self.log.open("wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.base + self.probe, timeout=10).ok:
                    return None
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        tail = self.log.read_text(errors="replace").strip().splitlines()[-3:]
        return f"did not serve {self.probe}: {' | '.join(tail)}"

    def stop(self) -> None:
        group_stop(self.process)


def tipg_peer(database: str, port: int, workers: int, workdir: Path) -> Peer:
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url(database, "postgresql"),  # asyncpg takes the socket folder percent-encoded
        "TIPG_DB_SCHEMAS": '["public"]',
        "TIPG_DB_TABLES": f'["public.{VIEW}"]',
        "TIPG_DB_EXCLUDE_FUNCTION_SCHEMAS": '["public", "pg_catalog"]',
        "TIPG_DB_FUNCTIONS": "[]",
        f"TIPG_TABLE_CONFIG__public_{VIEW}__PK": "id",
        "TIPG_MAX_FEATURES_PER_QUERY": str(MAX_FEATURES),
    }
    command = [str(PEERS_DIR / "tipg" / "bin" / "uvicorn"), "tipg.main:app", "--host", "127.0.0.1", "--port",
               str(port), "--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return Peer("tipg", command, env, port, f"/collections/public.{VIEW}/items?limit=1", workdir)


def pygeoapi_peer(database: str, port: int, workers: int, workdir: Path) -> Peer:
    config = workdir / "pygeoapi.yml"
    base = f"http://127.0.0.1:{port}"
    config.write_text(json.dumps({  # JSON is YAML
        "server": {
            "bind": {"host": "127.0.0.1", "port": port}, "url": base, "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8", "gzip": True, "languages": ["en-US"], "cors": False, "pretty_print": False,
            "limits": {"default_items": 10, "max_items": MAX_FEATURES},
            "map": {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "OSM"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {"title": "peers", "description": "bench", "keywords": ["bench"],
                               "keywords_type": "theme", "terms_of_service": base, "url": base},
            "license": {"name": "CC-BY 4.0", "url": base},
            "provider": {"name": "bench", "url": base},
            "contact": {"name": "bench", "position": "bench", "address": "-", "city": "-",
                        "stateorprovince": "-", "postalcode": "-", "country": "-", "phone": "-", "fax": "-",
                        "email": "bench@example.org", "url": base, "hours": "-", "instructions": "-",
                        "role": "pointOfContact"},
        },
        "resources": {"clusters": {
            "type": "collection", "title": "clusters", "description": "clusters", "keywords": ["clusters"],
            "links": [],
            "extents": {"spatial": {"bbox": [24, 22, 37, 32],
                                    "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
            "providers": [{
                "type": "feature", "name": "PostgreSQL",
                "data": {"host": str(localdb.socket_dir("test")), "port": localdb.PORT, "dbname": database,
                         "user": localdb.SUPERUSER, "password": "", "search_path": ["public"]},
                "id_field": "id", "table": VIEW, "geom_field": "location",
            }],
        }},
    }))
    openapi = workdir / "pygeoapi-openapi.yml"
    env = {"PATH": os.environ["PATH"], "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
    bin_dir = PEERS_DIR / "pygeoapi" / "bin"
    generated = subprocess.run([str(bin_dir / "pygeoapi"), "openapi", "generate", str(config),
                                "--output-file", str(openapi)], env=env, capture_output=True, text=True)
    if generated.returncode:
        openapi.write_text("openapi: 3.0.2\ninfo: {title: peers, version: '1'}\npaths: {}\n")
    command = [str(bin_dir / "gunicorn"), "pygeoapi.flask_app:APP", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--graceful-timeout", "5"]
    return Peer("pygeoapi", command, env, port, "/collections/clusters/items?limit=1", workdir)


def bbox_for(size: int) -> tuple[float, float, float, float]:
    side = (AREA * 1000 / size) ** 0.5
    return (29.0, 25.0, round(29.0 + side, 4), round(25.0 + side, 4))


def item_urls(server: str, base: str, size: int, one_id: str) -> dict[str, str]:
    collection = {"portal": "/ogc/collections/clusters", "uncached": "/ogc/collections/clusters",
                  "tipg": f"/collections/public.{VIEW}", "pygeoapi": "/collections/clusters"}[server]
    items = f"{base}{collection}/items"
    bbox = ",".join(str(v) for v in bbox_for(size))
    return {
        "all": f"{items}?limit={min(size, MAX_FEATURES)}",
        "page": f"{items}?limit=100",
        "bbox": f"{items}?bbox={bbox}&limit={MAX_FEATURES}",
        "one": f"{items}/{one_id}",
    }


def bare_statements(size: int, one_id: str) -> dict[str, tuple[str, tuple]]:
    """Each scenario's FeatureCollection built in PostGIS and fetched as text: the floor."""
    feature = ("json_build_object('type', 'Feature', 'id', v.id, 'geometry', ST_AsGeoJSON(v.location)::json, "
               "'properties', to_jsonb(v) - 'location' - 'id')")
    collection = ("SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'))::text "
                  f"FROM (SELECT {feature} AS f FROM {VIEW} v {{where}} ORDER BY v.id LIMIT %s) s")
    envelope = "WHERE v.location && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
    return {
        "all": (collection.format(where=""), (min(size, MAX_FEATURES),)),
        "page": (collection.format(where=""), (100,)),
        "bbox": (collection.format(where=envelope), (*bbox_for(size), MAX_FEATURES)),
        "one": (f"SELECT {feature}::text FROM {VIEW} v WHERE v.id = %s", (one_id,)),
    }


def ids_of(body: bytes) -> list:
    data = json.loads(body)
    return [f.get("id") for f in data["features"]] if "features" in data else [data.get("id")]


def fetch(session: requests.Session, url: str, encoding: str) -> tuple[bytes, str]:
    with session.get(url, headers={"Accept-Encoding": encoding, "Accept": "application/geo+json"},
                     stream=True, timeout=120) as response:
        response.raise_for_status()
        body = response.raw.read(decode_content=False)  # time the wire bytes, not our own decompression
        return body, response.headers.get("Content-Encoding", "")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def run_size(size: int, args, peers_ok: dict[str, str | None], workdir: Path) -> list[dict]:
    database = f"bench_peers_{size}"
    env = served_env(database, workdir / "static")
    say(f"Creating {database} with {size:,} published clusters")
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{database}"')
    peers: list[Peer] = []
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        subprocess.run([sys.executable, "-c", f"import api_geojson; api_geojson.fill({size}, {size // 10})"],
                       cwd=ROOT, env=env, check=True)
        psql(VIEW_SQL, database)
        psql("ANALYZE", database)
        one_id = psql(f"SELECT id FROM {VIEW} ORDER BY id OFFSET {size // 2} LIMIT 1", database).strip()
        # "uncached": the same portal with the microcache off, so that the table also shows what a
        # request costs when nobody asked the same question since the last write.
        uncached_env = {**env, "MICROCACHE_SECONDS": "0"}
        with Server(env, args.port, args.workers) as portal, \
                Server(uncached_env, args.port + 3, args.workers) as uncached:
            servers = {"portal": portal.base, "uncached": uncached.base}
            factories = {"tipg": tipg_peer, "pygeoapi": pygeoapi_peer}
            for offset, name in enumerate(factories, start=1):
                if peers_ok.get(name):
                    continue
                peer = factories[name](database, args.port + offset, args.workers, workdir)
                peers.append(peer)
                problem = peer.start()
                if problem:
                    peers_ok[name] = problem
                    say(f"skipping {name}: {problem}")
                else:
                    servers[name] = peer.base
            return measure(size, servers, database_url(database, "postgresql"), one_id, args)
    finally:
        for peer in peers:
            peer.stop()
        psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def measure(size: int, servers: dict[str, str], dsn: str, one_id: str, args) -> list[dict]:
    sessions = {name: requests.Session() for name in servers}
    urls = {name: item_urls(name, base, size, one_id) for name, base in servers.items()}
    statements = bare_statements(size, one_id)
    connection = psycopg.connect(dsn, autocommit=True)
    rows = []
    try:
        # Equivalence first, on the uncompressed answers.
        notes = {}
        for scenario in statements:
            found = {name: ids_of(fetch(sessions[name], urls[name][scenario], "identity")[0]) for name in servers}
            with connection.cursor() as cursor:
                cursor.execute(*statements[scenario])
                found["sql"] = ids_of(cursor.fetchone()[0].encode())
            reference = found["portal"]
            for name, ids in found.items():
                same_set = set(map(str, ids)) == set(map(str, reference))
                if scenario == "page":
                    ok = len(ids) == len(reference)
                    note = "same count" + ("" if same_set else " (different order chosen)")
                else:
                    ok = same_set and len(ids) == len(reference)
                    note = "same ids" if ok else f"{len(ids)} ids vs the portal's {len(reference)}"
                notes[(scenario, name)] = note
                if not ok:
                    say(f"NOT EQUIVALENT: {scenario} on {name}: {note}")
            print(f"    {scenario}: {len(reference)} features, " + ", ".join(
                f"{n} {notes[(scenario, n)]}" for n in found if n != "portal"), flush=True)

        plan = [(scenario, encoding) for scenario in statements for encoding in ("identity", "gzip")]
        times = {(s, e, name): [] for s, e in plan for name in [*servers, "sql"]}
        encodings = {}

        def bare(scenario):
            with connection.cursor() as cursor:
                cursor.execute(*statements[scenario])
                cursor.fetchone()

        for round_number in range(args.rounds + 1):  # round 0 warms caches and connections, not counted
            for scenario, encoding in plan:
                order = list(servers) if round_number % 2 else list(reversed(servers))
                for name in order:
                    start = time.perf_counter()
                    body, used = fetch(sessions[name], urls[name][scenario], encoding)
                    elapsed = time.perf_counter() - start
                    encodings[(scenario, encoding, name)] = (used or "none", len(body))
                    if round_number:
                        times[(scenario, encoding, name)].append(elapsed)
                if encoding == "identity":
                    start = time.perf_counter()
                    bare(scenario)
                    if round_number:
                        times[(scenario, encoding, "sql")].append(time.perf_counter() - start)
        for scenario, encoding in plan:
            row = {"size": size, "scenario": scenario, "encoding": encoding}
            for name in [*servers, "sql"]:
                values = times[(scenario, encoding, name)]
                if values:
                    row[name] = (statistics.median(values), percentile(values, 0.9),
                                 encodings.get((scenario, encoding, name), ("none", 0)))
            if encoding == "gzip":
                row["sql"] = rows[-1].get("sql")
            rows.append(row)
    finally:
        connection.close()
        for session in sessions.values():
            session.close()
    return rows


def report(rows: list[dict], args) -> None:
    names = ["portal", "uncached", "tipg", "pygeoapi", "sql"]
    others = ["tipg", "pygeoapi", "sql"]
    print(f"\n{args.rounds} interleaved rounds, {args.workers} workers each; median / p90 in ms; "
          f"ratio = portal median / other median (below 1: the portal is faster); "
          f"uncached = the portal with its microcache off (MICROCACHE_SECONDS=0)\n")
    header = f"{'N':>7} {'scenario':<6} {'enc':<5} " + " ".join(f"{n:>15}" for n in names)
    header += "  " + " ".join(f"{'÷' + n:>10}" for n in others) + "  " + " ".join(f"{'unc÷' + n:>10}" for n in others)
    print(header)
    for row in rows:
        cells = []
        for name in names:
            value = row.get(name)
            cells.append(f"{value[0] * 1000:>7.1f}/{value[1] * 1000:<7.1f}" if value else f"{'-':>15}")
        ratios = []
        for mine in ("portal", "uncached"):
            for name in others:
                value = row.get(name)
                ratios.append(f"{row[mine][0] / value[0]:>10.2f}" if value and row.get(mine) else f"{'-':>10}")
        print(f"{row['size']:>7} {row['scenario']:<6} {row['encoding'][:4]:<5} " + " ".join(cells)
              + "  " + " ".join(ratios[:3]) + "  " + " ".join(ratios[3:]))
    print("\nBytes on the wire (Content-Encoding):")
    for row in rows:
        parts = [f"{n} {row[n][2][1]:,} ({row[n][2][0]})" for n in names[:4] if row.get(n)]
        print(f"  {row['size']:>7} {row['scenario']:<6} {row['encoding'][:4]:<5} " + ", ".join(parts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="comma-separated cluster counts, e.g. 10000,100000")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8731,
                        help="the portal's; the peers take the next two, the uncached portal the third")
    args = parser.parse_args()
    if not localdb.is_running("test"):
        raise SystemExit("the test cluster is not running: python3 -m clusters_portal.localdb start test")
    PEERS_DIR.mkdir(parents=True, exist_ok=True)
    peers_ok = {name: peer_install(name) for name in PEER_PACKAGES}
    for name, problem in peers_ok.items():
        if problem:
            say(f"skipping {name}: {problem}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            rows += run_size(size, args, peers_ok, Path(workdir))
    report(rows, args)
    for name, problem in peers_ok.items():
        if problem:
            print(f"\n{name} was skipped: {problem}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"peers-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({"args": vars(args), "rows": rows, "skipped": peers_ok}, indent=2, default=str))
    print(f"Results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
