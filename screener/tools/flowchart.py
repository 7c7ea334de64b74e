"""The questionnaire as a flowchart: the pages in order, the questions that decide whether a
page is shown, which tiers each page's red flags lead to, and the results.

`flowchart` works out the nodes and edges once, in plain words; `mermaid` and `dot` only
print them, each escaping the text its own way, and `svg` draws the DOT with Graphviz.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from collections import defaultdict
from dataclasses import dataclass, replace

from screener.authoring.plain_words import describe
from screener.core.model import Questionnaire

# Characters per line: narrow enough that the widest row (a diamond, or a page with its red
# flags beside it), scaled down to the preview's 720 px column, keeps its text near 14 px.
_WRAP = {"step": 24, "page": 24, "decision": 30, "flags": 36, "results": 36}


@dataclass(frozen=True)
class Node:
    """A box on the map, its text already wrapped into lines."""

    id: str
    lines: tuple[str, ...]
    shape: str  # "step", "page", "decision", "flags" or "results"
    stops: bool = False  # red flags whose tier stops the questions
    beside: str = ""  # the node on the same row: a page's red flags sit next to the page


@dataclass(frozen=True)
class Edge:
    """An arrow; dashed when it points from a page to its red flags."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False
    around: bool = False  # goes around a page that is not shown


def _node(ident: str, text: str, shape: str, stops: bool = False, beside: str = "") -> Node:
    """A node whose text is wrapped; a newline in the text always starts a new line."""
    lines: list[str] = []
    # In a list, an indented continuation tells a wrapped line from the next item.
    indent = "  " if shape in ("flags", "results") else ""
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, _WRAP[shape], subsequent_indent=indent) or [""]
    return Node(ident, tuple(lines), shape, stops, beside)


def flowchart(
    questionnaire: Questionnaire, language: str | None = None
) -> tuple[list[Node], list[Edge]]:
    """Every node and edge of the map, in the questionnaire's order, conditions in words."""
    lang = language or questionnaire.meta.default_language
    flags = _red_flags(questionnaire)
    nodes = [_node("start", "Start", "step")]
    edges: list[Edge] = []
    # One decision before each conditional page keeps the arrows short: its "no" leads on
    # to the next step, so a run of conditional pages needs no arrow jumping over several.
    leads = [Edge("start", "")]
    for page in questionnaire.pages:
        target, skips = f"page_{page.id}", []
        if page.show_if:
            decision = f"if_{page.id}"
            said = describe(page.show_if, questionnaire, lang)
            nodes.append(_node(decision, f"If {said}", "decision"))
            edges += [replace(lead, target=decision) for lead in leads]
            leads, skips = [Edge(decision, "", "yes")], [Edge(decision, "", "no", around=True)]
        edges += [replace(lead, target=target) for lead in leads]
        nodes.append(_node(target, f"{page.id}: {questionnaire.text(page.title, lang)}", "page"))
        leads = [Edge(target, ""), *skips]
        if page.id in flags:
            nodes.append(flags[page.id])
            edges.append(Edge(target, flags[page.id].id, dashed=True))
    edges += [replace(lead, target="check") for lead in leads] + [Edge("check", "result")]
    nodes += [_node("check", "Check your answers", "step"), _results(questionnaire, lang)]
    return nodes, edges


def _red_flags(questionnaire: Questionnaire) -> dict[str, Node]:
    """By page: the red flags its answers complete (their last question), grouped by tier."""
    # One box per page rather than one per flag: fifty flags, each with its own arrow to a
    # tier, made a map too wide and tangled to read.
    order = questionnaire.question_order
    decided: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for flag in questionnaire.red_flags:
        last = max(flag.when.questions, key=lambda q: order.get(q, -1))
        decided[questionnaire.questions[last].page][flag.tier].append(flag.id)
    boxes = {}
    for page_id, by_tier in decided.items():
        tiers = [t for t in questionnaire.tiers if t.id in by_tier]
        lines = [
            f"{', '.join(by_tier[t.id])} → {t.id}{' (stops the questions)' if t.interrupt else ''}"
            for t in tiers
        ]
        text = "\n".join(["Red flags:", *lines])
        stops = any(t.interrupt for t in tiers)
        boxes[page_id] = _node(f"flags_{page_id}", text, "flags", stops, f"page_{page_id}")
    return boxes


def _results(questionnaire: Questionnaire, lang: str) -> Node:
    """The result: one of the tiers, each with how soon."""
    tiers = questionnaire.tiers
    lines = [f"{t.id}: {questionnaire.text(t.time_frame, lang)}" for t in tiers]
    lines[-1] += " (when no red flag)"
    return _node("result", "\n".join(["Result (most urgent tier reached):", *lines]), "results")


