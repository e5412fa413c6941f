"""The delivery worker: send what the outbox holds, retry with backoff, mark it sent once.

A delivery row is written in the same transaction as its change, so a crash
never loses an alert.  Sending happens outside any transaction, after the
row is leased; the only duplicate possible is a message a channel accepted
in the instant before its row was marked sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tracker.config import ChannelConfig, DeliveryPolicy
from tracker.errors import first_line
from tracker.model import Alert
from tracker.notify.render import Message, render_alert
from tracker.notify.send import SendResult
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import DeliveryRow

log = logging.getLogger(__name__)

Sender = Callable[[str, Message], SendResult]
LEASE = timedelta(minutes=5)


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def retry_delay(policy: DeliveryPolicy, attempts: int) -> timedelta:
    """Doubling from the first retry delay, capped."""
    delay: timedelta = policy.backoff * 2 ** min(max(0, attempts - 1), 20)
    return min(delay, policy.max_backoff)


def deliver_due(
    store: Store,
    *,
    channels: Mapping[str, ChannelConfig],
    policy: DeliveryPolicy,
    send: Sender,
    clock: Callable[[], datetime],
    should_stop: Callable[[], bool] = lambda: False,
) -> DeliveryReport:
    """Send every due delivery once; failures are rescheduled, never dropped silently.

    Each delivery is leased right before it is sent, so its lease always
    outlives the send and no other instance can pick it up meanwhile.
    """
    report = DeliveryReport()
    while not should_stop():
        leased = _lease_one(store, clock())
        if leased is None:
            break
        delivery_id, channel_name, attempts, alert = leased
        channel = channels.get(channel_name)
        if channel is None:  # removed from the config: nothing to retry
            result = SendResult(ok=False, error=f"channel {channel_name!r} is no longer in the config")
            _record(store, delivery_id, channel_name, policy.max_attempts, result, policy, clock(), report)
            continue
        result = _send_guarded(send, channel.url, alert)
        _record(store, delivery_id, channel_name, attempts, result, policy, clock(), report)
    return report


def _send_guarded(send: Sender, url: str, alert: Alert) -> SendResult:
    """An exception while rendering or sending is a failed attempt, recorded and retried like any other."""
    try:
        return send(url, render_alert(alert))
    except Exception as exc:
        log.debug("sending failed with an exception", exc_info=True)
        return SendResult(ok=False, error=f"internal error: {type(exc).__name__}: {first_line(exc)}")


def _lease_one(store: Store, now: datetime) -> tuple[int, str, int, Alert] | None:
    with store.sessions.begin() as session:
        rows = queries.lease_due_deliveries(session, now=now, lease=LEASE, limit=1)
        if not rows:
            return None
        row = rows[0]
        return row.id, row.channel, row.attempts, queries.load_alert(session, row.change_id)


def _record(
    store: Store,
    delivery_id: int,
    channel: str,
    attempts: int,
    result: SendResult,
    policy: DeliveryPolicy,
    now: datetime,
    report: DeliveryReport,
) -> None:
    with store.sessions.begin() as session:
        row = session.get_one(DeliveryRow, delivery_id)
        row.lease_until = None
        if result.ok:
            row.status, row.sent_at, row.last_error = "sent", now, None
            report.sent += 1
            return
        row.last_error = result.error
        line = f"delivery to {channel} failed (attempt {attempts}): {result.error}"
        report.errors.append(line)
        if attempts >= policy.max_attempts:
            row.status = "failed"
            report.failed += 1
            log.error("%s; giving up after %d attempts", line, attempts)
        else:
            row.next_attempt_at = now + retry_delay(policy, attempts)
            report.retrying += 1
            log.warning("%s; retrying at %s", line, row.next_attempt_at.isoformat(timespec="seconds"))
