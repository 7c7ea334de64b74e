"""Per-client limits on form posts, so one client cannot flood the app.

The limit is one setting, RATE_LIMIT ("120 per minute" by default, "off" to disable, e.g.
for load tests). Counts live in memory, per worker, unless RATE_LIMIT_STORAGE points at a
shared store (for example redis://host:6379) for several hosts. Behind a proxy, set
TRUSTED_PROXIES so each client is told apart by its own address.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix


def init_limits(app: Flask) -> None:
    """Limit POSTs per client address, as configured."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    rate = str(app.config["RATE_LIMIT"]).strip()
    if rate.lower() == "off":
        return
    Limiter(
        get_remote_address,
        app=app,
        default_limits=[rate],
        default_limits_exempt_when=lambda: request.method != "POST",
        storage_uri=str(app.config["RATE_LIMIT_STORAGE"]),
        headers_enabled=False,
        swallow_errors=True,  # a failing shared store must not turn patients away
    )
