"""Per-client limits on form posts, so one client cannot flood the app.

The limit is one setting, RATE_LIMIT ("120 per minute" by default, "off" to disable, e.g.
for load tests), counted per client address across the whole app: every form post (/start,
/q/..., /clear), and every visit that offers the preview's token, draws on the same
allowance. Counts live in memory, per worker, unless RATE_LIMIT_STORAGE points at a shared
store (redis://host:6379, with the `redis` extra) so that every worker on every host counts
together. A store that does not answer within RATE_LIMIT_STORAGE_TIMEOUT is logged, and
counting carries on in each worker's memory until it answers again; a limit never turns
patients away because a store is down. A post that is over the limit but fires an emergency
red flag still gets the emergency advice. Behind a proxy, set TRUSTED_PROXIES so each client
is told apart by its own address.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, make_response, request
from flask.logging import default_handler
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from screener.web.safety import emergency_for_post

log = logging.getLogger(__name__)


def init_limits(app: Flask) -> None:
    """Limit POSTs per client address across the app, as configured."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    rate = str(app.config["RATE_LIMIT"]).strip()
    if rate.lower() == "off":
        return
    storage = str(app.config["RATE_LIMIT_STORAGE"])
    # Flask-Limiter says when its store goes away (a warning) and comes back (info); let
    # both reach the log.
    store_log = logging.getLogger("flask-limiter")
    store_log.setLevel(logging.INFO)
    if default_handler not in store_log.handlers:
        store_log.addHandler(default_handler)
    if not any(isinstance(f, NoAddresses) for f in store_log.filters):
        store_log.addFilter(NoAddresses())
    Limiter(
        get_remote_address,
        app=app,
        application_limits=[rate],
        application_limits_exempt_when=_not_counted,
        storage_uri=storage,
        storage_options=_store_options(storage, float(app.config["RATE_LIMIT_STORAGE_TIMEOUT"])),
        in_memory_fallback_enabled=True,
        headers_enabled=False,
        swallow_errors=True,  # a failing shared store must not turn patients away
        on_breach=_emergency_first,
    )


def _not_counted() -> bool:
    """Pages are free to read; posts, and every guess at the preview's token, are counted."""
    return request.method != "POST" and "token" not in request.args


class NoAddresses(logging.Filter):
    """Flask-Limiter names the client's address and the page on each refused post; the
    log keeps that a limit was reached, and nothing about who or where."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith("ratelimit "):
            limit = record.args[0] if isinstance(record.args, tuple) and record.args else ""
            record.msg, record.args = "rate limit %s reached", (limit,)
        return True


def _store_options(storage: str, timeout: float) -> dict[str, Any]:
    """Short socket timeouts for a network store, so a hung one cannot stall every answer."""
    if storage.startswith(("redis://", "rediss://", "redis+unix://")):
        return {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    return {}


def _emergency_first(limit: RequestLimit) -> Response | None:
    """Over the limit, a post whose answers call for the emergency advice still shows it."""
    urgent = emergency_for_post()
    if urgent is None:
        return None
    log.warning("rate limit reached; showed the emergency advice anyway")
    return make_response(urgent, 429)
