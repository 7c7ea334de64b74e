"""What nginx and gunicorn write down, with the shipped files: no answer, page address,
query, referrer, client address or size, on a journey and under every fault."""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from servers import app_instance, fetch, nginx_front, post, two_behind_nginx
from support import SERVERS, HttpPatient, h1

pytestmark = pytest.mark.slow

BEHIND_NGINX = {"SCREENER_TRUSTED_PROXIES": "1"}
ALARMING = {"legs": "both_legs", "both_legs_start": "new"}
# What nginx's error lines name: the page, its query, the referrer, the client.
PRIVATE = ("/q/", "cauda-7741", "example.test", "client:", "request:", "referrer")
REFERRER = {"Referer": "http://example.test/q/saddle?from=cauda-7741"}


def test_a_journey_leaves_no_line_and_a_failure_leaves_one_without_an_address() -> None:
    with two_behind_nginx(BEHIND_NGINX) as (front, a, b):
        patient = HttpPatient(front.base)
        assert patient.walk(ALARMING, until="/result") == "/result"
        status, _path, html = patient.get("/result")
        assert h1(html) == "Go to the emergency room (ER) now, or call 911"
        _s, _h, raw = fetch(f"{front.base}/result", {"Accept-Encoding": "gzip"})
        time.sleep(0.5)  # nginx writes its log line after the response
        journey = front.logs() + SERVERS[a].log.read_text() + SERVERS[b].log.read_text()
        # A line for every page would keep the journey's rhythm; a failure is logged.
        assert not re.search(r" (GET|POST) ", journey), journey
        assert fetch(f"{front.base}/q/no_such_page?q=cauda-7741", REFERRER)[0] == 404
        time.sleep(0.5)
        access = front.logs("screener-access")
        logs = front.logs() + SERVERS[a].log.read_text() + SERVERS[b].log.read_text()
    assert status == 200
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:+-]+ GET 404 [\d.]+\n", access), access
    for answer in ("both_legs", "new", "one_leg", "csrf_token"):
        assert answer not in logs, answer
    for private in ("/result", "/check", "/start", "HTTP/1.", *PRIVATE):
        assert private not in logs, private
    for size in {len(html.encode()), len(raw)}:
        assert not re.search(rf"\b{size}\b", logs), size


@contextmanager
def _upstream(handle: Callable[[socket.socket], None]) -> Iterator[str]:
    """A fake app instance that treats each connection with `handle`; its base URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            handle(conn)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()
        for conn in held:
            conn.close()


def test_no_log_holds_a_page_address_or_a_client_under_faults() -> None:
    with app_instance(BEHIND_NGINX) as gone:
        pass  # started and stopped: nothing listens there now
    with (
        _upstream(lambda conn: conn.close()) as hangs_up,
        _upstream(lambda conn: None) as never_answers,
        two_behind_nginx(BEHIND_NGINX) as (front, a, b),
        nginx_front([gone]) as down,
        nginx_front([hangs_up]) as broken,
        nginx_front([never_answers], read_timeout=1) as slow,
    ):
        assert post(front.base + "/q/saddle?q=cauda-7741", b"x" * 70_000)[0] == 413
        os.kill(SERVERS[b].workers()[0], signal.SIGKILL)  # its master starts another
        SERVERS[a].process.kill()  # a whole instance killed
        SERVERS[a].process.wait(timeout=10)
        assert fetch(f"{front.base}/q/night_pain?q=cauda-7741", REFERRER)[0] == 200
        assert fetch(f"{down.base}/q/night_pain?q=cauda-7741", REFERRER)[0] == 502  # app down
        assert fetch(f"{broken.base}/q/bowel?q=cauda-7741", REFERRER)[0] == 502  # hangs up
        assert fetch(f"{slow.base}/q/bowel?q=cauda-7741", REFERRER)[0] == 504  # too slow
        time.sleep(0.5)  # nginx writes its lines after the response
        logs = "".join(f.logs() for f in (front, down, broken, slow))
        logs += SERVERS[a].log.read_text() + SERVERS[b].log.read_text()
    assert re.search(r" GET 502 ", logs) and re.search(r" GET 504 ", logs), logs
    assert re.search(r" 413 ", logs), logs  # logged as its error page, fetched by GET
    assert "was sent SIGKILL" in logs  # gunicorn's own lines are read too
    for private in PRIVATE:
        assert private not in logs, private
