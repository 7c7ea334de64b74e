"""One emergency path: every way a posted page can go wrong asks the same function.

The journey (a mistake on the page), an expired session, a lost CSRF token and the rate
limit each show the emergency advice a post calls for. They all decide it with
`screener.web.safety.read_post`: plant a difference there and every path changes with it.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support import SECRET, Patient, h1
from werkzeug.test import TestResponse

from screener.web import safety
from screener.web.session import seal

ADVICE = "Go to the emergency room (ER) now, or call 911"


def _mistake_on_the_page(client: FlaskClient) -> str:
    # The warning sign and "None of these" together: the form refuses it, the advice not.
    patient = Patient(client)
    patient.walk({}, until="/q/bladder")
    response = patient.answer("bladder", bladder=["none", "leaking"])
    if response.status_code == 302:
        response = client.get(response.location)
    return response.get_data(as_text=True)


def _expired_session(client: FlaskClient) -> str:
    stale = seal({"answers": {"legs": "one_leg"}, "_t": int(time.time()) - 25 * 3600}, SECRET)
    client.set_cookie("screener", stale)
    return client.post("/q/saddle", data={"saddle": "yes"}).get_data(as_text=True)


def _lost_token(client: FlaskClient) -> str:
    patient = Patient(client)
    patient.walk({}, until="/q/saddle")
    token = patient.token("/q/saddle")
    client.delete_cookie("screener")
    return patient.post("/q/saddle", {"saddle": "yes"}, token=token).get_data(as_text=True)


def _over_the_rate_limit(client: FlaskClient) -> str:
    patient = Patient(client)
    token = patient.token("/q/legs")  # tokens are the session's, whichever page shows them
    for _ in range(3):
        patient.answer("legs", legs="one_leg")
    response = patient.post("/q/saddle", {"saddle": "yes"}, token=token)
    assert response.status_code == 429
    return response.get_data(as_text=True)


PATHS: dict[str, Callable[[FlaskClient], str]] = {
    "a mistake on the page": _mistake_on_the_page,
    "an expired session": _expired_session,
    "a lost CSRF token": _lost_token,
    "over the rate limit": _over_the_rate_limit,
}


def _client(app_config: dict[str, object], path: str) -> FlaskClient:
    from screener import create_app

    limit = "3 per minute" if path == "over the rate limit" else "120 per minute"
    app: Flask = create_app({**app_config, "RATE_LIMIT": limit})
    return app.test_client()


@pytest.mark.parametrize("path", PATHS)
def test_every_path_shows_the_emergency_advice(app_config: dict[str, object], path: str) -> None:
    html = PATHS[path](_client(app_config, path))
    assert h1(html) == ADVICE


@pytest.mark.parametrize("path", PATHS)
def test_a_difference_planted_in_the_one_decision_reaches_every_path(
    app_config: dict[str, object], path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were any path deciding for itself, it would still show the advice here.
    monkeypatch.setattr(safety.PostedPage, "emergency", property(lambda posted: False))
    html = PATHS[path](_client(app_config, path))
    assert ADVICE not in html
    assert "Your answers" in html or "There is a problem" in html or "Too many" in html


def _wire_size(response: TestResponse) -> int:
    """The response's headers and body as sent (the date aside, the same for everyone)."""
    head = sum(len(k) + len(v) + 4 for k, v in response.headers.items() if k != "Date")
    return head + len(response.get_data())


@pytest.mark.parametrize(
    ("path", "token"), [("a token from an older session", "stale"), ("over the limit", None)]
)
def test_where_a_post_is_refused_an_emergency_answer_is_the_same_size_as_a_calm_one(
    app_config: dict[str, object], path: str, token: str | None
) -> None:
    from screener import create_app

    sizes, headings = [], []
    for saddle in ("no", "yes"):
        limit = "3 per minute" if token is None else "120 per minute"
        patient = Patient(create_app({**app_config, "RATE_LIMIT": limit}).test_client())
        if token is None:  # the allowance spent on the first page
            token = patient.token("/q/legs")
            for _ in range(3):
                patient.answer("legs", legs="one_leg")
        else:
            patient.walk({}, until="/q/saddle")
        form = {"csrf_token": token, "saddle": saddle}
        response = patient.client.post("/q/saddle", data=form, headers={"Accept-Encoding": "gzip"})
        assert response.headers.getlist("Set-Cookie"), saddle  # sent whether changed or not
        sizes.append(_wire_size(response))
        headings.append(h1(gzip.decompress(response.get_data()).decode()))
    assert headings[1] == ADVICE and headings[0] != ADVICE
    assert sizes[0] == sizes[1], sizes
