"""Fixtures for the browser tests: one gunicorn server and one Chromium for the whole run.

Without Chromium (or Java, for the HTML checker) these tests skip with one line saying how
to install it; with SCREENER_REQUIRE_BROWSER=1, as CI sets, they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from journeys import CHROMIUM_ARGS, CHROMIUM_PATH
from playwright.sync_api import Browser, Playwright, sync_playwright
from support import running_app


def _require(what: str, found: bool, how: str) -> None:
    """Skip (locally) or fail (CI sets SCREENER_REQUIRE_BROWSER=1) when a tool is missing."""
    if found:
        return
    message = f"{what} not found; install it with: {how}"
    if os.environ.get("SCREENER_REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The real app under gunicorn, serving the fixture questionnaire."""
    with running_app() as base:
        yield base


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    _require(
        "Chromium (/usr/bin/chromium)",
        Path(CHROMIUM_PATH).exists(),
        "sudo apt-get install chromium",
    )
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    _require(
        "Java (for the Nu Html Checker)",
        found is not None,
        "sudo apt-get install default-jre-headless",
    )
    assert found is not None
    return found


@pytest.fixture(scope="session")
def pa11y() -> Path:
    """The pa11y runner (tests/browser/pa11y_pages.mjs) with its node_modules installed."""
    here = Path(__file__).parent
    installed = (here / "node_modules" / "pa11y").is_dir() and shutil.which("node") is not None
    _require(
        "pa11y (for HTML_CodeSniffer)",
        installed,
        "cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci",
    )
    return here / "pa11y_pages.mjs"
