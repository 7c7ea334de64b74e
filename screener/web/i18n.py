"""Interface language: chosen by the switch, else Accept-Language, else the default.

Interface strings go through Flask-Babel; questionnaire texts come from questions.yaml.
The catalogues (screener/web/translations/*/LC_MESSAGES/messages.po) are compiled in memory
when the app starts, so a fresh clone or a plain install works with no build step.
"""

from __future__ import annotations

from contextvars import ContextVar
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, request, session
from flask_babel import Babel, Domain, get_locale

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


# This request's language, set first thing in every request: templates ask for it dozens of
# times per page, and a context variable is far cheaper to read than Flask-Babel's lookup.
_LANGUAGE: ContextVar[str] = ContextVar("language", default="")


def current_language() -> str:
    """This request's language code."""
    return _LANGUAGE.get() or _remember_language()


def _start_request() -> None:
    """Settle the language before anything else in the request asks for it."""
    _remember_language()


def _remember_language() -> str:
    """Work out this request's language (before anything else runs) and keep it.

    The selector's code is what Flask-Babel's locale would print ("en", "es"), without
    parsing a Babel Locale on every request; Flask-Babel still does when it needs one."""
    language = select_language()
    _LANGUAGE.set(language)
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
    domain: CompiledDomain = current_app.extensions["babel_domain"]
    return domain.catalogues.get(current_language()) or _NO_TRANSLATION


def gettext(message: str, **variables: Any) -> str:
    """Flask-Babel's gettext, read from the request's catalogue."""
    text = str(translations().gettext(message))
    return text % variables if variables else text


def init_i18n(app: Flask) -> None:
    """Set up Flask-Babel with the in-memory catalogues."""
    catalogues = compile_catalogues()
    domain = CompiledDomain(catalogues)
    Babel(app, locale_selector=select_language)
    app.extensions["babel_domain"] = domain
    app.before_request(domain.as_default)
    app.before_request(_start_request)

    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: translations().gettext(message),
        lambda singular, plural, n: translations().ngettext(singular, plural, n),
        newstyle=True,
    )
