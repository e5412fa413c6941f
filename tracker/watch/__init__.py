"""Editing the watchlist from the command line (``tracker watch add|set|remove``).

The YAML files are the user's: their comments, key order, quoting and layout
must survive an edit made by a tool.  ruamel.yaml's round-trip mode keeps most
of that, but it re-wraps long flow lists and re-indents what it prints.  So an
edit works on three texts: the file as written, ruamel's rendering of it
unchanged (the *base*) and ruamel's rendering after the edit.  Only the lines
the edit changed in the base are carried over into the file (a three-way
merge, :mod:`~tracker.watch.merge`); every other line stays byte for byte as
the user wrote it.

Nothing is written until the edited file loads: the new text goes to a
temporary file beside the target, the real :func:`load_config` reads the config
with that file in its place, and only then does ``os.replace`` move it over the
target, so a daemon reloading at any moment reads the old file or the new one,
never a broken or half-written one (:mod:`~tracker.watch.apply`).
"""

from __future__ import annotations

from tracker.watch.apply import apply_edit, validate_edit
from tracker.watch.arguments import check_event, check_mission_id, check_window, parse_forecast_option
from tracker.watch.edit import Edit, WatchError
from tracker.watch.merge import _merge as _merge  # the tests exercise the merge on its own
from tracker.watch.plan import plan_add, plan_remove, plan_set

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
