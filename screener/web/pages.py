"""The journey's pages for one person: filled from stencils, or rendered plainly.

Each page's template reaches the person viewing it only through `you`, an object whose
methods give that person's parts (a chosen option, a typed value, the token, their reasons).
`render_page` fills the page's stencil with them; with STENCILS off it renders the template
plainly, and with CHECK_STENCILS on it does both and refuses a page whose bytes differ.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from flask import current_app, get_flashed_messages, render_template, request
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from screener.web.i18n import current_language
from screener.web.reloading import current_questionnaire
from screener.web.stencils import Recorder, Shelf, Stencils

PARTS = "_parts.html"
SHARED = ("base.html", "_macros.html", PARTS)  # the templates every stencil page builds on


class StencilMismatch(AssertionError):
    """A filled stencil differs from the plain rendering of the same page."""


class Given:
    """An item's own parts as plain values: `Given(answer="Yes").answer()` is "Yes"."""

    def __init__(self, **parts: Any) -> None:
        self._parts = parts

    def __getattr__(self, name: str) -> Callable[[], Any]:
        try:
            value = self._parts[name]
        except KeyError:
            raise AttributeError(name) from None
        return lambda: value


class Parts:
    """The macros of templates/_parts.html, one item at a time: from a shelf of stencils, or
    plainly (without one)."""

    def __init__(self, shelf: Shelf | None) -> None:
        self.shelf = shelf
        self.macros: Any = current_app.jinja_env.get_template(PARTS).module

    def render(self, name: str, key: Hashable, *fixed: Any, you: object = None) -> Markup:
        """The macro `name` for an item: `fixed` decides its text (`key` names it), `you`
        gives its own parts."""
        macro = getattr(self.macros, name)
        if self.shelf is None:
            return Markup(macro(*fixed, you))  # noqa: S704
        return Markup(  # noqa: S704
            self.shelf.fill((PARTS, name, key), lambda recorder: macro(*fixed, recorder), you)
        )

    def join(self, items: Iterable[Markup]) -> Markup:
        """Items one after another, as a loop in the template would leave them."""
        return Markup("").join(items)


class Person:
    """The parts of any page that belong to the person viewing it."""

    parts: Parts

    def mark(self, name: str, *args: Any, truthy: bool = False) -> Any:
        """This person's part `name(*args)` (a stencil's recorder leaves a marker instead)."""
        return getattr(self, name)(*args)

    def notices(self) -> Markup | str:
        """Messages flashed for this person, if any."""
        messages = get_flashed_messages()
        return self.parts.macros.notices(messages) if messages else ""

    def token(self) -> str:
        """The CSRF token for this person's forms."""
        return str(generate_csrf())


def render_page(
    template: str,
    key: Hashable,
    context: Callable[[Any], Mapping[str, Any]],
    person: Person,
    reference: Callable[[], Person] | None = None,
    stencil: bool = True,
) -> str:
    """A page for one person. `context(you)` is what the template may know besides `you`:
    only what `key` decides, never an answer (per-person values come from `you.mark`).

    `reference` builds the person the plain rendering is checked against (by default the
    same one); the question page checks its answers-only person against the form's. A page
    with parts no stencil knows of (the author's preview panel) asks for `stencil=False`.
    """
    config = current_app.config
    env = current_app.jinja_env
    if not (stencil and config["STENCILS"]):
        person.parts = Parts(None)
        return render_template(template, you=person, **context(person))
    page_template = env.get_template(template)
    # Every page's stencil holds text from these too: a reloaded one starts all afresh.
    sources = (current_questionnaire(), *(env.get_template(name) for name in SHARED))
    stencils: Stencils = current_app.extensions["stencils"]
    shelf = stencils.shelf(sources, (current_language(), request.script_root))
    person.parts = Parts(shelf)

    def build(recorder: Recorder) -> str:
        return render_template(template, you=recorder, **context(recorder))

    page = shelf.fill((template, key, request.path), build, person, page_template)
    if config["CHECK_STENCILS"]:
        plain = reference() if reference is not None else person
        plain.parts = Parts(None)
        expected = render_template(template, you=plain, **context(plain))
        if page != expected:
            raise StencilMismatch(_first_difference(page, expected))
    return page


def _first_difference(page: str, expected: str) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(page, expected, strict=False)) if a != b),
        min(len(page), len(expected)),
    )
    return (
        f"the filled stencil differs from the plain page at character {at}:\n"
        f"  stencil: {page[max(at - 80, 0) : at + 80]!r}\n"
        f"  plain:   {expected[max(at - 80, 0) : at + 80]!r}"
    )


def default_person() -> Person:
    """The person behind pages that are not stencils (start, errors): notices and token."""
    person = Person()
    person.parts = Parts(None)
    return person
