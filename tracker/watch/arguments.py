"""Checking the command's arguments before any file is read, with a suggestion for a near miss."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from tracker.config import Config, MissionConfig
from tracker.model import Event
from tracker.watch.edit import WatchError
from tracker.windows import DateWindow, WindowSyntaxError, parse_window

MISSION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # the same rule load_config applies
EVENTS = tuple(e.value for e in Event)


def _suggest(value: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_mission_id(mission_id: str) -> str:
    """A new mission id must be a slug, as load_config would insist, so say so before editing."""
    if not MISSION_ID.fullmatch(mission_id):
        slug = re.sub(r"[^a-z0-9]+", "-", mission_id.lower()).strip("-")
        hint = f" (e.g. {slug!r})" if slug else ""
        raise WatchError(f"invalid mission id {mission_id!r}: use lowercase letters, digits and hyphens{hint}")
    return mission_id


def check_event(text: str) -> Event:
    """An event name; a near miss gets a suggestion."""
    if text in EVENTS:
        return Event(text)
    hint = _suggest(text, EVENTS) or f" (expected one of: {', '.join(EVENTS)})"
    raise WatchError(f"unknown event {text!r}{hint}")


def check_window(text: str, what: str) -> tuple[str, DateWindow]:
    """The window text as it will be written (spaces collapsed) and its window."""
    written = " ".join(text.split())
    try:
        return written, parse_window(written)
    except WindowSyntaxError as exc:
        raise WatchError(f"{what}: {exc}") from None


def parse_forecast_option(text: str) -> tuple[Event, str, DateWindow]:
    """``--forecast launch=Aug 2026`` as (event, text as written, window)."""
    event, sep, window = text.partition("=")
    if not sep:
        raise WatchError(f"--forecast wants EVENT=WINDOW, like launch='Aug 2026'; got {text!r}")
    checked = check_event(event.strip())
    return (checked, *check_window(window, f"{checked.value} date"))


def _check_text(text: str, what: str) -> str:
    stripped = " ".join(text.split())
    if not stripped:
        raise WatchError(f"{what} must not be empty")
    return stripped


def _find(config: Config, mission_id: str, hint: str) -> MissionConfig:
    try:
        return config.missions[mission_id]
    except KeyError:
        known = sorted(config.missions)
        raise WatchError(
            f"no mission {mission_id!r} in {config.path} or its watchlists{_suggest(mission_id, known)}{hint}"
        ) from None


def _origin_file(mission: MissionConfig) -> str:
    """The file part of ``path:line``."""
    return mission.origin.rpartition(":")[0]
