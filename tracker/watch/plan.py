"""Planning ``tracker watch add|set|remove``: the edited text and a one-line summary, nothing written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tracker.config import Config
from tracker.model import Event
from tracker.watch.arguments import (
    _check_text,
    _find,
    _origin_file,
    check_event,
    check_mission_id,
    check_window,
    parse_forecast_option,
)
from tracker.watch.comments import _add_trailing, _delete, _holder, _insert, _remove_item, _replace
from tracker.watch.document import _Document, _read
from tracker.watch.edit import Edit, WatchError
from tracker.watch.missions_tree import (
    _add_aliases,
    _flow_like,
    _like,
    _mission_node,
    _missions_node,
    _new_collection,
    _set_forecast,
)
from tracker.windows import DateWindow


def _plan(doc: _Document, summary: str, *, forecasts: bool, verify: Callable[[Config], bool]) -> Edit:
    return Edit(doc.path, doc.shown, doc.raw, doc.render(), summary, forecasts, verify)


def _target_of(config: Config, file: Path | None) -> tuple[Path, str]:
    """The file ``add`` writes to: ``--file``, else the first watchlist, else the config itself."""
    candidates = [*config.watchlist_paths, config.path]
    if file is None:
        chosen = candidates[0]
        return chosen, str(chosen)
    for candidate in candidates:
        if candidate.resolve() == file.resolve():
            return candidate, str(candidate)
    listed = ", ".join(str(c) for c in candidates)
    raise WatchError(
        f"{file} is neither the config nor one of its watchlists ({listed}); "
        "list it under 'watchlists:' in the config first"
    )


def plan_add(
    config: Config,
    mission_id: str,
    name: str,
    aliases: Sequence[str] = (),
    forecasts: Sequence[str] = (),
    file: Path | None = None,
) -> Edit:
    """A new mission with its name, aliases and ``EVENT=WINDOW`` forecasts, in ``file``."""
    check_mission_id(mission_id)
    if mission_id in config.missions:
        raise WatchError(
            f"mission {mission_id!r} already exists at {config.missions[mission_id].origin}; "
            "change it with `tracker watch set`"
        )
    name = _check_text(name, "--name")
    wanted = list(dict.fromkeys(_check_text(a, "--alias") for a in aliases if a.strip() != name))
    parsed: dict[Event, tuple[str, DateWindow]] = {}
    for option in forecasts:
        event, text, window = parse_forecast_option(option)
        if event in parsed:
            raise WatchError(f"--forecast {event.value} given twice")
        parsed[event] = (text, window)
    path, shown = _target_of(config, file)
    doc = _read(path.resolve(), shown)
    missions = doc.root.get("missions")
    last = missions[next(reversed(missions))] if isinstance(missions, CommentedMap) and missions else None
    node = _new_collection(CommentedMap, isinstance(last, CommentedMap) and bool(last.fa.flow_style()))
    node["name"] = name
    if wanted:
        seq = _new_collection(CommentedSeq, _flow_like(missions, "aliases", default=True))
        seq.extend(wanted)
        node["aliases"] = seq
    if parsed:
        block = _new_collection(CommentedMap, _flow_like(missions, "forecasts", default=False))
        for event, (text, _) in parsed.items():
            block[event.value] = text
        node["forecasts"] = block
    if isinstance(missions, CommentedMap) and missions:
        _insert(missions, mission_id, node)
    else:
        new = _new_collection(CommentedMap, flow=False)
        new[mission_id] = node
        if "missions" in doc.root:
            _replace(doc.root, "missions", new)
        else:
            _insert(doc.root, "missions", new)
    dates = ", ".join(f"{event.value} {window}" for event, (_, window) in parsed.items())
    summary = f"{mission_id}: added {name!r}" + (f" ({dates})" if dates else "") + f" ({shown})"
    return _plan(doc, summary, forecasts=bool(parsed), verify=lambda c: mission_id in c.missions)


def plan_set(
    config: Config,
    mission_id: str,
    event: str | None = None,
    window: str | None = None,
    name: str | None = None,
    aliases: Sequence[str] = (),
) -> Edit:
    """Change one forecast (and/or the name, and/or add aliases) where the mission is defined."""
    mission = _find(config, mission_id, " (add it with `tracker watch add`)")
    parts: list[str] = []
    checked: tuple[Event, str, DateWindow] | None = None
    if event is not None and window is not None:
        ev = check_event(event)
        checked = (ev, *check_window(window, f"{mission_id} {ev.value}"))
    new_name = _check_text(name, "--name") if name is not None else None
    known = {*mission.aliases, new_name}
    new_aliases = [a for a in dict.fromkeys(_check_text(a, "--alias") for a in aliases) if a not in known]
    shown = _origin_file(mission)
    doc = _read(Path(shown).resolve(), shown)
    missions = _missions_node(doc)
    node = _mission_node(doc, mission_id)
    forecast_set = checked is not None and mission.forecast_text.get(checked[0]) != checked[1]
    if checked is not None and forecast_set:
        ev, text, parsed = checked
        old = mission.forecasts.get(ev)
        _set_forecast(missions, node, ev, text)
        parts.append(f"{ev.value}: {old if old is not None else '(no forecast)'} → {parsed}")
    if new_name is not None and new_name != mission.name:
        node["name"] = _like(node.get("name"), new_name)
        parts.append(f"name: {mission.name!r} → {new_name!r}")
    if new_aliases:
        _add_aliases(missions, node, new_aliases)
        parts.append("aliases: " + ", ".join(f"+ {a}" for a in new_aliases))
    if not parts:
        return Edit(doc.path, shown, doc.raw, doc.raw, f"{mission_id}: nothing to change ({shown})")

    def verify(c: Config) -> bool:
        found = c.missions.get(mission_id)
        return found is not None and (checked is None or found.forecast_text.get(checked[0]) == checked[1])

    summary = f"{mission_id} " + "; ".join(parts) + f" ({shown})"
    return _plan(doc, summary, forecasts=forecast_set, verify=verify)


def plan_remove(config: Config, mission_id: str, event: str | None = None, aliases: Sequence[str] = ()) -> Edit:
    """Remove one forecast, some aliases, or (with neither) the whole mission."""
    mission = _find(config, mission_id, "")
    ev = check_event(event) if event is not None else None
    if ev is not None and ev not in mission.forecasts:
        has = ", ".join(e.value for e in mission.forecasts) or "none"
        raise WatchError(f"{mission_id} has no {ev.value} forecast (it has: {has})")
    for alias in aliases:
        if alias not in mission.aliases[1:]:
            listed = ", ".join(mission.aliases[1:]) or "none"
            raise WatchError(f"{mission_id} has no alias {alias!r} (its aliases: {listed})")
    shown = _origin_file(mission)
    doc = _read(Path(shown).resolve(), shown)
    missions = _missions_node(doc)
    node = _mission_node(doc, mission_id)
    parts: list[str] = []
    if ev is not None:
        forecasts = node.get("forecasts")
        if not isinstance(forecasts, CommentedMap) or ev.value not in forecasts:
            raise WatchError(f"{shown} changed since it was read: no {mission_id} {ev.value}; try again")
        if len(forecasts) == 1:
            _delete(node, "forecasts")
        else:
            _delete(forecasts, ev.value)
        parts.append(f"{ev.value}: {mission.forecasts[ev]} → (removed)")
    if aliases:
        seq = node.get("aliases")
        if not isinstance(seq, CommentedSeq) or not set(aliases) <= set(seq):
            raise WatchError(f"{shown} changed since it was read: {mission_id}'s aliases differ; try again")
        if set(seq) <= set(aliases):
            _delete(node, "aliases")
        else:
            for alias in dict.fromkeys(aliases):
                _remove_item(seq, seq.index(alias))
        parts.append("aliases: " + ", ".join(f"- {a}" for a in dict.fromkeys(aliases)))
    if parts:
        summary = f"{mission_id} " + "; ".join(parts) + f" ({shown})"

        def verify(c: Config) -> bool:
            found = c.missions.get(mission_id)
            return found is not None and (ev is None or ev not in found.forecasts)

        return _plan(doc, summary, forecasts=ev is not None, verify=verify)
    left = _delete(missions, mission_id)
    if not missions:
        missions.fa.set_flow_style()
        _add_trailing(_holder(doc.root, "missions"), left)
    count = len(mission.forecasts)
    what = f" and its {count} forecast{'s' if count != 1 else ''}" if count else ""
    summary = f"{mission_id}: removed {mission.name!r}{what} ({shown})"
    return _plan(doc, summary, forecasts=False, verify=lambda c: mission_id not in c.missions)
