"""The command line: every command has help and is documented; errors are one line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.support.paths import REPO
from tracker.cli import cli

COMMANDS = sorted(cli.commands)
README = (REPO / "README.md").read_text("utf-8")


def user_env() -> dict[str, str]:
    """This environment without any TRACKER_* setting, so a developer's own config never leaks in."""
    return {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}


def run_tracker(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The installed entry point, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        input=stdin,
        env=user_env(),
        timeout=120,
        check=False,
    )


def test_the_design_commands_exist() -> None:
    expected = {"demo", "run", "check", "status", "history", "extract", "validate", "notify-test"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: cli {command}" in result.output or f"Usage: tracker {command}" in result.output
    sub = cli.commands[command]
    assert isinstance(sub, click.Command) and sub.help and len(sub.help.strip()) > 20


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert re.search(rf"`tracker {re.escape(command)}\b", README), f"README does not document `tracker {command}`"


def test_validate_accepts_the_example_config() -> None:
    result = run_tracker("validate", "config.example.yaml")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_a_bad_config_names_file_and_line_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "config.yaml"
    bad.write_text(
        "sources:\n"
        "  - name: a\n"
        "    kind: rss\n"
        "    url: http://127.0.0.1:9/feed\n"
        "    intervall: 5m\n"
        "missions:\n"
        "  change-7:\n"
        "    name: Chang'e 7\n"
        "    forecasts:\n"
        "      launch: some day\n",
        encoding="utf-8",
    )
    result = run_tracker("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith(f"{bad}:5:") and "intervall" in line for line in lines), lines
    assert any(line.startswith(f"{bad}:10:") for line in lines), lines


def test_yaml_syntax_error_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "config.yaml"
    bad.write_text("sources: [\n", encoding="utf-8")
    result = run_tracker("validate", str(bad))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{bad}:")


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run_tracker("check", "--config", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "nope.yaml" in result.stderr


def test_check_with_no_reachable_source_exits_1_naming_the_cause(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: sqlite:///{tmp_path / 'db.sqlite'}\n"
        "sources:\n"
        "  - name: closed-port\n"
        "    kind: rss\n"
        "    url: http://127.0.0.1:9/feed.xml\n"
        "    timeout: 2s\n",
        encoding="utf-8",
    )
    result = run_tracker("check", "--config", str(config))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "closed-port" in result.stderr and "no source could be polled" in result.stderr


def test_extract_plain_text(tmp_path: Path) -> None:
    watchlist = tmp_path / "missions.yaml"
    watchlist.write_text("missions:\n  change-7:\n    name: Chang'e 7\n    aliases: [CE-7]\n", encoding="utf-8")
    result = run_tracker(
        "extract",
        "--missions",
        str(watchlist),
        "--published",
        "2025-05-20",
        stdin="Chang'e 7 is set to launch in August 2026.",
    )
    assert result.returncode == 0, result.stderr
    assert '"mission": "change-7"' in result.stdout and '"earliest": "2026-08-01"' in result.stdout


def test_ci_runs_exactly_the_readme_test_command() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    test_command = next(line for block in blocks for line in block.splitlines() if "pytest" in line)
    assert test_command.strip() in (REPO / ".ci" / "run").read_text("utf-8")
