"""The forecast ledger fed claims directly (no reading involved), on SQLite and PostgreSQL.

Each test states what sources said, when, and checks the changes (and the
outcomes of claims that made none).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tests.support.postgres import PostgresServer
from tests.support.threads import run_together
from tracker.forecasts import Ledger, WatchedMilestone, check_overdue, sync_watchlist
from tracker.ingest import apply_claims, new_item
from tracker.model import ChangeKind, Claim, Event, NewsMoves, Policy, Status, Trust
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import ChangeRow, ClaimRow, ForecastRow
from tracker.windows import parse_window


class Book:
    """A store with one watched milestone (Chang'e 7 launch) and a way to say things about it."""

    def __init__(self, store: Store, *, forecast: str | None = "about 2025", policy: Policy | None = None) -> None:
        self.store, self.policy = store, policy or Policy()
        self.said = 0
        with store.sessions.begin() as session:
            if forecast:
                w = WatchedMilestone("change-7", "Chang'e 7", Event.LAUNCH, forecast, parse_window(forecast))
                sync_watchlist(session, [w], datetime(2020, 1, 1, tzinfo=UTC))

    def say(
        self,
        source: str,
        trust: Trust,
        day: str,
        status: Status,
        window: str | None = None,
        event: Event = Event.LAUNCH,
    ) -> str | None:
        """Apply one claim; returns the change kind it made, if any."""
        published = datetime.fromisoformat(day).replace(tzinfo=UTC)
        with self.store.sessions.begin() as session:
            row = queries.upsert_source(session, name=source, kind="rss", url=f"http://{source}.example", now=published)
            session.flush()
            self.said += 1
            item = new_item(
                source_id=row.id,
                key=f"item-{id(self)}-{self.said}",
                title="",
                text=window or status.value,
                link=None,
                published=published,
                fetched_at=published,
                lang="en",
            )
            session.add(item)
            session.flush()
            claim = Claim("change-7", event, status, parse_window(window) if window else None, window or "")
            changes = apply_claims(
                session,
                [(item, claim)],
                trust_of=lambda _item: trust,
                mission_name=lambda _m: "Chang'e 7",
                ledger=Ledger(route=lambda _m, _k: ["hook"], policy=self.policy, now=published),
            )
            return ",".join(c.kind for c in changes) or None

    def outcomes(self) -> list[str]:
        with self.store.sessions() as session:
            return list(session.scalars(select(ClaimRow.outcome).order_by(ClaimRow.id)))

    def notes(self) -> list[str | None]:
        with self.store.sessions() as session:
            return list(session.scalars(select(ChangeRow.note).order_by(ChangeRow.id)))

    def current(self) -> tuple[str, str | None]:
        with self.store.sessions() as session:
            row = session.scalars(select(ForecastRow).order_by(ForecastRow.version.desc())).first()
            assert row is not None
            window = queries.window_of(row)
            return row.status, str(window) if window else None


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = Store(database_url)
    yield opened
    opened.close()


NEWS, AGENCY = Trust.NEWS, Trust.AGENCY
P, OCC, CAN, POST = Status.PLANNED, Status.OCCURRED, Status.CANCELLED, Status.POSTPONED


def test_a_news_cancellation_is_reopened_by_an_agency(store: Store) -> None:
    book = Book(store, forecast="2026")
    assert book.say("wire", NEWS, "2025-01-10", CAN) == "cancelled"
    assert book.say("daily", NEWS, "2025-02-01", P, "2026") is None  # news against news: flagged only
    assert book.say("cnsa", AGENCY, "2025-03-01", P, "2027") == "slipped"
    assert book.current() == ("planned", "2027")
    assert book.say("cnsa", AGENCY, "2027-05-02", OCC, "2 May 2027") == "occurred"
    assert book.outcomes() == ["cancelled", "contradicts", "slipped", "occurred"]
    assert book.notes() == [
        "reported by one news source, unconfirmed",
        "contradicts the earlier report that it cancelled",
        None,
    ]


def test_an_agency_record_is_not_reopened_by_an_agency(store: Store) -> None:
    book = Book(store)
    assert book.say("cnsa", AGENCY, "2026-08-04", OCC, "2 Aug 2026") == "occurred"
    assert book.say("esa", AGENCY, "2026-09-01", P, "2027") is None
    assert book.say("esa", AGENCY, "2026-09-02", OCC, "2 Aug 2026") is None
    assert book.outcomes() == ["occurred", "contradicts", "settled"]


def test_a_date_after_a_postponement_reschedules(store: Store) -> None:
    book = Book(store, forecast="Sep 2026")
    assert book.say("cnsa", AGENCY, "2026-08-01", POST) == "postponed"
    assert book.current() == ("postponed", "Sep 2026")
    assert book.say("cnsa", AGENCY, "2026-08-20", P, "Sep 2026") == "confirmed"  # back to the old date
    assert book.current() == ("planned", "Sep 2026")
    assert book.say("cnsa", AGENCY, "2026-08-25", POST) == "postponed"
    assert book.say("cnsa", AGENCY, "2026-09-10", P, "Mar 2027") == "slipped"
    assert book.current() == ("planned", "Mar 2027")


def test_a_first_word_of_postponement_then_a_date_is_a_slip(store: Store) -> None:
    book = Book(store, forecast=None)
    assert book.say("cnsa", AGENCY, "2026-08-01", POST) == "new"
    assert book.say("cnsa", AGENCY, "2026-09-01", P, "2027") == "slipped"


def test_an_outlet_that_reached_us_late_joins_the_story(store: Store) -> None:
    book = Book(store)
    assert book.say("wire", NEWS, "2024-04-25T12:00:00", P, "2026") == "slipped"
    assert book.say("daily", NEWS, "2024-04-25T09:00:00", P, "2026") is None  # published earlier, fetched later
    assert book.outcomes() == ["slipped", "grouped"]
    assert book.notes() == [None]  # the second outlet corroborated the first


def test_an_old_article_with_another_date_stays_stale(store: Store) -> None:
    book = Book(store)
    assert book.say("wire", NEWS, "2024-04-25", P, "2026") == "slipped"
    assert book.say("daily", NEWS, "2024-04-20", P, "2025") is None
    assert book.outcomes() == ["slipped", "stale"]


def test_a_cancellation_from_news_waits_for_a_second_source_when_asked(store: Store) -> None:
    book = Book(store, policy=Policy(news_moves=NewsMoves.CORROBORATE))
    assert book.say("wire", NEWS, "2025-01-10", CAN) is None
    assert book.say("wire", NEWS, "2025-01-11", CAN) is None  # the same outlet again is not a second source
    assert book.say("daily", NEWS, "2025-01-12", CAN) == "cancelled"
    assert book.outcomes() == ["cancelled", "unconfirmed", "cancelled"]


def test_two_instances_confirming_at_once_alert_once(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    first, second = Store(url), Store(url)
    try:
        Book(first, forecast="2026")
        books = [Book(first, forecast="2026"), Book(second, forecast="2026")]
        results = run_together([lambda b=b: b.say("cnsa", AGENCY, "2025-03-01", P, "2026") for b in books])
        assert sorted(map(str, results)) == ["None", "confirmed"]
    finally:
        first.close()
        second.close()


def test_two_instances_checking_overdue_at_once_alert_once(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    first, second = Store(url), Store(url)
    try:
        Book(first, forecast="about 2025")
        now = datetime(2026, 1, 2, 6, tzinfo=UTC)

        def check(store: Store) -> int:
            with store.sessions.begin() as session:
                return len(check_overdue(session, today=date(2026, 1, 2), route=lambda _m, _k: ["hook"], now=now))

        assert sorted(run_together([lambda: check(first), lambda: check(second)])) == [0, 1]
        with first.sessions() as session:
            assert list(session.scalars(select(ChangeRow.kind))) == [ChangeKind.OVERDUE.value]
    finally:
        first.close()
        second.close()


def test_history_shows_what_disputes_the_record(store: Store) -> None:
    from tracker.reports import history_lines

    book = Book(store, forecast="2026")
    book.say("cnsa", AGENCY, "2026-08-04", OCC, "2 Aug 2026")
    book.say("wire", NEWS, "2026-09-01", P, "2027")
    lines = history_lines(store, "change-7/launch")
    at = lines.index("  disputed (flagged, not applied: they contradict the record):")
    assert lines[at + 1].strip().startswith("wire, 2026-09-01: “2027”")


FAIL = Status.FAILED


def test_a_disputed_launch_failure_cancels_nothing_downstream(store: Store) -> None:
    book = Book(store, forecast="2026")
    book.say("cnsa", AGENCY, "2026-01-01", P, "2027", event=Event.LANDING)
    assert book.say("cnsa", AGENCY, "2026-08-04", OCC, "2 Aug 2026") == "occurred"
    assert book.say("wire", NEWS, "2026-08-05", FAIL) is None  # disputes the record: flagged
    assert book.outcomes()[-1] == "contradicts"


def test_a_cancelled_launch_cancels_the_tracked_landing(store: Store) -> None:
    book = Book(store, forecast="2026")
    book.say("cnsa", AGENCY, "2026-01-01", P, "2027", event=Event.LANDING)
    assert book.say("cnsa", AGENCY, "2026-03-01", CAN) == "cancelled,cancelled"


def test_occurred_after_an_undated_failure_report_reopens_from_an_agency(store: Store) -> None:
    book = Book(store, forecast="2026")
    assert book.say("wire", NEWS, "2026-08-04", FAIL) == "failed"
    assert book.say("cnsa", AGENCY, "2026-08-05", OCC, "4 Aug 2026") == "occurred"


def test_a_second_outlet_groups_into_a_postponement(store: Store) -> None:
    book = Book(store, forecast="2026")
    assert book.say("wire", NEWS, "2026-05-01", POST) == "postponed"
    assert book.say("daily", NEWS, "2026-05-02", POST) is None
    assert book.outcomes() == ["postponed", "grouped"] and book.notes() == [None]


def test_a_repeated_note_does_not_corroborate_later_news(store: Store) -> None:
    book = Book(store, forecast="2026", policy=Policy(news_moves=NewsMoves.CORROBORATE))
    book.say("wire", NEWS, "2026-05-01", POST)
    book.say("daily", NEWS, "2026-05-02", POST)  # corroborates: postponed
    book.say("post", NEWS, "2026-05-20", POST)  # grouped, or nothing new
    assert book.say("cnsa", AGENCY, "2026-06-01", P, "2027") == "slipped"
    assert book.say("herald", NEWS, "2026-06-10", POST) is None  # alone: held, not paired with old claims


def test_corroboration_looks_both_ways_but_only_within_the_window(store: Store) -> None:
    book = Book(store, forecast="2026", policy=Policy(news_moves=NewsMoves.CORROBORATE))
    assert book.say("wire", NEWS, "2025-06-01", P, "2027") is None
    assert book.say("daily", NEWS, "2025-01-01", P, "2027") is None  # five months earlier: not the same story
    assert book.say("post", NEWS, "2025-05-20", P, "2027") == "slipped"  # eleven days earlier, fetched later


def test_a_return_to_the_old_date_is_confirmed_once(store: Store) -> None:
    book = Book(store, forecast="Sep 2026")
    book.say("cnsa", AGENCY, "2026-08-01", POST)
    assert book.say("cnsa", AGENCY, "2026-08-20", P, "Sep 2026") == "confirmed"
    assert book.say("wire", NEWS, "2026-08-20", P, "Sep 2026") is None


def test_a_postponed_deadline_restated_another_way_is_confirmed(store: Store) -> None:
    book = Book(store, forecast="by 2030")
    book.say("cnsa", AGENCY, "2026-08-01", POST)
    assert book.say("cnsa", AGENCY, "2026-09-01", P, "before 2030") == "confirmed"


def test_a_date_reopening_an_undated_record_is_a_slip(store: Store) -> None:
    book = Book(store, forecast=None)
    assert book.say("wire", NEWS, "2026-01-01", CAN) == "cancelled"
    assert book.say("cnsa", AGENCY, "2026-02-01", P, "2027") == "slipped"
