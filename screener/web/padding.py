"""Every response a person gets is one size on the wire, whatever their answers.

Sizes can tell what encryption hides: a result page's length differs by tier, a question
page's by which page it is (and a follow-up page is asked only after certain answers), a
redirect's by the address it names, a download's by how many answers it holds, and the
cookie's by what it carries. So:

- every HTML page, and the download, is compressed here (nginx leaves it alone) and padded
  to a whole number of buckets: one gzip stream whose last block is stored spaces. A
  client that does not take gzip gets the body padded with spaces, uncompressed;
- a redirect's address and body together fill a whole number of REDIRECT_ROOM bytes;
- the session cookie is padded to the longest the questionnaire's answers can make
  (screener/core/cookie.py), and every post's answer sets it (screener/web/session.py).

Each kind then has one size to anyone watching, as long as its contents fit the same number
of buckets (tests check every page of every scenario, and a deploy test through nginx).
"""

from __future__ import annotations

import struct
import zlib

from flask import Flask, request
from werkzeug.wrappers import Response

BUCKET = 8 * 1024  # bytes on the wire, compressed; the largest page compresses to ~5 KB
PLAIN_BUCKET = 64 * 1024  # uncompressed; the largest download is ~27 KB
# Longer than any page address the app redirects to, so every redirect is this long.
REDIRECT_ROOM = 256
# What is padded: pages, and the download for the clinician (never /healthz).
PADDED_TYPES = frozenset({"text/html", "application/fhir+json"})
# A gzip header with no name and no time, so it says nothing and never changes.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# After the padding: an empty final stored block, then the CRC-32 and length (8 bytes).
_TAIL = 5 + 8


def gzip_padded(body: bytes, bucket: int = BUCKET) -> bytes:
    """`body` as one gzip stream whose length is a whole number of buckets."""
    # The fastest level: the size on the wire is the bucket's, however well it compresses.
    deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
    # A full flush ends on a byte boundary, where a stored block of spaces can follow.
    data = deflate.compress(body) + deflate.flush(zlib.Z_FULL_FLUSH)
    spaces = -(len(_HEADER) + len(data) + 5 + _TAIL) % bucket
    filler = b" " * spaces
    stored = b"\x00" + struct.pack("<HH", spaces, spaces ^ 0xFFFF) + filler
    whole = body + filler
    trailer = struct.pack("<II", zlib.crc32(whole), len(whole) & 0xFFFFFFFF)
    return _HEADER + data + stored + b"\x01\x00\x00\xff\xff" + trailer


def padded(response: Response) -> Response:
    """The response compressed and padded to whole buckets (or padded plain)."""
    body = response.get_data()
    if request.accept_encodings["gzip"]:
        response.set_data(gzip_padded(body))
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.set_data(body + b" " * (-len(body) % PLAIN_BUCKET))
    response.vary.add("Accept-Encoding")
    return response


def padded_redirect(response: Response) -> Response:
    """A redirect whose address and body together fill whole REDIRECT_ROOMs."""
    location = response.headers["Location"].encode("utf-8")
    response.set_data(b" " * (-len(location) % REDIRECT_ROOM))
    return response


def pad_what_a_person_gets(response: Response) -> Response:
    """Pad every page, redirect and download the app writes (files it sends are left as
    they are)."""
    if response.direct_passthrough or response.is_streamed:
        return response  # a file
    if 300 <= response.status_code < 400 and "Location" in response.headers:
        return padded_redirect(response)
    if response.mimetype in PADDED_TYPES:
        return padded(response)
    return response


def init_padding(app: Flask) -> None:
    """Pad every response after the views and error handlers have written it."""
    app.after_request(pad_what_a_person_gets)
