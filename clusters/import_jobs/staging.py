"""Uploaded import files kept between the preview and the confirmation.

Under MEDIA_ROOT/imports/, named by a random token and tagged with the user
who uploaded them, so that a confirmation can only take the file its own
user previewed, and no name from the upload ever becomes part of a path.
The background worker reads them from there too.
"""

import json
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


class StagedImportMissing(Exception):
    """No such staged file for this user: expired, already imported, or someone else's."""


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _write(path: Path, content: bytes) -> None:
    temporary = path.with_suffix(path.suffix + ".part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.replace(temporary, path)


def staged_purge_old(now: float | None = None) -> int:
    now = now or time.time()
    removed = 0
    for path in _folder().iterdir():
        try:
            if now - path.stat().st_mtime > MAX_AGE_SECONDS:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def staged_save(content: bytes, filename: str, user) -> str:
    staged_purge_old()
    token = secrets.token_hex(16)
    folder = _folder()
    # Only the base name, and only to tell the importer the format and to show it back.
    name = os.path.basename(filename.replace("\\", "/"))[:200] or "upload"
    _write(folder / f"{token}.data", content)
    _write(folder / f"{token}.json", json.dumps({"user": user.pk, "filename": name}).encode())
    return token


def staged_load(token: str, user) -> tuple[bytes, str]:
    return staged_load_for(token, user.pk)


def staged_load_for(token: str, user_id) -> tuple[bytes, str]:
    if not isinstance(token, str) or not _TOKEN.match(token):
        raise StagedImportMissing(token)
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        if meta.get("user") != user_id:
            raise StagedImportMissing(token)
        return (folder / f"{token}.data").read_bytes(), meta["filename"]
    except (FileNotFoundError, ValueError, KeyError) as exc:
        raise StagedImportMissing(token) from exc


def staged_seen_save(token: str, seen: dict) -> None:
    """The preview's view of the clusters the file names (ImportReport.seen), for the confirmation to hold to."""
    if isinstance(token, str) and _TOKEN.match(token):
        _write(_folder() / f"{token}.seen", json.dumps(seen).encode())


def staged_seen_load(token: str) -> dict | None:
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    try:
        return json.loads((_folder() / f"{token}.seen").read_text())
    except (FileNotFoundError, ValueError):
        return None


def staged_discard(token: str) -> None:
    if not isinstance(token, str) or not _TOKEN.match(token):
        return
    for suffix in (".data", ".json", ".seen"):
        try:
            (_folder() / f"{token}{suffix}").unlink()
        except FileNotFoundError:
            pass


def staged_exists(token: str) -> bool:
    return isinstance(token, str) and bool(_TOKEN.match(token)) and (_folder() / f"{token}.data").exists()
