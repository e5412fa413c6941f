"""Missions from the config and its watchlist files: each checked, then merged under one id each.

A mission defined twice is an error naming both places, whichever files they are in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from tracker.config.checks import _as_dict, _as_list
from tracker.config.issues import Loc, _prefixed
from tracker.config.schema import _Mission, _validate, _WatchlistFile
from tracker.config.values import MissionConfig
from tracker.config.yaml_doc import _Doc, _load_doc, _Report

_MISSION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class _Declared:
    """A mission id where it was written (so a duplicate can name both places); None if invalid."""

    id: str
    doc: _Doc
    loc: Loc
    mission: MissionConfig | None

    @property
    def origin(self) -> str:
        return f"{self.doc.shown}:{self.doc.line(self.loc)}"


def _check_missions(doc: _Doc, report: _Report) -> list[_Declared]:
    """Every mission of one ``missions:`` map, each checked on its own."""
    declared: list[_Declared] = []
    for key, value in _as_dict(doc.data.get("missions")).items():
        loc: Loc = ("missions", key)
        mission = None
        if not isinstance(key, str) or not _MISSION_ID.fullmatch(key):
            slug = re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-")
            hint = f" (e.g. {slug!r})" if slug else ""
            message = f"invalid mission id {key!r}: use lowercase letters, digits and hyphens{hint}"
            report.at(doc, loc, _prefixed(("missions",), message))
        elif (checked := _validate(_Mission, value, doc, loc, report)) is not None:
            mission = _mission_config(key, checked, f"{doc.shown}:{doc.line(loc)}")
        if isinstance(key, str):
            declared.append(_Declared(key, doc, loc, mission))
    return declared


def _mission_config(mission_id: str, mission: _Mission, origin: str) -> MissionConfig:
    return MissionConfig(
        id=mission_id,
        name=mission.name,
        aliases=tuple(dict.fromkeys((mission.name, *mission.aliases))),
        forecasts=MappingProxyType({event: f.window for event, f in mission.forecasts.items()}),
        forecast_text=MappingProxyType({event: f.text for event, f in mission.forecasts.items()}),
        origin=origin,
    )


def _merge_missions(declared: Iterable[_Declared], report: _Report) -> dict[str, MissionConfig]:
    """One id, one mission: a second definition is an error that names the first."""
    first: dict[str, _Declared] = {}
    merged: dict[str, MissionConfig] = {}
    for d in declared:
        if d.id in first:
            message = f"duplicate mission id {d.id!r}: already defined at {first[d.id].origin}"
            report.at(d.doc, d.loc, _prefixed(("missions",), message))
            continue
        first[d.id] = d
        if d.mission is not None:
            merged[d.id] = d.mission
    return merged


def _load_watchlists(
    config_path: Path, doc: _Doc, env: Mapping[str, str] | None, report: _Report
) -> tuple[list[Path], list[_Declared], bool]:
    """The config's watchlist files, relative to it: (paths, missions, whether all could be read)."""
    paths: list[Path] = []
    declared: list[_Declared] = []
    complete = True
    seen: dict[Path, int] = {}
    for i, entry in enumerate(_as_list(doc.data.get("watchlists"))):
        if not isinstance(entry, str) or not entry.strip():
            complete = False  # the schema reports it
            continue
        loc: Loc = ("watchlists", i)
        path = config_path.parent / Path(entry.strip()).expanduser()
        if path.resolve() in seen:
            message = f"{entry.strip()!r} is listed twice (first on line {seen[path.resolve()]})"
            report.at(doc, loc, _prefixed(loc, message))
            continue
        seen[path.resolve()] = doc.line(loc)
        if not path.is_file():
            what = "is a directory" if path.is_dir() else "not found"
            report.at(doc, loc, _prefixed(loc, f"watchlist file {what}: {path}"))
            complete = False
            continue
        paths.append(path)
        watchlist = _load_doc(path, str(path), env, report, "watchlist")
        if watchlist is None or not isinstance(watchlist.data.get("missions"), dict | None):
            complete = False
        if watchlist is not None:
            _validate(_WatchlistFile, watchlist.data, watchlist, (), report)
            declared.extend(_check_missions(watchlist, report))
    return paths, declared, complete
