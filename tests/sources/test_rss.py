"""parse_feed(): real feeds read well, hostile ones never raise, and entries come out as plain text."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.feed_server import FeedServer
from tests.support.paths import FIXTURES
from tracker.sources.rss import Entry, FeedParseResult, entry_key, parse_feed

REAL = sorted((FIXTURES / "feeds" / "real").iterdir())
HOSTILE = sorted((FIXTURES / "feeds" / "hostile").iterdir())
FEED_URL = "https://news.example.org/space/feed.xml"

CJK = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def parse(body: bytes | str, content_type: str | None = None) -> FeedParseResult:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return parse_feed(data, url=FEED_URL, content_type=content_type)


def rss(*items: str, channel: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Test feed</title>{channel}{''.join(items)}</channel></rss>"
    )


def only(result: FeedParseResult) -> Entry:
    assert result.error is None
    assert len(result.entries) == 1
    return result.entries[0]


def fixture_id(path: Path) -> str:
    return path.name


# -- real feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL, ids=fixture_id)
def test_real_feeds_give_readable_entries(path: Path) -> None:
    result = parse_feed(path.read_bytes(), url="https://example.org/feed")

    assert result.error is None
    assert result.title
    assert result.entries
    for entry in result.entries:
        assert entry.title or entry.text
        assert "<p>" not in entry.text and "</" not in entry.text  # markup stripped
        assert not re.search(r"&(?:[a-z]+|#\d+);", entry.title + entry.text)  # entities decoded
        assert "\x00" not in entry.title + entry.text
        assert entry.link is None or entry.link.startswith(("http://", "https://"))
        assert entry.published is None or entry.published.tzinfo is UTC
        assert entry.key.startswith(("guid:", "link:", "sha256:"))


@pytest.mark.parametrize("path", REAL, ids=fixture_id)
def test_real_feed_keys_are_stable_across_parses(path: Path) -> None:
    body = path.read_bytes()
    first = [e.key for e in parse_feed(body, url="https://example.org/feed").entries]
    second = [e.key for e in parse_feed(body, url="https://example.org/feed").entries]
    assert first == second


def real(fragment: str) -> Path:
    (path,) = [p for p in REAL if fragment in p.name]
    return path


def test_gb2312_feed_decodes_to_chinese() -> None:
    result = parse_feed(real("gb2312").read_bytes(), url=FEED_URL)
    assert all(CJK.search(e.title) for e in result.entries)
    assert {e.lang for e in result.entries} == {"zh"}  # declared zh-cn


def test_windows_1251_feed_decodes_to_cyrillic() -> None:
    result = parse_feed(real("windows-1251").read_bytes(), url=FEED_URL)
    assert result.title and CYRILLIC.search(result.title)
    assert all(CYRILLIC.search(e.title) for e in result.entries)


def test_utf16_feed_that_claims_utf8_decodes() -> None:
    body = real("UTF16LE").read_bytes()
    assert body.startswith(b"\xff\xfe")
    result = parse_feed(body, url=FEED_URL)
    (entry,) = result.entries  # the saved document is cut off after its first item
    assert result.title == "NASA"
    assert re.fullmatch(r"[\w\s’',.:-]+", entry.title)
    assert entry.lang == "en"
    assert entry.published is not None


def test_content_encoded_is_preferred_over_the_summary() -> None:
    result = parse_feed(real("nasaparser").read_bytes(), url=FEED_URL)
    # WordPress puts an excerpt in <description> and the article in <content:encoded>.
    assert max(len(e.text) for e in result.entries) > 5_000


def test_feeds_with_a_bare_ampersand_still_yield_entries() -> None:
    for fragment in ("esa-top-news", "physorg"):
        result = parse_feed(real(fragment).read_bytes(), url=FEED_URL)
        assert result.error is None
        assert len(result.entries) >= 10


# -- hostile documents --------------------------------------------------------------------------


@pytest.mark.parametrize("path", HOSTILE, ids=fixture_id)
def test_hostile_documents_never_raise_and_stay_fast(path: Path) -> None:
    started = time.perf_counter()
    result = parse_feed(path.read_bytes(), url=FEED_URL)
    elapsed = time.perf_counter() - started

    assert elapsed < 1.0
    assert isinstance(result, FeedParseResult)
    assert result.error is None or "\n" not in result.error
    for entry in result.entries:
        assert entry.title or entry.text
        assert "[boot loader]" not in entry.text and "root:" not in entry.text  # XXE samples stay unresolved


def hostile(fragment: str) -> bytes:
    (path,) = [p for p in HOSTILE if fragment in p.name]
    return path.read_bytes()


@pytest.mark.parametrize("fragment", ["quadratic", "cyclic"])
def test_entity_bombs_are_refused_before_expansion(fragment: str) -> None:
    result = parse(hostile(fragment))
    assert result.entries == []
    assert result.error and result.error.startswith("not a feed: refused an XML entity bomb")


@pytest.mark.parametrize("fragment", ["xmlbomb.xml", "xmlbomb2", "external"])
def test_other_defusedxml_samples_are_not_feeds(fragment: str) -> None:
    result = parse(hostile(fragment))
    assert result.entries == []
    assert result.error and result.error.startswith("not a feed:")


def billion_laughs(levels: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return f"<!DOCTYPE rss [\n{chr(10).join(lines)}\n]>\n" + rss(
        f"<item><title>&lol{levels - 1};</title></item>"
    ).replace('<?xml version="1.0" encoding="utf-8"?>\n', "")


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-le", "utf-32"])
def test_billion_laughs_is_refused_in_any_unicode_encoding(codec: str) -> None:
    started = time.perf_counter()
    result = parse(billion_laughs().encode(codec))
    assert time.perf_counter() - started < 0.5
    assert result.error and "entity bomb" in result.error


def test_a_small_internal_entity_still_works() -> None:
    # feedparser only keeps entity declarations that start a line.
    doc = '<!DOCTYPE rss [\n<!ENTITY agency "NASA">\n]>\n' + rss(
        "<item><guid>g1</guid><title>&agency; sets date</title></item>"
    ).replace('<?xml version="1.0" encoding="utf-8"?>\n', "")
    assert only(parse(doc)).title == "NASA sets date"


def test_external_file_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET\n")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>x &xxe;</title>'
        "<item><title>a &xxe;</title><description>b &xxe;</description></item></channel></rss>"
    )
    result = parse(doc)
    everything = repr(result)
    assert "TOP-SECRET" not in everything and "root:" not in everything


def test_external_http_entities_are_not_fetched(feed_server: FeedServer) -> None:
    feed_server.put("/ping", b"PINGED")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY ping SYSTEM "{feed_server.url("/ping")}">'
        f'<!ENTITY % dtd SYSTEM "{feed_server.url("/evil.dtd")}"> %dtd;]>'
        '<rss version="2.0"><channel><item><title>a &ping;</title></item></channel></rss>'
    )
    result = parse(doc)
    assert "PINGED" not in repr(result)
    assert feed_server.requests == []


def test_html_page_is_not_a_feed() -> None:
    for fragment in ("notafeed.html", "toomanyfatalerror"):
        result = parse(hostile(fragment), content_type="text/html; charset=utf-8")
        assert result.entries == []
        assert result.error == "not a feed: looks like an HTML page"


def test_html_page_that_advertises_its_feed_says_where() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Agency news</title>"
        '<link rel="alternate" type="application/rss+xml" href="/news/rss.xml"></head>'
        "<body><p>News</p></body></html>"
    )
    result = parse(page)
    assert result.error == (
        "not a feed: looks like an HTML page (it links to a feed at https://news.example.org/news/rss.xml)"
    )


@pytest.mark.parametrize("body", [b"", b"   \n\t", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_documents(body: bytes) -> None:
    assert parse(body) == FeedParseResult([], None, "not a feed: empty document")


@pytest.mark.parametrize("body", [b"\x1f\x8b\x08\x00garbage", b"hello, world", b'{"json": true}', bytes(range(256))])
def test_garbage_is_one_line_error(body: bytes) -> None:
    result = parse(body)
    assert result.entries == []
    assert result.error and "\n" not in result.error


def test_gzip_without_content_encoding_is_unpacked() -> None:
    result = parse(hostile("gizmodo.gzip"))
    assert result.error is None
    assert len(result.entries) >= 10


def test_empty_but_valid_feed_is_not_an_error() -> None:
    assert parse(rss()) == FeedParseResult([], "Test feed", None)


def test_broken_feed_with_no_entries_is_unusable() -> None:
    result = parse('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti')
    assert result.error and result.error.startswith(("unusable feed: XML error", "not a feed"))


def test_recoverable_feed_keeps_its_entries() -> None:
    result = parse(rss("<item><guid>1</guid><title>Plants & Animals</title></item>"))
    assert only(result).title == "Plants & Animals"


# -- entries as plain text ----------------------------------------------------------------------


def test_html_is_stripped_scripts_dropped_entities_unescaped() -> None:
    description = (
        "&lt;p&gt;Launch &amp;amp; landing&amp;nbsp;&lt;b&gt;no earlier than&lt;/b&gt; 2026.&lt;/p&gt;"
        "&lt;script&gt;alert('x')&lt;/script&gt;&lt;style&gt;p{color:red}&lt;/style&gt;"
        "&lt;p&gt;Second   paragraph&lt;br/&gt;line&lt;/p&gt;"
    )
    entry = only(parse(rss(f"<item><guid>1</guid><title>T</title><description>{description}</description></item>")))
    assert entry.text == "Launch & landing no earlier than 2026.\nSecond paragraph\nline"


def test_content_encoded_wins_over_description() -> None:
    item = (
        "<item><guid>1</guid><title>T</title><description>Short excerpt</description>"
        "<content:encoded><![CDATA[<p>The full article says <em>mid-2027</em>.</p>]]></content:encoded>"
        "</item>"
    )
    assert only(parse(rss(item))).text == "The full article says mid-2027."


def test_title_markup_is_stripped_and_whitespace_collapsed() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        '<entry><id>urn:1</id><title type="html">&lt;b&gt;Chang’e 7&lt;/b&gt;\n   slips</title>'
        "<updated>2026-01-02T03:04:05+08:00</updated></entry></feed>"
    )
    entry = only(parse(atom))
    assert entry.title == "Chang’e 7 slips"
    assert entry.published == datetime(2026, 1, 1, 19, 4, 5, tzinfo=UTC)  # from updated, in UTC


def test_text_is_bounded() -> None:
    entry = only(parse(rss(f"<item><guid>1</guid><description>{'word ' * 50_000}</description></item>")))
    assert len(entry.text) <= 100_000


def test_relative_links_resolve_against_the_feed_url() -> None:
    result = parse(
        rss(
            "<item><title>a</title><link>/missions/artemis-3</link></item>",
            "<item><title>b</title><link>item.html</link></item>",
            "<item><title>c</title><link>javascript:alert(1)</link></item>",
        )
    )
    assert [e.link for e in result.entries] == [
        "https://news.example.org/missions/artemis-3",
        "https://news.example.org/space/item.html",
        None,
    ]


def test_published_falls_back_to_none_when_unparseable() -> None:
    entry = only(parse(rss("<item><guid>1</guid><title>x</title><pubDate>sometime next year</pubDate></item>")))
    assert entry.published is None


def test_published_with_offset_becomes_utc() -> None:
    entry = only(
        parse(rss("<item><guid>1</guid><title>x</title><pubDate>Thu, 04 Apr 2013 20:37:27 +0200</pubDate></item>"))
    )
    assert entry.published == datetime(2013, 4, 4, 18, 37, 27, tzinfo=UTC)


@pytest.mark.parametrize(
    ("declared", "expected"), [("zh-CN", "zh"), ("ru", "ru"), ("en_US", "en"), ("EN-gb", "en"), ("??", None)]
)
def test_language_is_normalised(declared: str, expected: str | None) -> None:
    entry = only(parse(rss("<item><guid>1</guid><title>x</title></item>", f"<language>{declared}</language>")))
    assert entry.lang == expected


def test_entry_xml_lang_overrides_the_feed_language() -> None:
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>A</title>'
        '<entry xml:lang="ru-RU"><id>urn:1</id><title>Запуск</title></entry></feed>'
    )
    assert only(parse(atom)).lang == "ru"


# -- dedupe keys ---------------------------------------------------------------------------------


def test_key_prefers_guid_then_link_then_content_hash() -> None:
    result = parse(
        rss(
            "<item><guid isPermaLink='false'>tag:x,2026:1</guid><link>https://x/1</link><title>a</title></item>",
            "<item><link>https://x/2</link><title>b</title></item>",
            "<item><title>c</title><description>body</description></item>",
        )
    )
    keys = [e.key for e in result.entries]
    assert keys[0] == "guid:tag:x,2026:1"
    assert keys[1] == "link:https://x/2"
    assert keys[2] == entry_key(None, None, "c", "body")
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", keys[2])


def test_entry_key_rules() -> None:
    assert entry_key(" g ", "https://x", "t", "b") == "guid:g"
    assert entry_key("  ", "https://x", "t", "b") == "link:https://x"
    assert entry_key(None, None, "t", "b") == entry_key(None, "", "t", "b")
    assert entry_key(None, None, "t", "b") != entry_key(None, None, "t", "b2")
    assert entry_key(None, None, "ab", "c") != entry_key(None, None, "a", "bc")


def test_the_publishers_own_calendar_day_is_kept() -> None:
    feed = (
        b'<rss version="2.0"><channel>'
        b"<item><guid>rfc</guid><title>a</title><pubDate>Thu, 01 Jan 2026 07:30:00 +0800</pubDate></item>"
        b"<item><guid>iso</guid><title>b</title><pubDate>2026-01-01T07:30:00+08:00</pubDate></item>"
        b"<item><guid>none</guid><title>c</title></item>"
        b"</channel></rss>"
    )
    entries = parse_feed(feed, url="http://127.0.0.1/").entries
    assert [(e.published, e.published_local) for e in entries] == [
        (datetime(2025, 12, 31, 23, 30, tzinfo=UTC), date(2026, 1, 1)),
        (datetime(2025, 12, 31, 23, 30, tzinfo=UTC), date(2026, 1, 1)),
        (None, None),
    ]
