"""Bench: a 100,000-row import running as a background job while the map and the API keep answering.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/import_job.py [--rows 100000] [--clients 2] [--baseline 60]

It creates a throwaway database (bench_import) on the test cluster with the seed
data, and serves it as ./scripts/run does: gunicorn (3 sync workers, production
settings, DEBUG off) and one `manage.py db_worker`. Then, in one run:

  baseline  for --baseline seconds, --clients clients ask for the map page and
            API queries (list, filters, search, one cluster, stats) in turn, each
            waiting --pause seconds between requests: nothing else runs;
  import    a staff member uploads a CSV of --rows new clusters on the admin
            import page; it runs as a job (the preview), then "Confirm" runs the
            import job; the same clients go on asking the whole time, until the
            import job has finished.

Every path is asked once first, and the run stops if any answers anything but 200.
It prints p50, p95 and p99 latency of the API and of the map page in both phases,
their ratios (import / baseline), errors (any answer but 200, counted by status), and how long the
preview and the import jobs took. The microcache is off (MICROCACHE_SECONDS=0)
so that every API answer is built while the import runs, and the rate limit is
off (many requests from one address are the point). Requests go to 127.0.0.1
only, in a loop bounded in time (--max-minutes) and count. The database is
dropped at the end; results also go to bench/results/import-job-<time>.json.
"""

import argparse
import csv
import io
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusters_portal import localdb  # noqa: E402
from _common import served_env, wait_healthy  # noqa: E402

DATABASE = "bench_import"
PASSWORD = "bench import password 42"
MAX_REQUESTS = 200_000  # per phase, whatever the clock says


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def psql(sql: str) -> None:
    subprocess.run(
        [str(localdb._bin_dir() / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(localdb.socket_dir("test")),
         "-p", str(localdb.PORT), "-U", localdb.SUPERUSER, "-d", "postgres", "-c", sql],
        check=True, capture_output=True, text=True,
    )


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def rows_csv(count: int) -> bytes:
    """New clusters spread over Cairo, Giza and Alexandria, valid so that every row is written."""
    places = [("EG-C", 30.0444, 31.2357), ("EG-GZ", 30.0131, 31.2089), ("EG-ALX", 31.2001, 29.9187)]
    sectors = ["pottery-ceramics", "furniture-woodworking", "food-processing"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["slug", "name_en", "name_ar", "sector", "governorate_iso", "lat", "lon", "location_precision"])
    rng = random.Random(100)
    for i in range(count):
        iso, lat, lon = places[i % 3]
        writer.writerow([f"bench-{i}", f"Bench cluster {i}", f"تجمع تجريبي {i}", sectors[i % 3], iso,
                         f"{lat + rng.uniform(-0.01, 0.01):.5f}", f"{lon + rng.uniform(-0.01, 0.01):.5f}", "locality"])
    return out.getvalue().encode()


class Services:
    """gunicorn and one db_worker, as ./scripts/run starts them."""

    def __init__(self, env: dict, port: int, workers: int):
        self.env, self.port, self.workers = env, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.processes = []

    def __enter__(self):
        self.processes.append(subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "1", "--no-startup-delay",
             "-v", "0"], cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL))
        self.processes.append(subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "clusters_portal.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers), "--graceful-timeout", "5",
             "--timeout", "30", "--no-control-socket"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if wait_healthy(self.base):
            return self
        self.__exit__()
        raise SystemExit("gunicorn did not come up")

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def targets(base: str) -> list[tuple[str, str]]:
    api = "/api/v1"
    slugs = [f["properties"]["slug"] for f in requests.get(base + f"{api}/clusters/", timeout=30).json()["features"]]
    paths = [
        ("api", f"{api}/clusters/"),
        ("api", f"{api}/clusters/?governorate=EG-C"),
        ("api", f"{api}/clusters/?sector=pottery-ceramics"),
        ("api", f"{api}/clusters/?q={quote('فخار')}"),
        ("api", f"{api}/clusters/?bbox=30.5,29.5,32.5,31.5"),
        ("api", f"{api}/stats/"),
    ] + [("api", f"{api}/clusters/{slug}/") for slug in slugs[:6]]
    paths += [("map", "/ar/"), ("map", "/en/")]
    return paths


class Clients:
    """A few clients, each asking in turn for the next path and pausing between requests."""

    def __init__(self, base: str, paths, clients: int, pause: float):
        self.base, self.paths, self.clients, self.pause = base, paths, clients, pause
        self.samples: list[tuple[str, float, int]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _run(self, offset: int) -> None:
        session = requests.Session()
        session.headers["Accept-Encoding"] = "gzip"
        i = offset
        while not self.stop.is_set() and len(self.samples) < MAX_REQUESTS:
            kind, path = self.paths[i % len(self.paths)]
            i += 1
            start = time.perf_counter()
            try:
                status = session.get(self.base + path, timeout=60).status_code
            except requests.RequestException:
                status = 0
            elapsed = time.perf_counter() - start
            with self.lock:
                self.samples.append((kind, elapsed, status))
            self.stop.wait(self.pause)

    def __enter__(self):
        self.threads = [threading.Thread(target=self._run, args=(n * 5,), daemon=True) for n in range(self.clients)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)


def preflight(base: str, paths) -> None:
    """Ask for every path once before measuring, and stop on any answer but 200.

    A run once reported the map page as failing in both phases, every request,
    and nobody could say why afterwards: now the run stops at once and shows
    what the page answered.
    """
    for _kind, path in paths:
        response = requests.get(base + path, timeout=60, allow_redirects=False)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} before the bench began "
                             f"(Location: {response.headers.get('Location', '-')}):\n{response.text[:800]}")


