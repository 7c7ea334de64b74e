"""Security and caching headers on every response: pages, errors and static files alike."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def add_headers(response: Response) -> Response:
    """Security and caching headers, on pages, errors and static files alike."""
    headers = response.headers
    headers["Content-Security-Policy"] = CSP
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Permissions-Policy"] = PERMISSIONS
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    if current_app.config["HTTPS"]:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint != "static":
        # Pages depend on the answers in the cookie: never keep them in any cache.
        headers["Cache-Control"] = "no-store"
    return response


def init_headers(app: Flask) -> None:
    """Add the headers to every response."""
    app.after_request(add_headers)
