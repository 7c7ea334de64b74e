"""The questionnaire as a Mermaid flowchart: pages and branches, red flags and their tiers."""

from __future__ import annotations

import shutil
import subprocess

from screener.model import Questionnaire


def _label(text: str) -> str:
    """A Mermaid-safe quoted label."""
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


def mermaid(questionnaire: Questionnaire, language: str | None = None) -> str:
    """Mermaid flowchart text for the whole questionnaire."""
    lang = language or questionnaire.meta.default_language
    text = questionnaire.text
    pages = questionnaire.pages
    lines = ["flowchart TD", '  start(["Start"])']
    for page in pages:
        lines.append(f"  page_{page.id}[{_label(page.id + ': ' + text(page.title, lang))}]")
    lines += ['  check(["Check your answers"])', '  result(["Result"])']
    # Control reaches a page from the last page everyone sees and any conditional page since.
    entries = ["start"]
    for page in pages:
        arrow = f" -->|{_label('if ' + page.show_if.text)}| " if page.show_if else " --> "
        lines.extend(f"  {entry}{arrow}page_{page.id}" for entry in entries)
        entries = [*entries, f"page_{page.id}"] if page.show_if else [f"page_{page.id}"]
    lines.extend(f"  {entry} --> check" for entry in entries)
    lines.append("  check --> result")
    for tier in questionnaire.tiers:
        lines.append(f"  tier_{tier.id}[/{_label(tier.id + ': ' + text(tier.time_frame, lang))}/]")
    order = {q: i for i, q in enumerate(questionnaire.questions)}
    for flag in questionnaire.red_flags:
        lines.append(f"  flag_{flag.id}{{{{{_label(flag.id)}}}}}")
        last = max(flag.when.questions, key=lambda q: order.get(q, -1))
        lines.append(f"  page_{questionnaire.questions[last].page} -.-> flag_{flag.id}")
        lines.append(f"  flag_{flag.id} --> tier_{flag.tier}")
    return "\n".join(lines) + "\n"


def _dot_label(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def dot(questionnaire: Questionnaire, language: str | None = None) -> str:
    """The same flowchart in Graphviz's DOT language (for an SVG made by `dot -Tsvg`)."""
    lang = language or questionnaire.meta.default_language
    text = questionnaire.text
    lines = [
        "digraph questionnaire {",
        "  rankdir=TB;",
        '  node [fontname="sans-serif"];',
        '  start [label="Start", shape=oval];',
    ]
    for page in questionnaire.pages:
        label = _dot_label(f"{page.id}: {text(page.title, lang)}")
        lines.append(f"  page_{page.id} [label={label}, shape=box];")
    lines += [
        '  check [label="Check your answers", shape=oval];',
        '  result [label="Result", shape=oval];',
    ]
    entries = ["start"]
    for page in questionnaire.pages:
        label = f" [label={_dot_label('if ' + page.show_if.text)}]" if page.show_if else ""
        lines.extend(f"  {entry} -> page_{page.id}{label};" for entry in entries)
        entries = [*entries, f"page_{page.id}"] if page.show_if else [f"page_{page.id}"]
    lines.extend(f"  {entry} -> check;" for entry in entries)
    lines.append("  check -> result;")
    for tier in questionnaire.tiers:
        label = _dot_label(f"{tier.id}: {text(tier.time_frame, lang)}")
        lines.append(f"  tier_{tier.id} [label={label}, shape=parallelogram];")
    order = questionnaire.question_order
    for flag in questionnaire.red_flags:
        last = max(flag.when.questions, key=lambda q: order.get(q, -1))
        lines.append(f"  flag_{flag.id} [label={_dot_label(flag.id)}, shape=hexagon];")
        lines.append(
            f"  page_{questionnaire.questions[last].page} -> flag_{flag.id} [style=dashed];"
        )
        lines.append(f"  flag_{flag.id} -> tier_{flag.tier};")
    return "\n".join([*lines, "}"]) + "\n"


def svg(questionnaire: Questionnaire, language: str | None = None) -> str | None:
    """The flowchart as inline SVG, or None when Graphviz's `dot` is not installed."""
    program = shutil.which("dot")
    if program is None:
        return None
    run = subprocess.run(
        [program, "-Tsvg"],
        input=dot(questionnaire, language),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if run.returncode != 0:
        return None
    start = run.stdout.find("<svg")
    return run.stdout[start:] if start >= 0 else None
