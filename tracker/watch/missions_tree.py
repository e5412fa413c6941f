"""Changing a mission in the round-trip tree, in the style the file already uses.

New collections are flow or block like the other missions' ones, and a replaced
value keeps the quoting of the one it replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from tracker.model import Event
from tracker.watch.comments import _append_item, _insert, _replace
from tracker.watch.document import _Document
from tracker.watch.edit import WatchError


def _like(old: object, text: str) -> str:
    """``text`` in the quoting style of the scalar it replaces (plain: ruamel quotes it if needed)."""
    styled: str = text
    if isinstance(old, SingleQuotedScalarString):
        styled = SingleQuotedScalarString(text)
    elif isinstance(old, DoubleQuotedScalarString):
        styled = DoubleQuotedScalarString(text)
    return styled


def _flow_like(missions: Any, key: str, default: bool) -> bool:
    """Whether a new ``key`` collection should be flow style, like the other missions' ones."""
    if isinstance(missions, CommentedMap):
        for mission in missions.values():
            value = mission.get(key) if isinstance(mission, CommentedMap) else None
            if isinstance(value, CommentedMap | CommentedSeq) and value:
                return bool(value.fa.flow_style())
    return default


def _new_collection(kind: type[CommentedMap] | type[CommentedSeq], flow: bool) -> Any:
    node = kind()
    if flow:
        node.fa.set_flow_style()
    else:
        node.fa.set_block_style()
    return node


def _missions_node(doc: _Document) -> CommentedMap:
    missions = doc.root.get("missions")
    if not isinstance(missions, CommentedMap):
        raise WatchError(f"{doc.shown} has no 'missions:' map; run `tracker validate`")
    return missions


def _mission_node(doc: _Document, mission_id: str) -> CommentedMap:
    node = _missions_node(doc).get(mission_id)
    if not isinstance(node, CommentedMap):
        raise WatchError(f"{doc.shown} changed since it was read: no mission {mission_id!r}; try again")
    return node


def _set_forecast(missions: CommentedMap, mission: CommentedMap, event: Event, text: str) -> None:
    forecasts = mission.get("forecasts")
    if isinstance(forecasts, CommentedMap) and forecasts:
        if event.value in forecasts:
            forecasts[event.value] = _like(forecasts[event.value], text)
        else:
            _insert(forecasts, event.value, text)
        return
    new = _new_collection(CommentedMap, _flow_like(missions, "forecasts", default=False))
    new[event.value] = text
    if "forecasts" in mission:
        _replace(mission, "forecasts", new)
    else:
        _insert(mission, "forecasts", new)


def _add_aliases(missions: CommentedMap, mission: CommentedMap, aliases: Sequence[str]) -> None:
    seq = mission.get("aliases")
    if isinstance(seq, CommentedSeq) and seq:
        for alias in aliases:
            _append_item(seq, alias)
        return
    new = _new_collection(CommentedSeq, _flow_like(missions, "aliases", default=True))
    new.extend(aliases)
    if "aliases" in mission:
        _replace(mission, "aliases", new)
    else:
        _insert(mission, "aliases", new, after="name")
