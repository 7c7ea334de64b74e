"""What operators do to a running service, with the real gunicorn and the shipped config:
rotate the secret key host by host, save a broken questionnaire, and rely on cookies ending."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from http.cookiejar import Cookie
from pathlib import Path

import pytest
from servers import app_instance
from support import FIXTURE, SERVERS, HttpPatient, h1

pytestmark = pytest.mark.slow

OLD, NEW = secrets.token_hex(32), secrets.token_hex(32)
UNREADABLE = "We could not read your saved answers, so you are starting again."


def keys(key: str, *fallbacks: str) -> dict[str, str]:
    """Environment for an instance writing with `key` and reading `fallbacks` too."""
    return {"SCREENER_SECRET_KEY": key, "SCREENER_SECRET_KEY_FALLBACKS": json.dumps(fallbacks)}


def _alternating_journey(a: str, b: str) -> str:
    """A journey whose pages are served by the two hosts in turn; the path it ends on."""
    patient = HttpPatient(a)

    def swap(step: int) -> None:
        patient.base = b if step % 2 == 0 else a

    return patient.walk({}, until="/result", between=swap)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Phase 1, rolling out: some hosts already read the new key, none write with it.
        (keys(OLD, NEW), keys(OLD)),
        # Phase 2, rolling out: some hosts write with the new key; every host reads it.
        (keys(NEW, OLD), keys(OLD, NEW)),
    ],
    ids=["phase-1", "phase-2"],
)
def test_a_two_phase_key_rotation_loses_no_answers(
    first: dict[str, str], second: dict[str, str]
) -> None:
    with app_instance(first) as a, app_instance(second) as b:
        assert _alternating_journey(a, b) == "/result"


def test_promoting_a_key_before_every_host_reads_it_loses_answers() -> None:
    # What phase 1 prevents: a cookie from the promoted host is unreadable on the others.
    with app_instance(keys(NEW, OLD)) as a, app_instance(keys(OLD)) as b:
        patient = HttpPatient(a)
        patient.post("/q/legs", {"legs": "one_leg"})
        patient.base = b
        _status, _path, html = patient.get("/q/right_now")
        assert UNREADABLE in html


def test_a_broken_save_keeps_the_last_good_questionnaire_served(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    shutil.copy(FIXTURE, path)
    env = {"SCREENER_QUESTIONNAIRE": str(path), "SCREENER_RELOAD_QUESTIONNAIRE": "true"}
    with app_instance(env) as base:
        path.write_text(
            path.read_text().replace("  - id: legs\n", "  - id: legs\n    titel: x\n", 1)
        )
        later = time.time() + 5
        os.utime(path, (later, later))
        patient = HttpPatient(base)
        status, _path, html = patient.get("/q/legs")
        assert status == 200 and h1(html) == "Where do you feel pain, numbness or tingling?"
        assert str(tmp_path) not in html and "titel" not in html
        log = SERVERS[base].log.read_text()
    assert f"{path} has 1 problem(s); still serving version 3.1:" in log
    assert 'unknown key "titel" in a page; did you mean "title"?' in log


def _copy_of_cookie(patient: HttpPatient) -> Cookie:
    (cookie,) = [c for c in patient.jar if c.name == "screener"]
    return cookie


def test_clear_cannot_revoke_a_copied_cookie_but_its_lifetime_ends_it() -> None:
    with app_instance({"SCREENER_SESSION_LIFETIME_SECONDS": "4"}) as base:
        patient = HttpPatient(base)
        patient.walk({}, until="/q/leg_signs")
        copy = _copy_of_cookie(patient)
        patient.post("/clear", {}, from_page="/q/leg_signs")
        assert patient.get("/q/leg_signs")[1] == "/q/legs"  # the answers are gone here
        # As the README says: a copy made before "Clear my answers" still holds the answers.
        patient.jar.set_cookie(copy)
        assert patient.get("/q/leg_signs")[1] == "/q/leg_signs"
        # Visits keep it from idling out, but never past the journey's lifetime.
        headings = []
        for _ in range(6):
            time.sleep(1)
            headings.append(h1(patient.get("/q/leg_signs")[2]))
        assert "Your answers have expired" in headings, headings
        assert headings[-1] == "Where do you feel pain, numbness or tingling?"  # gone for good
