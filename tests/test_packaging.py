"""`pip install .` (not editable) gives a working `screener` with the shipped files bundled."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest
from support import ROOT

# Builds and installs the wheel in a fresh environment.
pytestmark = pytest.mark.slow


def test_regular_install_gives_a_working_command(tmp_path: Path) -> None:
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env" / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
    )
    # Run from an empty folder: the command must fall back to the bundled questionnaire.
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [str(tmp_path / "env" / "bin" / "screener"), "check"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/screener/bundled/questions.yaml: OK (" in result.stdout