def summary(samples, kind: str) -> dict:
    times = sorted(t for k, t, _s in samples if k == kind)
    if not times:
        return {"requests": 0}

    def pct(p):
        return times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))] * 1000

    statuses = Counter(str(s) for k, _t, s in samples if k == kind and s != 200)
    return {"requests": len(times), "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "mean_ms": statistics.fmean(times) * 1000, "max_ms": times[-1] * 1000,
            "errors": sum(statuses.values()), "error_statuses": dict(statuses)}


def staff_session(base: str) -> requests.Session:
    session = requests.Session()
    login = f"{base}/en/admin/login/"
    session.get(login, timeout=30)
    response = session.post(login, data={
        "username": "bench", "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"],
        "next": "/en/admin/"}, headers={"Referer": login}, timeout=30)
    if "sessionid" not in session.cookies:
        raise SystemExit(f"could not log in to the admin ({response.status_code})")
    return session


def follow_job(session: requests.Session, base: str, job_url: str, deadline: float) -> float | None:
    """Poll the job's progress JSON, as the page's script does, until the job ends; return its duration.

    None when the deadline comes first: the latencies measured so far are still reported.
    """
    start = time.monotonic()
    progress = job_url.rstrip("/") + "/progress/"
    last = ""
    while time.monotonic() < deadline:
        state = session.get(base + progress, timeout=30).json()
        # value/max follow the check, then the writing (phase says which).
        line = f"    {state['status']} ({state.get('phase', 'check')}): {state['value']:,}/{state['max']:,}"
        if line != last:
            print(line, flush=True)
            last = line
        if state["finished"]:
            if state["status"] != "done":
                raise SystemExit(f"the job failed: {state['message']}")
            return time.monotonic() - start
        time.sleep(2)
    say(f"the job has not finished within --max-minutes (last: {last.strip()}); reporting what was measured")
    return None


