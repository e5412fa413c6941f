"""html_to_text(): what the extractor reads instead of markup."""

from __future__ import annotations

import pytest

from tracker.sources.text import collapse_whitespace, html_to_text


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("plain words", "plain words"),
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("<b>bold</b> and <i>italic</i>", "bold and italic"),
        ("Tom &amp; Jerry&nbsp;&mdash; &#8220;quoted&#x201D; &hellip;", "Tom & Jerry — “quoted” …"),
        ("<script>var x = '<p>no</p>';</script>kept<style>p { }</style>", "kept"),
        ("<noscript>enable js</noscript><template><p>t</p></template>shown", "shown"),
        ("<ul><li>first</li><li>second</li></ul>", "first\nsecond"),
        ("  lots \t of\n\n\n   space  ", "lots of\nspace"),
        ("<p>unclosed <b>tags <i>everywhere", "unclosed tags everywhere"),
        ("<html><head><title>x</title></head><body>body</body></html>", "body"),
        ("<!-- a comment -->after", "after"),
        ("<![CDATA[odd]]>text", "text"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
        ("", ""),
    ],
)
def test_html_to_text(fragment: str, expected: str) -> None:
    assert html_to_text(fragment) == expected


def test_limit_bounds_the_output() -> None:
    assert len(html_to_text("<p>" + "x" * 1_000 + "</p>" * 10, limit=100)) == 100
    assert html_to_text("word " * 100, limit=9) == "word word"


def test_unclosed_script_and_marked_sections_never_raise() -> None:
    assert html_to_text("before<script>never closed") == "before"
    assert isinstance(html_to_text("<![if !supportLists]><p>x</p><![endif]>" * 3), str)


def test_collapse_whitespace() -> None:
    assert collapse_whitespace(" a \n\n b\tc ") == "a\nb c"
    assert collapse_whitespace(" a \n\n b ", keep_newlines=False) == "a b"
