"""Friendly pages for every error, in the patient's language: never a stack trace."""

from __future__ import annotations

import logging
from html import escape

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.sansio.response import Response as SansIOResponse

# Title and explanation of each error page, in the patient's language.
ERRORS = {
    400: (
        _l("Something went wrong with that request"),
        _l("Please go back and try again. If it keeps happening, start again."),
    ),
    404: (
        _l("Page not found"),
        _l("Check the web address, or start the questions from the beginning."),
    ),
    405: (_l("That did not work"), _l("Please go back and use the buttons on the page.")),
    413: (
        _l("That was too much to send"),
        _l("Please go back, shorten what you typed and try again."),
    ),
    429: (_l("Too many requests"), _l("Please wait a minute, then try again.")),
    500: (
        _l("Sorry, something went wrong on our side"),
        _l("Your answers are safe in your browser. Please try again in a moment."),
    ),
}
log = logging.getLogger(__name__)


def error_page(error: HTTPException) -> tuple[str, int] | SansIOResponse:
    """A translated page for any HTTP error (or the page the error already carries)."""
    if error.response is not None:
        return error.response  # e.g. the emergency advice, shown over a rate limit
    code = error.code if error.code in ERRORS else 500
    title, message = ERRORS[code]
    try:
        return render_template("errors/error.html", code=code, title=title, message=message), code
    except Exception:  # noqa: BLE001 - e.g. a Host header too broken to build links with
        log.warning("error page for %s could not be rendered; sent a plain one", code)
        return _bare_page(str(title), str(message)), code


def _bare_page(title: str, message: str) -> str:
    """A self-contained page for requests too broken to build links for."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
        f"{escape(title)}</title></head><body><h1>{escape(title)}</h1>"
        f'<p>{escape(message)}</p><p><a href="/">Start</a></p></body></html>'
    )


def unexpected_error(error: Exception) -> tuple[str, int] | SansIOResponse:
    """Log what broke (never the request's form data) and show the friendly 500 page."""
    # The endpoint, not the path: a page's address can tell which answers led to it.
    log.exception("unexpected error on %s %s", request.method, request.endpoint)
    return error_page(InternalServerError())


def init_errors(app: Flask) -> None:
    """Show the friendly page for every HTTP error and every unexpected one."""
    app.register_error_handler(HTTPException, error_page)
    app.register_error_handler(Exception, unexpected_error)
