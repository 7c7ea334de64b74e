"""Screenshots of every page state, in each language, at 320, 390 and 1280 px wide.

Run with `make screenshots`; PNGs go to screenshots/ (ignored by git). Needs Debian's
chromium (/usr/bin/chromium) and the dev dependencies; it serves the app with gunicorn on a
free loopback port, with the shipped questions.yaml (or the file given as an argument), and
walks the same kinds of state as the browser tests: the first page of each question type,
and one result of each tier taken from the scenarios.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from journeys import CHROMIUM_ARGS, CHROMIUM_PATH, Walk, visit_states  # noqa: E402
from support import running_app  # noqa: E402

from screener.paths import default_scenarios  # noqa: E402

WIDTHS = (320, 390, 1280)
OUT = ROOT / "screenshots"


def main() -> None:
    """Serve the app, then photograph every state at each width and in each language."""
    OUT.mkdir(exist_ok=True)
    questionnaire = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "questions.yaml"
    walk = Walk.of(questionnaire, default_scenarios())
    with running_app(questionnaire=questionnaire) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for language in ("en", "es"):
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, locale=language
                )
                page = context.new_page()
                states = visit_states(context, page, base, language, walk)
                for index, name in enumerate(states, 1):
                    path = OUT / f"{language}-{width}-{index:02d}-{name}.png"
                    page.screenshot(path=str(path), full_page=True)
                context.close()
        browser.close()
    print(f"saved {len(list(OUT.glob('*.png')))} screenshots in {OUT}")


if __name__ == "__main__":
    main()
