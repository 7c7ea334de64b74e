"""Shared test helpers: a small inline questionnaire, and a patient using the app."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from screener.authoring.loader import check_text
from screener.core.conditions import Answers, AnswerValue
from screener.core.model import Question, Questionnaire
from screener.core.route import route
from screener.core.triage import assess

ROOT = Path(__file__).resolve().parent.parent
# The questionnaire the engineering tests run on, and its scenarios: test data that changes
# only with the code, so a clinician's edit to questions.yaml never breaks these tests.
FIXTURE = ROOT / "tests" / "fixtures" / "questionnaire.yaml"
FIXTURE_SCENARIOS = ROOT / "tests" / "fixtures" / "scenarios"

# Line numbers matter: tests assert exact positions in this text.
MINIMAL = textwrap.dedent(
    """\
    meta:
      id: demo
      version: "1"
      date: 2026-01-01
      title: Demo
    tiers:
      - id: emergency
        headline: Call {emergency_number}
        action: Go now.
        time_frame: Now
        interrupt: true
      - id: self_care
        headline: Look after yourself
        action: Keep moving.
        time_frame: Weeks
    pages:
      - id: legs
        title: Legs
        questions:
          - id: legs
            type: single_choice
            text: Where is the pain?
            options:
              - value: one
                label: One leg
              - value: both
                label: Both legs
      - id: saddle
        title: Saddle
        questions:
          - id: saddle
            type: yes_no
            text: Any numbness?
    red_flags:
      - id: both_legs
        tier: emergency
        when: legs == "both"
        title: Both legs
        message: Both legs hurt.
        say_on_arrival: My legs both hurt.
        source: NICE CKS
    guidance:
      - id: keep_moving
        title: Keep moving
        body: Walk a little each day.
        source: NICE NG59
        tiers: [self_care]
    safety_net:
      title: Safety
      body: Call {emergency_number} if it gets worse.
    disclaimer:
      title: About this result
      body: This is not a diagnosis.
    """
)


def downgraded(text: str) -> str:
    """The unsafe edit a review must catch, in one go: the saddle-numbness red flag lowered
    from "emergency" to "soon", and the promise that it is an emergency deleted."""
    lowered = text.replace(
        "  - id: ces_saddle\n    tier: emergency\n", "  - id: ces_saddle\n    tier: soon\n"
    )
    promise = re.compile(r"^  - id: saddle_is_emergency\n(?:    .*\n)*", re.M)
    assert lowered != text and promise.search(lowered), "the saddle flag or promise moved"
    return promise.sub("", lowered, count=1)


def problems_in(text: str) -> list[str]:
    """Every problem reported for a questionnaire text, as printed by `screener check`."""
    return [str(p) for p in check_text(text).problems]


def build(text: str) -> Questionnaire:
    """A questionnaire from text that must be valid."""
    report = check_text(text)
    assert report.ok and report.questionnaire is not None, report.problems
    return report.questionnaire


# -- the web app -------------------------------------------------------------------------

SECRET = "test-secret-key-of-at-least-32-bytes"
BENIGN: dict[str, str | list[str]] = {  # the calmest person of the fixture questionnaire
    "legs": "one_leg",
    "right_now": ["none"],
    "leg_signs": ["none"],
    "saddle": "no",
    "bladder": ["none"],
    "weakness": "none",
    "fever": "no",
    "unwell": "no",
    "cancer": "no",
    "age": "16_69",
    "leg_pain": "4",
    "back_pain": "2",
    "numbness": ["below_knee"],
    "sleep": "never",
    "weeks": "2",
    "trend": "better",
    "notes": "",
}


def calm_answers(q: Questionnaire) -> dict[str, str | list[str]]:
    """The calmest answer to every question of any questionnaire, as a form posts it: "no",
    "None of these", the first option, the lowest number, no note (for walks and benchmarks
    of the shipped file, whatever its questions are)."""
    calm: dict[str, str | list[str]] = {}
    for question in q.questions.values():
        values = question.option_values
        if question.type == "yes_no":
            calm[question.id] = "no"
        elif question.type == "multiple_choice":
            calm[question.id] = [o.value for o in question.options if o.exclusive][:1]
        elif values:
            calm[question.id] = values[0]
        elif question.minimum is not None or question.type == "scale":
            calm[question.id] = str(question.minimum or 0)
        else:
            calm[question.id] = ""
    return calm


def _candidates(question: Question) -> list[AnswerValue]:
    """Answers to try for a question, calmest first."""
    if question.value_kind == "choices":
        exclusive = [frozenset({o.value}) for o in question.options if o.exclusive]
        return [*exclusive, *(frozenset({o.value}) for o in question.options)]
    if question.value_kind == "choice":
        return (
            ["no", *question.option_values]
            if question.type == "yes_no"
            else [*question.option_values]
        )
    if question.value_kind == "int":
        low = question.minimum if question.minimum is not None else 0
        return [low, question.maximum if question.maximum is not None else 10]
    return [""]


def completed(q: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    """Scenario answers with every question on their route answered, each added answer
    chosen so that the result stays exactly the same: a scenario written before a question
    was added still reaches its result page, with the meaning it was written with."""
    found: dict[str, AnswerValue] = dict(answers)
    before = assess(q, found)
    same = (before.tier.id, [f.flag.id for f in before.red_flags], [c.id for c in before.guidance])
    for _ in range(len(q.questions)):
        walk = route(q, found)
        missing = [
            question
            for shown in walk.questions.values()
            for question in shown
            if question.id not in found and question.value_kind != "text"
        ]
        if not missing:
            return found
        question = missing[0]
        for value in _candidates(question):
            after = assess(q, {**found, question.id: value})
            kept = (
                after.tier.id,
                [f.flag.id for f in after.red_flags],
                [c.id for c in after.guidance],
            )
            if kept == same:
                found[question.id] = value
                break
        else:
            raise AssertionError(f"no answer to {question.id} keeps the result of {answers}")
    return found


def as_posted(value: object) -> str | list[str]:
    """An answer as a form posts it."""
    return sorted(str(v) for v in value) if isinstance(value, frozenset) else str(value)


def posted_journey(q: Questionnaire, answers: Answers) -> dict[str, str | list[str]]:
    """What a form posts for a scenario's whole journey: its answers, completed without
    changing its result, and the calmest answer to anything else."""
    given = {k: as_posted(v) for k, v in completed(q, answers).items()}
    return {**calm_answers(q), **given}


def form_token(html: str) -> str:
    """The CSRF token a page's form carries ("" when it has none)."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    return match.group(1) if match else ""


