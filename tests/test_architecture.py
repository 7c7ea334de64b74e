"""The package's shape: layers held by import contracts, modules and functions kept small."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

PACKAGE = ROOT / "screener"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 6 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        ("core/route.py", "import flask", "The core is pure"),
        ("core/triage.py", "import screener.authoring.loader", "Layers"),
        ("authoring/checks.py", "import wtforms", "Every Flask, WTForms and Jinja import"),
        ("web/journey.py", "import screener.web.preview", "never calls into the author's preview"),
        ("web/pages.py", "import screener.web.preview", "never calls into the author's preview"),
        ("web/hooks.py", "import screener.web.journey", "know neither the journey"),
        ("tools/cli.py", "import dd", "Only the proof calls the solver"),
    ],
)
@pytest.mark.slow
def test_a_planted_crossing_breaks_its_contract(
    tmp_path: Path, module: str, planted: str, broken: str
) -> None:
    shutil.copytree(PACKAGE, tmp_path / "screener", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "screener" / module
    target.write_text(target.read_text() + f"\n{planted}  # planted\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout
    verdicts = [line for line in result.stdout.splitlines() if line.endswith(("KEPT", "BROKEN"))]
    named = [line for line in verdicts if broken in line]
    assert len(named) == 1 and named[0].endswith("BROKEN"), verdicts
    broken_section = result.stdout.split("Broken contracts", 1)[1]
    assert f"screener.{module[:-3].replace('/', '.')} " in broken_section.replace("\n", " ")


def test_importing_the_core_loads_neither_flask_nor_yaml() -> None:
    core = sorted(f"screener.core.{path.stem}" for path in (PACKAGE / "core").glob("*.py"))
    script = (
        f"import sys\nfor name in {core!r}: __import__(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(ast.literal_eval(result.stdout))
    assert "screener" in loaded  # the probe did import the core
    assert len(core) >= 8
    forbidden = {"flask", "werkzeug", "wtforms", "jinja2", "yaml", "dd", "click", "cryptography"}
    assert loaded & forbidden == set()


def test_the_package_root_holds_only_a_handful_of_modules() -> None:
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "paths.py"]


def _python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_300_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in _python_files()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _long_functions(source: str) -> list[tuple[str, int]]:
    """Functions over the limit that carry no `# long: why` comment on the line above."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            reason = lines[start - 2].strip() if start >= 2 else ""
            if length > MAX_FUNCTION_LINES and not reason.startswith("# long:"):
                found.append((node.name, length))
    return found


def test_the_function_length_check_can_fail() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert _long_functions(f"def f():\n{body}\n") == [("f", MAX_FUNCTION_LINES + 1)]
    assert _long_functions(f"# long: a table\ndef f():\n{body}\n") == []


def test_no_function_is_over_50_lines_without_a_reason() -> None:
    long = {
        f"{path.relative_to(ROOT)}:{name}": n
        for path in _python_files()
        for name, n in _long_functions(path.read_text())
    }
    assert long == {}


def test_runtime_code_never_points_into_the_tests() -> None:
    offenders = [
        str(path.relative_to(ROOT)) for path in _python_files() if "tests/" in path.read_text()
    ]
    assert offenders == []