_MERMAID_SHAPES = {
    "step": '(["{}"])',
    "page": '["{}"]',
    "decision": '{{"{}"}}',
    "flags": '>"{}"]',
    "results": '["{}"]',
}


def _mermaid_text(text: str) -> str:
    """Text for inside a Mermaid string, as Mermaid's own entity codes (#quot; and the like)."""
    text = text.replace("#", "#35;")  # first, so the codes below are left alone
    for char, code in {'"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;"}.items():
        text = text.replace(char, code)
    return text


def mermaid(questionnaire: Questionnaire, language: str | None = None) -> str:
    """Mermaid flowchart text for the whole questionnaire."""
    nodes, edges = flowchart(questionnaire, language)
    lines = ["flowchart TD"]
    for n in nodes:
        label = "<br>".join(_mermaid_text(line) for line in n.lines)
        lines.append(f"  {n.id}{_MERMAID_SHAPES[n.shape].format(label)}")
    for edge in edges:
        arrow = " -.- " if edge.dashed else " --> "
        if edge.label:
            arrow = f'{arrow.rstrip()}|"{_mermaid_text(edge.label)}"| '
        lines.append(f"  {edge.source}{arrow}{edge.target}")
    stops = [n.id for n in nodes if n.stops]
    if stops:
        lines.append("  classDef stops fill:#fde8e8,stroke:#a4161a,stroke-width:2px")
        lines.append(f"  class {','.join(stops)} stops")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    """Text for inside a quoted DOT string, drawn by Graphviz exactly as written."""
    # Graphviz reads "&quot;" in a label as a quote mark: escape "&" so text stays text.
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")


_DOT_SHAPES = {
    "step": "shape=oval",
    "page": "shape=box",
    "decision": "shape=diamond, margin=0",
    "flags": 'shape=box, style="rounded,filled", fillcolor="#f2f5f7", color="#4a5560"',
    "results": 'shape=box, style=filled, fillcolor="#f2f5f7"',
}
_STOPS = 'shape=box, style="rounded,filled", fillcolor="#fde8e8", color="#a4161a", penwidth=2'


def dot(questionnaire: Questionnaire, language: str | None = None) -> str:
    """The same flowchart in Graphviz's DOT language (for an SVG made by `dot -Tsvg`)."""
    nodes, edges = flowchart(questionnaire, language)
    lines = [
        "digraph questionnaire {",
        "  rankdir=TB; nodesep=0.25; ranksep=0.3;",
        '  node [fontname="sans-serif", fontsize=12];',
        '  edge [fontname="sans-serif", fontsize=11];',
    ]
    for n in nodes:
        # Lists read best left-aligned ("\l" ends a left-aligned line); the rest centred.
        left = n.shape in ("flags", "results")
        label = "".join(_dot_text(line) + ("\\l" if left else "\\n") for line in n.lines)
        shape = _STOPS if n.stops else _DOT_SHAPES[n.shape]
        # One group keeps the path everyone takes in a straight line down the middle.
        shape += ", group=main" if n.shape in ("step", "page", "decision", "results") else ""
        lines.append(f'  {n.id} [label="{label}", {shape}];')
        if n.beside:
            lines.append(f"  {{ rank=same; {n.beside}; {n.id}; }}")
    for edge in edges:
        style = [f'label="{_dot_text(edge.label)}"'] if edge.label else []
        style += ["style=dashed, arrowhead=none"] if edge.dashed else []
        style += ["weight=0"] if edge.around else []  # bends round; the pages stay in line
        attributes = f" [{', '.join(style)}]" if style else ""
        lines.append(f"  {edge.source} -> {edge.target}{attributes};")
    return "\n".join([*lines, "}"]) + "\n"


def svg(questionnaire: Questionnaire, language: str | None = None) -> str | None:
    """The flowchart as SVG that scales to its container, or None without Graphviz's `dot`."""
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
    if run.returncode != 0 or start < 0:
        return None
    return _scalable(run.stdout[start:])


def _scalable(picture: str) -> str:
    """The SVG as wide as its box, however wide Graphviz drew it."""
    # Graphviz fixes the width and height in points, wider than the preview's column; the
    # viewBox stays, so the height follows the width and nothing scrolls sideways.
    end = picture.index(">")
    tag = re.sub(r'\s(?:width|height)="[^"]*"', "", picture[:end])
    return tag + ' width="100%"' + picture[end:]
