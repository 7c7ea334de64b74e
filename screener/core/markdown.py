"""The small Markdown subset allowed in guidance and intros: checked, then rendered safely.

Supported: paragraphs (separated by a blank line), bullet lists ("- "), numbered lists
("1. "), **bold**, and links [words](https://...) or [words](tel:...). Raw HTML is refused.
Everything is HTML-escaped before the subset is applied, so no author text can inject markup.
"""

from __future__ import annotations

import html
import re

from screener.catalogue import format as messages

_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?]|&[A-Za-z#][A-Za-z0-9]*;")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"[-*]\s+")
_NUMBERED = re.compile(r"\d{1,3}[.)]\s+")
SAFE_SCHEMES = ("https://", "http://", "tel:", "mailto:")


def markdown_problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for each thing in `text` that the subset does not allow."""
    found: list[tuple[int, str]] = []
    tag = _RAW_HTML.search(text)
    if tag:
        found.append((tag.start(), messages.HTML_IN_MARKDOWN.say()))
    for link in _LINK.finditer(text):
        if not link.group(2).startswith(SAFE_SCHEMES):
            found.append((link.start(2), messages.UNSAFE_LINK.say(link=link.group(2))))
    return found


def _inline(text: str) -> str:
    """Escape a line, then apply bold and links."""
    out = html.escape(text, quote=True)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _LINK.sub(_link, out)


def _link(match: re.Match[str]) -> str:
    url = match.group(2)
    if not html.unescape(url).startswith(SAFE_SCHEMES):
        return match.group(1)
    return f'<a href="{url}">{match.group(1)}</a>'


def render_markdown(text: str) -> str:
    """Render the subset to HTML; the result contains only tags this function writes."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(_BULLET.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_BULLET.sub('', line, 1))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines and all(_NUMBERED.match(line) for line in lines):
            items = "".join(f"<li>{_inline(_NUMBERED.sub('', line, 1))}</li>" for line in lines)
            blocks.append(f"<ol>{items}</ol>")
        elif lines:
            blocks.append(f"<p>{_inline(' '.join(lines))}</p>")
    return "".join(blocks)


def plain_text(text: str) -> str:
    """The subset with its markup removed, for plain-text outputs such as the CLI."""
    text = _BOLD.sub(r"\1", text)
    return _LINK.sub(r"\1 (\2)", text)
