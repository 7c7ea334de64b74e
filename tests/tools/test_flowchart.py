"""The flow map: conditions in plain words, red flags beside their page, each format's own
escaping, and an SVG that scales to the preview's column."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ElementTree

import pytest
from support import FIXTURE, MINIMAL, build

from screener.authoring.loader import load_questionnaire
from screener.core.model import Questionnaire
from screener.tools.flowchart import Edge, Node, dot, flowchart, mermaid, svg

QUESTIONNAIRE = load_questionnaire(FIXTURE)
# Two conditional pages in a row: the fixture with a page for back pain alone after the one
# for both legs.
CHAINED = build(
    FIXTURE.read_text().replace(
        "  - id: leg_signs\n",
        """  - id: back
    title: {en: Your back, es: Su espalda}
    show_if: legs == "back_only"
    questions:
      - id: back_stiff
        type: yes_no
        text: {en: Is your back stiff in the morning?, es: ¿Tiene la espalda rígida en la mañana?}

  - id: leg_signs
""",
        1,
    )
)
# A label with every character some format must escape, behind a condition written in quotes.
AWKWARD = build(
    MINIMAL.replace("label: Both legs", """label: 'Both "legs" \\ & #1; < 5'""").replace(
        "  - id: saddle\n    title: Saddle\n",
        '  - id: saddle\n    title: Saddle\n    show_if: legs == "both"\n',
    )
)
SAID = 'If the answer to “Where is the pain?” is “Both "legs" \\ & #1; < 5”'


def _nodes(questionnaire: Questionnaire, language: str | None = None) -> dict[str, Node]:
    return {node.id: node for node in flowchart(questionnaire, language)[0]}


def _svg(questionnaire: Questionnaire, language: str | None = None) -> tuple[str, list[str]]:
    """The SVG and the lines of text it shows, entities read as a browser reads them."""
    if shutil.which("dot") is None:
        message = "Graphviz not found; install it with: sudo apt-get install graphviz"
        if os.environ.get("SCREENER_REQUIRE_BROWSER") == "1":  # CI installs it
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    picture = svg(questionnaire, language)
    assert picture is not None
    root = ElementTree.fromstring(picture)
    return picture, [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_conditions_are_in_plain_words_in_the_chosen_language() -> None:
    english, spanish = _nodes(QUESTIONNAIRE), _nodes(QUESTIONNAIRE, "es")
    assert english["if_both_legs_start"].lines == (
        "If the answer to “Where do you",
        "feel pain, numbness or",
        "tingling?” is “In both legs at",
        "the same time”",
    )
    assert " ".join(spanish["if_both_legs_start"].lines) == (
        "If the answer to “¿Dónde siente dolor, adormecimiento u hormigueo?” "
        "is “En las dos piernas al mismo tiempo”"
    )
    assert spanish["page_both_legs_start"].lines == ("both_legs_start: Las dos", "piernas")
    assert not any("==" in line for node in english.values() for line in node.lines)


def test_a_run_of_conditional_pages_is_a_chain_of_decisions() -> None:
    edges = flowchart(CHAINED)[1]
    first = edges.index(Edge("page_right_now", "if_both_legs_start"))
    assert edges[first : first + 9] == [
        Edge("page_right_now", "if_both_legs_start"),
        Edge("if_both_legs_start", "page_both_legs_start", "yes"),
        Edge("page_both_legs_start", "flags_both_legs_start", dashed=True),
        Edge("page_both_legs_start", "if_back"),
        Edge("if_both_legs_start", "if_back", "no", around=True),
        Edge("if_back", "page_back", "yes"),
        Edge("page_back", "page_leg_signs"),
        Edge("if_back", "page_leg_signs", "no", around=True),
        Edge("page_leg_signs", "flags_leg_signs", dashed=True),
    ]
    assert edges[-3:] == [
        Edge("page_course", "page_notes"),
        Edge("page_notes", "check"),
        Edge("check", "result"),
    ]


def test_red_flags_sit_beside_the_page_that_completes_them_grouped_by_tier() -> None:
    nodes = _nodes(QUESTIONNAIRE)
    assert nodes["flags_right_now"] == Node(
        "flags_right_now",
        (
            "Red flags:",
            "stroke, sudden_severe_pain →",
            "  call_911 (stops the questions)",
            "faint, sudden_pain → urgent",
        ),
        "flags",
        stops=True,
        beside="page_right_now",
    )
    assert nodes["flags_age"] == Node(
        "flags_age", ("Red flags:", "under_16 → soon"), "flags", beside="page_age"
    )
    listed = " ".join(" ".join(n.lines) for n in nodes.values() if n.shape == "flags")
    for flag in QUESTIONNAIRE.red_flags:  # each flag once, with its own tier
        assert listed.count(f" {flag.id},") + listed.count(f" {flag.id} →") == 1, flag.id
    assert len(nodes) == 36  # 50 with a box per red flag and per tier


def test_the_result_lists_every_tier_and_how_soon() -> None:
    assert _nodes(QUESTIONNAIRE)["result"].lines == (
        "Result (most urgent tier reached):",
        "call_911: Now",
        "emergency: Now",
        "urgent: Today",
        "soon: Within 2 weeks",
        "self_care: Check again in 2 weeks",
        "  (when no red flag)",
    )


def test_mermaid_escapes_with_its_own_entity_codes() -> None:
    lines = mermaid(AWKWARD).splitlines()
    assert lines[0] == "flowchart TD"
    assert lines[4] == (
        '  if_saddle{"If the answer to “Where is the<br>pain?” is “Both #quot;legs#quot; '
        '\\ #amp; #35;1;<br>#lt; 5”"}'
    )
    assert lines[8:15] == [
        "  start --> page_legs",
        "  page_legs -.- flags_legs",
        "  page_legs --> if_saddle",
        '  if_saddle -->|"yes"| page_saddle',
        "  page_saddle --> check",
        '  if_saddle -->|"no"| check',
        "  check --> result",
    ]
    assert lines[-1] == "  class flags_legs stops"


def test_dot_escapes_quotes_backslashes_and_ampersands() -> None:
    lines = dot(AWKWARD).splitlines()
    assert (
        '  if_saddle [label="If the answer to “Where is the\\npain?” is “Both \\"legs\\" '
        '\\\\ &amp; #1;\\n< 5”\\n", shape=diamond, margin=0, group=main];'
    ) in lines
    assert '  if_saddle -> check [label="no", weight=0];' in lines
    assert "#quot;" not in dot(AWKWARD) and "#quot;" not in dot(QUESTIONNAIRE)


def test_the_svg_shows_quotes_and_plain_words_as_written() -> None:
    picture, shown = _svg(AWKWARD)
    assert "#quot;" not in picture and "&amp;quot;" not in picture
    assert " ".join(shown[shown.index("If the answer to “Where is the") :][:3]) == SAID
    picture, shown = _svg(QUESTIONNAIRE)
    assert "#quot;" not in picture and "&amp;quot;" not in picture and "==" not in picture
    assert shown[shown.index("If the answer to “Where do you") :][:4] == [
        "If the answer to “Where do you",
        "feel pain, numbness or",
        "tingling?” is “In both legs at",
        "the same time”",
    ]


def test_the_svg_scales_to_the_width_of_its_box() -> None:
    picture, _shown = _svg(QUESTIONNAIRE)
    root = ElementTree.fromstring(picture)
    assert root.attrib["width"] == "100%" and "height" not in root.attrib
    left, top, width, height = (float(n) for n in root.attrib["viewBox"].split())
    assert (left, top) == (0, 0) and 0 < width < height
    # Drawn at the preview's 720 px, 12-point text still reads at 14 px or more.
    assert 12 * 720 / width >= 14
