"""`screener signoff`: record one person's review of the safety content in the file itself."""

from __future__ import annotations

import datetime
import json
import os
import stat
import tempfile
from pathlib import Path

import click

from screener.authoring.loader import Report, check_text
from screener.authoring.signoff import (
    REVIEWERS_NEEDED,
    SignoffStatus,
    safety_parts,
    same_person,
    signed_by,
    signoff_status,
)
from screener.core.model import Questionnaire, Review
from screener.paths import BUNDLED, default_questionnaire
from screener.tools.loading import fail, load_checked

SECTION_COMMENT = (
    "# Who reviewed the safety content (tiers, red flags, promises, the questions they read,\n"
    "# the safety net), written by `screener signoff`, never by hand (docs/authoring.md,\n"
    '# "Before a new version goes live"). In production the app serves only content two\n'
    "# people have signed.\n"
)


def _quoted(value: str) -> str:
    """A value as a double-quoted YAML string (JSON's quoting is valid YAML): digests such
    as 12e45678 must never be read as numbers, nor a name break its line."""
    return json.dumps(value)


def _section(q: Questionnaire, review: Review) -> list[str]:
    """The signoff section with `review` added. Once two people have signed this content,
    its parts become the reference that later changes are named against."""
    reviews = (*q.signoff.reviews, review)
    signed = len(signed_by(reviews, review.fingerprint)) >= REVIEWERS_NEEDED
    lines = ["signoff:", "  reviews:"]
    for r in reviews:
        lines += [f"    - name: {_quoted(r.name)}", f"      role: {_quoted(r.role)}"]
        lines += [f"      date: {r.date}", f"      version: {_quoted(r.version)}"]
        lines.append(f"      fingerprint: {_quoted(r.fingerprint)}")
    kept = safety_parts(q) if signed else q.signoff.parts
    if kept:
        lines.append("  parts:")
        lines += [f"    {part}: {_quoted(digest)}" for part, digest in kept.items()]
    return lines


def with_review(text: str, report: Report, review: Review) -> str:
    """The file's text with `review` in its signoff section, made at the end if there is
    none; the rest of the file, its comments and its line endings, as they were."""
    q, locate = report.questionnaire, report.locator
    assert q is not None and locate is not None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    block = _section(q, review)
    data = locate.source.data
    if "signoff" not in data:
        body = newline.join(lines).rstrip("\r\n")
        return newline.join([body, "", *SECTION_COMMENT.splitlines(), *block, ""])
    start = locate.source.key_at(("signoff",))[0] - 1
    after = [locate.source.key_at((key,))[0] - 1 for key in data]
    end = min((line for line in after if line > start), default=len(lines))
    # Comments and blank lines just above the next section belong to it.
    while end > start + 1 and lines[end - 1].strip()[:1] in ("", "#"):
        end -= 1
    return newline.join([*lines[:start], *block, *lines[end:]])


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so an editor never sees half of it, keeping its mode."""
    mode = stat.S_IMODE(path.stat().st_mode)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, delete=False, suffix=".tmp"
    ) as out:
        out.write(text)
    os.chmod(out.name, mode)
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


def _refusal(q: Questionnaire, status: SignoffStatus, name: str, role: str) -> str | None:
    """Why this person may not sign this content now, or None."""
    for field, value in (("--name", name), ("--role", role)):
        if not value or not value.isprintable():
            return f"{field} must be written out on one line, like --name 'Ana Ruiz'"
    same = [r for r in status.signers if same_person(name) == same_person(r.name)]
    if same:
        return f"{same[0].name} has already signed off this content, on {same[0].date}"
    stale = [r for r in q.signoff.reviews if r.version == q.meta.version]
    if any(r.fingerprint != status.fingerprint for r in stale):
        return (
            f'version "{q.meta.version}" was signed off with other safety content; raise '
            "meta version and date first, so that each version names one content"
        )
    return None


def _date(when: str | None) -> str:
    """The review's date, today's unless given; a date that does not exist is refused."""
    if when is None:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(when).isoformat()
    except ValueError:
        fail(f'--date "{when}" is not a date written YYYY-MM-DD, like 2026-12-05')


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
    if target.resolve().is_relative_to(BUNDLED):
        fail("that is the copy installed with the app; sign the questions.yaml you edit")
    report = load_checked(str(target))
    q = report.questionnaire
    assert q is not None
    date = _date(when)
    status = signoff_status(q)
    name, role = " ".join(name.split()), " ".join(role.split())
    refusal = _refusal(q, status, name, role)
    if refusal:
        fail(refusal)
    for line in describe(q, status):
        click.echo(line)
    if not yes and not click.confirm(f"Sign it off as {name} ({role})?"):
        fail("nothing was signed")
    review = Review(name, role, date, q.meta.version, status.fingerprint)
    with target.open(encoding="utf-8", newline="") as source:
        text = with_review(source.read(), report, review)
    written = check_text(text, str(target), prove=False, signoff="skip")
    if written.questionnaire is None or not written.ok:
        fail("the signed file would not read back; nothing was written (please report this)")
    _write(target, text)
    after = signoff_status(written.questionnaire)
    names = " and ".join(r.name for r in after.signers)
    click.echo(f"{target}: signed off by {len(after.signers)} of {REVIEWERS_NEEDED} ({names}).")
