"""Editing the watchlist from the command line (``tracker watch add|set|remove``).

The YAML files are the user's: their comments, key order, quoting and layout
must survive an edit made by a tool.  ruamel.yaml's round-trip mode keeps most
of that, but it re-wraps long flow lists and re-indents what it prints.  So an
edit works on three texts: the file as written, ruamel's rendering of it
unchanged (the *base*) and ruamel's rendering after the edit.  Only the lines
the edit changed in the base are carried over into the file (a three-way
merge); every other line stays byte for byte as the user wrote it.

Nothing is written until the edited file loads: the new text goes to a
temporary file beside the target, the real :func:`load_config` reads the config
with that file in its place, and only then does ``os.replace`` move it over the
target, so a daemon reloading at any moment reads the old file or the new one,
never a broken or half-written one.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from tracker.config import Config, ConfigError, ConfigIssue, MissionConfig, load_config
from tracker.model import Event
from tracker.windows import DateWindow, WindowSyntaxError, parse_window

__all__ = [
    "Edit",
    "WatchError",
    "apply_edit",
    "check_event",
    "check_mission_id",
    "check_window",
    "parse_forecast_option",
    "plan_add",
    "plan_remove",
    "plan_set",
    "validate_edit",
]

MISSION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # the same rule load_config applies
EVENTS = tuple(e.value for e in Event)


class WatchError(ValueError):
    """A mistake in the command's arguments; the message is one line naming the bad text."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One planned change to one file: what it says now, what it will say, and in words."""

    path: Path  # the file to rewrite, symlinks resolved
    shown: str  # how messages name it (as the config names it)
    before: str  # the text as read, to notice a concurrent edit
    after: str
    summary: str  # one line: what changed, windows printed normalised
    forecasts_changed: bool = False
    verify: Callable[[Config], bool] | None = None  # does the reloaded config show the change?

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        """A unified diff of the edit, for ``--dry-run``."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=self.shown,
                tofile=self.shown,
            )
        )


# ============================================================================ checking arguments


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


# ============================================================================ the round-trip document


@dataclass(slots=True)
class _Document:
    """One file parsed for editing, with what is needed to write it back the way it was."""

    path: Path
    shown: str
    raw: str  # exactly as read (BOM and line endings included)
    text: str  # without BOM, with \n line ends and a final newline
    yaml: YAML
    root: CommentedMap
    base: str  # ruamel's rendering of the unedited tree

    def render(self) -> str:
        """The edited tree, merged into the text as written, in the file's own encoding details."""
        edited = _dump(self.yaml, self.root)
        merged = _merge(self.text, self.base, edited)
        if merged != edited and not _same_data(self.yaml, merged, edited):  # pragma: no cover - a safety net
            merged = edited
        if self.raw and not self.raw.endswith("\n"):
            merged = merged.removesuffix("\n")  # the file had no final newline; keep it that way
        if "\r\n" in self.raw:
            merged = merged.replace("\n", "\r\n")
        return ("\ufeff" if self.raw.startswith("\ufeff") else "") + merged


def _read(path: Path, shown: str) -> _Document:
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchError(f"cannot read {shown}: {getattr(exc, 'strerror', None) or exc}") from None
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    yaml = YAML()  # round-trip: comments, order and styles survive
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user did not fold
    try:
        root = yaml.load(text)
    except YAMLError as exc:  # load_config read it a moment ago: it changed since
        problem = (str(exc).strip().splitlines() or ["unreadable YAML"])[0]
        raise WatchError(f"cannot parse {shown} ({problem}); run `tracker validate`") from None
    if root is None:
        root = CommentedMap()
    if not isinstance(root, CommentedMap):
        raise WatchError(f"{shown} is not a YAML mapping; run `tracker validate`")
    yaml.indent(**_indent_of(root, text.splitlines()))
    return _Document(path, shown, raw, text, yaml, root, _dump(yaml, root))


