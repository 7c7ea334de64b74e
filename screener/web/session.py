"""The session lives only in the browser: an encrypted, compressed, size-bounded cookie.

The layout and size budget are in screener/core/cookie.py. The AES key is derived from
SECRET_KEY with HKDF, so any worker on any host that shares the secret can read it; keys in
SECRET_KEY_FALLBACKS are tried too, so a key rotation loses no session. The cookie has no
expiry date (it dies with the browser session), and a session idle for longer than
SESSION_IDLE_SECONDS is treated as expired, as is one whose journey started more than
SESSION_LIFETIME_SECONDS ago: visits renew the idle clock but never the journey's start, so
a copy of the cookie dies with the original.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import time
import zlib
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import Flask, Request, Response, request
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from screener.core.cookie import (
    ATTRIBUTE_ROOM,
    COOKIE_LIMIT,
    DECLARED_KEYS,
    ENVELOPE_BYTES,
    FORMAT,
    NONCE_BYTES,
    compact_json,
    longest_sealed,
    padded_bytes,
)
from screener.web.reloading import pinned_questionnaire

REFRESH_SECONDS = 300  # re-send an unchanged cookie at most this often, to track idleness
_AAD = b"screener session"
log = logging.getLogger(__name__)


class ScreenerSession(CallbackDict[str, Any], SessionMixin):
    """A dict that notes changes, and why it started empty ('expired' or 'unreadable')."""

    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        problem: str | None = None,
        seen: float | None = None,
        born: float | None = None,
    ) -> None:
        def on_update(self: ScreenerSession) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.modified = False
        self.problem = problem
        self.seen = seen  # when the cookie was last written, from its own stamp
        self.born = born  # when this journey's first cookie was written; never renewed


@lru_cache(maxsize=8)
def _key(secret: str) -> AESGCM:
    """An AES-256-GCM cipher whose key is derived from the app's secret."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"screener", info=b"session v1")
    return AESGCM(hkdf.derive(secret.encode("utf-8")))


def seal(data: dict[str, Any], secret: str, longest: int = 0) -> str:
    """Encrypt session data into a cookie value padded as long as `longest`, the longest a
    questionnaire's sessions can be sealed (else to whole buckets; core/cookie.py)."""
    nonce = os.urandom(NONCE_BYTES)
    plain = zlib.compress(compact_json(data), 9)
    # Zeros after the zlib stream, which unseal never reads.
    length = ENVELOPE_BYTES + len(plain)
    plain += bytes(padded_bytes(length, longest) - length)
    sealed = bytes([FORMAT]) + nonce + _key(secret).encrypt(nonce, plain, _AAD)
    return base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")


def unseal(value: str, secrets: list[str]) -> dict[str, Any] | None:
    """Decrypt a cookie value with any of the keys; None when it is foreign or tampered."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) <= ENVELOPE_BYTES or raw[0] != FORMAT:
        return None
    nonce, body = raw[1 : 1 + NONCE_BYTES], raw[1 + NONCE_BYTES :]
    for secret in secrets:
        try:
            plain = _key(secret).decrypt(nonce, body, _AAD)
        except InvalidTag:
            continue
        try:
            data = json.loads(zlib.decompressobj().decompress(plain, 64_000))
        except (zlib.error, ValueError):
            return None
        return data if isinstance(data, dict) else None
    return None


def _fresh(stamp: Any, seconds: float) -> bool:
    """Whether a stamp read from a cookie is a time no more than `seconds` ago (and not
    from the future, give or take a clock's drift)."""
    if not isinstance(stamp, int | float) or isinstance(stamp, bool):
        return False
    try:
        age = time.time() - float(stamp)
    except OverflowError:  # a whole number too large to be a time
        return False
    return -REFRESH_SECONDS <= age <= seconds  # false for infinities and NaN too


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _answers(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(v, str | int)
        and not isinstance(v, bool)
        or isinstance(v, list)
        and all(isinstance(x, str) for x in v)
        for v in value.values()
    )


def _true(value: Any) -> bool:
    return value is True


def _notices(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(n, list) and len(n) == 2 and all(isinstance(x, str) for x in n) for n in value
    )


# What each declared key may hold once read back. The cookie is sealed with the app's own
# key, but whoever holds the key (or a bug) could write anything: odd contents are an
# unreadable cookie, never a 500.
SHAPES = {
    "answers": _answers,
    "lang": _text,
    "csrf_token": _text,
    "csrf_signed": _text,
    "_flashes": _notices,
    "preview": _true,
}


def well_formed(data: dict[str, Any]) -> bool:
    """Whether every declared key of a session holds what the app writes there."""
    return all(check(data[key]) for key, check in SHAPES.items() if key in data)


class EncryptedSessionInterface(SessionInterface):
    """Flask's session, kept encrypted in the browser and nowhere else."""

    def open_session(self, app: Flask, request: Request) -> ScreenerSession:
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return ScreenerSession()
        keys = [app.config["SECRET_KEY"], *app.config["SECRET_KEY_FALLBACKS"]]
        data = unseal(value, keys)
        if data is None:
            return ScreenerSession(problem="unreadable")
        stamp, born = data.pop("_t", 0), data.pop("_b", None)
        born = stamp if born is None else born
        if not _fresh(stamp, app.config["SESSION_IDLE_SECONDS"]) or not _fresh(
            born, app.config["SESSION_LIFETIME_SECONDS"]
        ):
            return ScreenerSession(problem="expired")
        data = {k: v for k, v in data.items() if k in DECLARED_KEYS}
        if not well_formed(data):
            return ScreenerSession(problem="unreadable")
        return ScreenerSession(data, seen=float(stamp), born=float(born))

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ScreenerSession)
        name = self.get_cookie_name(app)
        response.vary.add("Cookie")
        if not session:
            if session.modified or session.problem:
                response.delete_cookie(
                    name,
                    path="/",
                    httponly=True,
                    secure=self.get_cookie_secure(app),
                    samesite="Lax",
                )
            return
        # Re-sent often enough that a visit within the idle limit always renews it.
        refresh = min(REFRESH_SECONDS, app.config["SESSION_IDLE_SECONDS"] / 2)
        stale = session.seen is None or time.time() - session.seen > refresh
        # Every answer to a post carries the cookie, changed or not: whether it changed
        # would tell an emergency answer from a calm one where the post's token was lost.
        if not (session.modified or stale or request.method == "POST"):
            return
        now = int(time.time())
        data = {k: v for k, v in session.items() if k in DECLARED_KEYS}
        if len(data) < len(session):
            # A key nobody declared would escape the size budget: it is a fault, not kept.
            log.error(
                "session keys not declared in core/cookie.py, not saved: %s",
                ", ".join(sorted(set(session) - DECLARED_KEYS)),
            )
        data.update(_t=now, _b=int(session.born or now))
        q = pinned_questionnaire()
        longest = longest_sealed(q) if q is not None else 0
        value = seal(data, app.config["SECRET_KEY"], longest)
        if len(value) + len(name) + ATTRIBUTE_ROOM > COOKIE_LIMIT:
            # The questionnaire check keeps answers within budget; a notice is expendable.
            data.pop("_flashes", None)
            value = seal(data, app.config["SECRET_KEY"], longest)
        if len(value) + len(name) + ATTRIBUTE_ROOM > COOKIE_LIMIT:
            log.error("session cookie too large (%d bytes); not saved", len(value))
            return
        response.set_cookie(
            name, value, path="/", httponly=True, secure=self.get_cookie_secure(app), samesite="Lax"
        )
