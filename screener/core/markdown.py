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


_MARKERS = (("ul", _BULLET), ("ol", _NUMBERED))


def _blocks(block: str) -> list[tuple[str, list[str]]]:
    """Split a block into (kind, items): a list item runs on over the lines that follow it,
    as authors wrap long items, and a list may start straight after a paragraph's line."""
    runs: list[tuple[str, list[str]]] = []
    for raw in block.splitlines():
        line = raw.strip()
        if not line:
            continue
        kind = next((name for name, marker in _MARKERS if marker.match(line)), None)
        if kind is not None:
            item = dict(_MARKERS)[kind].sub("", line, count=1)
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(item)
            else:
                runs.append((kind, [item]))
        elif runs:
            runs[-1][1][-1] += " " + line
        else:
            runs.append(("p", [line]))
    return runs


def render_markdown(text: str) -> str:
    """Render the subset to HTML; the result contains only tags this function writes."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        for kind, items in _blocks(block):
            if kind == "p":
                out.append(f"<p>{_inline(items[0])}</p>")
            else:
                out.append(
                    f"<{kind}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{kind}>"
                )
    return "".join(out)


def plain_text(text: str) -> str:
    """The subset with its markup removed, for plain-text outputs such as the CLI."""
    text = _BOLD.sub(r"\1", text)
    return _LINK.sub(r"\1 (\2)", text)
