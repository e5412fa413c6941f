"""RSS / Atom / RDF documents to plain-text entries, whatever the bytes look like.

Feeds in the wild are ill-formed, mislabelled and occasionally hostile, so
``parse_feed`` never raises: it hands feedparser the bytes (never a URL or a
path, so feedparser can't fetch anything itself), refuses entity bombs before
they are expanded, and reports a document that is not a feed as one clear
line in ``error``. Recoverable (bozo) feeds still yield their entries.
"""

from __future__ import annotations

import hashlib
import io
import re
import xml.sax
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from time import struct_time
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from tracker.sources.text import collapse_whitespace, html_to_text

MAX_TEXT_CHARS = 100_000
MAX_TITLE_CHARS = 2_000
# Bigger than any real feed; beyond it the parse alone would take seconds.
MAX_DOCUMENT_BYTES = 20_000_000
# Internal-subset entities may expand to at most this much text in total (the
# quadratic blowup: one long entity referenced thousands of times).
MAX_ENTITY_EXPANSION = 1_000_000

_GZIP_MAGIC = b"\x1f\x8b"
_ENTITY_DECL = re.compile(r"""<!ENTITY\s+(%\s*)?([^\s"'>]+)\s+(?:"([^"]*)"|'([^']*)')""")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_FEED_LINK = re.compile(r"""<link\b[^>]*type\s*=\s*["']application/(?:rss|atom)\+xml["'][^>]*>""", re.IGNORECASE)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_LANG = re.compile(r"[A-Za-z]{2,3}")
_ENTITY_REF = re.compile(r"&([^\s&;#]+);")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry, reduced to what the item and extract stages need."""

    key: str
    title: str
    text: str
    link: str | None
    published: datetime | None
    lang: str | None
    # The calendar day where it was published ("next year" said on 1 January in
    # Beijing is not said on 31 December); None when the feed gives no offset.
    published_local: date | None = None


@dataclass(frozen=True, slots=True)
class FeedParseResult:
    """Entries plus, when the document is unusable or not a feed, one line saying why."""

    entries: list[Entry]
    title: str | None
    error: str | None


def entry_key(guid: str | None, link: str | None, title: str, text: str) -> str:
    """The dedupe key: the publisher's guid, else the link, else a hash of the content."""
    if guid and guid.strip():
        return f"guid:{guid.strip()}"
    if link and link.strip():
        return f"link:{link.strip()}"
    digest = hashlib.sha256(f"{title}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256:{digest}"


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> FeedParseResult:
    """Parse a fetched document into entries; never raises, whatever ``body`` holds."""
    try:
        return _parse(body, url=url, content_type=content_type)
    except Exception as exc:  # feedparser is large and old; one odd input must not stop a daemon
        return FeedParseResult([], None, f"feed parser failed: {type(exc).__name__}: {_one_line(str(exc))}")


def _parse(body: bytes, *, url: str, content_type: str | None) -> FeedParseResult:
    if body.startswith(_GZIP_MAGIC):
        unpacked = _gunzip(body)
        if isinstance(unpacked, str):
            return FeedParseResult([], None, unpacked)
        body = unpacked
    if refusal := _refuse(body):
        return FeedParseResult([], None, refusal)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # We only ever keep plain text, so feedparser's HTML sanitising and link rewriting (two extra
    # passes over every summary, most of the parse time) buy nothing; html_to_text drops scripts itself.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )
    feed_lang = _lang(parsed.feed.get("language"))
    # An entry with neither title nor text (what a truncated item often leaves) carries nothing to read.
    entries = [e for e in (_entry(raw, url, feed_lang) for raw in parsed.entries) if e.title or e.text]
    title = _title(parsed.feed) or None
    return FeedParseResult(entries, title, None if entries else _why_empty(parsed, body, url))


def _refuse(body: bytes) -> str | None:
    """Reasons to not even try: nothing there, far too big, or an entity bomb."""
    if not body.strip(b" \t\r\n\x00\xef\xbb\xbf\xfe\xff"):
        return "not a feed: empty document"
    if len(body) > MAX_DOCUMENT_BYTES:
        return f"not a feed: document larger than {MAX_DOCUMENT_BYTES // 1_000_000} MB"
    expansion = _entity_expansion(_sniff_text(body))
    if expansion > MAX_ENTITY_EXPANSION:
        return f"not a feed: refused an XML entity bomb (entities would expand to {expansion:,} characters)"
    return None


def _gunzip(body: bytes) -> bytes | str:
    """Undo a gzip layer the server didn't declare (bounded), or say why not."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as exc:
        return f"not a feed: corrupt gzip data ({exc})"
    if len(data) > MAX_DOCUMENT_BYTES or inflater.unconsumed_tail:
        return f"not a feed: gzip data expands beyond {MAX_DOCUMENT_BYTES // 1_000_000} MB"
    return data


def _sniff_text(body: bytes) -> str:
    """The document as text, good enough to look at markup (not to read prose).

    UTF-16/32 documents are decoded by their BOM or NUL pattern so that a bomb
    can't hide behind a wide encoding; everything else maps bytes 1:1.
    """
    head = body[:4]
    for codec, marks in (
        ("utf-32", (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")),
        ("utf-16", (b"\xff\xfe", b"\xfe\xff")),
    ):
        if head.startswith(marks):
            return body.decode(codec, "replace")
    if head.startswith(b"\x00\x00\x00<"):
        return body.decode("utf-32-be", "replace")
    if head.startswith(b"<\x00\x00\x00"):
        return body.decode("utf-32-le", "replace")
    if head.startswith(b"\x00<"):
        return body.decode("utf-16-be", "replace")
    if head.startswith(b"<\x00"):
        return body.decode("utf-16-le", "replace")
    return body.decode("latin-1")


def _entity_expansion(text: str) -> int:
    """How much text declared entities would expand to, counted without expanding anything.

    Declarations are looked for in the whole document, not just before the
    root element, so markup inside an entity value can't hide later ones;
    references between entities (the billion laughs) count at full depth.
    """
    if "<!ENTITY" not in text:
        return 0
    values = {
        m.group(2): m.group(3) if m.group(3) is not None else m.group(4) or ""
        for m in _ENTITY_DECL.finditer(text)
        if not m.group(1)  # parameter entities (%name;) only work inside the DTD
    }
    sizes = _entity_sizes(values)
    uses = Counter(_ENTITY_REF.findall(text))
    return sum(sizes[name] * count for name, count in uses.items() if name in sizes)


def _entity_sizes(values: dict[str, str]) -> dict[str, int]:
    """Expanded length of each entity, resolving references between them (cycles count as huge)."""
    sizes: dict[str, int] = {}
    limit = MAX_ENTITY_EXPANSION + 1

    open_: set[str] = set()

    def size(name: str, depth: int) -> int:
        if name not in sizes:
            if name in open_ or depth > 16:  # a cycle, or nesting no honest feed needs
                return limit
            open_.add(name)
            value = values[name]
            total = len(value)
            for ref in _ENTITY_REF.findall(value):
                if ref in values:
                    total = min(total + size(ref, depth + 1), limit)
            sizes[name] = total
            open_.discard(name)
        return sizes[name]

    for name in values:
        size(name, 0)
    return sizes


def _why_empty(parsed: Any, body: bytes, url: str) -> str | None:
    """For a parse with no entries: None for a real (empty) feed, else one line saying what it is."""
    version = parsed.get("version") or ""
    problem = _xml_problem(parsed.get("bozo_exception"))
    if version and not problem:
        return None
    if version:
        return f"unusable feed: {problem}"
    text = _sniff_text(body[:65_536])
    if _HTML_START.match(text.lstrip("\ufeff")):
        return "not a feed: looks like an HTML page" + _advertised_feed(text, url)
    if problem:
        return f"not a feed: {problem}"
    return "not a feed: no RSS, Atom or RDF document found"


def _xml_problem(exc: object) -> str | None:
    """A fatal XML error as "XML error: <what> at line N"; other bozo reasons are not problems."""
    if isinstance(exc, xml.sax.SAXParseException):
        return f"XML error: {exc.getMessage()} at line {exc.getLineNumber()}"
    return None


def _advertised_feed(page: str, url: str) -> str:
    """Point at the feed a page advertises, since that is usually what the user meant."""
    for tag in _FEED_LINK.findall(page):
        if href := _HREF.search(tag):
            return f" (it links to a feed at {urljoin(url, href.group(1).strip())})"
    return ""


def _entry(raw: Any, url: str, feed_lang: str | None) -> Entry:
    title = _title(raw)
    content, detail = _best_content(raw)
    text = _plain(detail, content, MAX_TEXT_CHARS)
    link = _absolute(raw.get("link"), url)
    guid = raw.get("id")
    published = _utc(raw.get("published_parsed")) or _utc(raw.get("updated_parsed"))
    return Entry(
        key=entry_key(guid if isinstance(guid, str) else None, link, title, text),
        title=title,
        text=text,
        link=link,
        published=published,
        lang=_entry_lang(raw, detail) or feed_lang,
        published_local=_local_day(raw.get("published") or raw.get("updated"), published),
    )


def _best_content(raw: Any) -> tuple[str, Any]:
    """The fullest body the entry has: content (content:encoded, Atom content) over summary."""
    contents = [c for c in raw.get("content") or [] if isinstance(c.get("value"), str) and c["value"].strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], best
    return raw.get("summary") or "", raw.get("summary_detail")


def _title(raw: Any) -> str:
    """A title on one line: markup stripped, line breaks folded to spaces."""
    title = _plain(raw.get("title_detail"), raw.get("title"), MAX_TITLE_CHARS)
    return collapse_whitespace(title, keep_newlines=False)


def _plain(detail: Any, value: object, limit: int) -> str:
    """Plain text from a feedparser value, stripping markup when its detail says it is HTML."""
    if not isinstance(value, str):
        return ""
    kind = (detail or {}).get("type") or "text/html"
    if "html" in kind:
        return html_to_text(value, limit=limit)
    return collapse_whitespace(value)[:limit]


def _absolute(link: object, base: str) -> str | None:
    """An absolute http(s) URL, resolved against the feed URL; anything else is dropped."""
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        absolute = urljoin(base, link.strip())
        scheme = urlsplit(absolute).scheme
    except ValueError:
        return None
    return absolute if scheme in ("http", "https") else None


def _utc(parsed: object) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; None when absent or impossible."""
    if not isinstance(parsed, struct_time | tuple) or len(parsed) < 6:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    try:
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _local_day(raw: object, published: datetime | None) -> date | None:
    """The publisher's own calendar date, from the date as written with its UTC offset.

    Only trusted when it names the same instant feedparser read; otherwise None.
    """
    if published is None or not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    try:
        written = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            written = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if written.tzinfo is None or abs(written - published) > timedelta(minutes=1):
        return None
    return written.date()


def _entry_lang(raw: Any, detail: Any) -> str | None:
    """An xml:lang on the entry's own content, title or summary."""
    for candidate in (detail, raw.get("title_detail"), raw.get("summary_detail")):
        if candidate and (lang := _lang(candidate.get("language"))):
            return lang
    return None


def _lang(tag: object) -> str | None:
    """The primary language subtag, lower-case: "zh-CN" → "zh", "en_US" → "en"."""
    if not isinstance(tag, str):
        return None
    primary = re.split(r"[-_\s]", tag.strip(), maxsplit=1)[0].lower()
    return primary if _LANG.fullmatch(primary) else None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
