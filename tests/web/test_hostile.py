"""Hostile input: arbitrary posts, cookies, paths and headers never cause a 5xx or an echo."""

from __future__ import annotations

import re
from functools import cache

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURE, SECRET, Patient
from werkzeug.datastructures import MultiDict

# Hypothesis throws thousands of hostile requests at the app.
pytestmark = pytest.mark.slow

MARK = "<x-hostile-7>"
PATHS = [
    "/",
    "/start",
    "/q/legs",
    "/q/bladder",
    "/q/pain",
    "/q/course",
    "/q/notes",
    "/q/both_legs_new",
    "/check",
    "/result",
    "/clear",
    "/language/es",
    "/q/nope",
    "/static/app.css",
]
NAMES = st.one_of(
    st.sampled_from(
        [
            "legs",
            "bladder",
            "leg_pain",
            "back_pain",
            "duration",
            "trend",
            "notes",
            "saddle",
            "csrf_token",
            "lang",
            "next",
        ]
    ),
    st.text(max_size=30),
)
VALUES = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "one_leg",
            "both_legs",
            "none",
            "7",
            "-1",
            "99999999999",
            "1e9",
            "",
            "\u202e\u202dleft",
            "\x00\x01\x7f",
            "\ud7ff",
            MARK,
            f"{MARK}\"'>",
        ]
    ),
    st.integers(1000, 70_000).map(lambda n: "y" * n),
)


@cache
def _app() -> Flask:
    """One app for every generated case (hypothesis reruns the test many times)."""
    from screener import create_app

    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": SECRET,
            "RATE_LIMIT": "off",
            "QUESTIONNAIRE": str(FIXTURE),
        }
    )


def _assert_safe(response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    body = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert status < 500, status
    assert MARK not in body  # any echo of it must be escaped (&lt;x-hostile-7&gt;)
    assert "Traceback" not in body


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(PATHS),
    method=st.sampled_from(["GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD"]),
    fields=st.lists(st.tuples(NAMES, VALUES), max_size=12),
    token=st.sampled_from(["valid", "missing", "forged", "doubled"]),
    multipart=st.booleans(),
)
def test_arbitrary_form_posts_never_fail(
    path: str, method: str, fields: list[tuple[str, str]], token: str, multipart: bool
) -> None:
    client = _app().test_client()
    patient = Patient(client)
    patient.answer("legs", legs="one_leg")
    data = MultiDict(fields)
    if token != "missing":
        real = patient.token("/q/right_now")
        data.add("csrf_token", real if token != "forged" else real[::-1])
        if token == "doubled":
            data.add("csrf_token", "other")
    response = client.open(
        path, method=method, data=data, content_type="multipart/form-data" if multipart else None
    )
    _assert_safe(response)
    response.close()


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=2000), path=st.sampled_from(PATHS))
def test_raw_bodies_and_invalid_utf8_never_fail(body: bytes, path: str) -> None:
    client = _app().test_client()
    for content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/plain",
    ):
        response = client.post(path, data=body, content_type=content_type)
        _assert_safe(response)
        response.close()


@settings(max_examples=150, deadline=None)
@given(
    cookie=st.one_of(
        st.text(max_size=500),
        st.binary(max_size=300).map(lambda b: __import__("base64").urlsafe_b64encode(b).decode()),
    )
)
def test_arbitrary_cookies_never_fail(cookie: str) -> None:
    client = _app().test_client()
    client.set_cookie("screener", cookie)
    for path in ("/q/legs", "/result", "/"):
        _assert_safe(client.get(path))
    _assert_safe(client.post("/q/legs", data={"legs": "one_leg"}))


@pytest.mark.parametrize(
    "path",
    [
        "/static/../questions.yaml",
        "/static/..%2fquestions.yaml",
        "/static/%2e%2e/screener/web/config.py",
        "/q/..%2f..%2fetc%2fpasswd",
        "/q/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/app.css%00.html",
        "/q/" + "a" * 10_000,
        "/" + "x/" * 3000,
        "/q/legs?" + "a=b&" * 5000,
        "/language/" + "é" * 100,
    ],
)
def test_paths_never_fail_or_leak_files(path: str) -> None:
    response = _app().test_client().get(path)
    _assert_safe(response)
    body = response.get_data(as_text=True)
    assert "SECRET_KEY" not in body and "root:x:0:0" not in body and "red_flags:" not in body
    response.close()


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "evil.example"},
        {"Host": "evil.example:443"},
        {"Host": ""},
        {"Host": "a" * 5000},
        {"X-Forwarded-Host": "evil.example"},
        {"X-Forwarded-For": "1.2.3.4, 5.6.7.8"},
        {"Accept-Language": "x" * 5000},
        {"Accept-Language": "es;q=abc,*;q=-1"},
        {"Cookie": "screener=" + "A" * 8000},
        {"Content-Length": "-1"},
    ],
)
def test_odd_headers_never_fail_or_redirect_off_site(headers: dict[str, str]) -> None:
    client = _app().test_client()
    for response in (
        client.get("/result", headers=headers),
        client.get("/language/es?next=/q/legs", headers=headers),
        client.post("/start", headers=headers),
    ):
        _assert_safe(response)
        location = response.headers.get("Location", "")
        assert not location or location.startswith("/"), location
        assert not re.match(r"https?://", location)
