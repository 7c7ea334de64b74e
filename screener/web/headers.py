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
HSTS = "max-age=31536000; includeSubDomains"


# Set on every response; nothing else sets them, so they are added in one go.
EVERY_RESPONSE = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", PERMISSIONS),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
)


def add_headers(response: Response) -> Response:
    """Security and caching headers, on pages, errors and static files alike."""
    headers = response.headers
    headers.extend(EVERY_RESPONSE)
    if current_app.config["HTTPS"]:
        headers["Strict-Transport-Security"] = HSTS
    if request.endpoint != "static":
        # Pages depend on the answers in the cookie: never keep them in any cache.
        headers["Cache-Control"] = "no-store"
    return response


def init_headers(app: Flask) -> None:
    """Add the headers to every response."""
    app.after_request(add_headers)
