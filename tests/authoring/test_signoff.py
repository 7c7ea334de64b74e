"""Sign-off: the safety content's fingerprint, what a check says while it is not signed by two
people, `screener signoff`, and a server that requires it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURE, MINIMAL, SECRET, downgraded

from screener.authoring.loader import check_file, check_text
from screener.authoring.problems import QuestionnaireError
from screener.authoring.signoff import safety_fingerprint, safety_parts, signoff_status
from screener.tools.cli import main

SIGNED = FIXTURE.read_text()
URGENT = SIGNED[SIGNED.index("  - id: urgent\n") : SIGNED.index("  - id: soon\n")]
SOON = SIGNED[SIGNED.index("  - id: soon\n") : SIGNED.index("  - id: self_care\n")]


def _fingerprint(text: str) -> str:
    report = check_text(text, prove=False)
    assert report.questionnaire is not None, report.problems
    return safety_fingerprint(report.questionnaire)


# (what a clinician changes, old text, new text) for edits the sign-off must cover...
SAFETY_EDITS = [
    (
        "a red flag's tier",
        "  - id: ces_bladder\n    tier: emergency",
        "  - id: ces_bladder\n    tier: urgent",
    ),
    (
        "a red flag's rule",
        'when: weakness == "mild" and weakness_trend == "worse"',
        'when: weakness == "mild" and weakness_trend != "better"',
    ),
    (
        "a red flag's message",
        "New trouble peeing is a warning sign.",
        "New trouble peeing matters.",
    ),
    ("a tier's advice", "Do not wait. Ask someone to take you.", "Ask someone to take you."),
    ("the order of the tiers", URGENT + SOON, SOON + URGENT),
    (
        "a promise",
        '  - id: saddle_is_emergency\n    when: saddle == "yes"',
        '  - id: saddle_is_emergency\n    when: saddle == "yes" and legs == "one_leg"',
    ),
    (
        "the words of a question a flag reads",
        "Do you have new numbness around your genitals or bottom?",
        "Any numbness down there?",
    ),
    (
        "an option of a question a flag reads",
        "              en: It is hard to start peeing\n",
        "              en: Peeing is hard\n",
    ),
    ("a show_if", 'show_if: weakness != "none"', 'show_if: weakness == "both_legs"'),
    (
        "where a card shows",
        "    tiers: [emergency, urgent]",
        "    tiers: [emergency, urgent, soon]",
    ),
    ("the emergency number", 'emergency_number: "911"', 'emergency_number: "999"'),
    ("the safety net", "      - Weakness in both legs\n", "      - Weak legs\n"),
    ("the disclaimer", "It does not diagnose any condition.", "It is not a diagnosis."),
]
# ...and edits it leaves alone: words that decide no result.
SAFETY_EDITS += [
    ("a unit a rule's number is read in", "          en: weeks\n", "          en: days\n"),
    (
        "a scale's end labels",
        "en la pierna?\n        min_label:\n          en: No pain",
        "en la pierna?\n        min_label:\n          en: Worst pain",
    ),
    (
        "the intro of a page a rule reads",
        "Think about the **last 24 hours**.",
        "Think about the **last 10 years**.",
    ),
    ("the clinic a placeholder names", "name: Harbor Test Clinic & Rehab", "name: Harbour Clinic"),
    (
        "a card shown on an emergency result",
        "Note the time your symptoms started.",
        "Rest and wait.",
    ),
]
OTHER_EDITS = [
    ("a comment", "pages:\n", "# The pages.\npages:\n"),
    (
        "the version and date",
        'version: "3.1"\n  date: 2026-06-01',
        'version: "3.2"\n  date: 2026-07-01',
    ),
    ("a card's words", "A warm shower can ease pain.", "A warm bath can ease pain."),
    ("the title of a page no rule reads", "      en: Anything else?\n", "      en: Any more?\n"),
    (
        "a question no rule reads",
        "Are you being treated for cancer now?",
        "Is your cancer being treated now?",
    ),
]


@pytest.mark.parametrize(("what", "old", "new"), SAFETY_EDITS, ids=[e[0] for e in SAFETY_EDITS])
def test_every_safety_edit_changes_the_fingerprint(what: str, old: str, new: str) -> None:
    assert SIGNED.count(old) == 1, what
    assert _fingerprint(SIGNED.replace(old, new)) != _fingerprint(SIGNED), what


@pytest.mark.parametrize(("what", "old", "new"), OTHER_EDITS, ids=[e[0] for e in OTHER_EDITS])
def test_other_edits_keep_the_fingerprint(what: str, old: str, new: str) -> None:
    assert SIGNED.count(old) == 1, what
    assert _fingerprint(SIGNED.replace(old, new)) == _fingerprint(SIGNED), what


def test_the_fixture_is_signed_by_two_people() -> None:
    report = check_file(FIXTURE, prove=False, signoff="require")
    assert report.problems == []
    assert [r.name for r in signoff_status(report.questionnaire).signers] == [  # type: ignore[arg-type]
        "Test Reviewer One",
        "Test Reviewer Two",
    ]


def _messages(text: str, signoff: str = "warn") -> list[str]:
    report = check_text(text, prove=False, signoff=signoff)  # type: ignore[arg-type]
    return [str(p) for p in report.problems]


def test_a_file_never_signed_off_is_named_as_such() -> None:
    assert _messages(MINIMAL) == [
        "questions.yaml:3:12: warning: the safety content (tiers, red flags, promises, the "
        "questions they read and the safety net) has not been signed off; before patients see "
        "it, two people must review it and each run: screener signoff --name NAME --role ROLE "
        "[S015]"
    ]
    assert _messages(MINIMAL, "skip") == []


def test_the_downgrade_is_named_part_by_part_at_its_lines() -> None:
    text = downgraded(SIGNED)
    signed = "version 3.1, by Test Reviewer One and Test Reviewer Two"
    assert _messages(text) == [
        "questions.yaml:11:12: warning: the safety content changed, but the version is still "
        '"3.1", which was signed off with other content; raise meta version and date, so that '
        "each version names one content [S018]",
        'questions.yaml:594:11: warning: red flag ces_saddle now gives "soon" (it gave '
        f'"emergency"), compared with the safety content signed off ({signed}); two people '
        "must review the change (screener diff) and each run screener signoff [S017]",
        "questions.yaml:923:1: warning: promise saddle_is_emergency was removed, compared with "
        f"the safety content signed off ({signed}); two people must review the change "
        "(screener diff) and each run screener signoff [S017]",
    ]
    required = _messages(text, "require")
    assert [m.split(": ")[1] for m in required] == ["error", "error", "error"]


def _run(*args: str, answer: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=answer)
    return result.exit_code, result.output


def _sign(path: Path, name: str, *more: str, answer: str | None = None) -> tuple[int, str]:
    arguments = ("signoff", str(path), "--name", name, "--role", "Physical therapist", *more)
    return _run(*arguments, answer=answer)


def test_signoff_records_each_person_and_two_make_it_servable(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(downgraded(SIGNED).replace('version: "3.1"', 'version: "3.2"', 1))
    code, out = _sign(path, "Ana Ruiz", "--date", "2026-12-05", answer="y\n")
    assert code == 0
    assert out.splitlines()[:4] == [
        "Safety content of version 3.2 (2026-06-01), "
        + signoff_status(check_file(path, prove=False).questionnaire).fingerprint  # type: ignore[arg-type]
        + ".",
        "Changed since version 3.1 was signed off:",
        '  red flag ces_saddle now gives "soon" (it gave "emergency")',
        "  promise saddle_is_emergency was removed",
    ]
    assert out.splitlines()[-1] == f"{path}: signed off by 1 of 2 (Ana Ruiz)."
    assert _messages(path.read_text())[-1] == (
        f"questions.yaml:{path.read_text().splitlines().index('signoff:') + 1}:1: warning: the "
        'safety content of version 3.2 is signed off by 1 of the 2 people needed ("Ana Ruiz"); '
        "one more person must review it and run: screener signoff --name NAME --role ROLE [S016]"
    )
    assert "# Who reviewed the safety content" in path.read_text()  # the comments stay
    assert [p.split(": ")[1] for p in _messages(path.read_text(), "require")][-1] == "error"
    code, out = _sign(path, "  ana  RUIZ ", "--yes")
    assert (code, out) == (
        1,
        "Error: Ana Ruiz has already signed off this content, on 2026-12-05\n",
    )
    code, out = _sign(path, "Ben Okafor", "--yes")
    assert out.splitlines()[-1] == f"{path}: signed off by 2 of 2 (Ana Ruiz and Ben Okafor)."
    report = check_file(path, signoff="require")
    assert report.ok and report.problems == []
    review = report.questionnaire.signoff.reviews[-2]  # type: ignore[union-attr]
    assert (review.name, review.role, review.date, review.version) == (
        "Ana Ruiz",
        "Physical therapist",
        "2026-12-05",
        "3.2",
    )


def test_signoff_refuses_a_version_signed_with_other_content(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(downgraded(SIGNED))
    code, out = _sign(path, "Ana Ruiz", "--yes")
    assert code == 1
    assert out == (
        'Error: version "3.1" was signed off with other safety content; raise meta version and '
        "date first, so that each version names one content\n"
    )


def test_signoff_refuses_a_file_with_errors_and_signs_nothing_unconfirmed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(MINIMAL.replace('when: legs == "both"', 'when: lgs == "both"'))
    code, out = _sign(path, "Ana Ruiz", "--yes")
    assert code == 1 and "[C018]" in out and "fix them first" in out
    path.write_text(MINIMAL)
    code, out = _sign(path, "Ana Ruiz", answer="n\n")
    assert code == 1 and out.endswith("Error: nothing was signed\n")
    assert path.read_text() == MINIMAL
    code, out = _sign(path, "Ana Ruiz", "--date", "5/12/2026", "--yes")
    assert out == 'Error: --date "5/12/2026" is not a date written YYYY-MM-DD, like 2026-12-05\n'


def _app(path: Path, require: bool) -> object:
    from screener import create_app

    config = {"SECRET_KEY": SECRET, "QUESTIONNAIRE": str(path), "REQUIRE_SIGNOFF": require}
    return create_app(config)


def test_a_server_that_requires_signoff_refuses_unsigned_content(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(downgraded(SIGNED))
    _app(path, require=False)  # a warning is no reason to refuse
    with pytest.raises(QuestionnaireError) as caught:
        _app(path, require=True)
    assert "error: red flag ces_saddle now gives" in str(caught.value)
    _app(FIXTURE, require=True)  # signed by two: served


def _unsigned(text: str = SIGNED) -> str:
    """A file's text without its signoff section (and the comment above it)."""
    return text[: text.index("# Who reviewed the safety content")].rstrip("\n") + "\n"


