"""Built (and gzip-compressed) answers kept per ETag, so the same answer is never built or compressed twice.

An ETag already names the data version and everything else a body depends
on, so the bytes under one ETag never change: a write moves the version,
the next request gets a new ETag and builds afresh, and nothing is ever
invalidated (issue 17, item 3). Each process keeps the most recently used
answers up to MAX_BYTES in all.
"""

import gzip
import threading
from collections import OrderedDict

MAX_BYTES = 64 * 1024 * 1024
# Below this, gzip's header costs more than it saves (GZipMiddleware's own threshold).
MIN_COMPRESSED = 200
GZIP_LEVEL = 6

_answers: OrderedDict = OrderedDict()  # (etag, encoding) -> bytes
_size = 0
_lock = threading.Lock()


def _get(entry):
    with _lock:
        body = _answers.get(entry)
        if body is not None:
            _answers.move_to_end(entry)
        return body


def _put(entry, body: bytes) -> None:
    global _size
    if len(body) > MAX_BYTES // 4:
        return  # one huge answer must not push out everything else
    with _lock:
        if entry in _answers:
            return
        _answers[entry] = body
        _size += len(body)
        while _size > MAX_BYTES:
            _old, dropped = _answers.popitem(last=False)
            _size -= len(dropped)


def answer_bytes(etag: str, build, *, gzipped: bool) -> tuple[bytes | None, bool]:
    """(body, compressed) for the answer named by `etag`: build() it only the first time.

    build() may return None (nothing to answer: a 404), which is not kept.
    With `gzipped`, a body worth compressing comes back gzip-compressed, also kept.
    """
    if gzipped:
        compressed = _get((etag, "gzip"))
        if compressed is not None:
            return compressed, True
    body = _get((etag, ""))
    if body is None:
        body = build()
        if body is None:
            return None, False
        _put((etag, ""), body)
    if not gzipped or len(body) < MIN_COMPRESSED:
        return body, False
    compressed = gzip.compress(body, GZIP_LEVEL, mtime=0)
    _put((etag, "gzip"), compressed)
    return compressed, True


def answers_forget() -> None:
    """Drop every kept answer: for tests, whose rolled-back transactions reuse data versions."""
    global _size
    with _lock:
        _answers.clear()
        _size = 0
