"""The signoff section's format, and its model: written by `screener signoff`, read here."""

from __future__ import annotations

import re
from typing import Any

from screener.authoring.compound_shapes import Field, ListOf, MapOf, Record
from screener.authoring.shapes import Str
from screener.core.model import Review, Signoff

DATE = Str(
    noun="a date written YYYY-MM-DD",
    pattern=re.compile(r"\d{4}-\d{2}-\d{2}\Z"),
    example="2026-11-27",
)
# Written by `screener signoff`, never by hand: the fingerprints are digests of the safety
# content (authoring/signoff.py).
REVIEW = Record(
    name="review",
    fields={
        "name": Field(Str(noun="the reviewer's name"), required=True, doc="Who reviewed it."),
        "role": Field(
            Str(noun="the reviewer's role"), required=True, doc="e.g. Physical therapist (DPT)."
        ),
        "date": Field(DATE, required=True, doc="When they signed it off."),
        "version": Field(Str(), required=True, doc="The meta version they reviewed."),
        "fingerprint": Field(
            Str(
                noun="a fingerprint written by screener signoff",
                pattern=re.compile(r"[0-9a-f]{16}\Z"),
                example="3f9a6c1e0b2d7a44",
            ),
            required=True,
            doc="The safety content they reviewed, as screener signoff recorded it.",
        ),
    },
)
SIGNOFF = Record(
    name="signoff section",
    fields={
        "reviews": Field(ListOf(item=REVIEW), default=[], doc="One entry per person and version."),
        "parts": Field(
            MapOf(
                value=Str(
                    noun="a digest written by screener signoff",
                    pattern=re.compile(r"[0-9a-f]{8}( [a-z][a-z0-9_]*)?\Z"),
                    example="1a2b3c4d",
                )
            ),
            default={},
            doc="Each safety part as two people last signed it, so a check can name changes.",
        ),
    },
)


def build_signoff(raw: dict[str, Any]) -> Signoff:
    """The reviews and signed parts; a broken review is already reported, and left out."""
    reviews = tuple(
        Review(r["name"], r["role"], r["date"], r["version"], r["fingerprint"])
        for r in raw.get("reviews", ())
        if not r.get("__broken__")
    )
    return Signoff(reviews, dict(raw.get("parts", {})))