def test_a_signoff_section_written_anywhere_is_rewritten_in_place(tmp_path: Path) -> None:
    # The section in the middle, a comment on its key line and at its margin, a blank line
    # and a comment before the next section, Windows line endings, a file mode of its own.
    section = SIGNED[SIGNED.index("signoff:\n") :].replace("signoff:\n", "signoff:  # ours\n", 1)
    body = _unsigned().replace("promises:\n", section + "\n# What must hold.\npromises:\n")
    path = tmp_path / "questions.yaml"
    path.write_bytes(body.replace("\n", "\r\n").encode())
    path.chmod(0o640)
    path.write_bytes(
        body.replace('version: "3.1"', 'version: "3.2"', 1).replace("\n", "\r\n").encode()
    )
    code, out = _sign(path, "Ana Ruiz", "--yes")
    written = path.read_bytes().decode()
    assert code == 0, out
    assert "\n" not in written.replace("\r\n", "")  # every line ending kept
    assert "\r\n\r\n# What must hold.\r\npromises:\r\n" in written
    assert written.count("signoff:") == 1 and path.stat().st_mode & 0o777 == 0o640
    report = check_file(path, prove=False)
    assert [r.name for r in report.questionnaire.signoff.reviews][-1] == "Ana Ruiz"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "date", "refused"),
    [
        (
            "   ",
            "2026-12-05",
            "Error: --name must be written out on one line, like --name 'Ana Ruiz'\n",
        ),
        (
            "Ana\x07Ruiz",
            "2026-12-05",
            "Error: --name must be written out on one line, like --name 'Ana Ruiz'\n",
        ),
        (
            "Ana Ruiz",
            "2026-02-31",
            'Error: --date "2026-02-31" is not a date written YYYY-MM-DD, like 2026-12-05\n',
        ),
    ],
)
def test_signoff_refuses_what_would_not_read_back(
    tmp_path: Path, name: str, date: str, refused: str
) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(_unsigned())
    assert _sign(path, name, "--date", date, "--yes") == (1, refused)
    assert path.read_text() == _unsigned()


def test_a_question_named_order_has_a_part_of_its_own() -> None:
    text = SIGNED.replace("- id: trend", "- id: order").replace(" trend ==", " order ==")
    text = text.replace(' trend != "better"', ' order != "better"')
    parts = safety_parts(check_text(text, prove=False).questionnaire)  # type: ignore[arg-type]
    assert {"question order", "order of the questions"} <= set(parts)
