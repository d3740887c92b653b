"""Settings, read from environment variables with safe defaults.

Without DATABASE_URL the portal uses the private cluster that ./scripts/run
keeps under var/, so `.venv/bin/python manage.py ...` needs no environment.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

from clusters_portal import localdb
from clusters_portal import production

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _local_secret_key() -> str:
    # Generated once per checkout into var/ so that no secret is ever committed.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    # Its sitemap.xml template, for maps.sharing's sitemap with hreflang alternates.
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "leaflet",
    "simple_history",
    "csp",
    "axes",
    "clusters",
    "clusters.programmes",
    "clusters.contributions",
    "maps",
    "ops",
    "django_tasks_db",
    "clusters.import_jobs",
]

MIDDLEWARE = [
    # Outermost: the CSP and framing headers also on answers made outside the middleware below (429, 400, static).
    "ops.headers.EveryAnswerHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the Host: load balancers probe /healthz by address.
    "ops.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # After CorsMiddleware, so that a 429 can be read by partners' pages too.
    "ops.ratelimit.RateLimitMiddleware",
    # After the rate limit (cached answers count) and before GZip (the compressed body is kept).
    "ops.microcache.MicroCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, except that /api/ and /ogc/ ignore the language cookie (shared caches).
    "ops.language.CookielessApiLocaleMiddleware",
    # After LocaleMiddleware: the 503 speaks the visitor's language.
    "ops.outage.DatabaseOutageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a write to a GET/HEAD-only view gets 405 with Allow, not a CSRF 403 page.
    "ops.methods.ReadOnlyViewsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's, skipped on /api/ and /ogc/ (no flash messages there).
    "ops.messages.PageMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inside XFrameOptions and CSP: both must see what it decides for ?embed=1.
    "ops.framing.EmbedFramingMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a flagged login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clusters_portal.urls"
WSGI_APPLICATION = "clusters_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maps.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or localdb.database_url("run"),
        engine="django.contrib.gis.db.backends.postgis",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database host that has gone away must fail fast into the 503 page, not hang the workers.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
# Lets clusters.prepared.fetch_row_prepared prepare the long GeoJSON statements once per connection
# (planning them cost more than running them, issue 17). Django's own cursors bind on the client and never prepare.
DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: the default language, and the one a visitor without a preference gets.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Cairo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Source maps are fetched only by developer tools, yet brotli at WhiteNoise's top quality spent most of
# collectstatic's time on them (the API docs' bundles carry 6 MB of maps): serve them uncompressed.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ("map", "jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz",
                                       "xz", "br", "swf", "flv", "woff", "woff2")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "clusters_portal.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Imports (clusters.importing.limits): a file over any limit is refused before any heavy work,
# on the command line and in the admin alike. Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE are spooled
# to disk by Django, and DATA_UPLOAD_MAX_MEMORY_SIZE does not count files, so IMPORT_MAX_BYTES is the cap.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
IMPORT_MAX_UNZIPPED_BYTES = int(os.environ.get("IMPORT_MAX_UNZIPPED_BYTES", str(500 * 1024 * 1024)))
IMPORT_MAX_FEATURES = int(os.environ.get("IMPORT_MAX_FEATURES", "100000"))
IMPORT_MAX_FOOTPRINT_VERTICES = int(os.environ.get("IMPORT_MAX_FOOTPRINT_VERTICES", "20000"))
IMPORT_MAX_VERTICES = int(os.environ.get("IMPORT_MAX_VERTICES", "2000000"))
# A preview page lists this many problems (and records) of each kind, and says how many more there are.
IMPORT_PREVIEW_PROBLEMS = int(os.environ.get("IMPORT_PREVIEW_PROBLEMS", "200"))
# Files up to this size are checked in the request; bigger ones by the background worker (db_worker).
IMPORT_INLINE_MAX_FEATURES = int(os.environ.get("IMPORT_INLINE_MAX_FEATURES", "2000"))
IMPORT_INLINE_MAX_BYTES = int(os.environ.get("IMPORT_INLINE_MAX_BYTES", str(2 * 1024 * 1024)))
# From this many records on, an import writes in batches (clusters.bulk_editing), not row by row.
IMPORT_BULK_FROM_ROWS = int(os.environ.get("IMPORT_BULK_FROM_ROWS", "500"))
IMPORT_BULK_BATCH_ROWS = int(os.environ.get("IMPORT_BULK_BATCH_ROWS", "1000"))
# A running import job with no heartbeat for this long shows as stopped, and staff may start it again.
IMPORT_JOB_STALLED_SECONDS = int(os.environ.get("IMPORT_JOB_STALLED_SECONDS", "300"))
# Background jobs: django-tasks with its PostgreSQL backend; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The placement rule (clusters/placement.py). Land is the governorates widened by
# LAND_MARGIN_KM (coasts, coarse lines); a point up to PLACEMENT_WARN_KM outside its
# governorate is a warning (Esna lies 14 km outside the coarse Luxor line), beyond an error.
LAND_MARGIN_KM = float(os.environ.get("LAND_MARGIN_KM", "5"))
PLACEMENT_WARN_KM = float(os.environ.get("PLACEMENT_WARN_KM", "25"))
FOOTPRINT_MAX_KM = float(os.environ.get("FOOTPRINT_MAX_KM", "25"))

# Base map tiles: the one thing the portal fetches from outside.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
# OSM refuses tiles without a Referer; same-origin would strip it.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Egypt production clusters API",
    "DESCRIPTION": "Egypt's natural production clusters as GeoJSON (RFC 7946). Read-only; published clusters only.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/(api|ogc)/.*$"

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (26.8, 30.8),  # lat, lon: django-leaflet puts lat first
    "DEFAULT_ZOOM": 6,
    "MIN_ZOOM": 4,
    "MAX_ZOOM": 18,
    "TILES": [(_("Map"), MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION, "referrerPolicy": "strict-origin-when-cross-origin"})],
    "RESET_VIEW": False,
    # Leaflet finds its marker images from its CSS's url(), which the hashed
    # (manifest) static storage renames; without this the admin's point marker
    # is a broken image in production.
    "FORCE_IMAGE_PATH": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Django 5.2 warns that Debian 12's GDAL 3.6 is old; it works for everything used here.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# --- Production: HTTPS, headers, abuse limits, caches (README, "Production") ---

# HTTPS=1 when the portal is served over HTTPS (directly or behind a TLS proxy).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = production.proxy_ssl_header(os.environ.get("PROXY_SSL_HEADER", ""))
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

CACHES = {
    "default": production.cache_from_url(os.environ.get("CACHE_URL", "locmem://")),
}
# Public /api/ and /ogc/ answers are reused for identical anonymous requests while the data version holds
# (ops.microcache), those without a versioned ETag for MICROCACHE_SECONDS; 0 turns it all off.
MICROCACHE_SECONDS = float(os.environ.get("MICROCACHE_SECONDS", "1"))
# Each process's own kept answers, in all.
MICROCACHE_MAX_BYTES = int(os.environ.get("MICROCACHE_MAX_BYTES", str(64 * 1024 * 1024)))
MICROCACHE_PATHS = r"^/(api|ogc)/"
# Where the language comes from `lang` or Accept-Language only, never the cookie: what shared caches keep.
COOKIELESS_LANGUAGE_PATHS = r"^/(api|ogc)/"

# No inline script anywhere: code comes from our static files, and the admin's
# django-leaflet widget carries the per-request nonce. Leaflet and Swagger UI
# set inline styles, hence 'unsafe-inline' for styles only.
EMBED_ALLOWED_ORIGINS = env_list("EMBED_ALLOWED_ORIGINS", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", production.tile_source(MAP_TILE_URL)],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Anonymous /api/ and /ogc/ requests per client address and window (seconds).
RATE_LIMIT_ENABLED = env_bool("RATE_LIMIT_ENABLED", True)
RATE_LIMIT_REQUESTS = int(os.environ.get("RATE_LIMIT_REQUESTS", "1200"))
RATE_LIMIT_WINDOW = int(os.environ.get("RATE_LIMIT_WINDOW", "60"))
RATE_LIMIT_PATHS = r"^/(api|ogc)/"

# Admin login lockout (django-axes): per user name and address, so that a
# stranger cannot lock a staff member out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ONLY_ADMIN_SITE = True
# Where a login lands when `next` is missing or refused as unsafe: the admin, not Django's /accounts/profile/ (a 404).
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ops.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "ops.lockout.lockout_response"

# --- Contributions from visitors (README, "Corrections and suggestions from visitors") ---
# Sends per client address and window (seconds); the counters share the rate limit's cache.
CONTRIBUTIONS_RATE_LIMIT = int(os.environ.get("CONTRIBUTIONS_RATE_LIMIT", "5"))
CONTRIBUTIONS_RATE_WINDOW = int(os.environ.get("CONTRIBUTIONS_RATE_WINDOW", "3600"))
# Contact emails are blanked after this many days by `manage.py purge_contribution_emails`.
CONTRIBUTION_EMAIL_RETENTION_DAYS = int(os.environ.get("CONTRIBUTION_EMAIL_RETENTION_DAYS", "180"))
# Who is told of each new contribution; empty sends nothing.
CONTRIBUTIONS_NOTIFY_EMAIL = os.environ.get("CONTRIBUTIONS_NOTIFY_EMAIL", "")
# The portal's public address, for links in those emails (e.g. https://clusters.example.org).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "")

# Outgoing email: printed to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# STARTTLS unless implicit TLS was asked for: Django refuses both at once.
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
# A mail server that does not answer must not hold a worker for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "clusters-portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
