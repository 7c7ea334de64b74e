"""Journeys in real Chromium: languages, widths, Back and reload, no JavaScript, keyboard only,
zoom and print."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from journeys import (
    ANSWER_SETS,
    BENIGN,
    answer_page,
    answer_until,
    path_of,
    session_cookie,
    start,
    submit,
)
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PageObject, PdfReader

# Real gunicorn and Chromium.
pytestmark = pytest.mark.slow

HEADLINES = {
    "en": {
        "self_care": "You can most likely care for this at home for now",
        "soon": "Make an appointment with a doctor or physical therapist",
        "emergency": "Go to the emergency room (ER) now, or call 911",
    },
    "es": {
        "self_care": "Por ahora, lo más probable es que pueda cuidarse en casa",
        "soon": "Haga una cita con un médico o un terapeuta físico",
        "emergency": "Vaya a la sala de emergencias ahora o llame al 911",
    },
}
COMBINATIONS = [(language, width) for language in ("en", "es") for width in (320, 1280)]


@pytest.fixture
def context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    language, width = getattr(request, "param", ("en", 1280))
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
    yield context
    context.close()


def _checked(page: Page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"input[name='{name}']:checked", "els => els.map(e => e.value)"
    )


@pytest.mark.parametrize("context", COMBINATIONS, indirect=True, ids=lambda c: f"{c[0]}-{c[1]}")
def test_benign_journey_with_back_reload_and_a_change(
    context: BrowserContext, base_url: str
) -> None:
    page = context.new_page()
    language = context.pages[0].evaluate("navigator.language")[:2]
    start(page, base_url)
    answer_until(page, BENIGN, "/q/weakness")
    page.go_back()
    assert path_of(page) == "/q/bladder"
    assert _checked(page, "bladder") == ["none"]
    page.reload()
    assert _checked(page, "bladder") == ["none"]
    page.go_back()
    assert _checked(page, "saddle") == ["no"]
    page.go_forward()
    page.go_forward()
    assert path_of(page) == "/q/weakness"
    answer_until(page, BENIGN, "/check")
    with page.expect_navigation():
        page.locator("a[href='/q/sleep?change=1']").click()
    answer_page(page, {"sleep": "most_nights"})
    assert path_of(page) == "/q/night_pain?change=1"
    answer_page(page, {"night_pain": "eases"})
    assert path_of(page) == "/check"
    with page.expect_navigation():
        page.locator("main a.button[href='/result']").click()
    assert page.inner_text("h1") == HEADLINES[language]["soon"]
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("context", COMBINATIONS, indirect=True, ids=lambda c: f"{c[0]}-{c[1]}")
def test_an_emergency_answer_interrupts_at_once(context: BrowserContext, base_url: str) -> None:
    page = context.new_page()
    language = page.evaluate("navigator.language")[:2]
    start(page, base_url)
    answer_page(page, {"legs": "one_leg"})
    answer_page(page, {"right_now": ["none"]})
    answer_page(page, {"leg_signs": ["none"]})
    answer_page(page, {"saddle": "yes"})
    assert path_of(page) == "/result"
    assert page.inner_text("h1") == HEADLINES[language]["emergency"]
    assert page.locator("a.button--emergency").get_attribute("href") == "tel:911"
    # The result already says go now; the safety net must not say "go if any of these start".
    assert page.inner_text("#safety-title") == WHILE_WAITING[language]


@pytest.mark.parametrize("javascript", [True, False])
def test_none_of_these_never_clears_a_warning_sign(
    browser: Browser, base_url: str, javascript: bool
) -> None:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    start(page, base_url)
    answer_until(page, BENIGN, "/q/bladder")
    page.click("input[name='bladder'][value='leaking']")
    page.click("input[name='bladder'][value='none']")
    if javascript:  # the sign stays, "None of these" does not, and the page says why
        assert _checked(page, "bladder") == ["leaking"]
        assert page.inner_text(".choices__kept") == (
            "We kept what you ticked above. If it does not apply to you, untick it first."
        )
        page.click("input[name='bladder'][value='hard_to_start']")  # another sign: no notice
        assert page.inner_text(".choices__kept") == ""
    else:  # both stay ticked; the server keeps the sign
        assert _checked(page, "bladder") == ["leaking", "none"]
    submit(page)
    assert path_of(page) == "/result"
    assert page.inner_text("h1") == HEADLINES["en"]["emergency"]
    context.close()


def test_a_folded_cards_long_title_wraps_on_a_small_screen(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale="es")
    context.add_init_script(
        "document.addEventListener('DOMContentLoaded', "
        "() => document.documentElement.style.fontSize = '200%')"
    )
    page = context.new_page()
    start(page, base_url)
    answer_until(page, BENIGN, "/result")
    # A folded card as the result page draws one (these answers fold none), with a long word.
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
        '<details class="card card--folded"><summary class="heading-s"><span class="card__title">'
        + 'Pregunte por las medicinasparaeldolordelaespalda</span></summary><p>x</p></details>')"""
    )
    overflow = page.eval_on_selector_all(
        "details.card--folded summary", "els => els.map(e => e.scrollWidth - e.clientWidth)"
    )
    assert overflow and max(overflow) <= 0
    context.close()


