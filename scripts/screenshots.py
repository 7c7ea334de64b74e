"""Screenshots of every page state, in each language and at phone and desktop widths.

Run with `make screenshots`; PNGs go to screenshots/ (ignored by git). Needs Debian's
chromium (/usr/bin/chromium) and the dev dependencies; it serves the real app with gunicorn
on a free loopback port.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.journeys import (  # noqa: E402
    ANSWER_SETS,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    answer_until,
    running_app,
)

WIDTHS = (390, 1280)
OUT = ROOT / "screenshots"


def shoot(page: Page, name: str) -> None:
    """Save the whole page as a PNG."""
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)


def states(page: Page, base: str, prefix: str) -> None:
    """Walk through every page state once, saving each."""
    page.goto(f"{base}/")
    shoot(page, f"{prefix}-01-start")
    page.get_by_role("button").first.click()
    shoot(page, f"{prefix}-02-question")
    page.locator("button[type=submit]").last.click()
    shoot(page, f"{prefix}-03-error")
    answer_until(page, ANSWER_SETS["self_care"], stop_at="/q/bladder")
    shoot(page, f"{prefix}-04-checkboxes")
    answer_until(page, ANSWER_SETS["self_care"], stop_at="/q/pain")
    shoot(page, f"{prefix}-05-scales")
    answer_until(page, ANSWER_SETS["self_care"], stop_at="/q/course")
    shoot(page, f"{prefix}-06-number")
    answer_until(page, ANSWER_SETS["self_care"], stop_at="/check")
    shoot(page, f"{prefix}-07-check")
    for index, tier in enumerate(("self_care", "soon", "urgent", "emergency")):
        page.goto(f"{base}/")
        page.locator("form[action='/start'] button").last.click()
        answer_until(page, ANSWER_SETS[tier], stop_at="/result")
        shoot(page, f"{prefix}-{8 + index:02d}-result-{tier}")


def main() -> None:
    """Serve the app, then photograph it at each width and in each language."""
    OUT.mkdir(exist_ok=True)
    with running_app() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for language in ("en", "es"):
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, locale=language
                )
                states(context.new_page(), base, f"{language}-{width}")
                context.close()
        browser.close()
    print(f"saved {len(list(OUT.glob('*.png')))} screenshots in {OUT}")


if __name__ == "__main__":
    main()
