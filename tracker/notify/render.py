"""Turn an alert into the words people read: a one-line title, a plain body and a Markdown body.

Pure: values in, values out; no I/O and no clock (the test message takes
``now``).  Evidence text comes from feeds and is untrusted, so every piece of
it is cleaned before it is placed: control and bidi characters are dropped,
line breaks collapsed (a quote cannot fake a "Link:" line), Slack/Discord
mention syntax defused and, in Markdown, link and emphasis syntax escaped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit, urlunsplit

from tracker.model import Alert, ChangeKind, Event, Evidence
from tracker.windows import DateWindow

__all__ = ["Message", "render_alert", "render_test_message"]

APP = "tracker"
TAGLINE = "mission schedule tracker"

MAX_EVIDENCE = 5  # a short message; the rest is counted, and `tracker history` has it all
MAX_QUOTE = 600
MAX_TITLE = 200
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Message:
    """One rendered notification, in the two dialects channels speak."""

    title: str  # one line, plain text
    body: str  # plain text, for email and text-only channels
    markdown: str  # the same content as Markdown, for channels that render it (Slack)


# --------------------------------------------------------------------------- cleaning untrusted text

# Characters kept although their category is Cf: joiners that real scripts and emoji need.
_KEEP_FORMAT = {"\u200c", "\u200d"}
# Mention syntax chat services act on: Slack <!channel>/<@U1>/<#C1>, Discord @everyone.
_ANGLE_MENTION = re.compile(r"<(?=[!@#])")
_AT_MENTION = re.compile(r"@(?=(?:everyone|here|channel|all)\b)", re.IGNORECASE)
_WORD_JOINER = "\u2060"  # invisible; breaks the mention token without changing what people read
# Markdown that could change structure: emphasis, code, links, autolinks, escapes.
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>])")


def clean(text: str | None, limit: int) -> str:
    """One line of safe text: no control/format characters, whitespace collapsed, clipped."""
    if not text:
        return ""
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or category in ("Zl", "Zp"):
            kept.append(" ")
        elif category in ("Cc", "Cs") or (category == "Cf" and ch not in _KEEP_FORMAT):
            continue
        else:
            kept.append(ch)
    line = " ".join("".join(kept).split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def _defuse(text: str) -> str:
    """Break mention tokens (<!channel>, @everyone) so no channel pings on a quote."""
    text = _ANGLE_MENTION.sub("<" + _WORD_JOINER, text)
    return _AT_MENTION.sub("@" + _WORD_JOINER, text)


def untrusted(text: str | None, limit: int) -> str:
    """Feed text made safe for the plain body."""
    return _defuse(clean(text, limit))


def md_escape(text: str) -> str:
    """Backslash-escape the Markdown that could add links, code or emphasis."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_link(link: str | None) -> str | None:
    """An http(s) URL that cannot break out of a Markdown link, or None.

    Other schemes (javascript:, data:, file:) are dropped rather than shown
    as something a reader might click.
    """
    raw = clean(link, 2000)
    if not raw or " " in raw:
        return None
    try:
        parts = urlsplit(raw)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Percent-encode whatever could end a Markdown/Slack link early: ( ) < > | " ` \ and spaces.
    safe = "/:@!$&'*+,;=%~-._[]"
    return urlunsplit(
        (
            parts.scheme.lower(),
            quote(parts.netloc, safe=safe),
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            quote(parts.fragment, safe=safe + "?#"),
        )
    )


# --------------------------------------------------------------------------- wording

_EVENT_NOUN = {
    Event.LAUNCH: "launch",
    Event.LANDING: "landing",
    Event.SAMPLE_RETURN: "sample return",
    Event.COMPLETE: "completion",
}
_OCCURRED_VERB = {
    Event.LAUNCH: "launched",
    Event.LANDING: "landed",
    Event.SAMPLE_RETURN: "returned its samples",
    Event.COMPLETE: "was completed",
}


def _w(window: DateWindow | None) -> str:
    return str(window) if window is not None else "no date"


