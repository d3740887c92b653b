"""The small language the GeoJSON statements are written in: JSON pieces joined by concat().

Each Feature is one concat() of JSON pieces rather than nested
json_build_object calls: on PostgreSQL 15 (Debian 12) json_build_object looks up
the output function of every argument on every row, which made it twice as
slow for 10,000 features (bench/api_geojson.py). Free text goes through
to_json, which escapes it; slugs, ISO codes, colours and choices are held to
safe characters by CHECK constraints, so they are quoted as they are.
"""

import json

from clusters.prepared import fetch_row_prepared


class Json(str):
    """A piece of JSON text known when the statement is written."""


def text(expression: str) -> list:
    return [f"to_json({expression})"]


def checked(expression: str) -> list:
    # Only for columns whose CHECK constraint (or format) leaves nothing to escape.
    return [Json('"'), expression, Json('"')]


def number(expression: str) -> list:
    return [f"coalesce(({expression})::text, 'null')"]


def url() -> list:
    # The prefix arrives as a parameter already JSON-quoted: "https://host/ar/clusters/
    return ["%s::text", "c.slug", Json('/"')]


def json_object(members: list[tuple[str, list]]) -> list:
    pieces = []
    for index, (key, value) in enumerate(members):
        pieces.append(Json(("{" if index == 0 else ",") + json.dumps(key) + ":"))
        pieces.extend(value)
    pieces.append(Json("}"))
    return pieces


def concat(pieces: list) -> str:
    merged = []
    for piece in pieces:
        if isinstance(piece, Json) and merged and isinstance(merged[-1], Json):
            merged[-1] = Json(merged[-1] + piece)
        else:
            merged.append(piece)
    sql = [
        "'" + piece.replace("'", "''").replace("%", "%%") + "'" if isinstance(piece, Json) else piece
        for piece in merged
    ]
    return "concat(" + ", ".join(sql) + ")"


def fetch_bytes(sql: str, params) -> bytes:
    """The one text value a statement returns, as the bytes PostgreSQL sent (b"" for NULL).

    Raw UTF-8 bytes: the body goes to the client untouched, without a decode here and an
    encode again in HttpResponse. Prepared (clusters.prepared): planning these statements
    costs more than running them for a page of 100.
    """
    (body,) = fetch_row_prepared(sql, params)
    return bytes(body) if body is not None else b""
