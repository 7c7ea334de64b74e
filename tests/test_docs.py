"""The documentation's promises: its example is valid, the shipped schema is current, and
the pretest tables are the ones the recorded walks give."""

from __future__ import annotations

import json
import re
import runpy

from click.testing import CliRunner
from support import ROOT

from screener.authoring.loader import check_text
from screener.tools.cli import main


def test_the_complete_example_in_the_authoring_guide_is_valid() -> None:
    guide = (ROOT / "docs" / "authoring.md").read_text()
    example = guide.split("## A complete example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", example, re.S)
    assert match is not None
    report = check_text(match.group(1), "example.yaml")
    assert [str(p) for p in report.problems] == []
    assert report.questionnaire is not None
    assert report.questionnaire.meta.languages == ("en", "es")


def test_shipped_schema_matches_the_format() -> None:
    shipped = json.loads((ROOT / "docs" / "questionnaire.schema.json").read_text())
    current = json.loads(CliRunner().invoke(main, ["schema"]).stdout)
    assert shipped == current, "run: screener schema > docs/questionnaire.schema.json"


def test_the_architecture_lists_every_module_and_no_other() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text()
    modules = {p.name for p in (ROOT / "screener").rglob("*.py") if p.name != "__init__.py"} | {
        p.name for p in (ROOT / "screener").rglob("*.yaml")
    }
    listed = set(re.findall(r"^\s*([a-z0-9_]+\.(?:py|yaml))\s", text, re.M))
    assert modules - listed == set(), "modules missing from docs/architecture.md"
    assert listed - modules - {"__init__.py", "questions.yaml"} == set(), "listed but gone"


def test_the_pretest_tables_are_what_the_recorded_walks_give() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "pretest_agreement.py"))
    text = (ROOT / "docs" / "pretesting.md").read_text()
    recorded = text.split("<!-- pretest tables: begin -->\n", 1)[1].split("<!-- pretest", 1)[0]
    assert recorded == script["table"](), "run: python scripts/pretest_agreement.py table"
