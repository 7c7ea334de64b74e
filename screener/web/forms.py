"""One WTForms form per questionnaire page, its fields built by the family each type names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import request
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from screener.core.conditions import AnswerValue
from screener.core.model import Question, Questionnaire
from screener.core.questiontypes import QUESTION_TYPES
from screener.web.csrf import DeferredTokenCSRF
from screener.web.i18n import current_language
from screener.web.reloading import current_questionnaire


class OneOf(Field):
    """A radio group: one of the allowed values, or nothing."""

    def __init__(self, *args: Any, values: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.values = tuple(values)

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = valuelist[0] if valuelist and valuelist[0] else None

    def pre_validate(self, form: Any) -> None:
        if self.data is not None and self.data not in self.values:
            raise ValidationError(_("Select one of the options shown"))


class ManyOf(Field):
    """Checkboxes; an exclusive option ("None of these") cannot be ticked with others."""

    def __init__(
        self, *args: Any, values: Iterable[str] = (), exclusive: Iterable[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.values = tuple(values)
        self.exclusive = frozenset(exclusive)

    def process_data(self, value: Any) -> None:
        self.data = list(value or [])

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = list(dict.fromkeys(valuelist))

    def pre_validate(self, form: Any) -> None:
        chosen = set(self.data or ())
        if chosen - set(self.values):
            raise ValidationError(_("Select one of the options shown"))
        if chosen & self.exclusive and len(chosen) > 1:
            raise ValidationError(_("Select “None of these” on its own, or untick it"))


WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True


class WholeNumber(IntegerField):
    """A whole number typed in a text box, with our own message for anything else."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.raw_data = [text]
        if not text:
            self.data = None
            return
        if not WHOLE_NUMBER.fullmatch(text):
            self.data = None
            raise ValueError(_("Enter a whole number, like 12"))
        self.data = int(text)


@dataclass(frozen=True)
class FieldFamily:
    """How one question type becomes a form field, and how values cross between them."""

    macro: str
    build: Callable[[Question, str], Field]  # the question, and the field's HTML name
    to_answer: Callable[[Any], AnswerValue | None]
    from_answer: Callable[[AnswerValue], Any]
    # What a field that failed validation still tells us, read the most alarming way (None:
    # nothing). Safety comes before form rules: a warning sign ticked together with "None of
    # these" is still a warning sign.
    warning_signs: Callable[[Field], AnswerValue | None] = lambda field: None


def _required(question: Question, message: Any) -> list[Any]:
    return [InputRequired(_unanswered(question, message))] if question.required else [Optional()]


def _unanswered(question: Question, message: Any) -> LazyString:
    """What an unanswered question says, naming it, so several on one page stay distinct:
    the question's own `error` from questions.yaml, else the type's words and the question."""

    def words() -> str:
        q, language = current_questionnaire(), current_language()
        if question.error is not None:
            return q.text(question.error, language)
        return str(
            _(
                "%(message)s: %(question)s",
                message=message,
                question=q.text(question.text, language),
            )
        )

    return LazyString(words)


def _radios(question: Question, name: str) -> Field:
    return OneOf(
        name=name,
        values=question.option_values,
        validators=_required(question, _l("Select an answer")),
    )


def _checkboxes(question: Question, name: str) -> Field:
    has_none = any(o.exclusive for o in question.options)
    message = (
        _l("Select all that apply, or “None of these”")
        if has_none
        else _l("Select at least one option")
    )
    return ManyOf(
        name=name,
        values=question.option_values,
        exclusive=[o.value for o in question.options if o.exclusive],
        validators=_required(question, message),
    )


def _scale(question: Question, name: str) -> Field:
    low, high = question.minimum, question.maximum
    assert low is not None and high is not None  # the format gives every scale its bounds
    message = _l("Select a number from %(low)s to %(high)s", low=low, high=high)
    return OneOf(
        name=name,
        values=[str(n) for n in range(low, high + 1)],
        validators=_required(question, message),
    )


def _number(question: Question, name: str) -> Field:
    low, high = question.minimum, question.maximum
    message = _l("Enter a number from %(low)s to %(high)s", low=low, high=high)
    return WholeNumber(
        name=name,
        validators=[*_required(question, _l("Enter a number")), NumberRange(low, high, message)],
    )


def _text(question: Question, name: str) -> Field:
    limit = question.max_length
    assert limit is not None  # the format gives every text question a max_length
    return TextAreaField(
        name=name,
        validators=[
            Optional(),
            Length(max=limit, message=_l("Enter %(limit)s characters or fewer", limit=limit)),
        ],
    )


