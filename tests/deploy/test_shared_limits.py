"""Rate limits shared through Debian's redis-server, behind the shipped nginx site: one
allowance per client across every instance, and a store that hangs or dies never stalls or
turns away a patient."""

from __future__ import annotations

import http.client
import signal
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from servers import Redis, app_instance, redis_server, two_behind_nginx
from support import SERVERS, HttpPatient, h1

pytestmark = pytest.mark.slow

LIMITED = {"SCREENER_TRUSTED_PROXIES": "1", "SCREENER_RATE_LIMIT": "4 per minute"}
UNREACHABLE = "Rate limit storage unreachable - falling back to in-memory storage"


@pytest.fixture
def redis() -> Iterator[Redis]:
    with redis_server() as server:
        yield server


def _posts_until_refused(patient: HttpPatient, most: int = 8) -> int:
    """How many form posts go through before the first 429 (most + 1 if none)."""
    posts = [("/start", {})] + [("/q/legs", {"legs": "one_leg"})] * most
    for n, (path, fields) in enumerate(posts, start=1):
        status, _path, _html = patient.post(path, fields)
        if status == 429:
            return n - 1
    return most + 1


def test_one_allowance_per_client_across_instances_only_with_a_shared_store(
    redis: Redis,
) -> None:
    # Counted in each instance's memory, a client gets twice the limit across two.
    with two_behind_nginx({**LIMITED, "SCREENER_RATE_LIMIT_STORAGE": "memory://"}) as (front, _, _):
        assert _posts_until_refused(HttpPatient(front.base)) == 8
    with two_behind_nginx({**LIMITED, "SCREENER_RATE_LIMIT_STORAGE": redis.url}) as (front, _, _):
        patient = HttpPatient(front.base)
        assert _posts_until_refused(patient) == 4
        # Another client (another address) has its own allowance.
        assert _post_from("127.0.0.2", front.base, "/start") == 302
        # Over the limit, an emergency answer still gets the advice.
        status, _path, html = patient.post("/q/saddle", {"saddle": "yes"})
        assert status == 429 and h1(html) == "Go to the emergency room (ER) now, or call 911"


def _post_from(source: str, base: str, path: str) -> int:
    """A bare post (no token needed to be counted) from another loopback address."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5, source_address=(source, 0))
    conn.request(
        "POST", path, body=b"", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.parametrize("fault", ["hung", "dead"])
def test_a_store_that_hangs_or_dies_is_logged_and_answers_go_on(redis: Redis, fault: str) -> None:
    env = {"SCREENER_RATE_LIMIT": "4 per minute", "SCREENER_RATE_LIMIT_STORAGE": redis.url}
    with app_instance(env) as base:
        patient = HttpPatient(base)
        assert patient.post("/start", {})[0] == 200
        if fault == "hung":
            redis.process.send_signal(signal.SIGSTOP)
        else:
            redis.process.kill()
            redis.process.wait(timeout=5)
        took = []
        for _ in range(3):
            started = time.monotonic()
            status, _path, _html = patient.post("/q/legs", {"legs": "one_leg"})
            took.append(time.monotonic() - started)
            assert status == 200  # answered (and redirected to the next page)
        # Counting goes on afresh in the worker's memory: the limit still holds.
        assert [patient.post("/q/legs", {"legs": "one_leg"})[0] for _ in range(2)] == [200, 429]
        log = SERVERS[base].log.read_text()
    assert UNREACHABLE in log, log
    assert max(took) < 2, took  # 0.25 s socket timeouts, not redis-py's blocking default
