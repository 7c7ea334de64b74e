"""Responses whose size could tell the advice apart are all sent in one size.

A result page's length differs by tier (each tier has its own words and cards), even
encrypted and compressed, and so does the download's (an emergency stop holds fewer
answers). So these two are compressed here, not by nginx, and padded on the wire to a whole
number of buckets: one gzip stream whose last block is stored spaces. Every result, and
every download, then has one size to anyone watching, as long as each fits the same number
of buckets (a deploy test checks it over every scenario, through nginx). A client that does
not take gzip gets the body padded with spaces, uncompressed.
"""

from __future__ import annotations

import struct
import zlib

from flask import request
from werkzeug.wrappers import Response

BUCKET = 8 * 1024  # bytes on the wire, compressed; the largest result compresses to ~4.4 KB
PLAIN_BUCKET = 64 * 1024  # uncompressed; the largest download is ~27 KB
# A gzip header with no name and no time, so it says nothing and never changes.
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# After the padding: an empty final stored block, then the CRC-32 and length (8 bytes).
_TAIL = 5 + 8


def gzip_padded(body: bytes, bucket: int = BUCKET) -> bytes:
    """`body` as one gzip stream whose length is a whole number of buckets."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
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
