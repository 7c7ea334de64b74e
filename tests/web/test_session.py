"""The encrypted session cookie: private, bounded, and forgiving of anything odd."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from support import BENIGN, SECRET, Patient

from screener.web.session import seal, unseal

NOTICE = "We could not read your saved answers, so you are starting again."


def _cookie_header(patient: Patient, path: str = "/q/legs", **answers: object) -> str:
    response = patient.answer(path.removeprefix("/q/"), **answers)
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("screener=")]
    return header


def test_cookie_attributes(patient: Patient) -> None:
    header = _cookie_header(patient, legs="one_leg")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Expires" not in header and "Max-Age" not in header  # dies with the browser session
    assert "Secure" not in header


def test_cookie_is_secure_over_https(app_config: dict[str, object]) -> None:
    from screener import create_app

    patient = Patient(create_app({**app_config, "HTTPS": True}).test_client())
    assert "; Secure" in _cookie_header(patient, legs="one_leg")


def test_no_answer_is_readable_in_the_cookie(patient: Patient) -> None:
    patient.walk({**BENIGN, "notes": "zebra crossing"})
    raw = patient.client.get_cookie("screener")
    assert raw is not None
    for secret in ("zebra", "one_leg", "below_knee", "16_69", "legs", "answers"):
        assert secret not in raw.value
    assert patient.session()["answers"]["notes"] == "zebra crossing"  # type: ignore[index]


def test_worst_case_answers_keep_the_cookie_under_4_kb(patient: Patient) -> None:
    worst = {
        **BENIGN,
        "legs": "both_legs",
        "both_legs_start": "long_standing",
        "leg_signs": ["calf", "rash"],
        "weakness": "mild",
        "weakness_trend": "worse",
        "bladder": ["burning"],
        "numbness": ["below_knee", "foot"],
        "sleep": "some_nights",
        "night_pain": "constant",
        "weeks": "520",
        "trend": "same",
        "leg_pain": "10",
        "back_pain": "10",
        "notes": "".join(chr(0x1F600 + (i * 37) % 80) for i in range(200)),
    }
    # Bladder changes are an emergency; answer them last so every page is still reached.
    patient.walk({**worst, "bladder": ["none"]})
    header = _cookie_header(patient, "/q/bladder", bladder=worst["bladder"])
    assert len(header) < 4096
    assert len(patient.session()["answers"]) == len(worst)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "cookie",
    [
        "not-a-cookie",
        "",
        "AAAA",
        seal({"answers": {"legs": "one_leg"}, "_t": int(time.time())}, "another secret"),
    ],
    ids=["junk", "empty", "short", "foreign"],
)
def test_unreadable_cookie_means_a_fresh_start_with_a_notice(patient: Patient, cookie: str) -> None:
    patient.client.set_cookie("screener", cookie)
    response = patient.get("/q/legs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert (NOTICE in html) is bool(cookie)
    assert "checked" not in html


def test_tampered_cookie_means_a_fresh_start(patient: Patient) -> None:
    patient.answer("legs", legs="both_legs")
    value = patient.client.get_cookie("screener").value  # type: ignore[union-attr]
    tampered = value[:20] + ("A" if value[20] != "A" else "B") + value[21:]
    patient.client.set_cookie("screener", tampered)
    response = patient.get("/q/legs")
    assert response.status_code == 200
    assert NOTICE in response.get_data(as_text=True)
    assert patient.session().get("answers") is None


def _odd(**data: object) -> dict[str, object]:
    return {"_t": int(time.time()), **data}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"_t": 10**400}, "Your answers have expired"),
        ({"_t": float("inf")}, "Your answers have expired"),
        ({"_t": True}, "Your answers have expired"),
        ({"_t": int(time.time()) + 86_400}, "Your answers have expired"),
        (_odd(_b="yesterday"), "Your answers have expired"),
        (_odd(_flashes="not a list"), NOTICE),
        (_odd(_flashes=[["message"]]), NOTICE),
        (_odd(answers=["legs"]), NOTICE),
        (_odd(answers={"legs": {"one_leg": 1}}), NOTICE),
        (_odd(lang=5), NOTICE),
        (_odd(preview="yes"), NOTICE),
    ],
)
def test_a_cookie_with_the_right_key_and_odd_contents_is_a_fresh_start(
    patient: Patient, data: dict[str, object], expected: str
) -> None:
    # Sealed with the app's own key, so only its contents are wrong: never a 500.
    for send in (
        lambda: patient.get("/q/legs"),
        lambda: patient.client.post("/q/legs", data={"legs": "one_leg"}),
    ):
        patient.client.set_cookie("screener", seal(data, SECRET))
        response = send()
        assert response.status_code == 200, data
        assert expected in response.get_data(as_text=True)


def test_expired_session_gets_its_own_page(patient: Patient) -> None:
    stale = seal({"answers": {"legs": "one_leg"}, "_t": int(time.time()) - 25 * 3600}, SECRET)
    for send in (
        lambda: patient.get("/q/saddle"),
        lambda: patient.client.post("/q/saddle", data={"saddle": "no"}),
    ):
        patient.client.set_cookie("screener", stale)
        response = send()
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "Your answers have expired" in html
        assert "we forget them after 24 hours without a visit" in html
    assert patient.post("/start", {}).location == "/q/legs"


def _cookie_data(patient: Patient) -> dict[str, object]:
    value = patient.client.get_cookie("screener").value  # type: ignore[union-attr]
    data = unseal(value, [SECRET])
    assert data is not None
    return data


def test_visits_renew_the_idle_clock_but_never_the_journeys_start(patient: Patient) -> None:
    started = int(time.time()) - 23 * 3600
    patient.client.set_cookie(
        "screener", seal({"answers": {"legs": "one_leg"}, "_t": started, "_b": started}, SECRET)
    )
    patient.answer("right_now", right_now="none")
    data = _cookie_data(patient)
    assert data["_b"] == started and int(str(data["_t"])) >= started + 23 * 3600
    # Two hours on, the journey is 25 hours old: expired, however recent the last visit.
    later = seal({**data, "_b": started - 2 * 3600}, SECRET)
    patient.client.set_cookie("screener", later)
    assert "Your answers have expired" in patient.get("/q/leg_signs").get_data(as_text=True)


def test_a_new_journey_starts_its_own_clock(patient: Patient) -> None:
    before = int(time.time())
    patient.answer("legs", legs="one_leg")
    data = _cookie_data(patient)
    # The journey began at this visit (the clock may tick between the page and its post).
    assert before <= int(str(data["_b"])) <= int(str(data["_t"]))


def test_csrf_failure_keeps_the_choices(patient: Patient) -> None:
    response = patient.post("/q/legs", {"legs": "alternating"}, token="forged")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We could not save that, because your session timed out" in html
    assert 'value="alternating" checked' in html
    assert "answers" not in patient.session()
    # Pressing Continue again, with the page's new token, works.
    assert patient.answer("legs", legs="alternating").location == "/q/right_now"


def test_csrf_failure_after_the_cookie_is_lost(patient: Patient) -> None:
    token = patient.token("/q/legs")
    patient.client.delete_cookie("screener")
    response = patient.post("/q/legs", {"legs": "one_leg"}, token=token)
    assert response.status_code == 200
    assert 'value="one_leg" checked' in response.get_data(as_text=True)


def test_csrf_is_required_for_clearing(patient: Patient) -> None:
    patient.answer("legs", legs="one_leg")
    patient.client.post("/clear", data={})
    assert patient.session()["answers"] == {"legs": "one_leg"}


def test_old_key_still_opens_sessions_during_rotation(app_config: dict[str, object]) -> None:
    from screener import create_app

    old = Patient(create_app(app_config).test_client())
    old.answer("legs", legs="one_leg")
    cookie = old.client.get_cookie("screener").value  # type: ignore[union-attr]
    rotated = create_app(
        {
            **app_config,
            "SECRET_KEY": "a new key of at least thirty-two bytes",
            "SECRET_KEY_FALLBACKS": [SECRET],
        }
    )
    new = Patient(rotated.test_client())
    new.client.set_cookie("screener", cookie)
    assert 'value="one_leg" checked' in new.get("/q/legs").get_data(as_text=True)
    response = new.answer("right_now", right_now="none")
    assert (
        unseal(
            response.headers["Set-Cookie"].split("=", 1)[1].split(";")[0],
            ["a new key of at least thirty-two bytes"],
        )
        is not None
    )


def test_two_app_instances_sharing_a_key_serve_one_journey(app_config: dict[str, object]) -> None:
    from screener import create_app

    first, second = create_app(app_config).test_client(), create_app(app_config).test_client()
    patient = Patient(first)
    patient.answer("legs", legs="one_leg")
    second.set_cookie("screener", first.get_cookie("screener").value)  # type: ignore[union-attr]
    assert 'value="one_leg" checked' in second.get("/q/legs").get_data(as_text=True)


@pytest.mark.parametrize(
    ("idle", "age", "renewed"),
    [(86400, 200, False), (86400, 400, True), (60, 20, False), (60, 40, True)],
)
def test_a_visit_within_the_idle_limit_renews_it_however_short_the_limit(
    app_config: dict[str, object], idle: int, age: int, renewed: bool
) -> None:
    from screener import create_app

    patient = Patient(create_app({**app_config, "SESSION_IDLE_SECONDS": idle}).test_client())
    patient.answer("legs", legs="one_leg")
    now = int(time.time())
    patient.client.set_cookie("screener", seal({**_cookie_data(patient), "_t": now - age}, SECRET))
    response = patient.get("/q/right_now")
    assert "Your answers have expired" not in response.get_data(as_text=True)
    sent = response.headers.get("Set-Cookie")
    assert (sent is not None) == renewed, sent
    if sent:
        assert int(str(_cookie_data(patient)["_t"])) >= now


def test_unchanged_session_is_not_rewritten_on_every_page(patient: Patient, app: Flask) -> None:
    patient.answer("legs", legs="one_leg")
    assert "Set-Cookie" not in patient.get("/q/right_now").headers
