"""Headers on every kind of response, friendly error pages, limits, and no open redirects."""

from __future__ import annotations

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient
from support import Patient
from werkzeug.test import TestResponse

CSP = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


@pytest.fixture
def broken_app(app_config: dict[str, object]) -> Flask:
    """The app with two extra routes that fail, to see the 500 and 400 pages."""
    from screener import create_app

    app = create_app(app_config)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    @app.get("/bad")
    def bad() -> str:
        abort(400)

    return app


def _responses(client: FlaskClient) -> dict[str, TestResponse]:
    responses = {
        "page": client.get("/"),
        "question": client.get("/q/legs"),
        "redirect": client.get("/result"),
        "static": client.get("/static/app.css"),
        "404": client.get("/no/such/page"),
        "405": client.get("/clear"),
        "413": client.post("/q/legs", data={"legs": "x" * 70_000}),
        "400": client.get("/bad"),
        "500": client.get("/boom"),
    }
    for response in responses.values():
        response.get_data()
        response.close()  # static files are streamed from an open file
    return responses


def test_every_response_carries_the_security_headers(broken_app: Flask) -> None:
    for kind, response in _responses(broken_app.test_client()).items():
        headers = response.headers
        assert headers["Content-Security-Policy"] == CSP, kind
        assert headers["X-Content-Type-Options"] == "nosniff", kind
        assert headers["Referrer-Policy"] == "no-referrer", kind
        assert "camera=()" in headers["Permissions-Policy"], kind
        assert "Strict-Transport-Security" not in headers, kind
        if kind == "static":
            assert headers.get("Cache-Control") != "no-store"
        else:
            assert headers["Cache-Control"] == "no-store", kind


def test_hsts_when_https_is_configured(app_config: dict[str, object]) -> None:
    from screener import create_app

    client = create_app({**app_config, "HTTPS": True}).test_client()
    for path in ("/", "/static/app.css", "/missing"):
        response = client.get(path)
        response.close()
        assert response.headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains"
        )


@pytest.mark.parametrize(
    ("kind", "status", "title"),
    [
        ("404", 404, "Page not found"),
        ("405", 405, "That did not work"),
        ("413", 413, "That was too much to send"),
        ("400", 400, "Something went wrong with that request"),
        ("500", 500, "Sorry, something went wrong on our side"),
    ],
)
def test_error_pages_are_friendly(broken_app: Flask, kind: str, status: int, title: str) -> None:
    response = _responses(broken_app.test_client())[kind]
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert f'<h1 class="heading-l">{title}</h1>' in html
    assert "Severe symptoms?" in html
    assert "Traceback" not in html and "secret internals" not in html


@pytest.mark.parametrize(
    "data",
    [
        {"legs": "<script>alert(1)</script>"},
        {"legs": ["one_leg", "both_legs"]},
        {"legs": "one_leg", "saddle": "yes", "unknown": "x"},
        {"legs": "\x00\u202e\ud7ff"},
        {f"field{i}": "x" for i in range(150)},
        {},
    ],
    ids=["markup", "duplicated", "extra fields", "control characters", "many fields", "empty"],
)
def test_junk_posts_never_fail(patient: Patient, data: dict[str, object]) -> None:
    response = patient.post("/q/legs", data)
    assert response.status_code in (200, 302)
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_too_many_form_parts_is_a_413(client: FlaskClient) -> None:
    response = client.post(
        "/q/legs", data={f"f{i}": "x" for i in range(300)}, content_type="multipart/form-data"
    )
    assert response.status_code == 413


def test_invalid_utf8_is_handled(client: FlaskClient) -> None:
    response = client.post(
        "/q/legs",
        data=b"legs=\xff\xfe&csrf_token=x",
        content_type="application/x-www-form-urlencoded",
    )
    html = response.get_data(as_text=True)
    # The same question again, with a plain message pointing at it, and nothing saved.
    assert response.status_code == 200
    assert '<h1 class="heading-l">Where do you feel pain, numbness or tingling?</h1>' in html
    assert (
        '<li><a href="#legs">Select an answer: Where do you feel pain, numbness or tingling?'
        "</a></li>"
    ) in html
    assert client.get("/q/saddle").location == "/q/legs"


def test_echoed_input_is_escaped(patient: Patient) -> None:
    patient.walk({"legs": "one_leg"}, until="/q/saddle")
    response = patient.answer("saddle", saddle='"><img src=x onerror=alert(1)>')
    html = response.get_data(as_text=True)
    assert "Select one of the options shown" in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\\\\evil",
        "http:/evil",
        "/\n",
        "/\r\nSet-Cookie: x=1",
        "/\x00",
    ],
)
def test_language_switch_never_redirects_off_site(client: FlaskClient, target: str) -> None:
    response = client.get("/language/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.location == "/"


def test_language_switch_returns_to_the_page(client: FlaskClient) -> None:
    assert client.get("/language/en?next=/q/legs").location == "/q/legs"