SAFETY_NET = {
    "en": "Go to the emergency room (ER) right away, or call 911, if any of these start",
    "es": "Vaya a la sala de emergencias de inmediato, o llame al 911, si empieza alguna de estas cosas",
}
WHILE_WAITING = {
    "en": "While you wait for help, tell the staff at once if any of these start or get worse",
    "es": "Mientras espera ayuda, avise de inmediato al personal si empieza o empeora alguna "
    "de estas cosas",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("tier", ["call_911", "emergency", "urgent", "soon", "self_care"])
def test_only_results_that_say_go_now_say_while_you_wait(
    browser: Browser, base_url: str, language: str, tier: str
) -> None:
    context = browser.new_context(locale=language)
    context.add_cookies(
        [{"name": "screener", "value": session_cookie(tier, language), "url": base_url}]
    )
    page = context.new_page()
    page.goto(f"{base_url}/result")
    interrupting = tier in ("call_911", "emergency")
    assert (
        page.inner_text("#safety-title")
        == (WHILE_WAITING if interrupting else SAFETY_NET)[language]
    )
    # The list itself is on every result, as a list (its long last item wraps in the YAML).
    assert page.locator(".safety-net li").count() == 3
    context.close()


SCALE_BOXES = """[...document.querySelectorAll('.scale')].map(scale =>
  [...scale.querySelectorAll('.scale__label')].map(l => {
    const r = l.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)];
  }))"""


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_0_to_10_scale_reads_as_one_line(
    browser: Browser, base_url: str, language: str, width: int
) -> None:
    # A column on a phone, one row on a wide screen: never rows that put 6 under 0.
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
    page = context.new_page()
    start(page, base_url)
    answer_until(page, BENIGN, "/q/pain")
    scales = page.evaluate(SCALE_BOXES)
    assert len(scales) == 2
    for boxes in scales:
        assert len(boxes) == 11
        lefts, tops = [left for left, _ in boxes], [top for _, top in boxes]
        if width < 640:
            assert len(set(lefts)) == 1 and tops == sorted(set(tops)), boxes
        else:
            assert len(set(tops)) == 1 and lefts == sorted(set(lefts)), boxes
    # The ends are named beside 0 and 10 on a phone, beneath the row on a wide screen.
    beside = page.locator(".scale__end").first
    beneath = page.locator(".scale__ends").first
    assert (beside.is_visible(), beneath.is_visible()) == (width < 640, width >= 640)
    context.close()


# -- keyboard only ----------------------------------------------------------------------------

FOCUS_VISIBLE = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return false;
  if (el.classList.contains('scale__input')) el = el.nextElementSibling;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || (style.boxShadow && style.boxShadow !== 'none');
}"""
ACTIVE = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
          value: el.value || '', checked: !!el.checked, text: (el.innerText || '').trim(),
          cls: el.className || '', inForm: !!el.closest('main form')};
}"""


