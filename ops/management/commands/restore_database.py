"""manage.py restore_database PATH: put a backup_database archive back, replacing what is there."""

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.pgtools import client_binary, connection_args, database_settings


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_database. Objects in the archive replace the database's "
        "(pg_restore --clean --if-exists), in one transaction: on any error nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--database-url", help="restore into this database instead of the configured one")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="do not ask for confirmation")

    def handle(self, *args, path: Path, database_url=None, interactive=True, **options):
        if not path.is_file():
            raise CommandError(f"no such backup file: {path}")
        db = database_settings(database_url)
        conn, env = connection_args(db)
        listing = subprocess.run([client_binary("pg_restore"), "--list", str(path)], capture_output=True, text=True)
        if listing.returncode != 0:
            raise CommandError(f"{path} is not a pg_dump archive: {listing.stderr.strip()}")
        if interactive:
            answer = input(f"This replaces the data in database {db['NAME']!r} with {path}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        command = [
            client_binary("pg_restore"), "--clean", "--if-exists", "--no-owner",
            "--single-transaction", "--exit-on-error", *conn, "--dbname", db["NAME"], str(path),
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed, nothing was changed: {result.stderr.strip()}")
        self.stdout.write(f"Restored {path} into database {db['NAME']}")
