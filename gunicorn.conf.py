"""gunicorn's settings that must agree with Django's, from the same environment variables.

gunicorn reads this file from the current directory by default; ./scripts/run
and README's production command also name it with -c.

Forwarded headers (issue 13, item 12): by default gunicorn believes
X-Forwarded-Proto, X-Forwarded-Ssl and X-Forwarded-Protocol from 127.0.0.1 and
then serves the request as HTTPS, whatever PROXY_SSL_HEADER told Django. Here
it believes exactly the header PROXY_SSL_HEADER names, and only from
FORWARDED_ALLOW_IPS (default: this machine, where the TLS proxy usually runs);
with no PROXY_SSL_HEADER it believes none.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from clusters_portal.production import proxy_ssl_header  # noqa: E402

_proxy_header = proxy_ssl_header(os.environ.get("PROXY_SSL_HEADER", ""))

if _proxy_header is None:
    secure_scheme_headers = {}
    forwarded_allow_ips = ""
else:
    _meta_name, _https_value = _proxy_header
    secure_scheme_headers = {_meta_name.removeprefix("HTTP_").replace("_", "-"): _https_value}
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Worker class, chosen by measurement (issue 17, item 1; bench/peers.py and README's benchmark section):
# gthread serves HTTP keep-alive, which sync workers refuse (they close every connection), so a GIS
# client or a reverse proxy reusing its connections no longer pays a TCP handshake per request.
# Each thread holds its own database connection (CONN_MAX_AGE), so WEB_THREADS multiplies them.
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
threads = int(os.environ.get("WEB_THREADS", "2"))
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
