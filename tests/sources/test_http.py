"""fetch() against a real HTTP server on loopback: conditional GET, limits, and every failure as one line."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from tests.support.feed_server import FeedServer, SilentServer, closed_port_url
from tracker.sources.http import FetchResult, Validators, fetch, make_client, parse_retry_after

NOW = datetime(2026, 4, 5, 12, 0, tzinfo=UTC)
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
LAST_MODIFIED = "Sun, 05 Apr 2026 10:00:00 GMT"
MB = 1_000_000


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(user_agent="tracker-tests/1.0", timeout=5.0) as c:
        yield c


def get(client: httpx.Client, url: str, validators: Validators | None = None, max_bytes: int = MB) -> FetchResult:
    return fetch(client, url, validators=validators or Validators(), max_bytes=max_bytes, now=NOW)


def assert_one_line_error(result: FetchResult) -> str:
    assert result.outcome == "error"
    assert result.body is None
    assert result.error
    assert "\n" not in result.error
    assert len(result.error) < 400
    return result.error


def test_200_then_304_with_etag(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED, etag='"v1"')

    first = get(client, feed_server.url("/feed.xml"))
    assert first.outcome == "ok"
    assert first.status == 200
    assert first.body == FEED
    assert first.content_type == "application/rss+xml"
    assert first.validators == Validators(etag='"v1"', last_modified=None)
    assert first.error is None

    second = get(client, feed_server.url("/feed.xml"), first.validators)
    assert second.outcome == "not_modified"
    assert second.status == 304
    assert second.body is None
    assert second.validators == first.validators
    assert feed_server.requests[-1].headers["If-None-Match"] == '"v1"'


def test_304_with_last_modified(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED, etag=False, last_modified=LAST_MODIFIED)

    first = get(client, feed_server.url("/feed.xml"))
    assert first.validators == Validators(etag=None, last_modified=LAST_MODIFIED)

    second = get(client, feed_server.url("/feed.xml"), first.validators)
    assert second.outcome == "not_modified"
    assert second.validators == first.validators
    sent = feed_server.requests[-1].headers
    assert sent["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in sent


def test_a_new_version_at_the_same_path_is_fetched_with_new_validators(
    feed_server: FeedServer, client: httpx.Client
) -> None:
    feed_server.put("/feed.xml", FEED)
    first = get(client, feed_server.url("/feed.xml"))
    v2 = FEED.replace(b"<title>t</title>", b"<title>t2</title>")
    feed_server.put("/feed.xml", v2)

    second = get(client, feed_server.url("/feed.xml"), first.validators)

    assert second.outcome == "ok"
    assert second.body == v2
    assert second.validators.etag not in (None, first.validators.etag)


def test_304_keeps_stored_validators_the_server_does_not_repeat(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED, etag='"v1"')
    stored = Validators(etag='"v1"', last_modified=LAST_MODIFIED)

    result = get(client, feed_server.url("/feed.xml"), stored)

    assert result.outcome == "not_modified"
    assert result.validators == stored


def test_client_sends_user_agent_and_accepts_feeds(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED)
    get(client, feed_server.url("/feed.xml"))
    headers = feed_server.requests[-1].headers
    assert headers["User-Agent"] == "tracker-tests/1.0"
    assert "application/rss+xml" in headers["Accept"]
    assert "gzip" in headers["Accept-Encoding"]


def test_redirects_are_followed_and_the_final_url_reported(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED)
    feed_server.redirect("/old", "/older-still", status=301)
    feed_server.redirect("/older-still", "/feed.xml", status=302)

    result = get(client, feed_server.url("/old"))

    assert result.outcome == "ok"
    assert result.body == FEED
    assert result.url == feed_server.url("/feed.xml")
    assert [r.path for r in feed_server.requests] == ["/old", "/older-still", "/feed.xml"]


def test_redirect_loop_is_one_line_error(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.redirect("/a", "/b")
    feed_server.redirect("/b", "/a")

    error = assert_one_line_error(get(client, feed_server.url("/a")))

    assert "too many redirects" in error
    assert len(feed_server.requests) == 6  # the first request and five redirects, no more


def test_body_over_the_cap_is_refused(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/big.xml", b"x" * 200_000)
    result = get(client, feed_server.url("/big.xml"), max_bytes=100_000)
    assert assert_one_line_error(result) == "response larger than 100 KB from 127.0.0.1"
    assert result.status == 200


def test_body_exactly_at_the_cap_is_accepted(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", b"x" * 1000)
    assert get(client, feed_server.url("/feed.xml"), max_bytes=1000).outcome == "ok"


def test_gzip_is_decoded(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED, gzip=True)
    result = get(client, feed_server.url("/feed.xml"))
    assert result.outcome == "ok"
    assert result.body == FEED


def test_the_cap_applies_to_decoded_bytes(feed_server: FeedServer, client: httpx.Client) -> None:
    body = b"<rss>" + b" " * 2 * MB + b"</rss>"
    assert len(gzip.compress(body)) < 10_000  # tiny on the wire...
    feed_server.put("/bomb.xml", body, gzip=True)

    result = get(client, feed_server.url("/bomb.xml"), max_bytes=MB)

    assert assert_one_line_error(result) == "response larger than 1 MB from 127.0.0.1"  # ...but not once decoded


@pytest.mark.parametrize("status", [404, 410, 500, 502])
def test_http_errors_are_one_line(feed_server: FeedServer, client: httpx.Client, status: int) -> None:
    feed_server.put("/feed.xml", b"<html>oops</html>", content_type="text/html", status=status)
    stored = Validators(etag='"old"', last_modified=LAST_MODIFIED)

    result = get(client, feed_server.url("/feed.xml"), stored)

    assert assert_one_line_error(result) == f"HTTP {status} from 127.0.0.1"
    assert result.status == status
    assert result.validators == stored  # kept for the next try
    assert result.retry_after is None


def test_unknown_path_is_404(feed_server: FeedServer, client: httpx.Client) -> None:
    assert get(client, feed_server.url("/nothing-here")).status == 404


def test_429_with_retry_after_seconds(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", b"slow down", status=429, headers={"Retry-After": "120"})

    result = get(client, feed_server.url("/feed.xml"))

    assert assert_one_line_error(result) == "HTTP 429 from 127.0.0.1 (retry after 120 s)"
    assert result.retry_after == timedelta(seconds=120)


def test_503_with_retry_after_http_date(feed_server: FeedServer, client: httpx.Client) -> None:
    when = format_datetime(NOW + timedelta(hours=1), usegmt=True)
    feed_server.put("/feed.xml", b"maintenance", status=503, headers={"Retry-After": when})

    result = get(client, feed_server.url("/feed.xml"))

    assert result.status == 503
    assert result.retry_after == timedelta(hours=1)
    assert "HTTP 503 from 127.0.0.1" in assert_one_line_error(result)


def test_429_with_garbage_retry_after(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", b"", status=429, headers={"Retry-After": "whenever"})
    result = get(client, feed_server.url("/feed.xml"))
    assert result.retry_after is None
    assert assert_one_line_error(result) == "HTTP 429 from 127.0.0.1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", timedelta(0)),
        (" 30 ", timedelta(seconds=30)),
        ("Sun, 05 Apr 2026 12:10:00 GMT", timedelta(minutes=10)),
        ("Sun, 05 Apr 2026 11:00:00 GMT", timedelta(0)),  # in the past: retry now
        ("99999999999999999999", timedelta(days=7)),  # capped
        ("Fri, 01 Jan 2100 00:00:00 GMT", timedelta(days=7)),
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: timedelta | None) -> None:
    assert parse_retry_after(value, NOW) == expected


def test_connection_refused(client: httpx.Client) -> None:
    url = closed_port_url()
    stored = Validators(etag='"x"')

    result = get(client, url, stored)

    assert assert_one_line_error(result) == "connection refused by 127.0.0.1"
    assert result.status is None
    assert result.url == url
    assert result.validators == stored


def test_timeout_against_a_server_that_never_answers() -> None:
    with SilentServer() as silent, make_client(user_agent="t", timeout=0.2) as quick:
        result = get(quick, silent.url())
    assert assert_one_line_error(result) == "timed out after 0.2 s waiting for 127.0.0.1"


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://127.0.0.1/feed.xml", "unsupported URL"),
        ("not a url", "unsupported URL"),
        ("http://[::1/feed", "invalid URL"),
    ],
)
def test_bad_urls_are_errors_not_exceptions(client: httpx.Client, url: str, fragment: str) -> None:
    assert fragment in assert_one_line_error(get(client, url))


def test_corrupt_stored_validators_are_not_sent(feed_server: FeedServer, client: httpx.Client) -> None:
    feed_server.put("/feed.xml", FEED)

    result = get(client, feed_server.url("/feed.xml"), Validators(etag="é\nbad", last_modified="\x00"))

    assert result.outcome == "ok"
    sent = feed_server.requests[-1].headers
    assert "If-None-Match" not in sent
    assert "If-Modified-Since" not in sent
