"""Links that are the same for everyone: worked out once per place the app is served from.

`url_for` costs as much as a dozen lines of a page; every page and redirect uses a few of the
same ones (the next page, Back, the stylesheet), and they depend only on the endpoint, its
values and the script root the server gives the app.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

# Links kept before starting again: the endpoints times the questionnaire's pages, a few
# times over (a reload brings new page ids; a proxy may serve the app under a few roots).
MOST_LINKS = 4096
_KEPT: dict[tuple[str, str, tuple[tuple[str, Any], ...]], str] = {}


def link(endpoint: str, **values: Any) -> str:
    """`url_for(endpoint, **values)` (a full endpoint name: "journey.question"), kept."""
    key = (request.script_root, endpoint, tuple(sorted(values.items())))
    found = _KEPT.get(key)
    if found is None:
        if len(_KEPT) >= MOST_LINKS:
            _KEPT.clear()
        found = _KEPT[key] = url_for(endpoint, **values)
    return found
