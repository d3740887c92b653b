"""What every OGC operation answers with: a Result, and the domain's strong ETags with their 304s."""

from dataclasses import dataclass
from typing import NamedTuple

from clusters.etags import CACHE_CONTROL, data_version, etag_for, etag_matches
from clusters.ogc.links import JSON

HTML_UTF8 = "text/html; charset=utf-8"
VARY = "Accept, Accept-Language"


class Result(NamedTuple):
    status: int
    headers: dict
    body: dict | bytes


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Context:
    query: object
    base_url: str
    lang: str
    fmt: str
    if_none_match: str
    keep: tuple  # (name, value) pairs every link carries: the reader's explicit lang


def query_pairs(query, skip=frozenset()) -> list[tuple[str, str]]:
    lists = query.lists() if hasattr(query, "lists") else query.items()
    pairs = []
    for name, values in lists:
        if isinstance(values, str):
            values = [values]
        pairs += [(name, value) for value in values if name not in skip]
    return pairs


def error_result(status: int, code: str, description: str, parameter: str | None = None, *,
                 lang: str | None = None, fmt: str = "json") -> Result:
    # OGC's exception shape (code, description), plus the API's "error" and "parameter".
    body = {"code": code, "description": description, "error": description}
    if parameter is not None:
        body["parameter"] = parameter
    headers = {"Content-Type": HTML_UTF8 if fmt == "html" else JSON, "Cache-Control": "no-store"}
    if lang:
        headers["Content-Language"] = lang
    return Result(status, headers, body)


def not_found_result(description: str, *, lang: str | None = None, fmt: str = "json") -> Result:
    """A 404 in the format and language the reader asked for, once they are known."""
    return error_result(404, "NotFound", description, lang=lang, fmt=fmt)


def etag(context: Context, key: tuple, version: int) -> str:
    query_key = tuple(sorted(query_pairs(context.query)))
    return etag_for(version, ("ogc", context.base_url, context.lang, context.fmt, query_key, *key))


def answer_headers(context: Context, tag: str, extra_headers: dict | None) -> dict:
    return {"ETag": tag, "Cache-Control": CACHE_CONTROL, "Content-Language": context.lang, "Vary": VARY,
            **(extra_headers or {})}


def cached(context: Context, key: tuple, build, json_type: str = JSON, extra_headers: dict | None = None,
           version: int | None = None) -> Result:
    """304 when the client holds this version, else build() the body; the domain's strong ETags.

    `version` is the data version when the caller has read it already (to count under it).
    """
    tag = etag(context, key, data_version() if version is None else version)
    headers = answer_headers(context, tag, extra_headers)
    if etag_matches(context.if_none_match, tag):
        return Result(304, headers, b"")
    body = build()
    headers["Content-Type"] = HTML_UTF8 if context.fmt == "html" else json_type
    return Result(200, headers, body)


