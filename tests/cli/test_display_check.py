"""`flowedit` with a DISPLAY nothing answers at (an ssh session that ended, a stopped X server)
says so and exits 2, instead of letting Qt abort the process (exit 134) with advice about
reinstalling Qt."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.cli import common
from flowedit.cli.common import missing_display

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 displays")


@pytest.fixture
def no_platform(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_no_display_at_all_is_explained(no_platform: pytest.MonkeyPatch) -> None:
    assert "no display found" in (missing_display() or "")


def test_a_display_nothing_answers_at_is_explained(no_platform: pytest.MonkeyPatch) -> None:
    no_platform.setenv("DISPLAY", ":4711")
    assert "cannot reach the display :4711" in (missing_display() or "")


def test_a_unix_socket_that_answers_is_a_display(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "X7"))
        server.listen(1)
        assert common._x11_answers(":7", socket_folder=str(tmp_path))
    assert not common._x11_answers(":8", socket_folder=str(tmp_path))


def test_a_forwarded_tcp_display_is_tried(no_platform: pytest.MonkeyPatch) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
        if port < 6000:
            pytest.skip("the system gave a port below X's range")
        server.listen(1)
        no_platform.setenv("DISPLAY", f"127.0.0.1:{port - 6000}.0")
        assert missing_display() is None
    assert "cannot reach the display" in (missing_display() or "")


def test_an_offscreen_platform_needs_no_display(no_platform: pytest.MonkeyPatch) -> None:
    no_platform.setenv("QT_QPA_PLATFORM", "offscreen")
    no_platform.setenv("DISPLAY", ":4711")
    assert missing_display() is None


def test_the_editor_exits_2_with_the_reason(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=":4711", PYTHONPATH=str(ROOT))
    sample = ROOT / "samples" / "b2c-funnel.yaml"
    result = subprocess.run([sys.executable, "-m", "flowedit", str(sample)],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 2, result.stderr
    assert "cannot reach the display :4711" in result.stderr
