"""Helpers that turn production environment variables into settings (see README, "Production")."""

from urllib.parse import parse_qs, urlsplit


def cache_from_url(url: str) -> dict:
    """CACHE_URL -> a CACHES entry.

    locmem:// (one process), file:///path (one machine, all its processes),
    db://table (every app server; run `manage.py createcachetable` once),
    redis://host:6379/0 (every app server; needs the redis package).
    """
    parts = urlsplit(url or "locmem://")
    scheme = parts.scheme
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc or "portal"}
    if scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parts.path}
    if scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": parts.netloc or "portal_cache"}
    if scheme in {"redis", "rediss"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        entry = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url.split("?")[0]}
        if options:
            entry["OPTIONS"] = options
        return entry
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL: unsupported scheme {scheme!r} (locmem, file, db, redis, dummy)")


def proxy_ssl_header(header: str) -> tuple[str, str] | None:
    """PROXY_SSL_HEADER=X-Forwarded-Proto -> ("HTTP_X_FORWARDED_PROTO", "https"); empty -> None.

    Only behind a proxy that always sets (overwrites) this header: otherwise a
    client could claim HTTPS on a plain connection.
    """
    header = header.strip()
    if not header:
        return None
    return "HTTP_" + header.upper().replace("-", "_"), "https"


def tile_source(tile_url: str) -> str:
    """The CSP source for the base map tiles: scheme://host, with Leaflet's {s} as a wildcard label."""
    parts = urlsplit(tile_url.replace("{s}.", "*."))
    host = parts.netloc
    if not parts.scheme or not host:
        return "'self'"
    if "{" in host:
        # A placeholder elsewhere in the host cannot be expressed as a CSP source.
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"
