"""Limits and patterns that more than one layer checks: defined once, here.

The models' constraints, the filters' parsing, the API and OGC documents and
the adapters' shape checks all read these, so a change cannot leave one of
them behind.
"""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ISO_PATTERN = r"^EG-[A-Z]{1,3}$"
CLUSTER_SLUG_MAX_LENGTH = 80
SECTOR_SLUG_MAX_LENGTH = 60

# One response carries at most this many features.
MAX_LIMIT = 10000
# Postgres takes OFFSET as bigint; anything this large is a mistake, not a page.
MAX_OFFSET = 10**9
# Long enough for any real name and its products; a cap keeps one request from
# asking the database for thousands of LIKE terms.
MAX_Q_LENGTH = 300

# RFC 7946 recommends 6 decimals (about 10 cm); more only inflates the response.
DECIMALS = 6

# Multi-valued fields in flat formats (CSV, GeoPackage, KML), as in the seed CSV, so they re-import.
LIST_SEPARATOR = " | "