def run_import(base: str, content: bytes, deadline: float) -> dict:
    session = staff_session(base)
    page = f"{base}/en/admin/clusters/cluster/import/"
    session.get(page, timeout=30)
    token = session.cookies["csrftoken"]
    started = time.monotonic()
    response = session.post(page, files={"file": ("bench.csv", content, "text/csv")},
                            data={"csrfmiddlewaretoken": token, "_preview": "Preview"},
                            headers={"Referer": page}, allow_redirects=False, timeout=120)
    upload_seconds = time.monotonic() - started
    if response.status_code != 302 or "/import/jobs/" not in response.headers.get("Location", ""):
        raise SystemExit(f"the upload did not become a job ({response.status_code})")
    preview_url = response.headers["Location"].replace(base, "")
    say(f"preview job {preview_url}")
    preview_seconds = follow_job(session, base, preview_url, deadline)
    if preview_seconds is None:
        return {"upload_seconds": upload_seconds, "preview_seconds": None, "import_seconds": None}
    html = session.get(base + preview_url, timeout=60).text
    match = re.search(r'name="token" value="([0-9a-f]{32})"', html)
    if not match:
        raise SystemExit("the preview offers no confirmation: see the job page")
    response = session.post(page, data={"csrfmiddlewaretoken": token, "token": match.group(1), "publish": "0",
                                        "_confirm": "Confirm"}, headers={"Referer": page},
                            allow_redirects=False, timeout=120)
    import_url = response.headers["Location"].replace(base, "")
    say(f"import job {import_url}")
    import_seconds = follow_job(session, base, import_url, deadline)
    return {"upload_seconds": upload_seconds, "preview_seconds": preview_seconds, "import_seconds": import_seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--pause", type=float, default=0.05, help="seconds each client waits between requests")
    parser.add_argument("--baseline", type=int, default=60, help="seconds of the baseline phase")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8712)
    parser.add_argument("--max-minutes", type=float, default=45, help="give up on the import after this long")
    args = parser.parse_args()

    if not localdb.is_running("test"):
        raise SystemExit("the test cluster is not running: python3 -m clusters_portal.localdb start test")
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    env = served_env(DATABASE, workdir / "static", MICROCACHE_SECONDS="0",
                     IMPORT_MAX_FEATURES=str(max(args.rows, 100_000)), DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    say(f"Creating the throwaway database {DATABASE} with the seed data")
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DATABASE}"')
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "createsuperuser", "--noinput", "--username", "bench", "--email", "bench@example.org")
        content = rows_csv(args.rows)
        say(f"{args.rows:,} rows, {len(content) / 2**20:.1f} MB of CSV")
        with Services(env, args.port, args.workers) as services:
            paths = targets(services.base)
            preflight(services.base, paths)
            say(f"baseline: {args.clients} clients for {args.baseline} s, nothing else running")
            with Clients(services.base, paths, args.clients, args.pause) as clients:
                time.sleep(args.baseline)
            baseline = clients.samples
            say("import: the same clients while the admin previews and imports the file as jobs")
            deadline = time.monotonic() + args.max_minutes * 60
            with Clients(services.base, paths, args.clients, args.pause) as clients:
                timings = run_import(services.base, content, deadline)
            during = clients.samples
        report(args, baseline, during, timings)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def report(args, baseline, during, timings) -> None:
    results = {"args": vars(args), "timings": timings, "baseline": {}, "import": {}}
    def seconds(value):
        return "not finished" if value is None else f"{value:.0f} s"

    print(f"\n{args.rows:,} rows: upload {timings['upload_seconds']:.1f} s, preview job "
          f"{seconds(timings['preview_seconds'])}, import job {seconds(timings['import_seconds'])}\n")
    print(f"{'':<6} {'phase':<9} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind in ("api", "map"):
        for phase, samples in (("baseline", baseline), ("import", during)):
            data = summary(samples, kind)
            results[phase][kind] = data
            if data["requests"]:
                print(f"{kind:<6} {phase:<9} {data['requests']:>8} {data['p50_ms']:>8.1f} {data['p95_ms']:>8.1f} "
                      f"{data['p99_ms']:>8.1f} {data['errors']:>7}")
                if data["errors"]:
                    print(f"{'':<6} {'':<9} answers other than 200, by status: {data['error_statuses']}")
        before, after = results["baseline"][kind], results["import"][kind]
        if before.get("requests") and after.get("requests"):
            ratio = after["p99_ms"] / before["p99_ms"]
            results.setdefault("p99_ratio", {})[kind] = ratio
            print(f"{kind:<6} p99 during the import / baseline: {ratio:.2f}x "
                  f"(p50 {after['p50_ms'] / before['p50_ms']:.2f}x)")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"import-job-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"Results: {path}")


if __name__ == "__main__":
    main()
