"""Bad files, as opposed to bad questionnaires: each gets one clear message, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

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
