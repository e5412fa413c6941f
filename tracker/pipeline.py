"""One poll of one source, as a straight line of named steps.

fetch → parse → keep new entries → extract claims → apply them to forecasts.
The network step runs outside any transaction; everything it yields is then
written in one transaction, so a crash leaves either all of a poll or none.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import Config, SourceConfig
from tracker.errors import first_line
from tracker.extract import Extractor
from tracker.forecasts import Ledger, Router, check_overdue, sync_watchlist, watched_milestones
from tracker.ingest import apply_claims, new_item, read_claims, storage_key
from tracker.model import Mission, Policy, Trust
from tracker.sources.http import FetchResult, Validators, fetch
from tracker.sources.rss import Entry, parse_feed
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import ItemRow, SourceRow

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

MAX_BACKOFF = timedelta(hours=24)
LEASE = timedelta(minutes=10)


@dataclass
class PollReport:
    """What one poll did, for logs and ``tracker check``."""

    source: str
    ok: bool
    error: str | None = None
    new_items: int = 0
    claims: int = 0
    changes: list[int] = field(default_factory=list)  # change ids

    def line(self) -> str:
        if not self.ok:
            return f"{self.source}: {self.error}"
        return f"{self.source}: {self.new_items} new items, {self.claims} claims, {len(self.changes)} changes"


@dataclass
class Pipeline:
    """Everything a poll needs, passed in: config, storage, reader, HTTP client, clock, routing."""

    config: Config
    store: Store
    extractor: Extractor
    client: httpx.Client
    clock: Clock
    route: Router
    policy: Policy = field(default_factory=Policy)

    # ----------------------------------------------------------------- set-up

    def register(self) -> list[str]:
        """Record configured sources and watchlist forecasts; returns milestones the user changed."""
        now = self.clock()
        with self.store.sessions.begin() as session:
            for source in self.config.sources:
                queries.upsert_source(session, name=source.name, kind=source.kind, url=source.url, now=now)
            return sync_watchlist(session, watched_milestones(self.config.missions.values()), now)

    # ----------------------------------------------------------------- polling

    def poll_due(self, *, force: bool = False, should_stop: Callable[[], bool] = lambda: False) -> list[PollReport]:
        """Poll every source that is due (every source with ``force``), one lease at a time.

        Leasing one source right before polling it keeps a lease far longer than
        the work it covers, so another instance never polls the same source in
        the meantime; a failure in one source never keeps the others waiting.
        """
        by_name = {s.name: s for s in self.config.sources}
        if force:
            self._make_due(by_name)
        reports: list[PollReport] = []
        waiting = set(by_name)  # each source at most once per call, however long the round takes
        while waiting and not should_stop():
            name = self._lease_next(waiting)
            if name is None:
                break
            waiting.discard(name)
            reports.append(self._poll_guarded(by_name[name]))
        return reports

    def _make_due(self, names: Iterable[str]) -> None:
        """Due now, except sources another instance is polling at this moment."""
        now = self.clock()
        with self.store.sessions.begin() as session:
            for row in session.scalars(select(SourceRow).where(SourceRow.name.in_(list(names)))):
                if row.lease_until is None or row.lease_until < now:
                    row.next_poll_at = now

    def _lease_next(self, names: Iterable[str]) -> str | None:
        now = self.clock()
        with self.store.sessions.begin() as session:
            leased = queries.lease_due_sources(session, names=names, now=now, lease=LEASE, limit=1)
            return leased[0].name if leased else None

    def _poll_guarded(self, source: SourceConfig) -> PollReport:
        """A poll that cannot take the others down: an unexpected error is this source's failure."""
        try:
            return self.poll(source)
        except Exception as exc:
            log.error("polling %s failed: %s: %s", source.name, type(exc).__name__, exc)
            log.debug("polling %s: traceback", source.name, exc_info=True)
            return self._failed(source, f"internal error: {type(exc).__name__}: {first_line(exc)}", None)

    def poll(self, source: SourceConfig) -> PollReport:
        """Fetch one source and record what it says."""
        validators = self._validators(source.name)
        result = fetch(self.client, source.url, validators=validators, max_bytes=source.max_bytes, now=self.clock())
        if result.outcome == "error":
            return self._failed(source, result.error or "fetch failed", result.retry_after)
        if result.outcome == "not_modified" or result.body is None:
            return self._succeeded(source, result, [])
        parsed = parse_feed(result.body, url=result.url, content_type=result.content_type)
        if parsed.error and not parsed.entries:
            return self._failed(source, parsed.error, result.retry_after)
        return self._succeeded(source, result, parsed.entries)

    def _validators(self, name: str) -> Validators:
        with self.store.sessions() as session:
            row = _source_row(session, name)
            return Validators(etag=row.etag, last_modified=row.last_modified)

    def _failed(self, source: SourceConfig, error: str, retry_after: timedelta | None) -> PollReport:
        now = self.clock()
        with self.store.sessions.begin() as session:
            row = _source_row(session, source.name)
            row.failures += 1
            row.last_error = error
            row.last_polled_at = now
            row.lease_until = None
            row.next_poll_at = now + failure_delay(source, row.failures, retry_after)
        return PollReport(source.name, ok=False, error=error)

    def _succeeded(self, source: SourceConfig, result: FetchResult, entries: Sequence[Entry]) -> PollReport:
        now = self.clock()
        report = PollReport(source.name, ok=True)
        with self.store.sessions.begin() as session:
            row = _source_row(session, source.name)
            new_items = store_new_items(session, row, entries, source, now)
            report.new_items = len(new_items)
            self._apply(session, new_items, source, report, now)
            row.etag, row.last_modified = result.validators.etag, result.validators.last_modified
            row.failures, row.last_error = 0, None
            row.last_polled_at = row.last_success_at = now
            row.lease_until = None
            row.next_poll_at = now + source.interval + jitter(source, now)
        return report

    def _apply(
        self,
        session: Session,
        items: Sequence[ItemRow],
        source: SourceConfig,
        report: PollReport,
        now: datetime,
    ) -> None:
        claims = read_claims(self.extractor, items)
        report.claims = len(claims)
        changes = apply_claims(
            session,
            claims,
            trust_of=lambda _item: Trust(source.trust),
            mission_name=self._mission_name,
            ledger=Ledger(route=self.route, policy=self.policy, now=now),
        )
        report.changes.extend(change.id for change in changes)

    def _mission_name(self, mission_id: str) -> str:
        mission = self.config.missions.get(mission_id)
        return mission.name if mission else mission_id

    # ----------------------------------------------------------------- daily

    def check_overdue(self) -> list[int]:
        """Raise ``overdue`` for targets whose latest day has passed (once per forecast version)."""
        now = self.clock()
        with self.store.sessions.begin() as session:
            return [c.id for c in check_overdue(session, today=now.date(), route=self.route, now=now)]


