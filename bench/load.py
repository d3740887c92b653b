"""Load test: gunicorn on this machine under 50 concurrent clients, beside a static file as the ceiling.

Run by hand (not by the test suite), with the test cluster running:

    python3 -m clusters_portal.localdb start test
    .venv/bin/python bench/load.py [--duration 60] [--connections 50] [--workers 3]

It installs wrk from Debian's packages if it is missing, creates a throwaway
database (bench_load) on the test cluster with the seed data, collects the
static files into a temporary folder, and serves the portal with gunicorn as
./scripts/run does (production settings, DEBUG off, WhiteNoise with hashed,
compressed files; the rate limit off, see load_settings.py). Then, one after
the other, for --duration seconds each, with --connections clients sending
Accept-Encoding: gzip like browsers:

  mix         the map page, the full cluster GeoJSON, filtered queries, cluster
              pages and 304 revalidations (If-None-Match), mixed by weight
  geojson     the full cluster GeoJSON, answered 200 (ETag + Cache-Control)
  revalidate  the full cluster GeoJSON with its ETag, answered 304
  static      a static file of the same bytes as the GeoJSON, served by WhiteNoise:
              the ceiling
  uncached    the geojson scenario with the microcache off (MICROCACHE_SECONDS=0),
              every answer built by the view: for reference
  burst       one address posts 500 missing-cluster suggestions as fast as 10
              connections can (all but the first few refused 429 by the
              per-address limit, issue 15); then, for --duration, the map page and
              its GeoJSON (map-flooded) while that address keeps posting, beside
              the same map requests alone (map-alone)

It prints requests/s, p50 and p99 latency and errors (connect, read, write,
timeouts and 4xx/5xx answers) for each, and the ratios to the ceiling.
Target (issue 8): zero errors, geojson >= 0.5 x static. The database is dropped
at the end; results also go to bench/results/load-<time>.json.
"""

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusters_portal import localdb  # noqa: E402

from _common import Server, manage, psql, say, served_env  # noqa: E402

DATABASE = "bench_load"
CEILING = "bench/ceiling.geojson"
GEOJSON = "/api/v1/clusters/"
WRK_SCRIPT = r"""
local entries = {ENTRIES}
local requests_ = {}
init = function(args)
  for i, entry in ipairs(entries) do
    requests_[i] = wrk.format("GET", entry[1], entry[2])
  end
  counter = math.random(#requests_)
end
request = function()
  counter = counter % #requests_ + 1
  return requests_[counter]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    say("Installing wrk from Debian's packages")
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True)
    subprocess.run([*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                    "--no-install-recommends", "wrk"], check=True)
    return shutil.which("wrk") or "/usr/bin/wrk"


def lua_entries(entries: list[tuple[str, dict]]) -> str:
    def lua_string(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    rows = []
    for path, headers in entries:
        header_table = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        rows.append(f"{{{lua_string(path)}, {{{header_table}}}}}")
    return "{" + ",\n".join(rows) + "}"


def run_wrk(wrk: str, base: str, entries, args, workdir: Path, name: str) -> dict:
    script = workdir / f"{name}.lua"
    script.write_text(WRK_SCRIPT.replace("{ENTRIES}", lua_entries(entries)))
    result = subprocess.run(
        [wrk, "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
         "--timeout", "10s", "-s", str(script), base],
        capture_output=True, text=True, check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK-RESULT "))
    data = json.loads(line[len("WRK-RESULT "):])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[key] for key in ("connect", "read", "write", "status", "timeout"))
    return data


def measure(wrk, base, entries, args, workdir, name) -> dict:
    say(f"{name}: {args.connections} clients for {args.duration} s")
    result = run_wrk(wrk, base, entries, args, workdir, name)
    print(f"    {result['rps']:.0f} requests/s, {result['errors']} errors", flush=True)
    return result


# One request over and over (the missing-cluster form's post, or /healthz for
# reference). Each thread stops after LIMIT requests (0: never), though wrk
# itself runs out its duration, so only counts and latencies are read, not
# requests/s; the answers' status codes are counted per thread and summed.
BURST_SCRIPT = r"""
local method, path, body, headers, limit = {METHOD}, {PATH}, {BODY}, {HEADERS}, {LIMIT}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) sent = 0; statuses = {} end
function request()
  sent = sent + 1
  return wrk.format(method, path, headers, body)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if limit > 0 and sent >= limit then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(counts) do table.insert(parts, string.format('"%d": %d', status, n)) end
  io.write(string.format(
    'WRK-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency:percentile(50),
    latency:percentile(99), latency.mean, table.concat(parts, ", ")))
