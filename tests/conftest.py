"""Shared fixtures: a small inline questionnaire that every core test can bend."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from screener.loader import check_text
from screener.model import Questionnaire

ROOT = Path(__file__).resolve().parent.parent

# Line numbers matter: tests assert exact positions in this text.
MINIMAL = textwrap.dedent(
    """\
    meta:
      id: demo
      version: "1"
      date: 2026-01-01
      title: Demo
    tiers:
      - id: emergency
        headline: Call {emergency_number}
        action: Go now.
        time_frame: Now
        interrupt: true
      - id: self_care
        headline: Look after yourself
        action: Keep moving.
        time_frame: Weeks
    pages:
      - id: legs
        title: Legs
        questions:
          - id: legs
            type: single_choice
            text: Where is the pain?
            options:
              - value: one
                label: One leg
              - value: both
                label: Both legs
      - id: saddle
        title: Saddle
        questions:
          - id: saddle
            type: yes_no
            text: Any numbness?
    red_flags:
      - id: both_legs
        tier: emergency
        when: legs == "both"
        title: Both legs
        message: Both legs hurt.
        say_on_arrival: My legs both hurt.
        source: NICE CKS
    guidance:
      - id: keep_moving
        title: Keep moving
        body: Walk a little each day.
        source: NICE NG59
    safety_net:
      title: Safety
      body: Call {emergency_number} if it gets worse.
    disclaimer:
      title: About this result
      body: This is not a diagnosis.
    """
)


def problems_in(text: str) -> list[str]:
    """Every problem reported for a questionnaire text, as printed by `screener check`."""
    return [str(p) for p in check_text(text).problems]


def build(text: str) -> Questionnaire:
    """A questionnaire from text that must be valid."""
    report = check_text(text)
    assert report.ok and report.questionnaire is not None, report.problems
    return report.questionnaire


@pytest.fixture
def minimal() -> Questionnaire:
    """The minimal questionnaire, built."""
    return build(MINIMAL)


@pytest.fixture(scope="session")
def shipped() -> Questionnaire:
    """The real questions.yaml."""
    from screener.loader import load_questionnaire

    return load_questionnaire(ROOT / "questions.yaml")
