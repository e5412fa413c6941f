"""``tracker demo``: replay a bundled timeline through the real pipeline and show the alerts.

Two made-up feeds (an agency and a news site) are served on loopback; at each
step of the timeline the clock moves to that day, the feeds gain that day's
items, tracker polls them exactly as the daemon would (HTTP, feed parsing,
extraction, comparison, SQLite, outbox) and delivers alerts through a real
apprise ``json://`` channel to a loopback receiver, which the demo prints.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from email.utils import format_datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape

from ruamel.yaml import YAML

from tracker.app import open_app
from tracker.config import load_config
from tracker.demo.servers import AlertReceiver, FeedServer, serving


@dataclass
class DemoClock:
    """The demo's time: noon UTC on the current step's day."""

    day: date = date(2023, 1, 1)

    def now(self) -> datetime:
        return datetime.combine(self.day, time(12, 0), tzinfo=UTC)


@dataclass
class FeedItem:
    feed: str
    title: str
    text: str
    published: date
    lang: str | None = None


@dataclass
class Timeline:
    watchlist: dict[str, Any]
    sources: dict[str, dict[str, str]]
    steps: list[tuple[date, list[FeedItem]]] = field(default_factory=list)


def load_timeline() -> Timeline:
    raw = YAML(typ="safe").load(resources.files(__package__).joinpath("timeline.yaml").read_text("utf-8"))
    timeline = Timeline(watchlist=raw["watchlist"], sources=raw["sources"])
    for step in raw["steps"]:
        day = step["date"] if isinstance(step["date"], date) else date.fromisoformat(step["date"])
        items = [FeedItem(i["feed"], i["title"], i["text"], day, i.get("lang")) for i in step["items"]]
        timeline.steps.append((day, items))
    return timeline


def build_rss(title: str, link: str, items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document, newest item first, as a publisher's feed would be."""
    entries = []
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        stamp = format_datetime(datetime.combine(item.published, time(9, 0), tzinfo=UTC), usegmt=True)
        digest = hashlib.sha256(item.title.encode()).hexdigest()[:12]
        guid = f"{link}/{item.published.isoformat()}/{digest}"
        lang = f"<dc:language>{item.lang}</dc:language>" if item.lang else ""
        entries.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(guid)}</link>"
            f"<guid>{escape(guid)}</guid><pubDate>{stamp}</pubDate>{lang}"
            f"<description>{escape(item.text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link><description>demo</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def write_config(folder: Path, timeline: Timeline, feeds: FeedServer, receiver: AlertReceiver) -> Path:
    yaml = YAML()
    yaml.dump({"missions": timeline.watchlist}, folder / "watchlist.yaml")
    config = {
        "database": f"sqlite:///{folder / 'demo.db'}",
        "defaults": {"interval": "1h", "jitter": "0s"},
        "sources": [
            {"name": name, "kind": "rss", "url": feeds.url(f"/{name}.xml"), "trust": spec["trust"]}
            for name, spec in timeline.sources.items()
        ],
        "watchlists": ["watchlist.yaml"],
        "channels": [
            {
                "name": "demo",
                "url": f"json://127.0.0.1:{receiver.port}/alerts",
                "kinds": [
                    "slipped",
                    "advanced",
                    "refined",
                    "confirmed",
                    "occurred",
                    "failed",
                    "postponed",
                    "cancelled",
                    "overdue",
                ],
            }
        ],
    }
    yaml.dump(config, folder / "config.yaml")
    return folder / "config.yaml"


@contextmanager
def no_proxy_for_loopback() -> Iterator[None]:
    """The demo's servers are on loopback: an HTTP(S)_PROXY in the environment must not catch them."""
    saved = {key: os.environ.get(key) for key in ("NO_PROXY", "no_proxy")}
    loopback = "127.0.0.1,localhost"
    for key, value in saved.items():
        os.environ[key] = f"{value},{loopback}" if value else loopback
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_demo(out: TextIO, *, pause: Callable[[], None] = lambda: None) -> int:
    """Replay the timeline; print each step's new items and the alerts delivered. Returns alert count."""
    timeline = load_timeline()
    feeds, receiver, clock = FeedServer(), AlertReceiver(), DemoClock()
    published: list[FeedItem] = []
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as tmp, serving(feeds, receiver), no_proxy_for_loopback():
        config = load_config(write_config(Path(tmp), timeline, feeds, receiver), {})
        _intro(out, config.missions)
        with open_app(config, clock=clock.now) as app:
            for day, items in timeline.steps:
                clock.day = day
                published.extend(items)
                for name, spec in timeline.sources.items():
                    feeds.documents[f"/{name}.xml"] = build_rss(
                        spec["title"], feeds.url(f"/{name}"), [i for i in published if i.feed == name]
                    )
                _step(out, day, items, timeline)
                seen = len(receiver.received)
                for report in app.poll(force=True):
                    if not report.ok:
                        out.write(f"  (poll failed: {report.line()})\n")
                app.check_overdue()  # the daemon's daily check
                app.deliver()
                _alerts(out, receiver.received[seen:])
                pause()
        out.write(
            f"\n{len(receiver.received)} alerts delivered. Next: `tracker validate config.example.yaml`, "
            "then `tracker check --config config.yaml`.\n"
        )
    return len(receiver.received)


def _intro(out: TextIO, missions: Any) -> None:
    out.write("tracker demo: a made-up agency feed and news feed, replayed over three years.\n")
    out.write("The watchlist starts with these forecasts:\n")
    for m in missions.values():
        for event, text in m.forecast_text.items():
            out.write(f"  {m.name} — {event}: {text}\n")


def _step(out: TextIO, day: date, items: list[FeedItem], timeline: Timeline) -> None:
    out.write(f"\n── {day.isoformat()} ──────────────────────────────────────────\n")
    for item in items:
        source = timeline.sources[item.feed]["title"]
        out.write(f"  {source}: {item.title}\n")


def _alerts(out: TextIO, payloads: list[dict[str, Any]]) -> None:
    if not payloads:
        out.write("  (no alert: nothing changed)\n")
    for payload in payloads:
        out.write(f"\n  ✉ {payload.get('title', '')}\n")
        for line in str(payload.get("message", "")).splitlines():
            out.write(f"    {line}\n")
