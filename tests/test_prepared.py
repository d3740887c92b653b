"""The prepared hot statements (clusters.prepared): prepared once per connection, and their own health check."""

import psycopg
import pytest
from django.db import connection

from clusters.etags import data_version

pytestmark = pytest.mark.django_db(transaction=True)


def _terminate_our_backend() -> None:
    """What a database restart does to a kept connection: the server end goes away."""
    pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_the_version_statement_is_prepared_on_the_server():
    data_version()
    data_version()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%clusters_datachange%"])
        assert cursor.fetchone()[0] == 1


def test_a_broken_kept_connection_is_replaced_without_an_error():
    """As Django's health check would: a request's first statement on a dead connection reconnects."""
    before = data_version()
    _terminate_our_backend()
    connection.health_check_enabled = True  # CONN_HEALTH_CHECKS, as settings.py has it
    connection.health_check_done = False  # what request_started does for a kept connection
    assert data_version() == before
