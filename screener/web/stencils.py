"""Pages built once with markers where each person's parts go, then filled per request.

A stencil is a template (or one of its macros) rendered with a `Recorder` standing in for the
person: every `you.<part>(...)` call leaves a marker and notes the call. Filling the stencil
makes those same calls on the real person and joins the results with the fixed text between
markers, escaped as Jinja would. So a page's translated strings, macros and questionnaire
texts are worked out once per questionnaire, language and shape of page, and a request pays
only for its own parts. The cache holds page text, never an answer.

The plain rendering, the template rendered with the real person, stays the reference: with
CHECK_STENCILS on (as in the tests) every filled page is compared with it, byte for byte.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from operator import methodcaller
from typing import Any

from markupsafe import Markup, escape

# A slot: the name of the person's method to call, and its (fixed) arguments.
Slot = tuple[str, tuple[Any, ...]]
# Stencils kept per language before the shelf starts again (the shipped file's pages, results
# and items need a few hundred), and places (language, script root) kept: they bound memory
# whatever requests arrive.
MOST_STENCILS = 4096
MOST_SHELVES = 16


class Marker(Markup):
    """Where a person's part goes; it has no truth value, so a template cannot branch on it."""

    def __bool__(self) -> bool:
        raise TypeError(
            "a per-person part was used in a condition while a stencil was built; "
            "branch on it inside one of the person's methods instead"
        )


class Recorder:
    """Stands in for the person while a stencil is rendered: each call leaves a marker."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(8)  # no questionnaire text can forge a marker
        self.slots: list[Slot] = []
        self.pattern = re.compile(f"\x00{self._nonce}:([0-9]+)\x00")

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        if name.startswith("_"):
            raise AttributeError(name)

        def record(*args: Any) -> Markup:
            return self.mark(name, *args)

        return record

    def mark(self, name: str, *args: Any, truthy: bool = False) -> Markup:
        """A marker for the person's `name(*args)`; `truthy` ones may be tested in `if`."""
        self.slots.append((name, args))
        text = f"\x00{self._nonce}:{len(self.slots) - 1}\x00"
        return Markup(text) if truthy else Marker(text)  # noqa: S704


@dataclass(frozen=True)
class Stencil:
    """Fixed text and slots, in page order."""

    parts: tuple[str | methodcaller, ...]  # a slot calls the person's method with its arguments

    @classmethod
    def record(cls, render: Callable[[Recorder], str]) -> Stencil:
        """Render once with a recorder, and cut the output at its markers."""
        recorder = Recorder()
        pieces = recorder.pattern.split(str(render(recorder)))
        parts: list[str | methodcaller] = []
        for index, piece in enumerate(pieces):
            if index % 2:
                name, args = recorder.slots[int(piece)]
                parts.append(methodcaller(name, *args))
            elif piece:
                parts.append(piece)
        return cls(tuple(parts))

    def fill(self, person: object) -> str:
        """The page for one person: each slot is that person's part, escaped."""
        return "".join([p if isinstance(p, str) else escape(p(person)) for p in self.parts])


class Stencils:
    """The stencils of one questionnaire, built on first use, one shelf per language and
    place the app is served from; a new questionnaire or template starts afresh.

    Threads may share it: the sources and their shelves are swapped as one tuple, so a
    request still on an older questionnaire builds into shelves of its own, never into the
    new one's."""

    def __init__(self) -> None:
        self._state: tuple[tuple[object, ...], dict[Hashable, Shelf]] = ((), {})

    def shelf(self, sources: tuple[object, ...], place: Hashable) -> Shelf:
        """The stencils for `place`, built from `sources` (the questionnaire, the templates
        every page shares): when any is no longer the same object, all are built again."""
        built_from, shelves = self._state
        same = len(sources) == len(built_from) and all(
            new is old for new, old in zip(sources, built_from, strict=True)
        )
        if not same or (place not in shelves and len(shelves) >= MOST_SHELVES):
            shelves = {}
            self._state = (sources, shelves)
        found = shelves.get(place)
        if found is None:
            found = shelves.setdefault(place, Shelf())
        return found

    def __len__(self) -> int:
        return sum(len(shelf) for shelf in self._state[1].values())

    def shelves(self) -> list[Shelf]:
        """Every shelf (for tests and benchmarks that look inside)."""
        return list(self._state[1].values())


class Shelf(dict[Hashable, tuple[object, Stencil]]):
    """Stencils by key, for one language and place, each with the template it came from."""

    def fill(
        self,
        key: Hashable,
        render: Callable[[Recorder], str],
        person: object,
        template: object = None,
    ) -> str:
        """Fill the stencil for `key` for this person, rendering it first if it is new or
        its `template` has since been reloaded (another object)."""
        found = self.get(key)
        if found is None or found[0] is not template:
            if len(self) >= MOST_STENCILS:
                self.clear()
            found = self[key] = (template, Stencil.record(render))
        return found[1].fill(person)
