"""How long the reassuring route is: pages, and words of page intros, questions, hints and
options, in each language, for someone with one-sided sciatica and nothing worrying.

Run: .venv/bin/python scripts/route_length.py [QUESTIONS.yaml]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

from shipped import benign  # noqa: E402

from screener.authoring.loader import load_questionnaire  # noqa: E402
from screener.core.answers import parse_answers  # noqa: E402
from screener.core.route import route  # noqa: E402


def words(text: str) -> int:
    """Words as a reader counts them."""
    return len(re.findall(r"[\w'’]+", text))


def main() -> None:
    """Print the route's pages and words per language, for each way of answering about sex."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "questions.yaml"
    q = load_questionnaire(path)
    people = [benign(path)]
    sex = q.questions.get("sex")
    if sex is not None:
        people = [{**benign(path), "sex": value} for value in sex.option_values]
    for person in people:
        answers, _ = parse_answers(q, {k: v for k, v in person.items() if k in q.questions})
        walk = route(q, answers)
        counts = []
        for language in q.meta.languages:
            total = 0
            for page in walk.pages:
                total += words(q.text(page.intro, language)) if page.intro else 0
                for question in walk.questions[page.id]:
                    texts = [question.text, question.hint, question.min_label, question.max_label]
                    texts += [o.label for o in question.options] + [
                        o.hint for o in question.options
                    ]
                    total += sum(words(q.text(t, language)) for t in texts if t)
            counts.append(f"{total} words in {language}")
        label = f" ({person.get('sex')})" if sex is not None else ""
        print(f"{path.name}{label}: {len(walk.pages)} pages, {', '.join(counts)}")


if __name__ == "__main__":
    main()
