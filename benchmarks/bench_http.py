"""HTTP benchmarks with wrk against gunicorn on loopback, beside a bare-Flask floor.

Run with `make bench` (after the engine benchmarks) or `python benchmarks/bench_http.py`.
Needs wrk (Debian: apt-get install wrk). Measures, for one sync worker at 8 connections:
requests per second and p50/p99 latency of a question page, an answer post and the result
page, each as a ratio to the floor (benchmarks/floor_app.py serving the same bytes); the
worker's memory growth over 20,000 requests; and cold start. `--soak SECONDS` adds a soak
with several workers. Targets are in docs/performance.md; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import budget  # noqa: E402
from shipped import SHIPPED, benign  # noqa: E402
from support import SERVERS, HttpPatient, form_token, running_app  # noqa: E402

CONNECTIONS = 8
SECONDS = 10


@dataclass
class Run:
    """What wrk reported for one endpoint."""

    rate: float
    p50: float
    p99: float
    requests: int
    errors: int


def wrk(
    url: str,
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
    cookie: str = "",
    body: str = "",
) -> Run:
    """Run wrk with one thread; GET, or POST when a body is given."""
    # Browsers all take gzip, and the app compresses and pads its pages for them.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    command[1:1] = ["-H", "Accept-Encoding: gzip"]
    env = {**os.environ, "BENCH_COOKIE": cookie, "BENCH_BODY": body}
    if body:
        command[1:1] = ["-s", str(ROOT / "benchmarks" / "post.lua")]
    elif cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        assert match, out
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
        return float(match.group(1)) * scale

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)
    return Run(rate, latency("50"), latency("99"), count, errors)


def rss_kb(pid: int) -> int:
    """Resident memory of a process, in kB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]


def session_for(base: str, until: str) -> tuple[str, str]:
    """Walk a benign journey to `until`; return the session cookie and a CSRF token."""
    patient = HttpPatient(base)
    patient.walk(benign(), until=until)
    _status, _path, html = patient.get("/q/pain")
    assert form_token(html)
    cookie = next(c for c in patient.jar if c.name == "screener")
    return f"screener={cookie.value}", form_token(html)


def fetch(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        return str(response.read().decode())


def cold_start() -> float:
    """Seconds from starting gunicorn to the first question page served."""
    started = time.perf_counter()
    with running_app(questionnaire=SHIPPED) as base:
        fetch(f"{base}/q/legs", "")
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soak", type=int, default=0, help="also soak for this many seconds")
    parser.add_argument("--workers", type=int, default=4, help="workers for the soak")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed; install it with: sudo apt-get install wrk")
    results: dict[str, tuple[Run, Run]] = {}
    with running_app(questionnaire=SHIPPED) as base, tempfile.TemporaryDirectory() as pages:
        mid, token = session_for(base, "/q/pain")
        done, _ = session_for(base, "/check")
        # The pages without the padding a client without gzip gets (the floor pads nothing).
        Path(pages, "question.html").write_text(fetch(f"{base}/q/pain", mid).rstrip())
        Path(pages, "result.html").write_text(fetch(f"{base}/result", done).rstrip())
        body = budget.pain_answers(token)
        worker = SERVERS[base].workers()[0]
        floor_env = {"FLOOR_PAGES": pages, "PYTHONPATH": str(ROOT / "benchmarks")}
        with running_app(env=floor_env, app="floor_app:create_app()") as floor:
            for name, path, cookie, post in (
                ("question page (GET)", "/q/pain", mid, ""),
                ("answer (POST)", "/q/pain", mid, body),
                ("result page (GET)", "/result", done, ""),
            ):
                wrk(base + path, seconds=2, cookie=cookie, body=post)  # warm up
                floor_path = "/question" if path == "/q/pain" else "/result"
                results[name] = (
                    wrk(base + path, cookie=cookie, body=post),
                    wrk(floor + floor_path, body="x=1" if post else ""),
                )
        # What the cookie sent and the headers returned cost gunicorn, app work aside.
        with running_app(
            env={**floor_env, "FLOOR_HEADERS": "1"}, app="floor_app:create_app()"
        ) as floor:
            wrk(floor + "/question", seconds=2, cookie=mid)
            dressed = wrk(floor + "/question", cookie=mid)
        before = rss_kb(worker)
        served = 0
        while served < 20_000:
            served += wrk(base + "/q/pain", seconds=5, cookie=mid).requests
        growth = (rss_kb(worker) - before) / 1024
    print(f"one sync gunicorn worker, {CONNECTIONS} connections, {SECONDS} s per run\n")
    print(
        f"{'endpoint':22} {'req/s':>8} {'floor':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'errors':>6}"
    )
    for name, (app, floor_run) in results.items():
        print(
            f"{name:22} {app.rate:8.0f} {floor_run.rate:8.0f} {app.rate / floor_run.rate:6.2f}"
            f" {app.p50:7.2f} {app.p99:7.2f} {app.errors:6d}"
        )
    print(
        f"{'floor, cookie + headers':22} {'':8} {dressed.rate:8.0f}"
        f" {'':6} {dressed.p50:7.2f} {dressed.p99:7.2f} {dressed.errors:6d}"
    )
    print(f"\nworker memory growth over {served:,} requests: {growth:.1f} MB")
    print(f"cold start to first page: {cold_start():.2f} s")
    budget.main()  # where the time of each request goes, beside the ratios
    if options.soak:
        soak(options.soak, options.workers)


def soak(seconds: int, workers: int) -> None:
    """Several workers under steady load for a while: count every error."""
    with running_app(workers=workers, questionnaire=SHIPPED) as base:
        mid, token = session_for(base, "/q/pain")
        done, _ = session_for(base, "/check")
        body = budget.pain_answers(token)
        third = max(seconds // 3, 1)
        parts = [
            wrk(base + "/q/pain", seconds=third, cookie=mid),
            wrk(base + "/q/pain", seconds=third, cookie=mid, body=body),
            wrk(base + "/result", seconds=third, cookie=done),
        ]
    total = sum(p.requests for p in parts)
    errors = sum(p.errors for p in parts)
    print(
        f"soak: {workers} workers, {seconds} s, {total:,} requests, {errors} errors, "
        f"worst p99 {max(p.p99 for p in parts):.1f} ms"
    )


if __name__ == "__main__":
    main()
