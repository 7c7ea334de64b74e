"""What a watcher of the encrypted traffic sees: every byte of every response, through the
shipped nginx site, over whole journeys of every scenario, is the same for everyone."""

from __future__ import annotations

import gzip
import re
import socket
import urllib.parse
from collections import defaultdict

import pytest
from sdc_fillers import QUESTIONNAIRE, scenarios
from servers import app_instance, nginx_front
from support import BENIGN, form_fields, form_token, posted_journey

pytestmark = pytest.mark.slow


class Watched:
    """A person's journey over raw HTTP/1.1, noting the size of each whole response."""

    def __init__(self, base: str) -> None:
        self.port = int(base.rsplit(":", 1)[1])
        self.cookie = ""
        self.sizes: dict[str, set[int]] = defaultdict(set)

    def send(self, kind: str, path: str, form: list[tuple[str, str]] | None = None) -> bytes:
        """One request on a fresh connection; notes the response's size by its kind (and
        whether it sets the cookie), keeps the cookie, and returns the head and body."""
        body = urllib.parse.urlencode(form).encode() if form is not None else b""
        lines = [
            f"{'POST' if form is not None else 'GET'} {path} HTTP/1.1",
            "Host: screener.test",
            "Accept-Encoding: gzip",
            "Connection: close",
        ]
        lines += [f"Cookie: {self.cookie}"] if self.cookie else []
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded"]
            lines += [f"Content-Length: {len(body)}"]
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as conn:
            conn.sendall("\r\n".join(lines).encode() + b"\r\n\r\n" + body)
            raw = b"".join(iter(lambda: conn.recv(65536), b""))
        head = raw.partition(b"\r\n\r\n")[0].decode()
        cookie = re.search(r"^Set-Cookie: (screener=[^;]*)", head, re.M)
        if cookie:
            self.cookie = cookie.group(1)
        if head.split()[1] == "302":
            kind = "redirect"  # a page someone is not at yet sends them on
        self.sizes[kind + (" setting the cookie" if cookie else "")].add(len(raw))
        return raw

    def page(self, path: str) -> tuple[str, str]:
        """A page's status line's code and its HTML (or the address it redirects to)."""
        raw = self.send("page", path)
        head, _, body = raw.partition(b"\r\n\r\n")
        code = head.split()[1].decode()
        if code == "302":
            return code, _location(head)
        return code, gzip.decompress(body).decode()

    def post(self, path: str, html: str, answers: dict[str, str | list[str]]) -> str:
        """Post the form on `html` with these answers; the address it redirects to."""
        assert form_token(html), path
        form = [("csrf_token", form_token(html))]
        for name in form_fields(html):
            value = answers.get(name, "")
            form += [(name, v) for v in (value if isinstance(value, list) else [value])]
        raw = self.send("redirect", path, form)
        return _location(raw.partition(b"\r\n\r\n")[0])


def _location(head: bytes) -> str:
    found = re.search(rb"^Location: (\S+)", head, re.M)
    assert found, head
    return found.group(1).decode()


def test_every_response_of_every_journey_is_one_size_through_nginx() -> None:
    everyone: dict[str, set[int]] = defaultdict(set)
    with app_instance({"SCREENER_TRUSTED_PROXIES": "1"}) as app, nginx_front([app]) as front:
        for name, answers in scenarios():
            watched = Watched(front.base)
            posted = {**BENIGN, **posted_journey(QUESTIONNAIRE, answers)}
            _code, html = watched.page("/")
            path = watched.post("/start", html, {})
            while path.startswith("/q/"):
                _code, html = watched.page(path)
                path = watched.post(path, html, posted)
            assert path == "/result", name
            for then in ("/result", "/check"):
                watched.page(then)
            watched.send("download", "/result/fhir")
            for kind, found in watched.sizes.items():
                everyone[kind] |= found
    assert {kind: len(found) for kind, found in everyone.items()} == dict.fromkeys(everyone, 1), (
        dict(everyone)
    )
    assert set(everyone) >= {"page", "redirect setting the cookie", "download"}, set(everyone)