def _utc(moment: datetime) -> datetime:
    """Naive datetimes in this project are UTC by convention."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _when(moment: datetime) -> str:
    return _utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def _published(moment: datetime | None) -> str:
    if moment is None:
        return "publication date unknown"
    at = _utc(moment)
    # Feeds that give only a date arrive as midnight; do not invent a time of day.
    if (at.hour, at.minute, at.second) == (0, 0, 0):
        return f"published {at:%Y-%m-%d}"
    return f"published {_when(at)}"


def _subject(mission: str, event: Event) -> str:
    """ "Chang'e 7 launch", but "China's first crewed lunar landing", not "... landing landing"."""
    noun = _EVENT_NOUN[event]
    return mission if mission.lower().endswith(noun.lower()) else f"{mission} {noun}"


def _headline(alert: Alert, mission: str) -> str:
    """The title without the note: what happened, from → to."""
    what = _subject(mission, alert.event)
    before, after = _w(alert.before), _w(alert.after)
    match alert.kind:
        case ChangeKind.SLIPPED | ChangeKind.ADVANCED | ChangeKind.REFINED:
            return f"{what} {alert.kind.value}: {before} → {after}"
        case ChangeKind.CONFIRMED:
            return f"{what} confirmed: {after}"
        case ChangeKind.OCCURRED:
            verb = f"{mission} {_OCCURRED_VERB[alert.event]}"
            return f"{verb}: {after}" if alert.after is not None else verb
        case ChangeKind.FAILED:
            return f"{what} failed: {after}" if alert.after is not None else f"{what} failed"
        case ChangeKind.POSTPONED:
            return f"{what} postponed, no new date (was {before})"
        case ChangeKind.CANCELLED:
            return f"{what} cancelled (was {before})"
        case ChangeKind.OVERDUE:
            return f"{what} overdue: {_w(alert.after or alert.before)} has passed"
        case ChangeKind.NEW:
            return f"{what}: first forecast {after}"
    raise ValueError(f"no wording for change kind {alert.kind!r}")  # pragma: no cover - enum is closed


def _summary(alert: Alert, mission: str) -> str:
    """One sentence that says what the change means."""
    what = f"the {_subject(mission, alert.event)}"
    match alert.kind:
        case ChangeKind.SLIPPED:
            return f"The target for {what} moved later."
        case ChangeKind.ADVANCED:
            return f"The target for {what} moved earlier."
        case ChangeKind.REFINED:
            return f"The target for {what} was narrowed to a more precise date."
        case ChangeKind.CONFIRMED:
            return f"A source restated the current target for {what}."
        case ChangeKind.OCCURRED:
            return f"{what[0].upper()}{what[1:]} has happened."
        case ChangeKind.FAILED:
            return f"{what[0].upper()}{what[1:]} was attempted and failed."
        case ChangeKind.POSTPONED:
            return f"{what[0].upper()}{what[1:]} was put off with no new date."
        case ChangeKind.CANCELLED:
            return f"{what[0].upper()}{what[1:]} was called off."
        case ChangeKind.OVERDUE:
            return f"The target for {what} has passed with no report that it happened."
        case ChangeKind.NEW:
            return f"First forecast recorded for {what}."
    raise ValueError(f"no wording for change kind {alert.kind!r}")  # pragma: no cover - enum is closed


def _facts(alert: Alert) -> list[tuple[str, str]]:
    """Label/value lines under the summary: from → to as the kind needs it."""
    before, after = _w(alert.before), _w(alert.after)
    match alert.kind:
        case ChangeKind.SLIPPED | ChangeKind.ADVANCED | ChangeKind.REFINED:
            rows = [("From", before), ("To", after)]
        case ChangeKind.CONFIRMED | ChangeKind.NEW:
            rows = [("Target", after)]
        case ChangeKind.OCCURRED | ChangeKind.FAILED:
            rows = [("When", after)] if alert.after is not None else []
            if alert.before is not None:
                rows.append(("Forecast was", before))
        case ChangeKind.POSTPONED | ChangeKind.CANCELLED:
            rows = [("Target was", before)]
        case ChangeKind.OVERDUE:
            rows = [("Target", _w(alert.after or alert.before))]
        case _:  # pragma: no cover - enum is closed
            rows = []
    return rows


# --------------------------------------------------------------------------- assembling


@dataclass(frozen=True, slots=True)
class _CleanEvidence:
    source: str
    published: str
    quote: str
    title: str
    link: str | None


def _evidence(ev: Evidence) -> _CleanEvidence:
    return _CleanEvidence(
        source=untrusted(ev.source, MAX_NAME) or "unknown source",
        published=_published(ev.published),
        quote=untrusted(ev.quote, MAX_QUOTE),
        title=untrusted(ev.title, MAX_TITLE),
        link=safe_link(ev.link),
    )


def render_alert(alert: Alert) -> Message:
    """The message for one change, with its evidence, in plain text and Markdown."""
    mission = untrusted(alert.mission_name, MAX_NAME) or untrusted(alert.mission_id, MAX_NAME)
    note = untrusted(alert.note, MAX_NAME)
    headline = _headline(alert, mission)
    title = f"{headline} ({note})" if note else headline
    summary = _summary(alert, mission)
    facts = _facts(alert)
    if note:
        facts.append(("Note", note))
    facts.append(("Detected", _when(alert.at)))
    shown = [_evidence(ev) for ev in alert.evidence[:MAX_EVIDENCE]]
    hidden = len(alert.evidence) - len(shown)
    footer = f"{APP} · {TAGLINE} · milestone {clean(alert.milestone, MAX_NAME)}"

    text = [summary, ""]
    text += [f"{label}: {value}" for label, value in facts]
    text += ["", f"Evidence ({len(alert.evidence)}):" if alert.evidence else "Evidence: none recorded"]
    for n, ev in enumerate(shown, 1):
        text.append(f"{n}. {ev.source}, {ev.published}")
        if ev.quote:
            text.append(f"   “{ev.quote}”")
        if ev.title:
            text.append(f"   Title: {ev.title}")
        if ev.link:
            text.append(f"   Link: {ev.link}")
    if hidden:
        text.append(f"… and {hidden} more")
    text += ["", "—", footer]

    md = [md_escape(summary), ""]
    # Two trailing spaces: a Markdown hard line break that survives Slack's conversion.
    md += [f"**{label}:** {md_escape(value)}  " for label, value in facts]
    md += ["", f"**Evidence ({len(alert.evidence)})**" if alert.evidence else "**Evidence:** none recorded"]
    for n, ev in enumerate(shown, 1):
        md += ["", f"**{n}. {md_escape(ev.source)}**, {md_escape(ev.published)}"]
        if ev.quote:
            md += ["", f"> “{md_escape(ev.quote)}”"]
        label = md_escape(ev.title) if ev.title else "source"
        if ev.link:
            md += ["", f"[{label}]({ev.link})"]
        elif ev.title:
            md += ["", label]
    if hidden:
        md += ["", f"… and {hidden} more"]
    md += ["", f"_{md_escape(footer)}_"]

    return Message(title=clean(title, 300), body="\n".join(text), markdown="\n".join(md))


def render_test_message(channel_name: str, now: datetime) -> Message:
    """What `tracker notify-test` sends: proof that a channel is wired up."""
    name = untrusted(channel_name, MAX_NAME)
    title = f"{APP} test message for channel {name}"
    body = (
        f"This is a test message from {APP}, the {TAGLINE}, sent at {_when(now)} "
        f'by "tracker notify-test".\n\n'
        f"If you can read it, channel {name} works and will receive alerts when a "
        "watched mission's date slips, advances, is confirmed, happens or is cancelled."
    )
    markdown = (
        f"This is a test message from **{APP}**, the {TAGLINE}, sent at {_when(now)} "
        f"by `tracker notify-test`.\n\n"
        f"If you can read it, channel **{md_escape(name)}** works and will receive alerts when a "
        "watched mission's date slips, advances, is confirmed, happens or is cancelled."
    )
    return Message(title=title, body=body, markdown=markdown)
