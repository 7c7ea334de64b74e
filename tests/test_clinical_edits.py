"""A clinician's correct edit lands and an unsafe one never does: on a copy of the shipped
files, a new question with its red flag, Spanish, scenario and source, a reworded text and a
raised version keep `screener check`, `screener test` and the content tests (tests/content)
green; a downgrade is named by check and diff and refused by a server that requires sign-off
until two people have signed it."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURE, FIXTURE_SCENARIOS, ROOT, SECRET, downgraded

from screener.authoring.problems import QuestionnaireError
from screener.tools.cli import main

pytestmark = pytest.mark.slow

NEW_PAGE = """
  - id: epidural
    title:
      en: An epidural
      es: Una epidural
    questions:
      - id: recent_epidural
        type: yes_no
        text:
          en: Have you had an epidural, for example for giving birth, in the last 2 weeks?
          es: ¿Le pusieron una epidural, por ejemplo para dar a luz, en las últimas 2 semanas?
        hint:
          en: An epidural is a shot of medicine into the back to numb pain.
          es: La epidural es una inyección de medicina en la espalda para quitar el dolor.
"""
NEW_FLAG = """  - id: pain_after_epidural
    tier: urgent
    when: recent_epidural == "yes"
    title:
      en: Back pain after an epidural
      es: Dolor de espalda después de una epidural
    message:
      en: New back pain in the 2 weeks after an epidural should be checked today.
      es: El dolor de espalda nuevo en las 2 semanas después de una epidural se debe revisar hoy.
    source: Clinic protocol, pain after an epidural (2026)
"""
NEW_SCENARIOS = """\
scenarios:
  - name: Back pain after a recent epidural
    answers: {recent_epidural: "yes"}
    expect: {tier: urgent, red_flags_include: [pain_after_epidural]}
"""
NEW_SOURCE = (
    "- **Clinic protocol, pain after an epidural (2026)**. The clinic's own protocol: new back "
    "pain after an epidural is seen the same day. Rests on it: `pain_after_epidural`.\n"
)


def copy_of_the_content(folder: Path) -> Path:
    """questions.yaml, scenarios/ and docs/clinical.md, as a clinician's checkout has them."""
    shutil.copy(ROOT / "questions.yaml", folder / "questions.yaml")
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    (folder / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "clinical.md", folder / "docs" / "clinical.md")
    return folder / "questions.yaml"


def edited(text: str, old: str, new: str, count: int = 1) -> str:
    """`text` with `old` replaced; the test fails loudly if the anchor is gone."""
    assert old in text, f"anchor not found: {old!r}"
    return text.replace(old, new, count)


def make_the_edit(path: Path) -> None:
    """A new question with a red flag, Spanish and a scenario, its source cited, a reworded
    title and a raised version: what a clinician does for one new warning sign."""
    text = path.read_text()
    text = edited(text, "\nred_flags:\n", NEW_PAGE + "\nred_flags:\n" + NEW_FLAG)
    version = re.search(r'^  version: "([^"]+)"$', text, re.M)
    assert version is not None
    text = edited(text, version.group(0), f'  version: "{version.group(1)}.1"')
    today = datetime.date.today().isoformat()
    text = re.sub(r"^  date: .*$", f"  date: {today}", text, count=1, flags=re.M)
    title = re.search(r"^meta:\n(?:  .*\n)*?  title:\n    en: (.*)$", text, re.M)
    assert title is not None
    text = edited(text, f"    en: {title.group(1)}\n", "    en: Check your back and leg symptoms\n")
    path.write_text(text)
    (path.parent / "scenarios" / "epidural.yaml").write_text(NEW_SCENARIOS)
    notes = path.parent / "docs" / "clinical.md"
    before, sources, after = notes.read_text().partition("\n## Sources\n")
    assert sources, "docs/clinical.md has no Sources section"
    notes.write_text(before + sources + edited(after, "\n### ", f"\n{NEW_SOURCE}\n### "))


def content_tests(path: Path) -> subprocess.CompletedProcess[str]:
    """The suite's content part, run on a questionnaire and its scenarios."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / "content"),
            f"--questionnaire={path}",
            f"--scenarios={path.parent / 'scenarios'}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_a_new_question_with_its_flag_keeps_the_content_tests_green(tmp_path: Path) -> None:
    path = copy_of_the_content(tmp_path)
    make_the_edit(path)
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(path)])
    assert checked.exit_code == 0, checked.output
    assert ": error: " not in checked.output
    tested = runner.invoke(main, ["test", "-q", str(path), str(tmp_path / "scenarios")])
    assert tested.exit_code == 0, tested.output
    outcome = content_tests(path)
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-2000:]
    assert " passed" in outcome.stdout and "failed" not in outcome.stdout


def test_the_content_tests_do_fail_on_a_broken_edit(tmp_path: Path) -> None:
    # A test that could not fail would prove nothing: the same edit without its scenario
    # leaves a red flag no scenario raises.
    path = copy_of_the_content(tmp_path)
    make_the_edit(path)
    (tmp_path / "scenarios" / "epidural.yaml").unlink()
    outcome = content_tests(path)
    assert outcome.returncode == 1
    assert "red flags no scenario raises" in outcome.stdout


def test_a_downgrade_is_flagged_and_refused_until_two_people_sign_it(tmp_path: Path) -> None:
    # Saddle numbness lowered to "soon" and its promise deleted in one edit: check and diff
    # name both, and a server that requires sign-off refuses it until two people sign.
    from screener import create_app

    path = tmp_path / "questions.yaml"
    old = tmp_path / "signed.yaml"
    shutil.copy(FIXTURE, old)
    path.write_text(downgraded(FIXTURE.read_text()).replace('version: "3.1"', 'version: "3.2"', 1))
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(path)]).output
    assert 'warning: red flag ces_saddle now gives "soon" (it gave "emergency")' in checked
    assert "warning: promise saddle_is_emergency was removed" in checked
    arguments = ["diff", str(old), str(path), "--scenarios", str(FIXTURE_SCENARIOS)]
    compared = runner.invoke(main, arguments).output
    assert "(ces_saddle) now gives “Make an appointment" in compared
    assert (
        "instead of “Go to the emergency room (ER) now, or call 911” (emergency): less" in compared
    )
    assert "Promise saddle_is_emergency is removed. It said:" in compared
    assert (
        "The new version breaks it: someone who answers “Yes” to “Do you have new numbness "
        "around your genitals or bottom?” (and the calmest answer to everything else) gets "
        "“Make an appointment"
    ) in compared
    assert "it would break 1 that the old one made: saddle_is_emergency" in compared
    assert "Saddle numbness: tier emergency -> soon" in compared
    assert "[its expectation now fails]" in compared
    assert "is not signed off by two people" in compared
    config = {"SECRET_KEY": SECRET, "QUESTIONNAIRE": str(path), "REQUIRE_SIGNOFF": True}
    for reviewer in ("Ana Ruiz", "Ben Okafor"):
        with pytest.raises(QuestionnaireError):
            create_app(config)
        signed = runner.invoke(
            main, ["signoff", str(path), "--name", reviewer, "--role", "Physician", "--yes"]
        )
        assert signed.exit_code == 0, signed.output
    create_app(config)  # signed by two: served
    checked = runner.invoke(main, ["check", str(path)]).output
    assert ": warning: " not in checked and "signed off by Ana Ruiz and Ben Okafor" in checked
