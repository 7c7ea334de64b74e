"""Interface language: chosen by the switch, else Accept-Language, else the default.

Interface strings go through Flask-Babel; questionnaire texts come from questions.yaml.
The catalogues (screener/translations/*/LC_MESSAGES/messages.po) are compiled in memory
when the app starts, so a fresh clone or a plain install works with no build step.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, current_app, request, session
from flask_babel import Babel, Domain, get_locale

from screener.model import Questionnaire

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
        return self.catalogues.get(str(locale)) or NullTranslations()


def languages(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Languages offered: those the questionnaire is written in that the interface speaks."""
    return tuple(lang for lang in questionnaire.meta.languages if lang in UI_LANGUAGES)


def select_language() -> str:
    """The language for this request."""
    questionnaire: Questionnaire = current_app.extensions["questionnaire"]
    offered = languages(questionnaire)
    chosen = session.get("lang")
    if chosen in offered:
        return str(chosen)
    return request.accept_languages.best_match(offered) or questionnaire.meta.default_language


def init_i18n(app: Flask) -> None:
    """Set up Flask-Babel with the in-memory catalogues."""
    domain = CompiledDomain(compile_catalogues())
    Babel(app, locale_selector=select_language)
    app.extensions["babel_domain"] = domain
    app.before_request(domain.as_default)
