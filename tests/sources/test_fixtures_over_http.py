"""Every fixture feed, served by the loopback server, survives fetch then parse exactly as read from disk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.support.feed_server import FeedServer
from tests.support.paths import FIXTURES
from tracker.sources.http import Validators, fetch, make_client
from tracker.sources.rss import parse_feed

ALL = sorted((FIXTURES / "feeds" / "real").iterdir()) + sorted((FIXTURES / "feeds" / "hostile").iterdir())
NOW = datetime(2026, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    """One server for the whole module: dozens of fixtures, one start and stop."""
    with FeedServer() as s:
        yield s


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with make_client(user_agent="tracker-tests", timeout=5.0) as c:
        yield c


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_fetched_fixture_parses_like_the_file(server: FeedServer, client: httpx.Client, path: Path, gzip: bool) -> None:
    body = path.read_bytes()
    route = f"/{'gz' if gzip else 'plain'}/{path.name}"
    server.put(route, body, content_type="application/xml", gzip=gzip)

    fetched = fetch(client, server.url(route), validators=Validators(), max_bytes=5_000_000, now=NOW)
    assert fetched.outcome == "ok"
    assert fetched.body == body

    over_http = parse_feed(fetched.body, url=fetched.url, content_type=fetched.content_type)
    from_disk = parse_feed(body, url=fetched.url, content_type="application/xml")
    assert over_http == from_disk

    again = fetch(client, server.url(route), validators=fetched.validators, max_bytes=5_000_000, now=NOW)
    assert again.outcome == "not_modified"
