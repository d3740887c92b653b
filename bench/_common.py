"""Pieces shared by the benchmarks that serve the portal over HTTP (load.py, peers.py).

Each creates a throwaway database on the private test cluster and runs gunicorn
on it as ./scripts/run does; the helpers live here so the two cannot drift apart.
"""

import os
import signal
import subprocess
import sys
import time
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
