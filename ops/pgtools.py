"""pg_dump and pg_restore pointed at a Django database, the private cluster's socket included."""

import os
import shutil
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import CommandError


def database_settings(database_url: str | None = None, alias: str = "default") -> dict:
    if database_url:
        return dj_database_url.parse(database_url)
    return settings.DATABASES[alias]


def client_binary(name: str) -> str:
    """The newest server's client (pg_dump must be at least the server's version), else PATH's."""
    override = os.environ.get("PG_BIN_DIR")
    candidates = [Path(override) / name] if override else []
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                         key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
                         reverse=True)
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise CommandError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return found


def connection_args(db: dict) -> tuple[list[str], dict]:
    """Command-line options and environment for libpq programs; the password never on the command line."""
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"),
                             ("connect_timeout", "PGCONNECT_TIMEOUT")):
        if options.get(option) is not None:
            env[variable] = str(options[option])
    return args, env
