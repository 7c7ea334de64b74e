"""YAML text to plain values, remembering the line and column of every node.

The tree is built from PyYAML's event stream rather than its constructor so that we can
refuse what a questionnaire never needs (aliases, tags, deep nesting, several documents)
before it costs memory, and so that `yes` stays the string "yes" (YAML 1.2 rules).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml

from screener.authoring.problems import Problems
from screener.catalogue import reading

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Source:
    """A parsed YAML file: its values, and where each value and key stands."""

    path: str
    data: Any
    values: dict[NodePath, Position] = field(default_factory=dict)
    keys: dict[NodePath, Position] = field(default_factory=dict)
    quoted: set[NodePath] = field(default_factory=set)
    blocks: set[NodePath] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)

    def at(self, path: NodePath) -> Position:
        """Where the value at `path` starts, or the nearest enclosing node."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_at(self, path: NodePath) -> Position:
        """Where the key of the value at `path` stands (the value itself for list items)."""
        return self.keys.get(path) or self.at(path)

    def inside(self, path: NodePath, offset: int) -> Position:
        """Position of character `offset` inside a scalar (for conditions and texts).

        Exact for one-line scalars and for block scalars (| and >), where each line break
        of the file counts as one character of the value.
        """
        line, column = self.at(path)
        if path not in self.blocks:
            return line, column + offset + (1 if path in self.quoted else 0)
        for number in range(line, len(self.lines)):  # the text starts on the next line
            raw = self.lines[number]
            text = raw.lstrip(" ")
            if offset <= len(text):
                return number + 1, len(raw) - len(text) + offset + 1
            offset -= len(text) + 1
        return line, column


def read_source(
    path: str | FilePath, problems: Problems, max_bytes: int = MAX_BYTES
) -> Source | None:
    """Read and parse a YAML file, recording any problem; None when nothing usable is left."""
    file = FilePath(path)
    try:
        with file.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        problems.error((1, 1), reading.FILE_NOT_FOUND.say())
        return None
    except IsADirectoryError:
        problems.error((1, 1), reading.IS_A_FOLDER.say())
        return None
    except OSError as exc:
        problems.error((1, 1), reading.UNREADABLE.say(reason=exc.strerror))
        return None
    if len(raw) > max_bytes:
        problems.error((1, 1), reading.TOO_LARGE.say(limit=f"{max_bytes // 1000:,}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error((line, 1), reading.NOT_UTF8.say())
        return None
    return parse_source(text, str(path), problems)


def parse_source(text: str, path: str, problems: Problems) -> Source | None:
    """Parse YAML text into a Source, recording syntax problems with their line."""
    source = Source(path=path, data=None, lines=text.splitlines())
    try:
        _build(text, source, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(where, _explain_syntax_error(exc))
        return None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        problems.error((1, 1), reading.NOT_YAML.say(reason=exc))
        return None
    except _Abandon:
        return None
    return source


class _Abandon(Exception):
    """Stop building: the problem has been recorded and nothing more can be trusted."""


def _mark(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _build(text: str, source: Source, problems: Problems) -> None:
    """Turn the event stream into plain values, checking each node as it arrives."""
    stack: list[tuple[Any, NodePath]] = []
    pending_key: list[str | None] = []
    documents = 0

    def attach(value: Any, event: Any) -> NodePath | None:
        where = _mark(event)
        if not stack:
            source.data = value
            source.values[()] = where
            return ()
        container, path = stack[-1]
        if isinstance(container, list):
            child: NodePath = (*path, len(container))
            container.append(value)
        else:
            key = pending_key[-1]
            pending_key[-1] = None
            if key is None:  # this node is a mapping key
                if not isinstance(value, str):
                    problems.error(where, reading.KEY_NOT_A_WORD.say())
                    raise _Abandon
                if value in container:
                    first = source.keys[(*path, value)]
                    problems.error(where, reading.DUPLICATE_KEY.say(key=value, line=first[0]))
                    pending_key[-1] = "\0skip"
                else:
                    pending_key[-1] = value
                    source.keys[(*path, value)] = where
                return None
            if key == "\0skip":
                return None
            child = (*path, key)
            container[key] = value
        source.values[child] = where
        return child

    for event in yaml.parse(text, Loader=_Parser):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problems.error(_mark(event), reading.SEVERAL_DOCUMENTS.say())
                raise _Abandon
        elif isinstance(event, yaml.AliasEvent):
            problems.error(_mark(event), reading.ALIAS.say(anchor=event.anchor))
            raise _Abandon
        elif isinstance(event, yaml.ScalarEvent):
            is_key = bool(stack) and isinstance(stack[-1][0], dict) and pending_key[-1] is None
            value = event.value if is_key else _scalar(event, problems)
            child = attach(value, event)
            if child is not None and event.style in ("'", '"'):
                source.quoted.add(child)
            elif child is not None and event.style in ("|", ">"):
                source.blocks.add(child)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                problems.error(_mark(event), reading.TOO_DEEP.say(limit=MAX_DEPTH))
                raise _Abandon
            _refuse_tag(event, problems, ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"))
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            child = attach(container, event)
            stack.append((container, child if child is not None else ("\0",)))
            pending_key.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            pending_key.pop()


def _scalar(event: Any, problems: Problems) -> Any:
    """Resolve a scalar the YAML 1.2 way: only true/false are booleans."""
    tag = event.tag
    if _refuse_tag(event, problems, ("tag:yaml.org,2002:str",)):
        return event.value
    if event.style not in (None, "") or tag is not None:  # quoted or block: always text
        return event.value
    text = event.value
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _refuse_tag(event: Any, problems: Problems, allowed: tuple[str, ...]) -> bool:
    """Report an explicit tag such as !!python/object; True when one was found."""
    if event.tag in (None, "!", *allowed):
        return False
    problems.error(_mark(event), reading.TAG.say(tag=event.tag))
    return True


# PyYAML's wording, and the catalogued message that explains it to an author.
_SYNTAX_HINTS = (
    ("tab character", reading.TAB),
    ("mapping values are not allowed", reading.COLON_IN_VALUE),
    ("could not find expected ':'", reading.MISSING_COLON),
    ("expected <block end>, but found", reading.INDENTATION),
    ("while scanning a quoted scalar", reading.UNCLOSED_QUOTE),
    ("while parsing a flow", reading.UNCLOSED_BRACKET),
    ("found unexpected end of stream", reading.UNEXPECTED_END),
    ("found undefined alias", reading.UNDEFINED_ALIAS),
    ("found unknown escape character", reading.UNKNOWN_ESCAPE),
)


def _explain_syntax_error(exc: yaml.MarkedYAMLError) -> str:
    """Turn PyYAML's parser wording into an author-facing explanation with a fix."""
    raw = " ".join(filter(None, [exc.context, exc.problem])).replace("'\\t'", "tab character")
    for needle, hint in _SYNTAX_HINTS:
        if needle in raw:
            return hint.say()
    return reading.OTHER_SYNTAX.say(reason=raw)
