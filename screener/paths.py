"""Where the shipped files are, in a source checkout and in an installed package alike."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
BUNDLED = PACKAGE / "bundled"  # filled by the wheel build (see pyproject.toml)


def shipped(name: str) -> Path:
    """A shipped file or folder (questions.yaml, templates, static)."""
    bundled = BUNDLED / name
    return bundled if bundled.exists() else CHECKOUT / name


def default_questionnaire() -> Path:
    """SCREENER_QUESTIONNAIRE, else ./questions.yaml, else the shipped questionnaire."""
    configured = os.environ.get("SCREENER_QUESTIONNAIRE")
    if configured:
        return Path(configured)
    local = Path("questions.yaml")
    return local if local.is_file() else shipped("questions.yaml")


def default_scenarios() -> Path:
    """./scenarios beside the questionnaire being edited, else the shipped scenario files."""
    local = Path("scenarios")
    return local if local.is_dir() else shipped("scenarios")
