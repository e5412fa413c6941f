"""The daemon as a process: tells systemd it is ready, stops cleanly on SIGTERM and SIGINT."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.paths import REPO
from tests.test_cli import user_env
from tracker.daemon import sd_notify


def write_config(tmp_path: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: sqlite:///{tmp_path / 'tracker.db'}\n"
        "sources:\n"
        "  - name: nowhere\n"
        "    kind: rss\n"
        "    url: http://127.0.0.1:9/feed.xml\n"
        "    timeout: 1s\n"
        "missions:\n"
        "  change-7:\n"
        "    name: Chang'e 7\n"
        "    forecasts:\n"
        "      launch: about 2025\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[socket.socket]:
    """A real datagram socket standing in for systemd's notification socket."""
    path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(60)
    yield sock
    sock.close()


@contextmanager
def running_daemon(config: Path, notify: socket.socket) -> Iterator[subprocess.Popen[str]]:
    """`tracker run` as a real process; a hung daemon is killed and fails the test instead of CI."""
    env = user_env()
    env["NOTIFY_SOCKET"] = notify.getsockname()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli", "run", "--config", str(config)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(90, proc.kill)
    watchdog.start()
    try:
        yield proc
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def stop(proc: subprocess.Popen[str], signum: signal.Signals = signal.SIGTERM) -> str:
    """Signal the daemon, wait for it, and return what it logged."""
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    return stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_daemon_reports_ready_and_stops_cleanly(
    tmp_path: Path, notify_socket: socket.socket, signum: signal.Signals
) -> None:
    with running_daemon(write_config(tmp_path), notify_socket) as proc:
        assert notify_socket.recv(64) == b"READY=1"
        stderr = stop(proc, signum)
        assert notify_socket.recv(64) == b"STOPPING=1"
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "stopped" in stderr


def test_notify_is_a_no_op_outside_systemd() -> None:
    assert sd_notify("READY=1", environ={}) is False


def test_sighup_reloads_the_watchlist_as_a_new_forecast_version(tmp_path: Path, notify_socket: socket.socket) -> None:
    config = write_config(tmp_path)
    with running_daemon(config, notify_socket) as proc:
        assert notify_socket.recv(64) == b"READY=1"
        config.write_text(config.read_text("utf-8").replace("about 2025", "Aug 2026"), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        assert notify_socket.recv(64) == b"RELOADING=1"
        assert notify_socket.recv(64) == b"READY=1"
        stderr = stop(proc)
    assert proc.returncode == 0, stderr
    assert "config reloaded" in stderr
    history = subprocess.run(
        [sys.executable, "-m", "tracker.cli", "history", "change-7/launch", "--config", str(config)],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )  # fmt: skip
    versions = [line.split()[:3] for line in history.stdout.splitlines() if line.strip().startswith("v")]
    assert versions == [["v1", "about", "2025"], ["v2", "Aug", "2026"]], history.stdout


def test_a_broken_config_on_reload_keeps_the_running_one(tmp_path: Path, notify_socket: socket.socket) -> None:
    config = write_config(tmp_path)
    with running_daemon(config, notify_socket) as proc:
        assert notify_socket.recv(64) == b"READY=1"
        config.write_text("sources: [\n", encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        assert notify_socket.recv(64) == b"RELOADING=1"
        assert notify_socket.recv(64) == b"READY=1"
        stderr = stop(proc)
    assert proc.returncode == 0, stderr
    assert "config not reloaded" in stderr and f"{config}:" in stderr and "Traceback" not in stderr


def test_a_reloaded_config_that_cannot_start_falls_back_to_the_running_one(
    tmp_path: Path, notify_socket: socket.socket
) -> None:
    config = write_config(tmp_path)
    with running_daemon(config, notify_socket) as proc:
        assert notify_socket.recv(64) == b"READY=1"
        text = config.read_text("utf-8")
        config.write_text(text.replace(f"sqlite:///{tmp_path}", "sqlite:////proc/no-such-dir"), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        assert notify_socket.recv(64) == b"RELOADING=1"
        assert notify_socket.recv(64) == b"READY=1"  # serving again, on the previous config
        stderr = stop(proc)
    assert proc.returncode == 0, stderr
    assert "could not start with the reloaded config" in stderr and "keeping the previous one" in stderr
    assert "Traceback" not in stderr
