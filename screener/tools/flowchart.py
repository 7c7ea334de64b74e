"""The questionnaire as a flowchart: pages and branches, red flags and the tiers they lead to.

`flowchart` works out the nodes and edges once; `mermaid` and `dot` only print them.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from screener.core.model import Questionnaire


@dataclass(frozen=True)
class Node:
    """A box on the map: a page, a tier, a red flag, or a fixed step."""

    id: str
    label: str
    shape: str  # "step", "page", "tier" or "flag"


@dataclass(frozen=True)
class Edge:
    """An arrow; dashed when it points to a red flag."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False


def flowchart(
    questionnaire: Questionnaire, language: str | None = None
) -> tuple[list[Node], list[Edge]]:
    """Every node and edge of the map, in the questionnaire's order."""
    lang = language or questionnaire.meta.default_language
    text = questionnaire.text
    nodes = [Node("start", "Start", "step")]
    nodes += [
        Node(f"page_{p.id}", f"{p.id}: {text(p.title, lang)}", "page") for p in questionnaire.pages
    ]
    nodes += [Node("check", "Check your answers", "step"), Node("result", "Result", "step")]
    nodes += [
        Node(f"tier_{t.id}", f"{t.id}: {text(t.time_frame, lang)}", "tier")
        for t in questionnaire.tiers
    ]
    edges: list[Edge] = []
    # Control reaches a page from the last page everyone sees and any conditional page since.
    entries = ["start"]
    for page in questionnaire.pages:
        label = f"if {page.show_if.text}" if page.show_if else ""
        edges += [Edge(entry, f"page_{page.id}", label) for entry in entries]
        entries = [*entries, f"page_{page.id}"] if page.show_if else [f"page_{page.id}"]
    edges += [Edge(entry, "check") for entry in entries] + [Edge("check", "result")]
    order = questionnaire.question_order
    for flag in questionnaire.red_flags:
        last = max(flag.when.questions, key=lambda q: order.get(q, -1))
        nodes.append(Node(f"flag_{flag.id}", flag.id, "flag"))
        edges.append(
            Edge(f"page_{questionnaire.questions[last].page}", f"flag_{flag.id}", dashed=True)
        )
        edges.append(Edge(f"flag_{flag.id}", f"tier_{flag.tier}"))
    return nodes, edges


_MERMAID_SHAPES = {"step": '(["{}"])', "page": '["{}"]', "tier": '[/"{}"/]', "flag": '{{{{"{}"}}}}'}


def mermaid(questionnaire: Questionnaire, language: str | None = None) -> str:
    """Mermaid flowchart text for the whole questionnaire."""
    nodes, edges = flowchart(questionnaire, language)

    def quoted(text: str) -> str:
        return text.replace('"', "#quot;").replace("\n", " ")

    lines = ["flowchart TD"]
    lines += [f"  {n.id}{_MERMAID_SHAPES[n.shape].format(quoted(n.label))}" for n in nodes]
    for edge in edges:
        arrow = (
            " -.-> "
            if edge.dashed
            else (f' -->|"{quoted(edge.label)}"| ' if edge.label else " --> ")
        )
        lines.append(f"  {edge.source}{arrow}{edge.target}")
    return "\n".join(lines) + "\n"


_DOT_SHAPES = {"step": "oval", "page": "box", "tier": "parallelogram", "flag": "hexagon"}


def dot(questionnaire: Questionnaire, language: str | None = None) -> str:
    """The same flowchart in Graphviz's DOT language (for an SVG made by `dot -Tsvg`)."""
    nodes, edges = flowchart(questionnaire, language)

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    lines = ["digraph questionnaire {", "  rankdir=TB;", '  node [fontname="sans-serif"];']
    lines += [f"  {n.id} [label={quoted(n.label)}, shape={_DOT_SHAPES[n.shape]}];" for n in nodes]
    for edge in edges:
        style = [f"label={quoted(edge.label)}"] if edge.label else []
        style += ["style=dashed"] if edge.dashed else []
        lines.append(
            f"  {edge.source} -> {edge.target}" + (f" [{', '.join(style)}]" if style else "") + ";"
        )
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
    start = run.stdout.find("<svg")
    return run.stdout[start:] if run.returncode == 0 and start >= 0 else None
