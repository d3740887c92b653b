"""OGC API - Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) over the API's selectors.

The OGC logic is plain functions in `handlers` that take a mapping of query
parameters, the service's base URL and a language, and return (status,
headers, body) — testable without HTTP, in the pygeoapi way. `views` is the
thin Django adapter on top.
"""