def form_fields(html: str) -> list[str]:
    """The question fields on a page, in order (the token aside)."""
    names = re.findall(r'<(?:input|textarea)[^>]* name="([a-z_0-9]+)"', html)
    return list(dict.fromkeys(n for n in names if n != "csrf_token"))


class Patient:
    """A person using the app through the test client: reads pages, posts forms."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, path: str, **kwargs: object) -> TestResponse:
        return self.client.get(path, **kwargs)  # type: ignore[arg-type]

    def token(self, path: str = "/") -> str:
        """The CSRF token from a page's form."""
        token = form_token(self.get(path).get_data(as_text=True))
        assert token, f"no form on {path}"
        return token

    def post(self, path: str, data: dict[str, object], token: str | None = None) -> TestResponse:
        """Post a form with a valid token (taken from the page itself unless given)."""
        page = path if path.startswith("/q/") else "/"
        form = {"csrf_token": token if token is not None else self.token(page), **data}
        return self.client.post(path, data=form)

    def answer(self, page: str, **answers: object) -> TestResponse:
        """Answer one page; returns the response (a redirect when accepted)."""
        return self.post(f"/q/{page}", answers)

    def fields_on(self, path: str) -> list[str]:
        """The question fields on a page, in order."""
        return form_fields(self.get(path).get_data(as_text=True))

    def walk(
        self, answers: dict[str, str | list[str]], until: str = "/result", start: str | None = None
    ) -> str:
        """Answer page after page from `start` (else the first page, where Start leads);
        returns the path where it stopped.

        Questions `answers` leaves out get the benign answer."""
        answers = {**BENIGN, **answers}
        path = start or self.post("/start", {}).location
        for _ in range(40):
            if path == until or not path.startswith("/q/"):
                return path
            fields = self.fields_on(path)
            response = self.post(path, {name: answers.get(name, "") for name in fields})
            assert response.status_code == 302, (path, response.get_data(as_text=True)[:2000])
            path = response.location
        raise AssertionError("the journey never ended")

    def session(self) -> dict[str, object]:
        """The decrypted session, as the server would read it."""
        from screener.web.session import unseal

        cookie = self.client.get_cookie("screener")
        if cookie is None:
            return {}
        data = unseal(cookie.value, [SECRET])
        assert data is not None
        return data