def tab(page: Page, backwards: bool = False) -> dict[str, object]:
    """Press Tab (or Shift+Tab) and describe what has focus; focus must be visible."""
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    active: dict[str, object] = page.evaluate(ACTIVE)
    assert page.evaluate(FOCUS_VISIBLE), f"focus not visible on {active} at {page.url}"
    return active


def keyboard_answer(page: Page, answers: dict[str, str | list[str]]) -> None:
    """Answer the page with the keyboard alone, then press Enter on Continue."""
    done: set[str] = set()
    for _ in range(80):
        active = tab(page)
        name, kind = str(active["name"]), active["type"]
        if active["tag"] == "button" and active["inForm"]:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        wanted = answers.get(name, "")
        if kind == "radio" and name not in done:
            for _step in range(12):
                if page.evaluate("document.activeElement.value") == wanted:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            done.add(name)
        elif kind == "checkbox" and active["value"] in wanted and not active["checked"]:
            page.keyboard.press("Space")
        elif kind == "text" or active["tag"] == "textarea":
            page.keyboard.type(str(wanted))
    raise AssertionError(f"never reached Continue on {page.url}")


def test_keyboard_only_from_start_to_result(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}/")
    first = tab(page)
    assert first["cls"] == "skip-link"
    tab(page)
    assert tab(page, backwards=True)["cls"] == "skip-link"  # Shift+Tab goes back
    while not (active := tab(page))["inForm"]:
        pass
    assert active["tag"] == "button"
    page.keyboard.press("Enter")
    page.wait_for_url("**/q/legs")
    # Continue with nothing chosen: the error summary takes the focus.
    while not (active := tab(page))["tag"] == "button":
        pass
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    for _ in range(30):
        if path_of(page) == "/result":
            break
        keyboard_answer(page, BENIGN)
    assert path_of(page) == "/result"  # the advice comes straight after the last page
    while (active := tab(page))["text"] not in ("Review my answers",):
        pass
    page.keyboard.press("Enter")
    page.wait_for_url("**/check")
    while (active := tab(page))["text"] not in ("See my result",):
        pass
    page.keyboard.press("Enter")
    page.wait_for_url("**/result")
    assert page.inner_text("h1") == HEADLINES["en"]["self_care"]
    context.close()


# -- zoom and print -----------------------------------------------------------------------------


def test_text_reflows_at_200_percent_zoom(browser: Browser, base_url: str) -> None:
    # A 1280 px window at 200 % zoom lays pages out in 640 CSS pixels, at twice the density.
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    start(page, base_url)
    for stop in ("/q/legs", "/q/bladder", "/q/pain", "/q/course", "/check", "/result"):
        answer_until(page, BENIGN, stop)
        assert page.evaluate("document.documentElement.scrollWidth") <= 640, stop
        size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 16, stop
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_text_at_200_percent_reflows_on_a_320_px_phone(
    browser: Browser, base_url: str, language: str
) -> None:
    # Text-only zoom: the page's text is twice its size, the screen stays 320 x 700 px.
    context = browser.new_context(viewport={"width": 320, "height": 700}, locale=language)
    context.add_init_script(
        "document.addEventListener('DOMContentLoaded', "
        "() => document.documentElement.style.fontSize = '200%')"
    )
    page = context.new_page()
    start(page, base_url)
    for stop in (
        "/q/legs",
        "/q/right_now",
        "/q/bladder",
        "/q/pain",
        "/q/course",
        "/check",
        "/result",
    ):
        answer_until(page, BENIGN, stop)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, stop
        if stop.startswith("/q/"):  # the question starts on the first screen
            assert (
                page.evaluate("document.querySelector('h1').getBoundingClientRect().top") < 500
            ), stop
    context.close()


