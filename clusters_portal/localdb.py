"""The project's private PostgreSQL + PostGIS clusters under var/.

Standard library only: the set-up scripts run this with the system python3
before the virtualenv exists, and the settings import it to find the socket.

    python3 -m clusters_portal.localdb start run    # durable, for ./scripts/run
    python3 -m clusters_portal.localdb start test   # fsync off, for ./scripts/test
    python3 -m clusters_portal.localdb stop run
    python3 -m clusters_portal.localdb start outage # throwaway, stopped and started by tests/production
"""

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
SUPERUSER = "postgres"
DATABASE_NAME = "clusters_portal"
PORT = 5432

# A unix socket path longer than 107 bytes stops postgres from starting, so a
# deep checkout gets its sockets in a short folder under /tmp instead.
_SOCKET_NAME_ROOM = len("/.s.PGSQL.5432.lock") + 1

# Settings the test cluster may use because its data is thrown away.
_FAST_UNSAFE = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


def data_dir(kind: str) -> Path:
    return VAR_DIR / f"pg-{kind}"


def socket_dir(kind: str) -> Path:
    preferred = VAR_DIR / f"pg-{kind}-run"
    if len(str(preferred)) + _SOCKET_NAME_ROOM <= 100:
        return preferred
    digest = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"cp-{digest}-{kind}"


def database_url(kind: str) -> str:
    # dj-database-url reads a percent-encoded socket folder as the host.
    from urllib.parse import quote

    return f"postgis://{SUPERUSER}@{quote(str(socket_dir(kind)), safe='')}:{PORT}/{DATABASE_NAME}"


def _bin_dir() -> Path:
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (p for p in root.glob("*/bin/initdb")), key=lambda p: int(p.parent.parent.name)
    )
    if not versions:
        sys.exit("PostgreSQL server binaries not found under /usr/lib/postgresql")
    return versions[-1].parent


def _as_owner(args, owner):
    """Run a server command as the cluster owner: postgres refuses to run as root."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", owner, "--"] + args
    return subprocess.run(args, check=False, capture_output=True, text=True)


def _owner() -> str:
    return SUPERUSER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name


def _let_owner_traverse(path: Path, owner: str) -> None:
    """The postgres user must be able to enter every parent folder of the data."""
    if os.geteuid() != 0 or owner == "root":
        return
    for parent in reversed(path.parents):
        probe = subprocess.run(["runuser", "-u", owner, "--", "test", "-x", str(parent)])
        if probe.returncode != 0:
            mode = parent.stat().st_mode
            print(f"localdb: letting {owner} enter {parent} (adding o+x)")
            parent.chmod(mode | 0o001)


def _prepare_dir(path: Path, owner: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, user=owner)
    path.chmod(0o700)


def _psql(kind: str, sql: str, database: str = "postgres") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(_bin_dir() / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
         "-h", str(socket_dir(kind)), "-p", str(PORT), "-U", SUPERUSER, "-d", database,
         "-c", sql],
        capture_output=True, text=True, check=False,
    )


def is_running(kind: str) -> bool:
    return (socket_dir(kind) / f".s.PGSQL.{PORT}").exists() and _psql(kind, "select 1").returncode == 0


def start(kind: str) -> None:
    owner = _owner()
    data = data_dir(kind)
    sockets = socket_dir(kind)
    VAR_DIR.mkdir(exist_ok=True)
    _let_owner_traverse(data, owner)
    _prepare_dir(sockets, owner)
    if not (data / "PG_VERSION").exists():
        _prepare_dir(data, owner)
        print(f"localdb: creating the {kind} cluster in {data}")
        result = _as_owner(
            [str(_bin_dir() / "initdb"), "-D", str(data), "-U", SUPERUSER,
             "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
            owner,
        )
        if result.returncode != 0:
            sys.exit(f"initdb failed:\n{result.stdout}\n{result.stderr}")
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{sockets}'",
            # Only the owner (and root) may connect: auth is trust on the socket.
            "unix_socket_permissions": "0700",
            "port": str(PORT),
        }
        if kind != "run":
            settings.update(_FAST_UNSAFE)
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# clusters_portal\n")
            for key, value in settings.items():
                conf.write(f"{key} = {value}\n")
    if is_running(kind):
        return
    stale = data / "postmaster.pid"
    log = VAR_DIR / f"pg-{kind}.log"
    log.touch()
    if os.geteuid() == 0:
        shutil.chown(log, user=owner)
    result = _as_owner(
        [str(_bin_dir() / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start"],
        owner,
    )
    if result.returncode != 0 and stale.exists():
        # A machine that was reset can leave a pid file behind that names no postgres.
        stale.unlink()
        result = _as_owner(
            [str(_bin_dir() / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start"],
            owner,
        )
    if result.returncode != 0:
        sys.exit(f"postgres did not start; see {log}\n{result.stdout}\n{result.stderr}")
    for _ in range(50):
        if is_running(kind):
            break
        time.sleep(0.2)
    _ensure_database(kind)


def _ensure_database(kind: str) -> None:
    # PostGIS in template1 lets Django's test runner create databases that have it.
    result = _psql(kind, "CREATE EXTENSION IF NOT EXISTS postgis", "template1")
    if result.returncode != 0:
        sys.exit(f"could not enable PostGIS in template1: {result.stderr}")
    check = subprocess.run(
        [str(_bin_dir() / "psql"), "-X", "-tA", "-h", str(socket_dir(kind)), "-p", str(PORT),
         "-U", SUPERUSER, "-d", "postgres", "-c",
         f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}'"],
        capture_output=True, text=True, check=False,
    )
    if check.returncode == 0 and check.stdout.strip() != "1":
        result = _psql(kind, f'CREATE DATABASE "{DATABASE_NAME}"')
        if result.returncode != 0:
            sys.exit(f"could not create the database: {result.stderr}")


def stop(kind: str) -> None:
    data = data_dir(kind)
    if (data / "postmaster.pid").exists():
        _as_owner([str(_bin_dir() / "pg_ctl"), "-D", str(data), "-w", "-m", "fast", "stop"], _owner())


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in {"start", "stop", "url", "status"} or argv[2] not in {"run", "test", "outage"}:
        print(__doc__)
        return 2
    action, kind = argv[1], argv[2]
    if action == "start":
        start(kind)
    elif action == "stop":
        stop(kind)
    elif action == "url":
        print(database_url(kind))
    else:
        running = is_running(kind)
        print("running" if running else "stopped")
        return 0 if running else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