# -- the real app under gunicorn -----------------------------------------------------------

SERVER_SECRET = secrets.token_hex(32)
SERVERS: dict[str, Server] = {}  # base URL -> its running gunicorn


@dataclass
class Server:
    """A gunicorn master process and the file its logs go to."""

    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        """Process ids of the master's workers."""
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in found.stdout.split()]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_app(
    env: Mapping[str, str] | None = None,
    workers: int = 1,
    args: Sequence[str] = (),
    app: str = "screener:create_app()",
    questionnaire: Path = FIXTURE,
) -> Iterator[str]:
    """The real app (or `app`) under gunicorn on a free loopback port; yields its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "SCREENER_SECRET_KEY": SERVER_SECRET,
        "SCREENER_RATE_LIMIT": "off",
        "SCREENER_QUESTIONNAIRE": str(questionnaire),
        **(env or {}),
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "gunicorn.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                [
                    gunicorn,
                    "--workers",
                    str(workers),
                    "--bind",
                    f"127.0.0.1:{port}",
                    *args,
                    app,
                ],
                cwd=ROOT,
                env=environment,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        SERVERS[base] = Server(process, log)
        try:
            _wait_until_up(base, SERVERS[base])
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
            del SERVERS[base]


def _wait_until_up(base: str, server: Server) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/static/app.css", timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answered: up (an app without that file, such as the bench floor)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the app did not start within 30 seconds")


class HttpPatient:
    """A person using the real server over HTTP: a cookie jar, forms, no browser.

    `base` can be changed between requests: cookies ignore ports, so one jar serves several
    servers on loopback, as a load balancer would mix them.
    """

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str, str]:
        """Status, final path and body, following redirects."""
        return self._open(urllib.request.Request(self.base + path))

    def post(
        self, path: str, fields: Mapping[str, str | list[str]], from_page: str | None = None
    ) -> tuple[int, str, str]:
        """Post a form with the token from the page it is on (by default, `path` itself)."""
        _status, _path, html = self.get(from_page or path)
        pairs = [("csrf_token", form_token(html))]
        for name, value in fields.items():
            pairs.extend((name, v) for v in (value if isinstance(value, list) else [value]))
        body = urllib.parse.urlencode(pairs).encode()
        return self._open(urllib.request.Request(self.base + path, data=body, method="POST"))

    def walk(
        self,
        answers: Mapping[str, str | list[str]],
        until: str = "/result",
        between: Callable[[int], None] | None = None,
    ) -> str:
        """Answer page after page from the first; `between(step)` runs after each page.

        Questions `answers` leaves out get the benign answer."""
        answers = {**BENIGN, **answers}
        _status, path, _body = self.post("/start", {}, from_page="/")  # the first page
        for step in range(40):
            if path == until or not path.startswith("/q/"):
                return path
            _status, _html, page = self.get(path)
            fields = {n: answers.get(n, "") for n in form_fields(page)}
            status, path, _body = self.post(path, fields)
            assert status == 200, (status, path)
            if between is not None:
                between(step)
        raise AssertionError("the journey never ended")

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=10) as response:
                final = urllib.parse.urlsplit(response.url)
                path = final.path + (f"?{final.query}" if final.query else "")
                return response.status, path, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, urllib.parse.urlsplit(error.url).path, error.read().decode()


def h1(html: str) -> str:
    """The words of a page's main heading."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no h1"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
