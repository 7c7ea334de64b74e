"""`screener signoff`: record one person's review of the safety content in the file itself."""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
from pathlib import Path

import click

from screener.authoring.signoff import (
    REVIEWERS_NEEDED,
    SignoffStatus,
    fingerprint,
    safety_parts,
    signed_by,
    signoff_status,
)
from screener.core.model import Questionnaire, Review
from screener.paths import default_questionnaire
from screener.tools.loading import fail, load_checked

SECTION_COMMENT = (
    "# Who reviewed the safety content (tiers, red flags, promises, the questions they read,\n"
    "# the safety net), written by `screener signoff`, never by hand (docs/authoring.md,\n"
    '# "Before a new version goes live"). In production the app serves only content two\n'
    "# people have signed.\n"
)


def with_review(text: str, q: Questionnaire, review: Review) -> str:
    """The file's text with `review` added to its signoff section (made at the end if none).

    The section is written whole; once two people have signed this content, its parts
    become the reference that later changes are named against."""
    reviews = (*q.signoff.reviews, review)
    parts = safety_parts(q)
    signed = len(signed_by(reviews, fingerprint(parts))) >= REVIEWERS_NEEDED
    block = ["signoff:\n", "  reviews:\n"]
    for r in reviews:
        block += [f"    - name: {_quoted(r.name)}\n", f"      role: {_quoted(r.role)}\n"]
        block += [f"      date: {r.date}\n", f"      version: {_quoted(r.version)}\n"]
        block.append(f"      fingerprint: {_quoted(r.fingerprint)}\n")
    kept = parts if signed else q.signoff.parts
    if kept:
        block.append("  parts:\n")
        block += [f"    {part}: {_quoted(digest)}\n" for part, digest in kept.items()]
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "signoff:"), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + SECTION_COMMENT + "".join(block)
    # The section ends where the next line starts at the margin (a key or its comment).
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "\r")),
        len(lines),
    )
    return "".join([*lines[:start], *block, *lines[end:]])


def _quoted(value: str) -> str:
    """A value as a double-quoted YAML string (JSON's quoting is valid YAML): digests such
    as 12e45678 must never be read as numbers."""
    return json.dumps(value, ensure_ascii=False)


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so an editor never sees half of it."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as out:
        out.write(text)
    os.replace(out.name, path)


def describe(q: Questionnaire, status: SignoffStatus) -> list[str]:
    """What the reviewer is about to sign, in a few lines."""
    lines = [f"Safety content of version {q.meta.version} ({q.meta.date}), {status.fingerprint}."]
    if status.changes:
        last = status.last_signed
        was = f"version {last[0].version}" if last else "the last signed content"
        lines.append(f"Changed since {was} was signed off:")
        lines += [f"  {change.part} {change.words()}" for change in status.changes]
        lines.append("Read what these changes do with: screener diff OLD.yaml NEW.yaml")
    elif not q.signoff.parts:
        lines.append("It has never been signed off by two people: you are reviewing all of it.")
    return lines


def _person(name: str) -> str:
    return " ".join(name.casefold().split())


def _refusal(q: Questionnaire, status: SignoffStatus, name: str) -> str | None:
    """Why this person may not sign this content now, or None."""
    same = [r for r in status.signers if _person(name) == _person(r.name)]
    if same:
        return f"{same[0].name} has already signed off this content, on {same[0].date}"
    stale = [r for r in q.signoff.reviews if r.version == q.meta.version]
    if any(r.fingerprint != status.fingerprint for r in stale):
        return (
            f'version "{q.meta.version}" was signed off with other safety content; raise '
            "meta version and date first, so that each version names one content"
        )
    return None


@click.command(name="signoff")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="Your full name, as colleagues know it.")
@click.option("--role", required=True, help="Your role, e.g. 'Physical therapist (DPT)'.")
@click.option("--date", "when", default=None, help="The date you reviewed it (default: today).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def signoff_command(path: str | None, name: str, role: str, when: str | None, yes: bool) -> None:
    """Record that you reviewed the questionnaire's safety content and agree it is safe.

    Production serves a questionnaire only when two different people have signed off its
    safety content exactly as it is. Review the change first (screener diff), then each
    reviewer runs this once with their own name.
    """
    target = Path(path) if path else default_questionnaire()
    report = load_checked(str(target))
    q = report.questionnaire
    assert q is not None
    date = when or datetime.date.today().isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        fail(f'--date "{date}" is not a date written YYYY-MM-DD, like 2026-12-05')
    status = signoff_status(q)
    refusal = _refusal(q, status, name.strip())
    if refusal:
        fail(refusal)
    for line in describe(q, status):
        click.echo(line)
    if not yes and not click.confirm(f"Sign it off as {name.strip()} ({role.strip()})?"):
        fail("nothing was signed")
    review = Review(name.strip(), role.strip(), date, q.meta.version, status.fingerprint)
    _write(target, with_review(target.read_text(encoding="utf-8"), q, review))
    after = signoff_status(load_checked(str(target)).questionnaire)  # type: ignore[arg-type]
    names = " and ".join(r.name for r in after.signers)
    click.echo(f"{target}: signed off by {len(after.signers)} of {REVIEWERS_NEEDED} ({names}).")