def _dump(yaml: YAML, root: Any) -> str:
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def _indent_of(root: CommentedMap, lines: Sequence[str]) -> dict[str, int]:
    """The file's own indentation (the first nested mapping and block list), so new lines match it."""
    mapping = sequence = offset = None
    todo: list[CommentedMap] = [root]
    while todo and (mapping is None or sequence is None):
        node = todo.pop(0)
        for key, value in node.items():
            if not isinstance(value, CommentedMap | CommentedSeq) or not value or value.fa.flow_style():
                continue
            with suppress(KeyError, TypeError, AttributeError, IndexError):
                col = node.lc.key(key)[1]
                if isinstance(value, CommentedMap):
                    child = value.lc.key(next(iter(value)))
                    if mapping is None and child[1] > col:
                        mapping = child[1] - col
                    todo.append(value)
                elif sequence is None:
                    line, item_col = value.lc.item(0)
                    dash = len(lines[line][:item_col].rstrip()) - 1
                    if lines[line][dash : dash + 1] == "-" and dash >= col:
                        sequence, offset = item_col - col, dash - col
    mapping = mapping or 2
    if sequence is None or offset is None:
        sequence, offset = mapping + 2, mapping
    return {"mapping": mapping, "sequence": max(sequence, offset + 2), "offset": offset}


def _lines(text: str) -> list[str]:
    """Lines as YAML counts them (str.splitlines would also split at \\x0c, \\u2028, ...)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _changes(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _to_other(changes: list[tuple[int, int, int, int]], x: int, *, end: bool) -> int:
    """Base line index ``x`` → the other text's index: before lines inserted at ``x``, or after them."""
    shift = 0
    for i1, i2, j1, j2 in changes:
        if i1 < x < i2:  # not at a region boundary; cannot happen for the merge's regions
            return j2 if end else j1
        if i2 < x or (i2 == x and (end or i1 < i2)):
            shift = j2 - i2
    return x + shift


