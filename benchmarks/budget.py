"""Where a request's time goes: microseconds per part, measured in-process.

Run by `make bench` (after the HTTP ratios) or `python benchmarks/budget.py`. The app is
driven through its WSGI entry point, with no server, for the three benchmarked requests. A
light deterministic profiler wraps the named functions below with timers; each part's figure
is its own time (time inside another named part counts there), and "Flask, Werkzeug and the
rest" is what is left of the whole request. The bare-Flask floor is measured the same way.
"""

from __future__ import annotations

import io
import sys
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from flask import Flask  # noqa: E402
from shipped import SHIPPED, benign  # noqa: E402
from support import Patient  # noqa: E402

REQUESTS = 2000
# (part, module, attribute): the function whose own time the part is. A name imported into
# several modules is wrapped in each.
PARTS: list[tuple[str, str, str]] = [
    ("cookie: open and decrypt", "screener.web.session", "EncryptedSessionInterface.open_session"),
    ("cookie: seal and set", "screener.web.session", "EncryptedSessionInterface.save_session"),
    ("language", "screener.web.i18n", "select_language"),
    ("answers checked against the questionnaire", "screener.core.answers", "parse_answers"),
    ("route", "screener.core.route", "route"),
    ("red flags, tier and cards", "screener.core.triage", "assess_route"),
    ("does anything stop the questionnaire", "screener.core.triage", "stops"),
    ("form: build and validate (WTForms)", "screener.web.forms", "page_form"),
    ("form: build and validate (WTForms)", "flask_wtf.form", "FlaskForm.validate_on_submit"),
    ("CSRF token: sign", "flask_wtf.csrf", "generate_csrf"),
    ("answers put into words", "screener.web.presenters", "answer_words"),
    ("page texts, kept per questionnaire", "screener.web.page_texts", "texts"),
    ("page: rendered by Jinja", "screener.web.pages", "render_template"),
    ("page: compressed and padded", "screener.web.padding", "padded"),
    ("page: compressed and padded", "screener.web.padding", "padded_redirect"),
    ("redirect and links (url_for)", "flask.helpers", "url_for"),
    ("security headers", "screener.web.headers", "add_headers"),
]


class Timers:
    """Own time per part, with a stack so nested parts are not counted twice."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []

    def wrap(self, part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [0.0]  # time spent in named parts inside this call
            self._stack.append(frame)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self._stack.pop()
                self.own[part] += spent - frame[0]
                if self._stack:
                    self._stack[-1][0] += spent

        return timed


@contextmanager
def profiled(timers: Timers) -> Iterator[None]:
    """Wrap every named part, wherever it was imported; unwrap afterwards."""
    undo: list[tuple[Any, str, Any]] = []
    for part, module_name, attribute in PARTS:
        module = __import__(module_name, fromlist=["_"])
        owner_name, _, name = attribute.rpartition(".")
        if owner_name:
            owner = getattr(module, owner_name)
            original = owner.__dict__[name]
            undo.append((owner, name, original))
            setattr(owner, name, timers.wrap(part, original))
            continue
        original = getattr(module, name)
        timed = timers.wrap(part, original)
        for other in list(sys.modules.values()):
            if getattr(other, name, None) is original and (
                other.__name__.startswith(("screener", "flask"))
            ):
                undo.append((other, name, original))
                setattr(other, name, timed)
    try:
        yield
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


def _environ(path: str, cookie: str, body: str = "") -> dict[str, Any]:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(
        path=path,
        method="POST" if body else "GET",
        headers={"Cookie": cookie, "Accept-Encoding": "gzip"},  # as browsers, and wrk
        data=body or None,
        content_type="application/x-www-form-urlencoded" if body else None,
    )
    environ = builder.get_environ()
    environ["body"] = environ["wsgi.input"].read()
    return environ


def drive(app: Flask, environ: dict[str, Any], count: int) -> float:
    """Seconds per request over `count` requests (each with its own copy of the body)."""
    body = environ["body"]

    def start_response(status: str, *_args: Any) -> None:
        assert status.startswith(("200", "302")), status

    started = time.perf_counter()
    for _ in range(count):
        request = {**environ, "wsgi.input": io.BytesIO(body)}
        for _chunk in app.wsgi_app(request, start_response):
            pass
    return (time.perf_counter() - started) / count


def pain_answers(token: str) -> str:
    """The benchmarked post: a whole answer to the pain page, which the app accepts."""
    fields = {"csrf_token": token, "leg_pain": "4", "back_pain": "2", "numbness": "none"}
    return urllib.parse.urlencode(fields)


def requests(app: Flask) -> dict[str, dict[str, Any]]:
    """The three benchmarked requests, as bench_http.py sends them."""
    client = app.test_client()
    patient = Patient(client)
    patient.walk(benign(), until="/q/pain")
    token = patient.token("/q/pain")
    mid = f"screener={client.get_cookie('screener').value}"  # type: ignore[union-attr]
    done_client = app.test_client()
    Patient(done_client).walk(benign())
    done = f"screener={done_client.get_cookie('screener').value}"  # type: ignore[union-attr]
    body = pain_answers(token)
    accepted = client.post("/q/pain", data=body, content_type="application/x-www-form-urlencoded")
    assert accepted.status_code == 302, "the benchmarked post is refused; update pain_answers"
    return {
        "question page (GET)": _environ("/q/pain", mid),
        "answer (POST)": _environ("/q/pain", mid, body),
        "result page (GET)": _environ("/result", done),
    }


def floor() -> float:
    """The bare-Flask floor, in-process: a constant page of the question page's size."""
    app = Flask("floor")
    page = app.jinja_env.from_string("x" * 20_000)
    app.add_url_rule("/page", "page", lambda: page.render())
    environ = _environ("/page", "")
    drive(app, environ, 200)
    return drive(app, environ, REQUESTS)


def main() -> None:
    from screener import create_app

    app = create_app({"SECRET_KEY": "b" * 64, "RATE_LIMIT": "off", "QUESTIONNAIRE": str(SHIPPED)})
    table: dict[str, dict[str, float]] = {}
    totals: dict[str, float] = {}
    for name, environ in requests(app).items():
        drive(app, environ, 300)  # warm: page texts kept, caches filled
        totals[name] = drive(app, environ, REQUESTS)
        timers = Timers()
        with profiled(timers):
            whole = drive(app, environ, REQUESTS)
        parts = {part: spent / REQUESTS for part, spent in timers.own.items()}
        parts["Flask, Werkzeug and the rest"] = whole - sum(parts.values())
        table[name] = parts
    names = list(table)
    print(f"\nbudget: microseconds per request, in-process, {REQUESTS:,} requests each\n")
    print(f"{'part':44}" + "".join(f"{n.split(' (')[0]:>16}" for n in names))
    rows = [p for p, *_ in PARTS] + ["Flask, Werkzeug and the rest"]
    for part in dict.fromkeys(rows):
        if any(table[n].get(part, 0) >= 0.5e-6 for n in names):
            print(f"{part:44}" + "".join(f"{table[n].get(part, 0) * 1e6:16.0f}" for n in names))
    print(f"{'whole request (unprofiled)':44}" + "".join(f"{totals[n] * 1e6:16.0f}" for n in names))
    print(f"{'bare Flask floor, same way':44}{floor() * 1e6:16.0f}")


if __name__ == "__main__":
    main()
