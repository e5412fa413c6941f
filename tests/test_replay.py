"""`tracker replay`: a bundled multi-year timeline gives exactly the expected changes."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.paths import CORPUS, REPO
from tests.test_cli import run_tracker
from tracker.config import load_watchlist
from tracker.replay import CorpusItem, parse_item, replay

TIMELINE = REPO / "tests" / "data" / "replay"


def timeline() -> list[CorpusItem]:
    lines = (TIMELINE / "items.jsonl").read_text("utf-8").splitlines()
    return [parse_item(line, n) for n, line in enumerate(lines, 1)]


def brief(changes: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(c["milestone"], c["kind"], c["from"], c["to"], tuple(c["evidence"])) for c in changes]  # type: ignore[arg-type]


EXPECTED = [
    (
        "change-7/launch",
        "confirmed",
        "about 2025",
        "about 2025",
        ("tl-01",),
    ),  # an agency restates the watchlist
    ("hakuto-r-m1/landing", "refined", "late Apr 2023", "25 Apr 2023", ("tl-02",)),
    ("hakuto-r-m1/landing", "failed", "25 Apr 2023", "25 Apr 2023", ("tl-03",)),
    # tl-04: news says "before 2030" for a "by 2030" watchlist: one deadline, news echoing it, no alert
    ("artemis-3/landing", "new", None, "NET Sep 2026", ("tl-05",)),  # no watchlist forecast: first claim
    ("artemis-3/landing", "confirmed", "NET Sep 2026", "NET Sep 2026", ("tl-06",)),
    (
        "china-crewed-landing/landing",
        "confirmed",
        "by 2030",
        "by 2030",
        ("tl-07",),
    ),  # 2030年前, from an agency
    ("change-7/launch", "slipped", "about 2025", "about 2026", ("tl-08", "tl-09")),  # two outlets, one change
    ("viper/launch", "cancelled", None, "cancelled", ("tl-10",)),
    ("viper/landing", "cancelled", "late 2024", "cancelled", ("tl-10",)),  # a cancelled mission will not land
    ("artemis-3/landing", "slipped", "NET Sep 2026", "NET mid 2027", ("tl-11",)),
    ("change-7/launch", "refined", "about 2026", "Aug 2026", ("tl-12",)),
    # tl-13: a proposal to land the cancelled VIPER contradicts the record: flagged, not applied
    ("change-7/launch", "occurred", "Aug 2026", "2 Aug 2026", ("tl-14",)),
    # tl-15: an August 2026 date after the launch happened changes nothing
]


def test_the_timeline_gives_exactly_the_expected_changes() -> None:
    changes = replay(timeline(), load_watchlist(TIMELINE / "watchlist.yaml"))
    assert brief(changes) == EXPECTED
    slip = next(c for c in changes if c["kind"] == "slipped" and c["milestone"] == "change-7/launch")
    assert "note" not in slip  # a second, independent outlet corroborated the news report


def test_a_single_news_report_is_marked_unconfirmed() -> None:
    items = [i for i in timeline() if i.id != "tl-09"]
    slip = next(c for c in replay(items, load_watchlist(TIMELINE / "watchlist.yaml")) if c["kind"] == "slipped")
    assert slip["note"] == "reported by one news source, unconfirmed"


@settings(max_examples=12, deadline=None)
@given(st.permutations(timeline()))
def test_the_order_items_arrive_in_never_matters(items: list[CorpusItem]) -> None:
    assert brief(replay(items, load_watchlist(TIMELINE / "watchlist.yaml"))) == EXPECTED


SAME_DAY = [
    "Chang'e 7 will launch in August 2026.",
    "Chang'e 7 will launch in 2026.",
    "Chang'e 7 will launch in September 2026.",
    "Chang'e 7 will launch no earlier than 2027.",
]


@settings(max_examples=12, deadline=None)
@given(st.permutations(list(enumerate(SAME_DAY))))
def test_claims_published_the_same_day_give_one_result_whatever_their_order(
    texts: list[tuple[int, str]],
) -> None:
    items = [
        parse_item(
            json.dumps(
                {
                    "id": f"same-{n}",
                    "published": "2025-05-20",
                    "source": f"https://outlet{n}.example/",
                    "source_kind": "agency",
                    "lang": "en",
                    "title": "",
                    "text": text,
                }
            ),
            n,
        )
        for n, text in texts
    ]
    changes = replay(items, load_watchlist(TIMELINE / "watchlist.yaml"))
    final = [c for c in changes if c["milestone"] == "change-7/launch"][-1]
    reference = replay(sorted(items, key=lambda i: i.id), load_watchlist(TIMELINE / "watchlist.yaml"))
    assert brief(changes) == brief(reference)
    assert final["to"] == "Sep 2026"  # the most precise word of the day stands; then the later end


def test_the_replay_command_runs_the_dev_corpus(tmp_path: Path) -> None:
    result = run_tracker("replay", str(CORPUS / "dev.jsonl"), "--missions", str(CORPUS / "missions.yaml"))
    assert result.returncode == 0, result.stderr
    changes = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(changes) > 50
    assert {"milestone", "kind", "from", "to", "evidence", "at"} <= set(changes[0])


def test_bad_lines_are_reported_and_the_rest_replayed(tmp_path: Path) -> None:
    items = tmp_path / "items.jsonl"
    good = (TIMELINE / "items.jsonl").read_text("utf-8").splitlines()[0]
    items.write_text(f'{good}\nnot json\n{{"id": "x"}}\n{good}\n', encoding="utf-8")
    result = run_tracker("replay", str(items), "--missions", str(TIMELINE / "watchlist.yaml"))
    assert result.returncode == 1
    assert "line 2:" in result.stderr and "line 3: missing key 'published'" in result.stderr
    assert "line 4: duplicate id 'tl-01'; the first one is kept" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["evidence"] == ["tl-01"]
