import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from clusters.management.command_line import language_argument
from clusters.staff import STAFF_ROLES, staff_password_check, staff_user_create

ATTEMPTS = 3


class Command(BaseCommand):
    help = (
        "Create a staff account in one role (editor or publisher). The password is asked for without echo "
        "and checked by Django's password validators; scripts pass it on standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(STAFF_ROLES),
                            help="editor: add and change clusters; publisher: also publish, unpublish and delete")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-stdin", action="store_true",
            help="read the password from the first line of standard input (for scripts; never on the command "
                 "line, where other users of the machine could read it)",
        )
        language_argument(parser, "language of the messages, the password checks' included (default: the portal's, "
                                  "Arabic)")

    def handle(self, username, role, email, password_from_stdin, **options):
        # Django leaves a command's language to whatever is active; say it, as import_clusters does.
        with translation.override(options["lang"]):
            self._create(username, role, email, password_from_stdin)

    def _create(self, username, role, email, password_from_stdin):
        if password_from_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = self._ask(username, email)
        try:
            user = staff_user_create(username, role, password, email)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(
            _("Created staff user %(name)s (%(role)s). They log in at /ar/admin/ or /en/admin/.")
            % {"name": user.username, "role": STAFF_ROLES[role]}
        ))

    def _ask(self, username, email) -> str:
        if not sys.stdin.isatty():
            raise CommandError(_("No terminal to ask for the password on: pass it with --password-from-stdin."))
        for _attempt in range(ATTEMPTS):
            password = getpass.getpass(_("Password for %(name)s: ") % {"name": username})
            if password != getpass.getpass(_("Password (again): ")):
                self.stderr.write(_("The two passwords differ. Try again."))
                continue
            try:
                staff_password_check(username, password, email)
            except ValidationError as exc:
                for message in exc.messages:
                    self.stderr.write(message)
                continue
            return password
        raise CommandError(_("No acceptable password given; no user was created."))