def _ticked_signs(field: Field) -> AnswerValue | None:
    """The real options ticked, without the "None of these" that contradicts them."""
    assert isinstance(field, ManyOf)
    ticked = frozenset(
        v for v in field.data or () if v in field.values and v not in field.exclusive
    )
    return ticked or None


def _sorted(value: AnswerValue) -> list[str]:
    return sorted(value) if isinstance(value, frozenset) else [str(value)]


def _as_int(value: Any) -> AnswerValue | None:
    return None if value in (None, "") else int(value)


def _as_text(value: Any) -> AnswerValue | None:
    text = (value or "").strip()
    return text or None


# By field family, as each question type names it (screener/core/questiontypes.py).
FIELD_FAMILIES: dict[str, FieldFamily] = {
    "radios": FieldFamily("radios", _radios, lambda v: v or None, str),
    "checkboxes": FieldFamily(
        "checkboxes",
        _checkboxes,
        lambda v: frozenset(v) if v else None,
        _sorted,
        _ticked_signs,
    ),
    "scale": FieldFamily("scale", _scale, _as_int, str),
    "number": FieldFamily("number", _number, _as_int, str),
    "text": FieldFamily("text", _text, _as_text, str),
}


def field_family(question: Question) -> FieldFamily:
    """How this question's type becomes a form field."""
    return FIELD_FAMILIES[QUESTION_TYPES[question.type].field]


# Fields sit on the form under this prefix and keep the question id as their HTML name, so a
# question id can never replace one of WTForms' own attributes ("data", "validate", ...).
FIELD_PREFIX = "q_"
# Form classes by questionnaire and page, built once; a reload brings a new questionnaire, and
# only the newest few are kept (the entry holds the questionnaire, so its id stays unique).
_FORM_CLASSES: dict[int, tuple[Questionnaire, dict[tuple[str, ...], type[FlaskForm]]]] = {}
KEPT_QUESTIONNAIRES = 4


class PageForm(FlaskForm):  # type: ignore[misc]
    """A page's form; its fields are added per page."""

    class Meta:
        csrf_class = DeferredTokenCSRF


def _form_class(questionnaire: Questionnaire, questions: tuple[Question, ...]) -> type[FlaskForm]:
    entry = _FORM_CLASSES.get(id(questionnaire))
    if entry is None:
        while len(_FORM_CLASSES) >= KEPT_QUESTIONNAIRES:
            del _FORM_CLASSES[next(iter(_FORM_CLASSES))]
        entry = _FORM_CLASSES[id(questionnaire)] = (questionnaire, {})
    classes = entry[1]
    key = tuple(q.id for q in questions)
    if key not in classes:  # built once per set of questions: messages translate lazily
        fields = {FIELD_PREFIX + q.id: field_family(q).build(q, q.id) for q in questions}
        classes[key] = type("PageForm", (PageForm,), fields)
    return classes[key]


def page_form(
    questionnaire: Questionnaire, questions: tuple[Question, ...], answers: dict[str, AnswerValue]
) -> FlaskForm:
    """The form for the shown questions of a page: the answers so far, or what was posted."""
    data = {
        FIELD_PREFIX + q.id: field_family(q).from_answer(answers[q.id])
        for q in questions
        if q.id in answers
    }
    # The posted fields, never files: a file sent under a question's name is no answer.
    posted = request.form if request.method == "POST" else None
    form: FlaskForm = _form_class(questionnaire, questions)(formdata=posted, data=data)
    return form


def field_for(form: FlaskForm, question: Question) -> Field:
    """The form's field for one question."""
    field: Field = form[FIELD_PREFIX + question.id]
    return field


def answers_from(
    form: FlaskForm, questions: tuple[Question, ...], only_valid: bool = False
) -> dict[str, AnswerValue | None]:
    """The page's answers from a validated form (None where left blank).

    With `only_valid`, fields that failed validation are left out, so the answers that were
    given correctly can still count.
    """
    return {
        q.id: field_family(q).to_answer(field_for(form, q).data)
        for q in questions
        if not (only_valid and field_for(form, q).errors)
    }


def warning_signs(
    form: FlaskForm, questions: tuple[Question, ...]
) -> dict[str, AnswerValue | None]:
    """What the page's invalid fields still say, read the most alarming way."""
    found: dict[str, AnswerValue | None] = {}
    for q in questions:
        field = field_for(form, q)
        if field.errors and (signs := field_family(q).warning_signs(field)) is not None:
            found[q.id] = signs
    return found


def form_errors(form: FlaskForm) -> dict[str, str]:
    """The first error of each question's field, by question id (the CSRF field left out)."""
    return {
        field.name: field.errors[0] for field in form if field.name != "csrf_token" and field.errors
    }
