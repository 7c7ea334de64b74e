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
from screener.authoring.syntax_errors import explain_syntax_error
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
        _TreeBuilder(source, problems).run(text)
    except yaml.MarkedYAMLError as exc:
        problems.error(*explain_syntax_error(exc, source.lines))
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


class _TreeBuilder:
    """Turns PyYAML's event stream into plain values, checking each node as it arrives."""

    def __init__(self, source: Source, problems: Problems) -> None:
        self.source, self.problems = source, problems
        self.stack: list[tuple[Any, NodePath]] = []
        self.pending_key: list[str | None] = []
        self.documents = 0
        # What each kind of event does; events not listed (stream start and end) do nothing.
        self.handlers: dict[type, Any] = {
            yaml.DocumentStartEvent: self.document,
            yaml.AliasEvent: self.alias,
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.open,
            yaml.SequenceStartEvent: self.open,
            yaml.MappingEndEvent: self.close,
            yaml.SequenceEndEvent: self.close,
        }

    def run(self, text: str) -> None:
        """Build the whole tree, or raise _Abandon after recording why not."""
        for event in yaml.parse(text, Loader=_Parser):
            handler = self.handlers.get(type(event))
            if handler is not None:
                handler(event)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problems.error(_mark(event), reading.SEVERAL_DOCUMENTS.say())
            raise _Abandon

    def alias(self, event: Any) -> None:
        self.problems.error(_mark(event), reading.ALIAS.say(anchor=event.anchor))
        raise _Abandon

    def scalar(self, event: Any) -> None:
        stack = self.stack
        is_key = bool(stack) and isinstance(stack[-1][0], dict) and self.pending_key[-1] is None
        value = event.value if is_key else _scalar(event, self.problems)
        child = self.attach(value, event)
        if child is not None and event.style in ("'", '"'):
            self.source.quoted.add(child)
        elif child is not None and event.style in ("|", ">"):
            self.source.blocks.add(child)

    def open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self.problems.error(_mark(event), reading.TOO_DEEP.say(limit=MAX_DEPTH))
            raise _Abandon
        _refuse_tag(event, self.problems, ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"))
        container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
        child = self.attach(container, event)
        self.stack.append((container, child if child is not None else ("\0",)))
        self.pending_key.append(None)

    def close(self, event: Any) -> None:
        self.stack.pop()
        self.pending_key.pop()

    def attach(self, value: Any, event: Any) -> NodePath | None:
        """Put a value in its container; the path it got, or None for a mapping key."""
        where = _mark(event)
        if not self.stack:
            self.source.data = value
            self.source.values[()] = where
            return ()
        container, path = self.stack[-1]
        if isinstance(container, list):
            child: NodePath = (*path, len(container))
            container.append(value)
        else:
            key = self.pending_key[-1]
            self.pending_key[-1] = None
            if key is None:  # this node is a mapping key
                self.key(value, path, container, where)
                return None
            if key == _SKIP:
                return None
            child = (*path, key)
            container[key] = value
        self.source.values[child] = where
        return child

    def key(self, value: Any, path: NodePath, container: dict[str, Any], where: Position) -> None:
        if not isinstance(value, str):
            self.problems.error(where, reading.KEY_NOT_A_WORD.say())
            raise _Abandon
        if value in container:
            first = self.source.keys[(*path, value)]
            self.problems.error(where, reading.DUPLICATE_KEY.say(key=value, line=first[0]))
            self.pending_key[-1] = _SKIP  # keep the first value, drop this one
        else:
            self.pending_key[-1] = value
            self.source.keys[(*path, value)] = where


_SKIP = "\0skip"


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
