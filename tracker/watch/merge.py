"""The line-level three-way merge that keeps every line an edit did not touch as the user wrote it.

ruamel re-wraps and re-indents what it prints, so an edit is made on ruamel's
rendering of the file (the *base*) and only the lines it changed there are
carried over into the file as written.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError


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
