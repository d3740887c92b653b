"""The visitor's address, shared by the login lockout and the rate limit."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our own proxies saw when TRUSTED_PROXY_COUNT says there are some.

    Each trusted proxy appends the address it received from, so the client is
    the entry that many places from the right; anything further left is what
    the client itself claimed and cannot be trusted.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return forwarded[0] if forwarded else remote
