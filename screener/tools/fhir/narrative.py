"""The narrative of a FHIR resource: what a person reading the record sees (R4 dom-6)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any


def narrative(lines: Iterable[str], rows: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """What a person reading the record sees (FHIR R4 dom-6): lines, then a table of rows."""
    cells = "".join(
        f"<tr><td>{escape(left)}</td><td>{escape(right)}</td></tr>" for left, right in rows
    )
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    body += f"<table><tbody>{cells}</tbody></table>" if cells else ""
    return {
        "status": "generated",
        "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>',
    }
