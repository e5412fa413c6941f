"""Inserting, replacing and deleting entries without carrying off the comment lines that follow them.

ruamel keeps the comment lines that follow an entry in the "after" slot of the
deepest last scalar before them; the lines after the first one visually belong
to whatever comes next.  Appending after, inserting after or deleting such an
entry would carry them along or drop them, so these helpers move them.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from tracker.watch.merge import _lines

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


def _remove_item(seq: CommentedSeq, index: int) -> None:
    """Remove a list item (never the only one); comment lines after it move to the item before."""
    rest = "" if seq.fa.flow_style() else _split_trailing(_holder(seq, index))
    del seq[index]  # ruamel shifts the later items' comments itself
    if index > 0:
        _add_trailing(_holder(seq, index - 1), rest)
    else:
        _put_before_first(seq, rest)
