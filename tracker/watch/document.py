"""One file parsed for editing with ruamel's round-trip loader, and written back the way it was.

Its BOM, line endings, final newline and indentation are noted on reading, so the
edited text keeps them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from tracker.watch.edit import WatchError
from tracker.watch.merge import _merge, _same_data


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
