"""manage.py backup_database PATH: a pg_dump custom-format archive of the whole database."""

import os
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.pgtools import client_binary, connection_args, database_settings


class Command(BaseCommand):
    help = "Back up the database to PATH (pg_dump custom format; restore with restore_database)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database-url", help="back up this database instead of the configured one")

    def handle(self, *args, path: Path, database_url=None, **options):
        db = database_settings(database_url)
        conn, env = connection_args(db)
        path = path.resolve()
        partial = path.with_name(path.name + ".partial")
        # A failed dump must never be mistaken for a backup: write aside, then rename.
        command = [client_binary("pg_dump"), "--format=custom", "--file", str(partial), *conn, "--dbname", db["NAME"]]
        old_umask = os.umask(0o077)  # the archive holds password hashes and drafts
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True)
        finally:
            os.umask(old_umask)
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        partial.replace(path)
        size = path.stat().st_size
        self.stdout.write(f"Backed up database {db['NAME']} to {path} ({size:,} bytes)")
