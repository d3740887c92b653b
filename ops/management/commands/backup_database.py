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
        if path.is_dir():
            raise CommandError(f"{path} is a folder: give the backup file's name, such as {path / 'portal.dump'}")
        # A new backups folder (a fresh volume, a dated folder) is made, private like the archive.
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot make the folder {path.parent} for the backup: {error.strerror}") from error
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
            # The .partial file is ours, not the user's: name the file they asked for.
            raise CommandError(f"pg_dump failed: {result.stderr.strip().replace(str(partial), str(path))}")
        partial.replace(path)
        size = path.stat().st_size
        self.stdout.write(f"Backed up database {db['NAME']} to {path} ({size:,} bytes)")
