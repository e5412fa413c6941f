"""The pure middle stays pure: no network, database, environment, files or clock inside.

Walks the imports of the pure modules (following tracker's own imports) and
fails if one reaches for an I/O module or reads the clock.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.paths import REPO

PURE = [
    "tracker.windows",
    "tracker.model",
    "tracker.compare",
    "tracker.extract",
    "tracker.notify.render",
]
FORBIDDEN_MODULES = {
    "os",
    "sys",
    "io",
    "socket",
    "subprocess",
    "pathlib",
    "shutil",
    "tempfile",
    "time",
    "random",
    "httpx",
    "requests",
    "urllib.request",
    "http",
    "feedparser",
    "sqlalchemy",
    "alembic",
    "apprise",
    "smtplib",
    "logging",
    "platformdirs",
    "apscheduler",
}
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic"}
# Stream adapters that live beside a pure package to serve the CLI; they read
# and write streams by nature and are not imported by the pure code.
EDGES = {Path("tracker/extract/jsonl.py")}


def module_files(name: str) -> list[Path]:
    base = REPO / Path(*name.split("."))
    files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
    return [f for f in files if f.relative_to(REPO) not in EDGES]


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def closure(start: str) -> dict[str, set[str]]:
    """Every tracker module reachable from ``start`` and what each imports."""
    todo, seen = [start], {}
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        files = [f for f in module_files(name) if f.exists()]
        seen[name] = set().union(*(imports_of(f) for f in files)) if files else set()
        todo.extend(m for m in seen[name] if m.startswith("tracker") and m not in seen)
    return seen


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_import_no_io(module: str) -> None:
    offenders = {
        f"{name} imports {imported}"
        for name, imported_set in closure(module).items()
        for imported in imported_set
        if imported in FORBIDDEN_MODULES or imported.split(".")[0] in FORBIDDEN_MODULES
    }
    assert not offenders, sorted(offenders)


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_never_read_the_clock(module: str) -> None:
    offenders = []
    for name in closure(module):
        for path in module_files(name):
            if not path.exists():
                continue
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in CLOCK_CALLS
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in {"datetime", "date", "time"}
                ):
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, offenders
