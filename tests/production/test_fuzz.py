"""Schemathesis against the API's and the OGC API's OpenAPI documents: no 5xx, answers match the schema.

In-process over WSGI with the seed data. The number of examples per
operation is bounded (FUZZ_EXAMPLES, default 25) to keep the run short.
"""

import json
import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance, status_code_conformance,
)

from clusters.ogc.openapi import openapi_document

# What issue 8 asks: no 5xx, and every answer as documented. Not the input-strictness
# checks (positive_data_acceptance, negative_data_rejection): the API documents that
# it ignores unknown parameters and answers 400 to a well-formed but unknown code.
CHECKS = [
    not_a_server_error, status_code_conformance, content_type_conformance,
    response_headers_conformance, response_schema_conformance,
]
# The WSGI transport does not undo gzip, which GZipMiddleware would apply.
HEADERS = {"Accept-Encoding": "identity"}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)


# Loaded at collection, where the database is out of reach: the API's document
# is served without it; the OGC one is built by the same function /ogc/api calls
# (its view only adds an ETag from the data version).
APP = WSGIHandler()
api = schemathesis.openapi.from_wsgi("/api/v1/schema/", APP)
ogc = schemathesis.openapi.from_dict(json.loads(json.dumps(openapi_document("http://localhost/ogc"))))
ogc.app = APP


@pytest.fixture(autouse=True)
def same_transaction(seeded):
    # As Django's test client does: closing connections between requests
    # would end the test's transaction and hide the seed data.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api.parametrize()
@FUZZ_SETTINGS
def test_api(case):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


@ogc.parametrize()
@FUZZ_SETTINGS
def test_ogc(case):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)
