"""CSRF: the page forms' check (Flask-WTF's, the new token made only if shown), the token
pages print, the buttons' form, and what a lost token says.

WTForms asks for a fresh token whenever a form is built, so every answer saved would sign a
token for a page that is never shown (a saved answer redirects). Here the token is a lazy
string, signed only if a template prints it; the check of the posted token is Flask-WTF's.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, session
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms.csrf.core import CSRF
from wtforms.validators import ValidationError

log = logging.getLogger("flask_wtf.csrf")


class DeferredTokenCSRF(CSRF):
    """Flask-WTF's CSRF protection for a form, signing its new token only when shown."""

    def setup_form(self, form: Any) -> Any:
        self.meta = form.meta
        return super().setup_form(form)

    def generate_csrf_token(self, csrf_token_field: Any) -> LazyString:
        meta = self.meta
        return LazyString(lambda: generate_csrf(meta.csrf_secret, meta.csrf_field_name))

    def validate_csrf_token(self, form: Any, field: Any) -> None:
        # WTForms' ValidationError becomes the token field's error; the reason is logged at
        # INFO, as Flask-WTF's own check does (it never names the person or the token).
        meta = self.meta
        try:
            validate_csrf(field.data, meta.csrf_secret, meta.csrf_time_limit, meta.csrf_field_name)
        except ValidationError as problem:
            log.info(problem.args[0])
            raise


def page_token() -> str:
    """The CSRF token pages print: Flask-WTF's, signed once per session and kept in it.

    Tokens never expire here (WTF_CSRF_TIME_LIMIT is None) and every page of a session
    already shares one secret, so a token signed once is as good as one signed per page;
    signing cost as much as rendering the rest of a question page."""
    if current_app.config["WTF_CSRF_TIME_LIMIT"] is not None:
        return str(generate_csrf())  # tokens that expire are signed afresh for each page
    signed = session.get("csrf_signed")
    if not isinstance(signed, str) or "csrf_token" not in session:
        signed = session["csrf_signed"] = generate_csrf()
    return signed


class ActionForm(FlaskForm):  # type: ignore[misc]
    """A form with nothing but its CSRF token, for buttons such as Start and Clear."""


CSRF_LOST = _l(
    "We could not save that, because your session timed out or your browser "
    "blocked our cookie. Check your answer below and press Continue again."
)
