"""manage.py create_staff_user: a staff account in one role, its password unechoed and validated."""

import io
import os
import pty
import select
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from clusters.roles import EDITORS, PUBLISHERS

GOOD = "a long staff password 42"


def create(*args, stdin=""):
    out = io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("create_staff_user", *args, "--lang", "en", stdout=out)
    finally:
        sys.stdin = old_stdin
    return out.getvalue()


@pytest.mark.parametrize("role, group", [("editor", EDITORS), ("publisher", PUBLISHERS)])
def test_a_script_creates_a_staff_user_in_a_role(db, role, group):
    output = create("amal", "--role", role, "--password-from-stdin", stdin=GOOD + "\n")
    user = get_user_model().objects.get(username="amal")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert user.check_password(GOOD)
    assert "Created staff user amal" in output and GOOD not in output


@pytest.mark.parametrize("password, reason", [
    ("short", "too short"), ("password123", "too common"), ("83749261537", "entirely numeric"),
    ("amal-amal-amal", "too similar"),
])
def test_django_password_validators_refuse_weak_passwords(db, password, reason):
    with pytest.raises(CommandError, match=reason):
        create("amal-amal-amal", "--role", "editor", "--password-from-stdin", stdin=password + "\n")
    assert not get_user_model().objects.exists()


def test_an_existing_user_name_is_refused(db):
    create("amal", "--role", "editor", "--password-from-stdin", stdin=GOOD + "\n")
    with pytest.raises(CommandError, match="already exists"):
        create("amal", "--role", "publisher", "--password-from-stdin", stdin=GOOD + "\n")


def test_without_a_terminal_it_asks_for_the_stdin_option(db):
    with pytest.raises(CommandError, match="--password-from-stdin"):
        create("amal", "--role", "editor", stdin="")


def _read_until(fd, wanted: bytes, timeout=60) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _w, _x = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_at_a_terminal_the_password_is_asked_twice_and_never_echoed(transactional_db, django_db_blocker):
    # A real pseudo-terminal: getpass turns echo off there, which no StringIO can show.
    from django.db import connection

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clusters_portal.settings_test",
           "TEST_DATABASE_URL": _database_url(connection.settings_dict["NAME"])}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command at a terminal
        os.chdir(settings.BASE_DIR)
        os.execve(sys.executable, [sys.executable, "manage.py", "create_staff_user", "omar", "--role", "publisher",
                                   "--lang", "en"],
                  env)
    try:
        transcript = _read_until(fd, b"Password for omar: ")
        os.write(fd, b"zq7\n")
        transcript += _read_until(fd, b"(again): ")
        os.write(fd, b"zq7\n")
        transcript += _read_until(fd, b"Password for omar: ")  # refused: asked again
        os.write(fd, GOOD.encode() + b"\n")
        transcript += _read_until(fd, b"(again): ")
        os.write(fd, GOOD.encode() + b"\n")
        transcript += _read_until(fd, b"Created staff user omar")
    finally:
        _pid, status = os.waitpid(pid, 0)
        os.close(fd)
    text = transcript.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "too short" in text  # the validator's message, but never what was typed
    assert "zq7" not in text and GOOD not in text
    user = get_user_model().objects.get(username="omar")
    assert user.check_password(GOOD) and user.groups.get().name == PUBLISHERS


def _database_url(name: str) -> str:
    from clusters_portal import localdb

    return localdb.database_url("test").rsplit("/", 1)[0] + "/" + name
