"""Entity tags of the public answers (API, OGC, middleware), from values, never from requests.

An answer's ETag is the current data version followed by a digest of
everything else its body depends on, so one number moving invalidates every
answer at once. `data_version()` is the single place that says what "the
current data version" is: change how it is kept and nothing else changes.
"""

import hashlib
from pathlib import Path

from clusters.models import DataChange, DataVersion
from clusters.prepared import fetch_row_prepared

# Every public read answer may be kept a minute by browsers and shared caches.
CACHE_CONTROL = "public, max-age=60"


# The changes folded into DataVersion plus those not folded yet (DataChange's rows), as one
# expression, so that a statement can read the version and the body it names from one snapshot.
DATA_VERSION_SQL = (
    f"(COALESCE((SELECT version FROM {DataVersion._meta.db_table} WHERE id = 1), 0)"
    f" + (SELECT COALESCE(sum(changes), 0) FROM {DataChange._meta.db_table}))::bigint"
)
_VERSION_STATEMENT = f"SELECT {DATA_VERSION_SQL}"


def data_version() -> int:
    """A number that grows with every committed change to the public data (migration 0004).

    Read first by nearly every public request (revalidations and kept answers read nothing else),
    so prepared, and its own connection health check (clusters.prepared).
    """
    return fetch_row_prepared(_VERSION_STATEMENT, ())[0]


def _code_stamp() -> str:
    """A digest of the code that builds the answers (the domain and the pages' Python).

    Part of every ETag: a release that changes an answer's bytes (a new field, a new shape of a
    kept answer) must not meet its old bytes under the same tag, neither in a client's cache nor
    in the answers kept in the database (clusters.answers) across a restart.
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in ("clusters", "maps"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_STAMP = _code_stamp()


def etag_for(version: int, key) -> str:
    """A strong ETag: the data version, then a digest of everything the body depends on, code included."""
    digest = hashlib.sha256(repr((CODE_STAMP, key)).encode("utf-8")).hexdigest()[:24]
    return f'"{version}-{digest}"'


def _bare(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header value names `etag`, by the weak comparison (RFC 9110 13.1.2).

    GZipMiddleware turns our strong ETag into W/"..." on compressed responses,
    so a client may send back either form, and a stored answer may hold either.
    """
    if not etag or not if_none_match:
        return False
    return any(tag.strip() == "*" or _bare(tag) == _bare(etag) for tag in if_none_match.split(","))
