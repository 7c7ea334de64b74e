"""Engine benchmarks: load-and-check time, the safety proof, their growth, one evaluation.

Run with `make bench`. Targets (see docs/performance.md): the shipped file loaded and checked
(without the proof) in under 50 ms; 2,000 questions in under 1 s; growth no worse than
linear; one evaluation of the shipped file in under 0.5 ms; the safety proof of the shipped
file in under 2 s, so that it can run in every `screener check`. Nothing here is asserted in
the test suite.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from shipped import benign  # noqa: E402

from screener.authoring.loader import check_file  # noqa: E402
from screener.authoring.proof.run import prove  # noqa: E402
from screener.core.answers import parse_answers  # noqa: E402
from screener.core.model import Questionnaire  # noqa: E402
from screener.core.triage import assess  # noqa: E402

HEADER = """\
meta: {id: generated, version: "1", date: 2026-01-01, title: Generated}
tiers:
  - {id: emergency, headline: Go, action: Go now., time_frame: Now, interrupt: true}
  - {id: soon, headline: Soon, action: Book., time_frame: Weeks}
  - {id: self_care, headline: Home, action: Rest., time_frame: Later}
safety_net: {title: Safety, body: Call 911.}
disclaimer: {title: About, body: Not a diagnosis.}
pages:
"""


def generated(questions: int) -> str:
    """A questionnaire of `questions` questions in pages of five, with branches and flags."""
    pages, flags = [], []
    for page in range(questions // 5):
        show_if = f'\n    show_if: q{page - 1}_0 != "c"' if page % 3 == 2 else ""
        items = []
        for i in range(5):
            qid = f"q{page}_{i}"
            if i == 4:
                items.append(f"      - {{id: {qid}, type: scale, text: How much {qid}?}}")
            else:
                items.append(
                    f"      - id: {qid}\n        type: single_choice\n        text: Which {qid}?\n"
                    "        options:\n          - {value: a, label: A}\n"
                    "          - {value: b, label: B}\n          - {value: c, label: C}"
                )
        pages.append(
            f"  - id: p{page}\n    title: Page {page}{show_if}\n    questions:\n" + "\n".join(items)
        )
        tier = "emergency" if page % 7 == 0 else "soon"
        arrival = ", say_on_arrival: Say" if tier == "emergency" else ""
        flags.append(
            f"  - {{id: f{page}, tier: {tier}, when: 'q{page}_1 == \"a\" or q{page}_4 >= 8',"
            f" title: T, message: M, source: S{arrival}}}"
        )
    return HEADER + "\n".join(pages) + "\nred_flags:\n" + "\n".join(flags) + "\n"


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The median of several timings, in seconds (the median resists a noisy neighbour)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print each measurement next to its target."""
    shipped = ROOT / "questions.yaml"
    report = check_file(shipped)
    assert report.ok and report.questionnaire is not None, report.problems
    load = best_of(20, lambda: check_file(shipped, prove=False))
    print(f"shipped questions.yaml load+check: {load * 1000:7.1f} ms   (target < 50 ms)")
    proof = best_of(10, lambda: prove(report.questionnaire))  # type: ignore[arg-type]
    print(f"shipped questions.yaml safety proof: {proof * 1000:7.1f} ms   (target < 2000 ms)")
    whole = best_of(10, lambda: check_file(shipped))
    print(f"shipped questions.yaml screener check, proof included: {whole * 1000:7.1f} ms")

    q = report.questionnaire
    # A busy set of answers: several flags fire and most pages are shown.
    busy = {
        **benign(),
        "legs": "both_legs",
        "both_legs_start": "long_standing",
        "weakness": "mild",
        "weakness_trend": "same",
        "age": "50_69",
        "leg_pain": "6",
        "back_pain": "4",
        "numbness": ["foot"],
        "sleep": "some_nights",
        "night_pain": "eases",
        "duration": "1_to_4_weeks",
        "trend": "same",
    }
    answers, problems = parse_answers(q, busy)
    assert not problems, problems
    rounds = 2000
    one = best_of(5, lambda: [assess(q, answers) for _ in range(rounds)]) / rounds
    print(
        f"one full evaluation (route, flags, tier, guidance): {one * 1e6:7.1f} µs"
        "   (target < 500 µs)"
    )

    timings, proofs = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (500, 2000, 8000):
            path = Path(folder) / f"q{size}.yaml"
            path.write_text(generated(size))
            # Generated files this big overflow the session cookie; that error is expected.
            result = check_file(path, max_bytes=50_000_000, prove=False)
            unexpected = [
                p
                for p in result.problems
                if p.severity == "error" and "session cookie" not in p.message
            ]
            assert not unexpected and result.locator, unexpected[:3]
            timings[size] = best_of(
                3, lambda p=path: check_file(p, max_bytes=50_000_000, prove=False)
            )
            print(
                f"{size:5d} questions load+check: {timings[size] * 1000:8.1f} ms"
                + ("   (target < 1000 ms)" if size == 2000 else "")
            )
            if size <= 2000:
                model = result.locator.built.questionnaire
                proofs[size] = best_of(3, lambda m=model: _proven(m))
                print(f"{size:5d} questions safety proof: {proofs[size] * 1000:8.1f} ms")
    growth = (timings[8000] / timings[500]) / (8000 / 500)
    print(f"growth from 500 to 8,000 questions: {growth:.2f} x linear   (target <= ~1.0)")
    growth = (proofs[2000] / proofs[500]) / (2000 / 500)
    print(f"safety proof growth from 500 to 2,000 questions: {growth:.2f} x linear")


def _proven(questionnaire: Questionnaire) -> None:
    """Run the proof with no time limit; a generated file must come out clean."""
    findings = prove(questionnaire, time_limit=None).findings
    assert not [f for f in findings if f.severity == "error"], findings[:3]


if __name__ == "__main__":
    main()
