"""HTML fragments to plain text, for the extractor that reads sentences, not markup.

Feed summaries and ``content:encoded`` carry whole articles as HTML. The
extractor wants readable text: no tags, no script or style bodies, entities
unescaped, and paragraph breaks kept as newlines so sentences don't run
together. The stdlib parser is lenient enough for the tag soup feeds contain.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements whose contents are never prose.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})

# Elements that end a line of text: paragraphs, headings, list items, table rows...
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip

_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_TAG = re.compile(r"<[^>]*>")


class _TextCollector(HTMLParser):
    """Collects character data outside skipped elements, marking block boundaries."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A self-closing <script/> opens nothing; only line breaks matter here.
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth == 0 and self.size < self.limit:
            self.parts.append(data)
            self.size += len(data)


def collapse_whitespace(text: str, *, keep_newlines: bool = True) -> str:
    """Runs of spaces become one space; runs of blank lines one newline (or a space)."""
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n" if keep_newlines else " ", text)
    return text.strip()


def html_to_text(fragment: str, *, limit: int = 100_000) -> str:
    """Readable plain text from an HTML fragment, at most ``limit`` characters.

    Never raises: if the parser chokes on something truly odd, tags are
    stripped with a regex instead, which is worse but still readable.
    """
    if "<" not in fragment and "&" not in fragment:
        return collapse_whitespace(fragment)[:limit]
    collector = _TextCollector(limit)
    try:
        collector.feed(fragment)
        collector.close()
        raw = "".join(collector.parts)
    except Exception:  # html.parser has had assertion failures on malformed markup
        raw = html.unescape(_TAG.sub(" ", fragment))
    return collapse_whitespace(raw)[:limit].rstrip()
