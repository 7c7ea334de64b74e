"""Languages: the switch, Accept-Language, <html lang>, and complete Spanish catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from support import BENIGN, MINIMAL, ROOT, Patient

from screener.web.i18n import CATALOGUES, compile_catalogues


@pytest.fixture
def bilingual(tmp_path: Path, app_config: dict[str, object]) -> FlaskClient:
    """The app serving the two-language example questionnaire from docs/authoring.md."""
    from screener import create_app

    guide = (ROOT / "docs" / "authoring.md").read_text()
    example = re.search(r"```yaml\n(.*?)```", guide.split("## A complete example")[1], re.S)
    assert example
    path = tmp_path / "bilingual.yaml"
    path.write_text(example.group(1))
    return create_app({**app_config, "QUESTIONNAIRE": str(path)}).test_client()


def _lang(html: str) -> str:
    match = re.search(r'<html lang="([a-z]+)">', html)
    assert match
    return match.group(1)


def test_accept_language_chooses_spanish(bilingual: FlaskClient) -> None:
    html = bilingual.get("/", headers={"Accept-Language": "es-US,es;q=0.9,en;q=0.5"}).get_data(
        as_text=True
    )
    assert _lang(html) == "es"
    assert "Empezar ahora" in html
    assert "Cuestionario de prueba" in html
    assert "¿Síntomas graves?" in html
    assert '<a href="/language/en?next=/" lang="en" hreflang="en">English</a>' in html


def test_default_language_without_a_preference(bilingual: FlaskClient) -> None:
    html = bilingual.get("/").get_data(as_text=True)
    assert _lang(html) == "en"
    assert '<a href="/language/es?next=/" lang="es" hreflang="es">Español</a>' in html


def test_the_switch_wins_over_accept_language(bilingual: FlaskClient) -> None:
    assert bilingual.get("/language/es?next=/q/legs").location == "/q/legs"
    html = bilingual.get("/q/legs", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert _lang(html) == "es"
    assert "¿Dónde siente el dolor?" in html


def test_spanish_validation_and_error_pages(bilingual: FlaskClient) -> None:
    bilingual.get("/language/es?next=/")
    patient = Patient(bilingual)
    html = patient.answer("legs").get_data(as_text=True)
    assert "<title>Error: ¿Dónde siente el dolor?" in html
    assert "Elija una respuesta" in html
    missing = bilingual.get("/nowhere")
    assert missing.status_code == 404
    assert "No encontramos la página" in missing.get_data(as_text=True)


def test_unknown_language_is_ignored(bilingual: FlaskClient) -> None:
    bilingual.get("/language/fr?next=/")
    assert _lang(bilingual.get("/").get_data(as_text=True)) == "en"


def test_one_language_questionnaire_has_no_switch(
    tmp_path: Path, app_config: dict[str, object]
) -> None:
    from screener import create_app

    (tmp_path / "q.yaml").write_text(MINIMAL)
    client = create_app({**app_config, "QUESTIONNAIRE": str(tmp_path / "q.yaml")}).test_client()
    html = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert _lang(html) == "en"
    assert "language-switch" not in html


def _interface_strings() -> set[str]:
    method_map = [("screener/**.py", "python"), ("templates/**.html", "jinja2")]
    found = extract_from_dir(
        str(ROOT), method_map, keywords={"_": None, "_l": None, "gettext": None}
    )
    return {
        message for _file, _line, message, _comments, _context in found if isinstance(message, str)
    }


def test_the_template_lists_every_interface_string() -> None:
    with (CATALOGUES / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    assert template == _interface_strings(), "run: make translations"


def test_every_interface_string_has_a_spanish_translation() -> None:
    with (CATALOGUES / "es" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    wanted = _interface_strings()
    translated = {m.id: m.string for m in catalogue if m.id and not m.fuzzy}
    assert sorted(wanted - {k for k, v in translated.items() if v}) == []
    for source, spanish in translated.items():
        assert re.findall(r"%\((\w+)\)s", str(source)) == re.findall(r"%\((\w+)\)s", str(spanish))


def test_catalogues_compile_in_memory() -> None:
    compiled = compile_catalogues()
    assert compiled["es"].gettext("Continue") == "Continuar"
    assert compile_catalogues(Path("/nonexistent")) == {}


def test_scale_end_labels_read_mid_sentence_in_both_languages(patient: Patient) -> None:
    patient.walk(BENIGN, until="/q/pain")
    english = patient.get("/q/pain").get_data(as_text=True)
    assert "From 0 (no pain) to 10 (worst pain you can imagine)." in english
    patient.get("/language/es")
    spanish = patient.get("/q/pain").get_data(as_text=True)
    assert "Del 0 (sin dolor) al 10 (el peor dolor que se pueda imaginar)." in spanish
