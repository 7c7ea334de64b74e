"""Bad files, as opposed to bad questionnaires: each gets one clear message, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from screener.authoring import source
from screener.authoring.loader import check_file
from screener.authoring.problems import Problems
from screener.authoring.source import parse_source

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)

FILES = [
    (
        "empty",
        b"",
        "x.yaml:1:1: error: the file is empty; a questionnaire starts with a meta: "
        "section (see docs/authoring.md for a complete example) [R001]",
    ),
    (
        "only a comment",
        b"# nothing yet\n",
        "x.yaml:1:1: error: the file is empty; a "
        "questionnaire starts with a meta: section (see docs/authoring.md for a complete example) [R001]",
    ),
    (
        "a list, not a mapping",
        b"- meta\n- pages\n",
        "x.yaml:1:1: error: the file should be a set "
        "of sections (meta:, tiers:, pages:, ...), each starting at the beginning of a line, not a "
        "list or a text [R002]",
    ),
    (
        "not UTF-8",
        "meta:\n  title: caf\u00e9\n".encode("latin-1"),
        "x.yaml:2:1: error: the file is "
        "not UTF-8 text; save it with UTF-8 encoding (most editors offer this under 'Save As' or "
        "'Encoding') [Y005]",
    ),
    (
        "over 1 MB",
        b"# " + b"x" * 1_000_001,
        "x.yaml:1:1: error: the file is larger than 1,000 KB; "
        "a questionnaire this big is almost certainly a mistake (check that this is the right file) [Y004]",
    ),
    (
        "deep nesting",
        b"a: " + b"[" * 40 + b"]" * 40 + b"\n",
        "x.yaml:1:35: error: the file is "
        "nested more than 32 levels deep; a questionnaire never needs this, so check the "
        "indentation [Y011]",
    ),
    (
        "alias bomb",
        BILLION_LAUGHS.encode(),
        'x.yaml:2:8: error: aliases such as "*a" are not supported; write the value out in full [Y010]',
    ),
    (
        "python tag",
        b"meta: !!python/object:os.system {}\n",
        "x.yaml:1:7: error: tags such as "
        '"tag:yaml.org,2002:python/object:os.system" are not supported; remove it [Y012]',
    ),
    (
        "unclosed quote",
        b'meta:\n  title: "Demo\n',
        "x.yaml:3:1: error: YAML syntax error: a quoted text is not closed; add the closing quote [Y017]",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), FILES, ids=[f[0] for f in FILES])
def test_bad_file_gets_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_bytes(content)
    report = check_file("x.yaml")
    assert report.questionnaire is None
    assert expected in [str(p) for p in report.problems]


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert [str(p) for p in check_file("nope.yaml").problems] == [
        "nope.yaml:1:1: error: file not found; check the path, or run the command from the "
        "folder that holds it [Y001]"
    ]


def test_folder_instead_of_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("dir").mkdir()
    assert [str(p) for p in check_file("dir").problems] == [
        "dir:1:1: error: this is a folder, not a file; give the path of the .yaml file [Y002]"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes", {"a": "yes"}),
        ("a: no", {"a": "no"}),
        ("a: true", {"a": True}),
        ("a: 7", {"a": 7}),
        ("a: -7", {"a": -7}),
        ("a: 1.5", {"a": 1.5}),
        ("a: '7'", {"a": "7"}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: 2026-11-27", {"a": "2026-11-27"}),
        ("a: 50_69", {"a": "50_69"}),
        ("a: [x, 'y']", {"a": ["x", "y"]}),
    ],
)
def test_scalars_follow_yaml_1_2(text: str, expected: object) -> None:
    source = parse_source(text, "x.yaml", Problems("x.yaml"))
    assert source is not None and source.data == expected


def test_positions_are_recorded_for_keys_and_values() -> None:
    source = parse_source("a:\n  - b: 1\n    c: two\n", "x.yaml", Problems("x.yaml"))
    assert source is not None
    assert source.at(("a", 0, "c")) == (3, 8)
    assert source.key_at(("a", 0, "c")) == (3, 5)
    assert source.at(("a", 0, "missing")) == (2, 5)


QUESTION = "pages:\n  - id: saddle\n    questions:\n      - id: saddle\n"
COLON = "YAML syntax error: a colon followed by a space (': ') appears inside a value; put the whole text in double quotes, or check the indentation of this line [Y014]"
# (name, YAML text, every problem expected, as printed)
INDENTATION = [
    (
        "one space too many",
        QUESTION + "        type: yes_no\n         text: Do you have numbness?\n",
        [
            "x.yaml:6:10: error: YAML syntax error: this line is indented 1 space more than 'type:' on line 5 above it; keys of the same part must start in the same column, so remove 1 space at the start of this line [Y021]"
        ],
    ),
    (
        "one space too many, under a list item's first key",
        QUESTION + "         type: yes_no\n        text: Do you have numbness?\n",
        [
            "x.yaml:5:10: error: YAML syntax error: this line is indented 1 space more than 'id:' on line 4 above it; keys of the same part must start in the same column, so remove 1 space at the start of this line [Y021]"
        ],
    ),
    (
        "several spaces too many, past a blank line and a comment",
        QUESTION
        + "        type: yes_no\n\n        # the red flag\n           text: Do you have numbness?\n",
        [
            "x.yaml:8:12: error: YAML syntax error: this line is indented 3 spaces more than 'type:' on line 5 above it; keys of the same part must start in the same column, so remove 3 spaces at the start of this line [Y021]"
        ],
    ),
    (
        "one space too many after a quoted text",
        QUESTION + '        text: "Do you have numbness?"\n         type: yes_no\n',
        [
            "x.yaml:6:10: error: YAML syntax error: this line is indented 1 space more than 'text:' on line 5 above it; keys of the same part must start in the same column, so remove 1 space at the start of this line [Y021]"
        ],
    ),
    (
        "a text containing ': '",
        QUESTION + "        type: yes_no\n        text: Numbness: where?\n",
        [f"x.yaml:6:23: error: {COLON}"],
    ),
    (
        "a text running on to a line with ': '",
        QUESTION + "        text: Do you have numbness\n          Note: between the legs?\n",
        [f"x.yaml:6:15: error: {COLON}"],
    ),
    (
        "less far in than the key above: either level may be meant",
        QUESTION + "        type: yes_no\n       text: Do you have numbness?\n",
        [
            "x.yaml:6:8: error: YAML syntax error: the indentation does not line up with the lines above; items at the same level must start in the same column [Y016]"
        ],
    ),
    (
        "a correct file",
        QUESTION + "        type: yes_no\n        text: Do you have numbness?\n",
        [],
    ),
]


@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(
    ("name", "text", "expected"), INDENTATION, ids=[case[0] for case in INDENTATION]
)
def test_a_key_indented_too_far_is_told_apart_from_a_colon_in_a_text(
    monkeypatch: pytest.MonkeyPatch, parser: str, name: str, text: str, expected: list[str]
) -> None:
    # The two parsers word these errors differently; the author must read the same message.
    monkeypatch.setattr(source, "_Parser", getattr(yaml, parser))
    problems = Problems("x.yaml")
    parse_source(text, "x.yaml", problems)
    assert [str(p) for p in problems.items] == expected
