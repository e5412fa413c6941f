"""Config tests write small YAML files into a temporary working directory.

Working there (not in the checkout) keeps the paths in messages short and exact:
``config.yaml:3: ...``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from tracker.config import ConfigError, load_config, load_watchlist


class Files:
    """Write YAML files and collect the messages loading them produces."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return Path(name)

    def config_errors(self, text: str, env: Mapping[str, str] | None = None) -> list[str]:
        path = self.write("config.yaml", text)
        with pytest.raises(ConfigError) as caught:
            load_config(path, env or {})
        assert str(caught.value) == "\n".join(str(issue) for issue in caught.value.issues)
        return str(caught.value).splitlines()

    def watchlist_errors(self, text: str, name: str = "watchlist.yaml") -> list[str]:
        path = self.write(name, text)
        with pytest.raises(ConfigError) as caught:
            load_watchlist(path)
        return str(caught.value).splitlines()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Files:
    monkeypatch.chdir(tmp_path)
    return Files(tmp_path)