end
"""
SUGGEST = "/ar/contribute/missing/"
BURST_POSTS = 500


def lua_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def start_wrk(wrk: str, base: str, script_text: str, connections: int, duration: int, workdir: Path,
              name: str) -> subprocess.Popen:
    script = workdir / f"{name}.lua"
    script.write_text(script_text)
    return subprocess.Popen(
        [wrk, "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", str(script), base],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wrk_result(process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(f"wrk failed: {stderr}")
    line = next(line for line in stdout.splitlines() if line.startswith("WRK-RESULT "))
    data = json.loads(line[len("WRK-RESULT "):])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[key] for key in ("connect", "read", "write", "status", "timeout"))
    return data


def limited_script(method: str, path: str, headers: dict, body: str, limit: int) -> str:
    header_table = "{" + ", ".join(f"[{lua_quote(k)}] = {lua_quote(v)}" for k, v in headers.items()) + "}"
    return (BURST_SCRIPT.replace("{METHOD}", lua_quote(method)).replace("{PATH}", lua_quote(path))
            .replace("{BODY}", lua_quote(body) if body else "nil").replace("{HEADERS}", header_table)
            .replace("{LIMIT}", str(limit)))


def burst_script(base: str, limit: int) -> str:
    """A valid suggestion with its CSRF cookie and token, as a browser would post it from one address."""
    session = requests.Session()
    page = session.get(base + SUGGEST, timeout=30).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    sector = re.search(r'<select name="sector"[^>]*>.*?<option value="(\d+)"', page, re.S).group(1)
    body = urlencode({
        "csrfmiddlewaretoken": token, "name": "نسيج تجريبي", "sector": sector, "governorate": "",
        "place": "أخميم", "latitude": "26.563", "longitude": "31.745", "products": "", "source_url": "",
        "contact_email": "", "leave_empty": "",
    })
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": "gzip",
               "Cookie": f"csrftoken={session.cookies['csrftoken']}"}
    return limited_script("POST", SUGGEST, headers, body, limit)


def measure_burst(wrk: str, base: str, map_entries, args, workdir: Path) -> dict:
    """500 posts from one address, then the map with and without that address still posting."""
    # Long enough for 500 requests even on a loaded machine; the threads stop at 250 each.
    seconds = max(args.duration, 30)
    say(f"burst: {BURST_POSTS} suggestions from one address, 10 connections")
    burst = wrk_result(start_wrk(wrk, base, burst_script(base, BURST_POSTS // 2), 10, seconds, workdir, "burst"))
    print(f"    {burst['requests']} posts, answers {burst['statuses']}, "
          f"p50 {burst['p50_us'] / 1000:.1f} ms, p99 {burst['p99_us'] / 1000:.1f} ms", flush=True)
    # For scale: the cheapest Django answer there is (/healthz: one SELECT 1), same shape.
    say(f"healthz: {BURST_POSTS} requests, 10 connections, for reference")
    reference = wrk_result(start_wrk(wrk, base, limited_script("GET", "/healthz", {}, "", BURST_POSTS // 2), 10,
                                     seconds, workdir, "healthz"))
    print(f"    p50 {reference['p50_us'] / 1000:.1f} ms, p99 {reference['p99_us'] / 1000:.1f} ms", flush=True)
    map_script = WRK_SCRIPT.replace("{ENTRIES}", lua_entries(map_entries))
    say(f"map-alone: {args.connections} clients for {args.duration} s")
    alone = wrk_result(start_wrk(wrk, base, map_script, args.connections, args.duration, workdir, "map-alone"))
    say(f"map-flooded: the same, while the address keeps posting on 10 connections")
    flood = start_wrk(wrk, base, burst_script(base, 0), 10, args.duration, workdir, "flood")
    flooded = wrk_result(start_wrk(wrk, base, map_script, args.connections, args.duration, workdir, "map-flooded"))
    flood = wrk_result(flood)
    print(f"    map alone {alone['rps']:.0f} req/s, flooded {flooded['rps']:.0f} req/s "
          f"({flooded['rps'] / alone['rps']:.2f}x), p99 {alone['p99_us'] / 1000:.1f} -> "
          f"{flooded['p99_us'] / 1000:.1f} ms; flood {flood['requests']} posts, answers {flood['statuses']}",
          flush=True)
    return {"burst": burst, "healthz": reference, "map-alone": alone, "map-flooded": flooded, "flood": flood}


def scenarios(base: str) -> dict[str, list[tuple[str, dict]]]:
    gz = {"Accept-Encoding": "gzip"}
    full = requests.get(base + GEOJSON, headers=gz, timeout=30)
    features = full.json()["features"]
    etag = full.headers["ETag"]
    sectors = sorted({f["properties"]["sector"]["slug"] for f in features})
    governorates = sorted({f["properties"]["governorate"]["iso_code"] for f in features})
    slugs = [f["properties"]["slug"] for f in features]
    filtered = [f"{GEOJSON}?sector={s}" for s in sectors[:6]]
    filtered += [f"{GEOJSON}?governorate={g}" for g in governorates[:6]]
    filtered += [f"{GEOJSON}?q={quote(q)}" for q in ("فخار", "pottery", "furniture", "نسيج")]
    filtered += [f"{GEOJSON}?bbox=30.5,29.5,32.5,31.5"]
    revalidations = [(GEOJSON, {**gz, "If-None-Match": etag})]
    for path in filtered[:4]:
        tag = requests.get(base + path, headers=gz, timeout=30).headers["ETag"]
        revalidations.append((path, {**gz, "If-None-Match": tag}))
    assert requests.get(base + GEOJSON, headers=revalidations[0][1], timeout=30).status_code == 304

    mix = (
        [("/ar/", gz)] * 12 + [("/en/", gz)] * 4
        + [(GEOJSON, gz)] * 20
        + [(path, gz) for path in filtered] * 1
        + [(f"/ar/clusters/{slug}/", gz) for slug in slugs[:15]]
        + [(f"/en/clusters/{slug}/", gz) for slug in slugs[15:20]]
        + revalidations * 5
    )
    random.Random(8).shuffle(mix)
    return {
        "mix": mix,
        "geojson": [(GEOJSON, gz)],
        "revalidate": [revalidations[0]],
        "static": [(f"/static/{CEILING}", gz)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    parser.add_argument("--port", type=int, default=8711)
    parser.add_argument("--only", nargs="*", help="scenarios to run (mix geojson revalidate static uncached burst)")
    args = parser.parse_args()

    wrk = ensure_wrk()
    if not localdb.is_running("test"):
        raise SystemExit("the test cluster is not running: python3 -m clusters_portal.localdb start test")
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    static_root = workdir / "static"
    env = served_env(DATABASE, static_root)
    say(f"Creating the throwaway database {DATABASE} with the seed data")
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DATABASE}"')
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        results = {}
        with Server(env, args.port, args.workers) as server:
            body = requests.get(server.base + GEOJSON, timeout=30).content
        # The ceiling: the very same bytes as a static file, compressed ahead as WhiteNoise serves it.
        ceiling = static_root / CEILING
        ceiling.parent.mkdir(parents=True, exist_ok=True)
        ceiling.write_bytes(body)
        ceiling.with_name(ceiling.name + ".gz").write_bytes(gzip.compress(body, 9))
        with Server(env, args.port, args.workers) as server:
            plan = scenarios(server.base)
            for name in args.only or list(plan):
                if name in plan:
                    results[name] = measure(wrk, server.base, plan[name], args, workdir, name)
            if not args.only or "burst" in args.only:
                map_entries = [("/ar/", {"Accept-Encoding": "gzip"}), (GEOJSON, {"Accept-Encoding": "gzip"})]
                results.update(measure_burst(wrk, server.base, map_entries, args, workdir))
        if not args.only or "uncached" in args.only:
            # For reference: every request built by the view, as with MICROCACHE_SECONDS=0.
            with Server({**env, "MICROCACHE_SECONDS": "0"}, args.port, args.workers) as server:
                results["uncached"] = measure(wrk, server.base, plan["geojson"], args, workdir, "uncached")
        report(results, len(body), args)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def report(results: dict, size: int, args) -> None:
    ceiling = results.get("static", {}).get("rps")
    print(f"\n{args.connections} clients, {args.duration} s each, gunicorn {args.workers} sync workers, "
          f"GeoJSON {size:,} bytes (gzip on the wire)\n")
    print(f"{'scenario':<11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'x static':>9}")
    for name, data in results.items():
        ratio = f"{data['rps'] / ceiling:.2f}" if ceiling else "-"
        # A fixed number of requests (burst, healthz) has no meaningful rate under wrk's fixed duration.
        rate = "-" if name in ("burst", "healthz") else f"{data['rps']:.0f}"
        print(f"{name:<11} {rate:>8} {data['p50_us'] / 1000:>8.1f} {data['p99_us'] / 1000:>8.1f} "
              f"{data['errors']:>7} {ratio:>9}")
    if ceiling and "geojson" in results:
        ratio = results["geojson"]["rps"] / ceiling
        # The burst's 429s are the point of that scenario, not errors.
        errors = sum(data["errors"] for name, data in results.items() if name not in ("burst", "flood", "healthz"))
        verdict = "met" if ratio >= 0.5 and errors == 0 else "NOT met"
        print(f"\nTarget (zero errors, geojson >= 0.5 x static): {verdict} ({ratio:.2f}, {errors} errors)")
    if "burst" in results:
        burst, alone, flooded = results["burst"], results["map-alone"], results["map-flooded"]
        refused = burst["statuses"].get("429", 0)
        print(f"\nBurst: {burst['requests']} posts from one address, {refused} refused with 429, "
              f"p50 {burst['p50_us'] / results['healthz']['p50_us']:.2f} x /healthz's; the map under a "
              f"continuing flood: {flooded['rps'] / alone['rps']:.2f} x its rate alone, {flooded['errors']} errors")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({"size": size, "args": vars(args), "results": results}, indent=2))
    print(f"Results: {path}")


if __name__ == "__main__":
    main()
