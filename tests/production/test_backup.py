"""backup_database and restore_database: back up, empty the database, restore, find everything as it was.

On a database of its own on the test cluster, never the shared test database.
"""

import os
import subprocess
from urllib.parse import quote

import pytest
from django.conf import settings

from ops.pgtools import client_binary, connection_args
from tests.support.appserver import manage, production_env

SEED_EDIT_AND_DRAW = """
from django.core.management import call_command
call_command("seed", verbosity=0)
from django.contrib.gis.geos import MultiPolygon, Polygon
from clusters.models import Cluster
cluster = Cluster.objects.order_by("pk").first()
cluster.products_en = cluster.products_en + "; restored after backup"
cluster.footprint = MultiPolygon(Polygon.from_bbox((cluster.location.x - 0.01, cluster.location.y - 0.01,
                                                    cluster.location.x + 0.01, cluster.location.y + 0.01)), srid=4326)
cluster.save()
"""


def _server() -> dict:
    db = dict(settings.DATABASES["default"])
    return {key: db.get(key) for key in ("HOST", "PORT", "USER", "PASSWORD", "OPTIONS")}


def _psql(database: str, sql: str) -> str:
    conn, env = connection_args(_server())
    result = subprocess.run(
        [client_binary("psql"), "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", *conn, "-d", database, "-c", sql],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _url(database: str) -> str:
    server = _server()
    credentials = quote(server["USER"] or "", safe="")
    if server["PASSWORD"]:
        credentials += ":" + quote(server["PASSWORD"], safe="")
    return f"postgis://{credentials}@{quote(str(server['HOST'] or ''), safe='')}:{server['PORT'] or 5432}/{database}"


def _tables(database: str) -> list[str]:
    rows = _psql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                           "AND tablename <> 'spatial_ref_sys' ORDER BY tablename")
    return rows.splitlines()


def _snapshot(database: str) -> dict[str, str]:
    """Every row of every table, geometries as their exact EWKB, as one digest per table."""
    parts = [
        f"SELECT '{table}' || '|' || count(*) || ':' || coalesce(md5(string_agg(row_to_json(t)::text, '#' "
        f"ORDER BY row_to_json(t)::text)), '-') FROM \"{table}\" t"
        for table in _tables(database)
    ]
    rows = _psql(database, " UNION ALL ".join(parts)).splitlines()
    return dict(row.split("|", 1) for row in rows)


@pytest.fixture
def scratch_database():
    name = f"{os.environ.get('TEST_DB_NAME', 'test_clusters_portal')}_backup"
    _psql("postgres", f'DROP DATABASE IF EXISTS "{name}"')
    _psql("postgres", f'CREATE DATABASE "{name}"')
    yield name
    _psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_empty_restore_round_trip(scratch_database, tmp_path):
    url = _url(scratch_database)
    env = production_env(url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "-c", SEED_EDIT_AND_DRAW)

    counts = dict(line.split("|") for line in _psql(scratch_database, """
        SELECT 'clusters', count(*) FROM clusters_cluster UNION ALL
        SELECT 'footprints', count(footprint) FROM clusters_cluster UNION ALL
        SELECT 'boundaries', count(boundary) FROM clusters_governorate UNION ALL
        SELECT 'history', count(*) FROM clusters_historicalcluster""").splitlines())
    assert int(counts["clusters"]) == 111 and int(counts["footprints"]) >= 1  # the seed: 60 and batch 2's 51
    assert int(counts["boundaries"]) == 27 and int(counts["history"]) >= 112
    before = _snapshot(scratch_database)

    archive = tmp_path / "portal.dump"
    backed_up = manage(env, "backup_database", str(archive), "--database-url", url)
    assert "Backed up" in backed_up.stdout
    assert archive.stat().st_size > 0 and archive.stat().st_mode & 0o077 == 0

    # Lose everything: every table, structure and rows.
    tables = ", ".join(f'"{table}"' for table in _tables(scratch_database))
    _psql(scratch_database, f"DROP TABLE {tables} CASCADE")
    assert _tables(scratch_database) == []

    manage(env, "restore_database", str(archive), "--database-url", url, "--noinput")
    assert _snapshot(scratch_database) == before

    # Restoring over a live database replaces it rather than adding to it.
    _psql(scratch_database, "UPDATE clusters_cluster SET name_en = 'vandalised'")
    manage(env, "restore_database", str(archive), "--database-url", url, "--noinput")
    assert _snapshot(scratch_database) == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "not-a-dump"
    bogus.write_text("hello")
    env = production_env(_url("postgres"))
    result = subprocess.run(
        [os.sys.executable, "manage.py", "restore_database", str(bogus), "--noinput"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "not a pg_dump archive" in result.stderr
