"""Production as deployers run it: the shipped nginx site and gunicorn config in front of two
app instances, with the real nginx, gunicorn and redis-server."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import Front, app_instance, fetch, nginx_front, post, two_behind_nginx
from support import (
    FIXTURE,
    SERVER_SECRET,
    SERVERS,
    HttpPatient,
    downgraded,
    h1,
)

from screener.web.headers import CSP, HSTS
from screener.web.padding import BUCKET

pytestmark = pytest.mark.slow

BEHIND_NGINX = {"SCREENER_TRUSTED_PROXIES": "1"}


@pytest.fixture(scope="module")
def served_by_two(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Front, list[Path]]]:
    """Two instances (one worker each) behind nginx; each logs only its pid per request."""
    folder = tmp_path_factory.mktemp("served")
    served = [folder / "a.log", folder / "b.log"]
    pid_only = ["--access-logformat", "%(p)s", "--access-logfile"]
    with (
        app_instance(BEHIND_NGINX, args=[*pid_only, str(served[0])]) as a,
        app_instance(BEHIND_NGINX, args=[*pid_only, str(served[1])]) as b,
        nginx_front([a, b]) as front,
    ):
        yield front, served


def test_a_journey_through_nginx_is_served_by_both_instances(
    served_by_two: tuple[Front, list[Path]],
) -> None:
    front, served = served_by_two
    before = [len(p.read_text().split()) if p.exists() else 0 for p in served]
    patient = HttpPatient(front.base)
    assert patient.walk({}, until="/result") == "/result"
    status, _path, html = patient.get("/result")
    assert status == 200 and h1(html) == "You can most likely care for this at home for now"
    counts = [len(p.read_text().split()) - n for p, n in zip(served, before, strict=True)]
    assert min(counts) >= 10, counts  # nginx took turns; the cookie carried the answers


def test_health_through_nginx(served_by_two: tuple[Front, list[Path]]) -> None:
    front, _ = served_by_two
    status, headers, body = fetch(f"{front.base}/healthz")
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert b'"status":"ok"' in body.replace(b" ", b"")


def test_pages_and_static_files_are_compressed_and_static_files_cached(
    served_by_two: tuple[Front, list[Path]],
) -> None:
    front, _ = served_by_two
    for path, cache in (("/", "no-store"), ("/static/app.css", "public, max-age=3600")):
        status, headers, body = fetch(front.base + path, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip", path
        if path == "/":  # compressed and padded by the app (README, "Sizes")
            assert len(body) == BUCKET and gzip.decompress(body).rstrip().endswith(b"</html>")
        else:  # compressed by nginx
            assert len(gzip.decompress(body)) > 2 * len(body), path
        assert headers["Cache-Control"] == cache and headers["Content-Security-Policy"] == CSP
    # The static file nginx serves is the app's own.
    _status, _headers, served = fetch(front.base + "/static/app.css")
    assert served == (Path(__file__).parents[2] / "static" / "app.css").read_bytes()


def test_nginx_own_error_pages_carry_the_headers_and_the_emergency_line(
    served_by_two: tuple[Front, list[Path]],
) -> None:
    front, _ = served_by_two
    big = post(front.base + "/q/legs", b"x" * 70_000)
    status, headers, body = big
    assert status == 413
    assert headers["Content-Security-Policy"] == CSP and headers["X-Frame-Options"] == "DENY"
    assert headers["Strict-Transport-Security"] == HSTS
    assert b"call 911</a> now" in body and b"llame al 911</a> ahora" in body
    assert headers.get("Server") == "nginx"  # no version number


def test_what_nginx_lets_through_gunicorn_never_refuses_bare(
    served_by_two: tuple[Front, list[Path]],
) -> None:
    # A long address, or many headers, within nginx's limits: the app's own page. Beyond
    # them: nginx's page. Never gunicorn's bare 400 without the headers or the 911 line.
    front, _ = served_by_two
    many = {f"X-Extra-{n}": "1" for n in range(60)}
    for path, headers, expected in (
        ("/?" + "a" * 4100, {}, 200),
        ("/", many, 200),
        ("/?" + "a" * 9000, {}, 414),
    ):
        status, got, body = fetch(front.base + path, headers)
        assert status == expected, (len(path), len(headers))
        assert got["Content-Security-Policy"] == CSP
        assert b'href="tel:911"' in body  # the emergency line


def test_with_every_instance_down_nginx_says_so_and_gives_the_emergency_line() -> None:
    with app_instance() as gone:
        pass  # started and stopped: nothing listens there now
    with nginx_front([gone]) as front:
        status, headers, body = fetch(f"{front.base}/q/legs")
    assert status == 502 and headers["Content-Security-Policy"] == CSP
    assert headers["Cache-Control"] == "no-store"
    assert b"The symptom checker is not answering right now" in body
    assert b"llame al 911</a> ahora" in body


def test_one_instance_killed_mid_journey_loses_nothing() -> None:
    with two_behind_nginx(BEHIND_NGINX) as (front, a, b):
        patient = HttpPatient(front.base)

        def kill_a(step: int) -> None:
            if step == 3:
                SERVERS[a].process.kill()
                SERVERS[a].process.wait(timeout=10)

        assert patient.walk({}, until="/result", between=kill_a) == "/result"
        status, _path, html = patient.get("/result")
        assert status == 200 and h1(html) == "You can most likely care for this at home for now"
        _status, _path, check = patient.get("/check")
        assert "Where do you feel pain, numbness or tingling?" in check


def _slow_client(port: int, stop: threading.Event) -> None:
    """A client that sends a post one byte a second, as an attacker would."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /q/legs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
            b"\r\nContent-Length: 1000\r\n\r\n"
        )
        while not stop.wait(1):
            try:
                conn.sendall(b"x")
            except OSError:
                return


def _answered_while_slow_clients_wait(base: str) -> bool:
    port = int(base.rsplit(":", 1)[1])
    stop = threading.Event()
    clients = [threading.Thread(target=_slow_client, args=(port, stop)) for _ in range(20)]
    for client in clients:
        client.start()
    time.sleep(1.5)  # every slow client has connected and started to trickle
    try:
        status, _headers, _body = fetch(f"{base}/q/legs", timeout=1)
        return status == 200
    except OSError:
        return False
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=5)


def test_twenty_slow_clients_do_not_stop_a_normal_request() -> None:
    with app_instance(BEHIND_NGINX, workers=2) as app:
        # Straight to gunicorn's two sync workers, as the old README ran it: nobody is served.
        assert not _answered_while_slow_clients_wait(app)
        with nginx_front([app]) as front:
            assert _answered_while_slow_clients_wait(front.base)


def test_the_shipped_config_refuses_a_short_key() -> None:
    with pytest.raises(RuntimeError) as caught, app_instance({"SCREENER_SECRET_KEY": "a"}):
        pass
    assert "SCREENER_SECRET_KEY is 1 bytes long; it must be at least 32" in str(caught.value)
    assert SERVER_SECRET not in str(caught.value)


def test_production_refuses_a_downgrade_nobody_signed_off(tmp_path: Path) -> None:
    # The unsafe edit: saddle numbness lowered to "soon" and its promise deleted, in one go.
    path = tmp_path / "questions.yaml"
    path.write_text(downgraded(FIXTURE.read_text()))
    with (
        pytest.raises(RuntimeError) as caught,
        app_instance({"SCREENER_QUESTIONNAIRE": str(path)}),
    ):
        pass
    refused = str(caught.value)
    assert 'error: red flag ces_saddle now gives "soon" (it gave "emergency")' in refused
    assert "error: promise saddle_is_emergency was removed" in refused
