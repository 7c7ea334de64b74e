"""The session cookie's layout and size budget, in one place for the session that writes it
and the check that keeps every questionnaire's answers within it.

Layout: base64url(version byte | 12-byte nonce | AES-GCM ciphertext and 16-byte tag) of
zlib(compact JSON). The web session (screener/web/session.py) does the sealing.
"""

from __future__ import annotations

import json
import math
import zlib
from typing import Any

from screener.core.answers import plain_answers
from screener.core.conditions import Answers

FORMAT = 1  # the version byte; bump it when the payload layout changes
NONCE_BYTES = 12
TAG_BYTES = 16
ENVELOPE_BYTES = 1 + NONCE_BYTES + TAG_BYTES
# Browsers keep cookies up to 4,096 bytes, name and attributes included; they take at most
# ATTRIBUTE_ROOM of them (the name is short), and the value may take the rest.
COOKIE_LIMIT = 4096
ATTRIBUTE_ROOM = 100
# What a questionnaire's largest answers may take, leaving the rest of the value for the
# session's other keys beyond SESSION_EXTRAS (and a margin for compression being worse).
SESSION_BUDGET = 3900
# The most the rest of a session holds besides answers.
SESSION_EXTRAS: dict[str, Any] = {
    "csrf_token": "f" * 40,
    "lang": "es",
    "_t": 9_999_999_999,
    "_b": 9_999_999_999,
    "_flashes": [["message", "Las preguntas cambiaron desde su última visita. " * 4]],
}


def compact_json(data: Any) -> bytes:
    """The JSON the session cookie carries: no spaces, UTF-8 rather than \\u escapes."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def cookie_bytes(answers: Answers) -> int:
    """Characters of the session cookie these answers need, once compressed, encrypted and
    base64-encoded, next to the largest rest of a session (CSRF token, language, a notice)."""
    session = {"answers": plain_answers(answers), **SESSION_EXTRAS}
    sealed = len(zlib.compress(compact_json(session), 9)) + ENVELOPE_BYTES
    return math.ceil(sealed * 4 / 3)
