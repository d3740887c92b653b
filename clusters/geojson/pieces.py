"""The small language the GeoJSON statements are written in: JSON pieces joined by concat().

Each Feature is one concat() of JSON pieces rather than nested
json_build_object calls: on PostgreSQL 15 (Debian 12) json_build_object looks up
the output function of every argument on every row, which made it twice as
slow for 10,000 features (bench/api_geojson.py). Free text goes through
to_json, which escapes it; slugs, ISO codes, colours and choices are held to
safe characters by CHECK constraints, so they are quoted as they are.
"""

import json
import time

import psycopg
from django.db import InterfaceError, OperationalError, connection
from psycopg.adapt import Loader


class Json(str):
    """A piece of JSON text known when the statement is written."""


def text(expression: str) -> list:
    return [f"to_json({expression})"]


def checked(expression: str) -> list:
    # Only for columns whose CHECK constraint (or format) leaves nothing to escape.
    return [Json('"'), expression, Json('"')]


def number(expression: str) -> list:
    return [f"coalesce(({expression})::text, 'null')"]


def url() -> list:
    # The prefix arrives as a parameter already JSON-quoted: "https://host/ar/clusters/
    return ["%s::text", "c.slug", Json('/"')]


def json_object(members: list[tuple[str, list]]) -> list:
    pieces = []
    for index, (key, value) in enumerate(members):
        pieces.append(Json(("{" if index == 0 else ",") + json.dumps(key) + ":"))
        pieces.extend(value)
    pieces.append(Json("}"))
    return pieces


def concat(pieces: list) -> str:
    merged = []
    for piece in pieces:
        if isinstance(piece, Json) and merged and isinstance(merged[-1], Json):
            merged[-1] = Json(merged[-1] + piece)
        else:
            merged.append(piece)
    sql = [
        "'" + piece.replace("'", "''").replace("%", "%%") + "'" if isinstance(piece, Json) else piece
        for piece in merged
    ]
    return "concat(" + ", ".join(sql) + ")"


class RawTextLoader(Loader):
    """Text as the raw UTF-8 bytes the server sent."""

    def load(self, data) -> bytes:
        return bytes(data)


def fetch_bytes(sql: str, params) -> bytes:
    """The one text value a statement returns, as the bytes PostgreSQL sent (b"" for NULL)."""
    with connection.cursor() as cursor:
        # Load text as raw UTF-8 bytes: the body goes to the client untouched,
        # without a decode here and an encode again in HttpResponse.
        cursor.cursor.adapters.register_loader("text", RawTextLoader)
        cursor.execute(sql, params)
        (body,) = cursor.fetchone()
    return bytes(body) if body is not None else b""


def fetch_row_prepared(sql: str, params) -> tuple:
    """The one row a statement returns, its text as raw bytes, the statement prepared once per connection.

    These statements are long (a hundred concat pieces): PostgreSQL spent ~2 ms planning one
    against ~0.3 ms running it for one feature. Django's cursors bind parameters on the client
    and so can never be prepared; this one binds on the server, and psycopg keeps the prepared
    statement on the connection (which CONN_MAX_AGE keeps open). Preparing needs the database
    OPTIONS' prepare_threshold (settings.py); without it the statement simply runs unprepared.

    Django would first check a reused connection with SELECT 1 (CONN_HEALTH_CHECKS), a round
    trip as long as the statement itself: the statement is its own check instead. On a connection
    found broken it reconnects and runs once more, as the check would have, outside transactions only.
    """
    unchecked = (connection.connection is not None and connection.health_check_enabled
                 and not connection.health_check_done and not connection.in_atomic_block)
    try:
        row = _prepared_row(sql, params)
    except (OperationalError, InterfaceError):
        if not unchecked or connection.is_usable():
            raise
        connection.close()
        row = _prepared_row(sql, params)
    connection.health_check_done = True
    return row


def _prepared_row(sql: str, params) -> tuple:
    connection.ensure_connection()
    start = time.monotonic()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.adapters.register_loader("text", RawTextLoader)
        cursor.execute(sql, params, prepare=True)
        row = cursor.fetchone()
    if connection.queries_logged:
        # Counted like Django's own statements, so that tests of round trips (assertNumQueries) see it.
        connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - start:.3f}"})
    return row
