"""The session cookie's layout and size budget, in one place for the session that writes it
and the check that keeps every questionnaire's answers within it.

Layout: base64url(version byte | 12-byte nonce | AES-GCM ciphertext and 16-byte tag) of
zlib(compact JSON). The web session (screener/web/session.py) does the sealing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import zlib
from dataclasses import dataclass
from typing import Any

from screener.core.answers import plain_answers, worst_case_answers
from screener.core.conditions import Answers
from screener.core.kept import Store, kept
from screener.core.model import Questionnaire

FORMAT = 1  # the version byte; bump it when the payload layout changes
NONCE_BYTES = 12
TAG_BYTES = 16
ENVELOPE_BYTES = 1 + NONCE_BYTES + TAG_BYTES
# Browsers keep cookies up to 4,096 bytes, name and attributes included; they take at most
# ATTRIBUTE_ROOM of them (the name is short), and the value may take the rest.
COOKIE_LIMIT = 4096
ATTRIBUTE_ROOM = 100
# What a questionnaire's largest answers may take, leaving the rest of the value for the
# session's other keys (at their largest, below) and a margin for compression being worse.
SESSION_BUDGET = 3900
# The cookie's length would tell how much was answered, and how. So every cookie of a
# questionnaire is padded to the longest that questionnaire's answers can make (rounded up
# to 128 characters, a margin for compression), and any longer one, or one sealed with no
# questionnaire to measure, to whole buckets of 1,024 characters; never past what leaves
# room for a cookie name of up to 30 characters within the browser's limit.
COOKIE_BUCKET = 1024
LONGEST_NAME = 30
_BUCKET_BYTES = COOKIE_BUCKET * 3 // 4  # 4 base64 characters are 3 bytes
_STEP_BYTES = 128 * 3 // 4
_ROOM_BYTES = (COOKIE_LIMIT - ATTRIBUTE_ROOM - LONGEST_NAME) // 4 * 3


@dataclass(frozen=True)
class SessionKey:
    """One key the session cookie may hold: what it is for, and its largest value."""

    name: str
    purpose: str
    largest: Any  # for the size budget (the answers' largest is each questionnaire's own)


# Every key the session may hold, declared once: the session writes no other, and the size
# budget counts each at its largest.
SESSION_KEYS = (
    SessionKey("answers", "the person's answers, on their route", None),
    SessionKey("lang", "the language chosen with the switch", "es"),
    # Random in life, so examples that do not compress: 40 hex digits, and the same signed
    # (base64 of the quoted token, a timestamp and a signature).
    SessionKey(
        "csrf_token",
        "the secret Flask-WTF signs this session's form tokens with",
        hashlib.sha1(b"csrf").hexdigest(),
    ),
    SessionKey(
        "csrf_signed",
        "that token as pages print it, signed once",
        base64.urlsafe_b64encode(hashlib.sha512(b"signed").digest() * 2)[:94].decode("ascii"),
    ),
    SessionKey("_t", "when the cookie was last written (idle expiry)", 9_999_999_999),
    SessionKey("_b", "when this journey's first cookie was written (its lifetime)", 9_999_999_999),
    SessionKey(
        "_flashes",
        "notices for the next page",
        [["message", "Las preguntas cambiaron desde su última visita. " * 4]],
    ),
    SessionKey("preview", "the author's preview is on in this browser", True),
)
DECLARED_KEYS = frozenset(key.name for key in SESSION_KEYS)
# The most the rest of a session holds besides answers.
SESSION_EXTRAS: dict[str, Any] = {k.name: k.largest for k in SESSION_KEYS if k.name != "answers"}


def compact_json(data: Any) -> bytes:
    """The JSON the session cookie carries: no spaces, UTF-8 rather than \\u escapes."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sealed_bytes(answers: Answers) -> int:
    """Bytes of the sealed session these answers need before base64, next to the largest
    rest of a session (CSRF token, language, a notice)."""
    session = {"answers": plain_answers(answers), **SESSION_EXTRAS}
    return len(zlib.compress(compact_json(session), 9)) + ENVELOPE_BYTES


def cookie_bytes(answers: Answers) -> int:
    """Characters of the session cookie these answers need, once compressed, encrypted and
    base64-encoded, next to the largest rest of a session (CSRF token, language, a notice)."""
    return math.ceil(sealed_bytes(answers) * 4 / 3)


_LONGEST: Store[int] = {}


def longest_sealed(questionnaire: Questionnaire) -> int:
    """Bytes of the longest sealed session this questionnaire's answers can make (worked out
    once per questionnaire)."""
    return kept(_LONGEST, questionnaire, None, lambda q: sealed_bytes(worst_case_answers(q)), 4)


def padded_bytes(sealed: int, longest: int = 0) -> int:
    """Bytes a sealed cookie of `sealed` bytes takes once padded: `longest` (a questionnaire's
    longest, in whole steps) when it fits there, else whole buckets; within the limit."""
    step = _STEP_BYTES if sealed <= longest else _BUCKET_BYTES
    whole = -(-max(sealed, longest) // step) * step
    return max(sealed, min(whole, _ROOM_BYTES))