def _source_row(session: Session, name: str) -> SourceRow:
    row = session.query(SourceRow).filter(SourceRow.name == name).one()
    return row


def store_new_items(
    session: Session, row: SourceRow, entries: Sequence[Entry], source: SourceConfig, now: datetime
) -> list[ItemRow]:
    """Keep the entries not seen before from this source.

    An entry without a date, or dated in the future (a clock or time-zone
    mistake at the publisher), counts as published when it was fetched: a
    date from the future would make every later claim look stale.
    """
    new: list[ItemRow] = []
    seen: set[str] = set()
    for entry in entries:
        key = storage_key(entry.key)
        if key in seen or queries.item_exists(session, row.id, key):
            continue
        seen.add(key)
        item = new_item(
            source_id=row.id,
            key=key,
            title=entry.title,
            text=entry.text,
            link=entry.link,
            published=min(entry.published or now, now).astimezone(UTC),
            published_date=entry.published_local if entry.published and entry.published <= now else None,
            fetched_at=now,
            lang=entry.lang or source.lang,
        )
        session.add(item)
        new.append(item)
    session.flush()
    return new


def jitter(source: SourceConfig, now: datetime) -> timedelta:
    """A repeatable spread of poll times so sources don't all fire together."""
    seconds = source.jitter.total_seconds()
    if seconds <= 0:
        return timedelta(0)
    seed = hashlib.sha256(f"{source.name}|{now.isoformat()}".encode()).digest()
    return timedelta(seconds=random.Random(seed).uniform(0, seconds))


def failure_delay(source: SourceConfig, failures: int, retry_after: timedelta | None) -> timedelta:
    """Exponential backoff from the poll interval, capped, and never sooner than Retry-After."""
    doublings = min(max(0, failures - 1), 20)  # past the cap anyway; keeps the arithmetic finite
    delay: timedelta = min(source.interval * 2**doublings, max(MAX_BACKOFF, source.interval))
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def missions_of(config: Config) -> list[Mission]:
    return [m.as_mission() for m in config.missions.values()]
