"""Interface language: chosen by the switch, else Accept-Language, else the default.

Interface strings go through Flask-Babel; questionnaire texts come from questions.yaml.
The catalogues (screener/web/translations/*/LC_MESSAGES/messages.po) are compiled in memory
when the app starts, so a fresh clone or a plain install works with no build step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, Request, current_app, request, session
from flask_babel import Babel, Domain, get_locale
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from screener.core.model import Questionnaire
from screener.web.reloading import pinned_questionnaire

_NO_TRANSLATION = NullTranslations()
CATALOGUES = Path(__file__).resolve().parent / "translations"
UI_LANGUAGES = ("en", "es")
NATIVE_NAMES = {"en": "English", "es": "Español"}  # how the switch names each language


def compile_catalogues(folder: Path = CATALOGUES) -> dict[str, Translations]:
    """Every .po catalogue under `folder`, compiled in memory (fuzzy entries left out)."""
    compiled: dict[str, Translations] = {}
    for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        compiled[language] = Translations(fp=buffer)
    return compiled


class CompiledDomain(Domain):  # type: ignore[misc]
    """A Flask-Babel domain that serves the catalogues compiled at start-up."""

    def __init__(self, catalogues: dict[str, Translations]) -> None:
        super().__init__()
        self.catalogues = catalogues

    def get_translations(self) -> Translations | NullTranslations:
        """The catalogue of the request's language; English needs none."""
        locale = get_locale()
        return self.catalogues.get(str(locale)) or _NO_TRANSLATION


class LanguageRequest(Request):
    """A request that knows its language: worked out on first use, gone with the request."""

    @cached_property
    def language(self) -> str:
        """This request's language code ("en", "es"), as Flask-Babel's locale would print it,
        without parsing a Babel Locale for every string a page puts into words."""
        return select_language()


def current_language() -> str:
    """This request's language code."""
    language: str = request.language  # type: ignore[attr-defined]
    return language


def languages(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Languages offered: those the questionnaire is written in that the interface speaks."""
    return tuple(lang for lang in questionnaire.meta.languages if lang in UI_LANGUAGES)


def select_language() -> str:
    """The language for this request."""
    questionnaire = pinned_questionnaire()
    if questionnaire is None:  # the author error page is in English
        return "en"
    offered = languages(questionnaire)
    chosen = session.get("lang")
    if chosen in offered:
        return str(chosen)
    return request.accept_languages.best_match(offered) or questionnaire.meta.default_language


def translations() -> Translations | NullTranslations:
    """The request's catalogue, straight from those compiled at start-up (Flask-Babel looks
    its context up on every call, and pages put dozens of strings into words)."""
    return catalogue(current_language())


def catalogue(language: str) -> Translations | NullTranslations:
    """The interface strings of `language`, as compiled at start-up."""
    domain: CompiledDomain = current_app.extensions["babel_domain"]
    return domain.catalogues.get(language) or _NO_TRANSLATION


def gettext(message: str, **variables: Any) -> str:
    """Flask-Babel's gettext, read from the request's catalogue."""
    text = str(translations().gettext(message))
    return text % variables if variables else text


def init_i18n(app: Flask) -> None:
    """Set up Flask-Babel with the in-memory catalogues."""
    catalogues = compile_catalogues()
    domain = CompiledDomain(catalogues)
    babel = Babel(app, locale_selector=select_language)
    # Flask-Babel's own gettext falls back to this domain in every request, with no hook.
    babel.domain_instance = domain
    app.extensions["babel_domain"] = domain
    app.request_class = LanguageRequest

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: translations().gettext(message),
        lambda singular, plural, n: translations().ngettext(singular, plural, n),
        newstyle=True,
    )
    # `_()` in templates: Jinja's newstyle gettext, with each message kept once translated.
    app.jinja_env.globals["gettext"] = app.jinja_env.globals["_"] = _template_gettext(catalogues)


def _template_gettext(catalogues: dict[str, Translations]) -> Callable[..., Markup]:
    """Jinja's newstyle gettext (translated, marked safe, then `% variables`), keeping each
    message as translated per language: a page says a dozen, and most never vary."""
    kept: dict[tuple[str, str, bool], Markup] = {}

    @pass_context
    def gettext(context: Context, message: str, **variables: Any) -> Markup:
        # The page's language is in its context; a macro file imported without one asks.
        language = context.get("lang") or current_language()
        key = (language, message, bool(variables))
        found = kept.get(key)
        if found is None:
            catalogue = catalogues.get(language) or _NO_TRANSLATION
            found = Markup(catalogue.gettext(message))  # noqa: S704
            # Without variables, `%` still turns "%%" into "%": done once, kept done.
            found = kept[key] = found if variables else found % {}
        return found % variables if variables else found

    return gettext
