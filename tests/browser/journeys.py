"""Driving the real app in real Chromium: serve it with gunicorn, answer pages like a person."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

BENIGN: dict[str, str | list[str]] = {
    "legs": "one_leg",
    "saddle": "no",
    "bladder": ["none"],
    "bowel": "no",
    "sexual": "no",
    "weakness": "none",
    "sudden_pain": "no",
    "fever": "no",
    "cancer": "no",
    "weight_loss": "no",
    "steroids": "no",
    "infection_risk": ["none"],
    "injury": "none",
    "age": "under_50",
    "leg_pain": "4",
    "back_pain": "2",
    "numbness": ["below_knee"],
    "activities": "no",
    "sleep": "never",
    "days": "10",
    "trend": "better",
    "notes": "",
}
ANSWER_SETS: dict[str, dict[str, str | list[str]]] = {
    "self_care": BENIGN,
    "soon": {**BENIGN, "sleep": "some_nights", "night_pain": "eases"},
    "urgent": {**BENIGN, "fever": "yes", "numbness": ["none"]},
    "emergency": {**BENIGN, "legs": "both_legs", "both_legs_new": "yes"},
}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_app(env: Mapping[str, str] | None = None, workers: int = 1) -> Iterator[str]:
    """The real app under gunicorn on a free loopback port; yields its base URL."""
    port = free_port()
    environment = {**os.environ, "SCREENER_SECRET_KEY": secrets.token_hex(32), **(env or {})}
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [
            gunicorn,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "screener:create_app()",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                "gunicorn exited: " + (process.stderr.read().decode() if process.stderr else "")
            )
        try:
            with urllib.request.urlopen(f"{base}/static/app.css", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the app did not start within 30 seconds")


def answer_page(page: Page, answers: Mapping[str, str | list[str]]) -> None:
    """Fill every question on the current page from `answers`, then press Continue."""
    names = page.eval_on_selector_all(
        "form input[name]:not([type=hidden]), form textarea[name]",
        "els => [...new Set(els.map(e => e.name))]",
    )
    for name in names:
        value = answers.get(name, "")
        kind = page.get_attribute(f"[name='{name}']", "type") or "textarea"
        if kind in ("radio", "checkbox"):
            for item in value if isinstance(value, list) else [value]:
                page.check(f"input[name='{name}'][value='{item}']")
        else:
            page.fill(f"[name='{name}']", str(value))
    page.locator("form button[type=submit]").last.click()


def answer_until(page: Page, answers: Mapping[str, str | list[str]], stop_at: str) -> None:
    """Answer page after page until the path starts with `stop_at`."""
    for _ in range(40):
        if page.url.split("://", 1)[1].split("/", 1)[1].startswith(stop_at.lstrip("/")):
            return
        if page.url.endswith("/check"):
            page.get_by_role("link", name="result").or_(
                page.locator("a.button[href='/result']")
            ).first.click()
            continue
        if "/q/" not in page.url:
            raise AssertionError(f"expected to reach {stop_at}, stopped at {page.url}")
        answer_page(page, answers)
    raise AssertionError(f"never reached {stop_at}")
