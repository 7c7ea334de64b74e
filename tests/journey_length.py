"""How long a journey is on the real pages: pages, taps and words read before the advice.

Each question page counts the words a person sees in its main part (hidden and print-only
text left out); each option ticked, each typed answer and each Continue is a tap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from support import SECRET, Patient

_HIDDEN = re.compile(
    r'<(\w+)[^>]*(?:aria-hidden="true"|class="[^"]*(?:visually-hidden|print-only)[^"]*")[^>]*>'
    r".*?</\1>",
    re.S,
)


@dataclass(frozen=True)
class Journey:
    """One person's way from the start page to the advice."""

    pages: tuple[str, ...]
    taps: int
    words: int

    def minutes(self, words_a_minute: int = 200, seconds_a_tap: int = 3) -> float:
        """Reading and tapping time."""
        return self.words / words_a_minute + self.taps * seconds_a_tap / 60


def words_seen(html: str) -> int:
    """Words in a page's main part, as a person sees them."""
    main = html.split('<main id="main"', 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", main))
    return len(re.findall(r"[\w'’]+", unescape(text)))


def walk(questionnaire_path: Path, language: str, answers: dict[str, object]) -> Journey:
    """Answer page after page with `answers` (blank where none is given) until the advice."""
    from screener import create_app

    config = {"TESTING": True, "SECRET_KEY": SECRET, "QUESTIONNAIRE": str(questionnaire_path)}
    patient = Patient(create_app({**config, "RATE_LIMIT": "off"}).test_client())
    patient.get(f"/language/{language}?next=/")
    path, pages, words, taps = patient.post("/start", {}).location, [], 0, 0
    while path.startswith("/q/"):
        pages.append(path)
        words += words_seen(patient.get(path).get_data(as_text=True))
        form = {name: answers.get(name, "") for name in patient.fields_on(path)}
        taps += 1 + sum(len(v) if isinstance(v, list) else int(v != "") for v in form.values())
        response = patient.post(path, form)
        assert response.status_code in (302, 303), f"{path} refused {form}"
        path = response.location
    assert path.startswith("/result"), f"the journey ended at {path}"
    return Journey(tuple(pages), taps, words)
