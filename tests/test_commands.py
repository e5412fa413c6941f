"""`status`, `history`, `notify-test` and `demo` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.support.feed_server import FeedServer
from tests.support.smtp import SMTPServer
from tests.support.webhook import WebhookReceiver
from tests.test_cli import run_tracker
from tests.test_end_to_end import FUTURE, RECENTLY, V1_FUTURE, V2_FUTURE, rss, write_config


def test_status_and_history_show_the_forecast_and_its_evidence(
    tmp_path: Path, feed_server: FeedServer, webhook_receiver: WebhookReceiver
) -> None:
    feed_server.put("/feed.xml", rss(V1_FUTURE, feed_server.base_url))
    hook = "json://" + webhook_receiver.url("/hook").split("://")[1]
    config = write_config(tmp_path, feed_server.url("/feed.xml"), [("hook", hook)], first=FUTURE)
    assert run_tracker("check", "--config", str(config)).returncode == 0
    feed_server.put("/feed.xml", rss(V2_FUTURE, feed_server.base_url))
    assert run_tracker("check", "--config", str(config)).returncode == 0

    status = run_tracker("status", "--config", str(config))
    assert status.returncode == 0, status.stderr
    row = next(line for line in status.stdout.splitlines() if line.startswith("change-7/launch"))
    assert f"Aug {FUTURE + 1}" in row and "slipped" in row
    assert row.split()[-1] == "2"  # two claims read: the restatement and the slip
    assert "spacewire" in status.stdout and "alerts: 1 sent, 0 pending, 0 failed" in status.stdout

    history = run_tracker("history", "change-7/launch", "--config", str(config))
    assert history.returncode == 0, history.stderr
    lines = history.stdout.splitlines()
    v1 = next(i for i, line in enumerate(lines) if line.strip().startswith("v1"))
    v2 = next(i for i, line in enumerate(lines) if line.strip().startswith("v2"))
    assert f"about {FUTURE}" in lines[v1] and "watchlist" in lines[v1]
    assert f"Aug {FUTURE + 1}" in lines[v2] and "slipped" in lines[v2]
    evidence = "\n".join(lines[v2:])
    assert f"spacewire, {RECENTLY[1]:%Y-%m-%d}" in evidence and f"August {FUTURE + 1}" in evidence
    assert "/news/ce7-slip" in evidence

    unknown = run_tracker("history", "luna-99", "--config", str(config))
    assert unknown.returncode == 1 and "luna-99" in unknown.stderr


def test_notify_test_reports_each_channel(tmp_path: Path, feed_server: FeedServer, smtp_server: SMTPServer) -> None:
    config = write_config(
        tmp_path,
        feed_server.url("/feed.xml"),
        [("email", smtp_server.mailto_url()), ("dead", smtp_server.mailto_url(port=9))],
    )
    result = run_tracker("notify-test", "--config", str(config))
    assert result.returncode == 1
    assert "email: sent" in result.stdout
    assert "dead: FAILED:" in result.stderr and "Traceback" not in result.stderr
    assert len(smtp_server.messages) == 1 and "test" in str(smtp_server.messages[0]["Subject"]).lower()

    only = run_tracker("notify-test", "--config", str(config), "--channel", "email")
    assert only.returncode == 0 and len(smtp_server.messages) == 2


def test_demo_replays_the_timeline() -> None:
    """What the demo shows; how long it takes is measured by bench/demo.py."""
    result = run_tracker("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    titles = [line.strip() for line in out.splitlines() if line.strip().startswith("✉")]
    change7 = [t for t in titles if "Chang'e 7" in t]
    assert change7 == [
        "✉ Chang'e 7 launch confirmed: about 2025",
        "✉ Chang'e 7 launch slipped: about 2025 → about 2026 (reported by one news source, unconfirmed)",
        "✉ Chang'e 7 launch refined: about 2026 → Aug 2026",
        "✉ Chang'e 7 launched: 2 Aug 2026",
    ], titles
    assert "✉ China's first crewed lunar landing confirmed: by 2030" in titles
    assert any("Artemis III landing slipped: 2026 → NET mid 2027" in t for t in titles), titles
