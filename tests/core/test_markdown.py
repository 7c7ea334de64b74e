"""The Markdown subset: what is allowed, how it renders, and that nothing unsafe gets through."""

from __future__ import annotations

import pytest

from screener.core.markdown import markdown_problems, plain_text, render_markdown

RENDERED = [
    ("Just words.", "<p>Just words.</p>"),
    ("One\nparagraph.", "<p>One paragraph.</p>"),
    ("First.\n\nSecond.", "<p>First.</p><p>Second.</p>"),
    ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
    ("1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"),
    # A long item wrapped onto the next line stays one item of the same list.
    (
        "- a\n- b that runs\n  on here\n- c",
        "<ul><li>a</li><li>b that runs on here</li><li>c</li></ul>",
    ),
    ("1. a\n   more\n2. b", "<ol><li>a more</li><li>b</li></ol>"),
    # A list straight after a line of text, and text after a list, in one block.
    ("Look for:\n- a\n- b", "<p>Look for:</p><ul><li>a</li><li>b</li></ul>"),
    ("- a\n1. b", "<ul><li>a</li></ul><ol><li>b</li></ol>"),
    ("**Never** do this.", "<p><strong>Never</strong> do this.</p>"),
    ("[Call us](tel:+16195550100)", '<p><a href="tel:+16195550100">Call us</a></p>'),
    ('Tom & Jerry\'s "quote"', "<p>Tom &amp; Jerry&#x27;s &quot;quote&quot;</p>"),
    # Refused at load time; if it ever got through, no link is made.
    ("[x](javascript:alert(1))", "<p>x)</p>"),
    (
        '[x](https://a.example/"onmouseover=1)',
        '<p><a href="https://a.example/&quot;onmouseover=1">x</a></p>',
    ),
]


@pytest.mark.parametrize(("text", "html"), RENDERED)
def test_render(text: str, html: str) -> None:
    assert render_markdown(text) == html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fine **text**", []),
        ("a <script>", [(2, "raw HTML")]),
        ("a </p>", [(2, "raw HTML")]),
        ("&nbsp;", [(0, "raw HTML")]),
        ("1 < 2 and 3 > 2", []),
        ("[x](ftp://a)", [(4, "the link")]),
    ],
)
def test_problems(text: str, expected: list[tuple[int, str]]) -> None:
    assert [
        (o, m[: len(p)]) for (o, m), (_, p) in zip(markdown_problems(text), expected, strict=False)
    ] == expected
    assert len(markdown_problems(text)) == len(expected)


def test_plain_text() -> None:
    assert plain_text("**Call** [us](tel:911)") == "Call us (tel:911)"