def _merge(ours_text: str, base_text: str, theirs_text: str) -> str:
    """Apply the edit (base → theirs) to the text as written (ours).

    ``ours`` differs from ``base`` only where ruamel lays things out differently
    from the user.  Where the edit touches such a region, ruamel's layout wins
    for that region; everywhere else the user's lines are kept as they are.
    """
    ours, base, theirs = _lines(ours_text), _lines(base_text), _lines(theirs_text)
    mine, edit = _changes(base, ours), _changes(base, theirs)
    regions = sorted([(i1, i2, False) for i1, i2, *_ in mine] + [(i1, i2, True) for i1, i2, *_ in edit])
    clusters: list[list[Any]] = []  # [start, end, takes the edit, ends with an insertion]
    for start, end, is_edit in regions:
        last = clusters[-1] if clusters else None
        # Regions sharing a base line overlap; so do lines inserted where another
        # region starts or ends (which would go first?).  Merely adjacent ones don't.
        if last is not None and (start < last[1] or (start == last[1] and (start == end or last[3]))):
            if end > last[1]:
                last[1], last[3] = end, start == end
            elif end == last[1]:
                last[3] = last[3] or start == end
            last[2] = last[2] or is_edit
        else:
            clusters.append([start, end, is_edit, start == end])
    out: list[str] = []
    pos = 0
    for start, end, is_edit, _ in clusters:
        side, changes = (theirs, edit) if is_edit else (ours, mine)
        out += base[pos:start]
        out += side[_to_other(changes, start, end=False) : _to_other(changes, end, end=True)]
        pos = end
    out += base[pos:]
    return "".join(out)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return [(_plain(k), _plain(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _same_data(yaml: YAML, a: str, b: str) -> bool:
    try:
        return bool(_plain(yaml.load(a)) == _plain(yaml.load(b)))
    except YAMLError:  # pragma: no cover - the merge produced something unreadable
        return False


# ============================================================================ editing with comments kept
#
# ruamel keeps the comment lines that follow an entry in the "after" slot of the
# deepest last scalar before them; the lines after the first one visually
# belong to whatever comes next.  Appending after, inserting after or deleting
# such an entry would carry them along or drop them, so these helpers move them.

_Holder = tuple[CommentedMap | CommentedSeq, Any]


def _holder(node: CommentedMap | CommentedSeq, key: Any) -> _Holder:
    """Where ruamel keeps the comment lines following entry ``key`` of ``node``."""
    value = node[key]
    while isinstance(value, CommentedMap | CommentedSeq) and value and not value.fa.flow_style():
        node, key = value, (next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1)
        value = node[key]
    return node, key


def _slot(holder: _Holder) -> int:
    return 0 if isinstance(holder[0], CommentedSeq) else 2


def _token(holder: _Holder) -> CommentToken | None:
    entry = holder[0].ca.items.get(holder[1])
    token = entry[_slot(holder)] if entry else None
    return token if isinstance(token, CommentToken) else None


def _split_trailing(holder: _Holder) -> str:
    """Detach and return the comment lines after the holder's own line."""
    token = _token(holder)
    if token is None:
        return ""
    own, newline, rest = token.value.partition("\n")
    token.value = own + newline
    return rest


def _add_trailing(holder: _Holder, rest: str) -> None:
    if not rest:
        return
    token = _token(holder)
    if token is not None:
        token.value = token.value + rest
        return
    entry = holder[0].ca.items.setdefault(holder[1], [None, None, None, None])
    entry[_slot(holder)] = CommentToken("\n" + rest, CommentMark(0), None)


def _insert(node: CommentedMap, key: str, value: Any, after: str | None = None) -> None:
    """Insert ``key`` after ``after`` (default: at the end), keeping the comments that follow in place."""
    keys = list(node)
    if not keys:
        node[key] = value
        return
    prev = after if after in keys else keys[-1]
    rest = _split_trailing(_holder(node, prev)) if not node.fa.flow_style() else ""
    node.insert(keys.index(prev) + 1, key, value)
    _add_trailing(_holder(node, key), rest)


def _replace(node: CommentedMap, key: str, value: Any) -> None:
    """Give ``key`` a new value (a collection for an empty one), keeping the comments that follow."""
    rest = _split_trailing(_holder(node, key)) if not node.fa.flow_style() else ""
    node[key] = value
    _add_trailing(_holder(node, key), rest)


def _append_item(seq: CommentedSeq, value: Any) -> None:
    if seq and not seq.fa.flow_style():
        rest = _split_trailing(_holder(seq, len(seq) - 1))
        seq.append(value)
        _add_trailing(_holder(seq, len(seq) - 1), rest)
    else:
        seq.append(value)


def _comment_lines(tokens: Any) -> str:
    """Comment tokens written above a key, as text with their indentation."""
    out = ""
    for token in tokens or ():
        if isinstance(token, CommentToken):
            value = token.value
            out += value if value.startswith("\n") else " " * token.column + value
    return out


def _put_before_first(node: CommentedMap | CommentedSeq, text: str) -> None:
    """Comment lines above the first entry of a block collection."""
    if not text:
        return
    if node.ca.comment is None:
        node.ca.comment = [None, None]
    if not isinstance(node.ca.comment[1], list):
        node.ca.comment[1] = []
    node.ca.comment[1].append(CommentToken(text, CommentMark(0), None))


def _delete(node: CommentedMap, key: str) -> str:
    """Delete ``key``; keep the comments after it that belong to what follows.

    Returns those comments when nothing is left in ``node`` to hold them (the
    caller puts them after the emptied collection).
    """
    keys = list(node)
    index = keys.index(key)
    col = node.lc.key(key)[1] if key in node.lc.data else 0
    entry = node.ca.items.get(key)
    above = _comment_lines(entry[1]) if entry and isinstance(entry[1], list) else ""
    after = _split_trailing(_holder(node, key)) if not node.fa.flow_style() else ""
    lines = _lines(after)
    inner = [i for i, line in enumerate(lines) if line.strip() and len(line) - len(line.lstrip()) > col]
    kept = above + "".join(lines[inner[-1] + 1 :] if inner else lines)
    del node[key]
    if index > 0:
        holder = _holder(node, keys[index - 1])
        token = _token(holder)
        if token is not None and token.value.endswith("\n\n"):  # a blank line is there already
            kept = kept.lstrip("\n")
        _add_trailing(holder, kept)
        return ""
    if node:
        _put_before_first(node, kept.lstrip("\n"))
        return ""
    if node.ca.comment and isinstance(node.ca.comment[1], list):
        kept = _comment_lines(node.ca.comment[1]) + kept
        node.ca.comment[1] = None
    return kept


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


# ============================================================================ planning the edits


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


def _remove_item(seq: CommentedSeq, index: int) -> None:
    """Remove a list item (never the only one); comment lines after it move to the item before."""
    rest = "" if seq.fa.flow_style() else _split_trailing(_holder(seq, index))
    del seq[index]  # ruamel shifts the later items' comments itself
    if index > 0:
        _add_trailing(_holder(seq, index - 1), rest)
    else:
        _put_before_first(seq, rest)


# ============================================================================ validating and writing


@contextmanager
def _temp_beside(path: Path, text: str, mode: int | None) -> Iterator[Path]:
    """A temporary file next to ``path`` (same file system, so os.replace is atomic), removed after."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        yield temp
    finally:
        with suppress(FileNotFoundError):
            temp.unlink()


def _line_before(after: str, before: str, line: int) -> int:
    """A 1-based line of ``after`` as the line of ``before`` it replaces: the file on disk is ``before``."""
    old = _lines(before)
    changes = _changes(_lines(after), old)
    return max(1, min(_to_other(changes, line - 1, end=False) + 1, len(old)))


@dataclass(frozen=True, slots=True)
class _Stand:
    """A temporary file standing in for a real one during validation."""

    temp: str
    shown: str  # the real file, as messages name it
    after: str  # the temporary file's text
    before: str  # the real file's text

    def line(self, line: int) -> int:
        return _line_before(self.after, self.before, line)

    def reference(self, match: re.Match[str]) -> str:
        """``temp:12`` in a message as ``real:line``."""
        return f"{self.shown}:{self.line(int(match[1]))}"


def _renamed(error: ConfigError, stands: Sequence[_Stand]) -> ConfigError:
    """Issues found in temporary files, naming the real files and their lines as they are on disk."""

    def fix(text: str) -> str:
        for stand in stands:
            text = re.sub(re.escape(stand.temp) + r":(\d+)", stand.reference, text)
            text = text.replace(stand.temp, stand.shown)
        return text

    def issue(i: ConfigIssue) -> ConfigIssue:
        stand = next((s for s in stands if s.temp == i.path), None)
        return ConfigIssue(stand.shown, stand.line(i.line), fix(i.message)) if stand else i

    return ConfigError(issue(i) for i in error.issues)


def _config_pointing_at(config: Config, watchlist: Path, temp: Path) -> tuple[str, str]:
    """The config's text, and that text with its entry for ``watchlist`` naming ``temp`` instead."""
    doc = _read(config.path, str(config.path))
    index = next(i for i, p in enumerate(config.watchlist_paths) if p.resolve() == watchlist.resolve())
    entries = doc.root.get("watchlists")
    if not isinstance(entries, CommentedSeq) or index >= len(entries):
        raise WatchError(f"{config.path} changed since it was read; try again")
    entries[index] = str(temp).replace("${", "$${")
    return doc.raw, doc.render()


def _check(edit: Edit, config: Config, env: Mapping[str, str], temp: Path) -> Config:
    """Load the config as it will be once ``temp`` replaces the edited file; raise ConfigError.

    Errors name the real files, at the lines of the files as they are on disk.
    """
    if edit.path == config.path.resolve():
        before, text = edit.before, edit.after
    else:
        before, text = _config_pointing_at(config, edit.path, temp)
    with _temp_beside(config.path, text, None) as temp_config:
        try:
            loaded = load_config(temp_config, env)
        except ConfigError as exc:
            stands = [
                _Stand(str(temp_config), str(config.path), text, before),
                _Stand(str(temp), edit.shown, edit.after, edit.before),
            ]
            raise _renamed(exc, stands) from None
    if edit.verify is not None and not edit.verify(loaded):  # pragma: no cover - an edit in the wrong place
        raise WatchError(f"the edit of {edit.shown} did not show in the loaded config; nothing written")
    return loaded


def validate_edit(edit: Edit, config: Config, env: Mapping[str, str]) -> Config:
    """Check that the config loads with the edit in place, writing nothing; raise ConfigError."""
    with _temp_beside(edit.path, edit.after, None) as temp:
        return _check(edit, config, env, temp)


def apply_edit(edit: Edit, config: Config, env: Mapping[str, str]) -> Config:
    """Validate the edit with the real loader, then atomically replace the file; return the new config."""
    try:
        mode: int | None = edit.path.stat().st_mode & 0o7777
    except OSError:
        mode = None
    with _temp_beside(edit.path, edit.after, mode) as temp:
        loaded = _check(edit, config, env, temp)
        try:
            current = edit.path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != edit.before:
            raise WatchError(f"{edit.shown} changed while it was being edited; nothing written, try again")
        os.replace(temp, edit.path)
    return loaded