PRINTED = {
    "en": (
        "Check your leg symptoms",
        "Your answers",
        "Questionnaire version 3.1 (June 1, 2026)",
    ),
    "es": (
        "Revise sus síntomas de la pierna",
        "Sus respuestas",
        "Cuestionario versión 3.1 (1 de junio de 2026)",
    ),
}
CLINIC = ("Harbor Test Clinic & Rehab", "(555) 010-0199", "https://example.com/book")


def _lowest_text(page: PageObject) -> float:
    """How far above the bottom of a printed page its lowest text stands, in points."""
    heights: list[float] = []

    def seen(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            heights.append(cm[5] + tm[5] * cm[3])

    page.extract_text(visitor_text=seen)
    return min(heights, default=float(page.mediabox.height))


def _printed(
    browser: Browser, base_url: str, tier: str, language: str
) -> tuple[list[str], list[float]]:
    context = browser.new_context(locale=language)
    context.add_cookies(
        [{"name": "screener", "value": session_cookie(tier, language), "url": base_url}]
    )
    page = context.new_page()
    page.goto(f"{base_url}/result")
    folded = page.eval_on_selector_all(
        "details.card--folded", "cards => cards.map(c => c.querySelector('p, li').textContent)"
    )
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    context.close()
    texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
    # Folded cards print open: each one's first words are on paper, not a bare title.
    printed = " ".join(texts)
    for words in folded:
        assert " ".join(words.split()[:6]) in printed, words
    return texts, [_lowest_text(p) / float(p.mediabox.height) for p in pdf.pages]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("tier", ["soon", "emergency"])
def test_the_printed_result_is_a_sheet_a_clinician_can_use(
    browser: Browser, base_url: str, language: str, tier: str
) -> None:
    pages, lowest = _printed(browser, base_url, tier, language)
    text = " ".join(pages)
    tool, answers, version = PRINTED[language]
    for needed in (tool, CLINIC[0], HEADLINES[language][tier], answers, version):
        assert needed in text, needed
    # The clinic's phone and booking address only where the result sends people there.
    for contact in CLINIC[1:]:
        assert (contact in text) == (tier == "soon"), contact
    first_question = {
        "en": "Where do you feel pain, numbness or tingling?",
        "es": "¿Dónde siente dolor, adormecimiento u hormigueo?",
    }
    assert first_question[language] in text  # the answers table lists every answer
    # Room to write notes for the visit by hand: nothing typed is kept.
    room = {"en": "Notes and questions for your visit", "es": "Notas y preguntas para su cita"}
    assert room[language] in text
    for chrome in ("Skip to main content", "Print this page", "Clear my answers", "Call 911 "):
        assert chrome not in text, chrome
    # No page but the last is left blank below: each one's text reaches its bottom quarter.
    assert all(height < 0.25 for height in lowest[:-1]), lowest


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_first_phone_screen_says_when_why_and_where_to_book(
    browser: Browser, base_url: str, language: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale=language)
    page = context.new_page()
    start(page, base_url)
    answer_until(page, ANSWER_SETS["soon"], "/result")
    assert page.inner_text("h1") == HEADLINES[language]["soon"]
    why = page.inner_text(".result-panel__why")
    assert why and page.inner_text(".reason p").startswith(why)  # the first reason's words
    for part in (".result-panel__when", ".result-panel__why", ".clinic a.button"):
        box = page.locator(part).first.bounding_box()
        assert box and box["y"] + box["height"] <= 844, part
    # Nothing to see anyone for: the advice first, the clinic's offer after it.
    context.clear_cookies()
    start(page, base_url)
    answer_until(page, BENIGN, "/result")
    assert page.inner_text("h1") == HEADLINES[language]["self_care"]
    order = page.eval_on_selector_all("#guidance-title, #clinic-title", "els => els.map(e => e.id)")
    assert order == ["guidance-title", "clinic-title"]
    context.close()
