"""JSON as compact UTF-8 bytes, the one encoding of every JSON answer the portal builds in Python."""

import json


def json_bytes(data) -> bytes:
    # Arabic stays readable UTF-8 (in curl, in logs), not \u escapes.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
