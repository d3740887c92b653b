"""A running job's progress and heartbeat, written where the job page can see them at once.

The import writes inside one transaction (all or nothing), so an update of the
job row made on the worker's own connection would stay invisible until the
very end: the page would sit at "writing…" for the whole write phase, and a
worker killed mid-write would look alive. The reporter keeps a second
connection of its own, in autocommit, for the job row alone.
"""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from clusters.import_jobs.models import ImportJob

_TABLE = ImportJob._meta.db_table


class JobProgress:
    """Callbacks for cluster_import (checked, written) that also move the job's heartbeat."""

    def __init__(self, job_id):
        self.job_id = job_id
        self._connection = None

    def _update(self, columns: dict) -> None:
        if self._connection is None:
            self._connection = connections.create_connection(DEFAULT_DB_ALIAS)
        columns = {**columns, "heartbeat_at": timezone.now()}
        assignments = ", ".join(f"{name} = %s" for name in columns)
        with self._connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_TABLE} SET {assignments} WHERE id = %s", [*columns.values(), self.job_id])

    def checked(self, done: int, total: int) -> None:
        self._update({"checked": done, "total": total})

    def written(self, done: int, total: int) -> None:
        self._update({"written": done, "write_total": total})

    def beat(self) -> None:
        self._update({})

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
