"""tracker.extract is pure: no I/O modules, no environment, no clock, no file reading."""

from __future__ import annotations

import ast
from pathlib import Path

import tracker.extract

FORBIDDEN_MODULES = {
    "httpx",
    "sqlalchemy",
    "apprise",
    "os",
    "io",
    "pathlib",
    "socket",
    "subprocess",
    "time",
    "urllib",
    "requests",
    "shutil",
    "tempfile",
    "ruamel",
    "yaml",
    "feedparser",
    "datetime.datetime",
}
FORBIDDEN_CALLS = {"open", "input", "print", "now", "today", "utcnow", "getenv"}


def test_no_io_imports_or_calls() -> None:
    root = Path(tracker.extract.__file__).parent
    for path in root.glob("*.py"):
        if path.name == "jsonl.py":
            continue  # the JSON Lines edge writes to the stream it is given, by design
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [(node.module or "").split(".")[0]]
            else:
                names = []
            assert not set(names) & FORBIDDEN_MODULES, (path.name, names)
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
                assert name not in FORBIDDEN_CALLS, (path.name, name)
