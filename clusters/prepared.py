"""Statements the server prepares once per connection, read as raw bytes (issue 17, item 1).

The read core's hot statements (the data version, one Feature) run on every
public request: here they skip what Django's cursors cost per request, a
plan each time and a SELECT 1 health check first.
"""

import time

import psycopg
from django.db import InterfaceError, OperationalError, connection
from psycopg.adapt import Loader


class RawTextLoader(Loader):
    """Text as the raw UTF-8 bytes the server sent."""

    def load(self, data) -> bytes:
        return bytes(data)


def fetch_row_prepared(sql: str, params) -> tuple:
    """The one row a statement returns, its text as raw bytes, the statement prepared once per connection.

    The GeoJSON statements are long (a hundred concat pieces): PostgreSQL spent ~2 ms planning one
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
