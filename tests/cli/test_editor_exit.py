"""The real `flowedit` editor process on a big document starts, paints and exits cleanly.

PySide6-Essentials 6.12.0 aborts at interpreter exit (none_dealloc, exit 134) after a scene held
about a thousand text items; this guards the pinned version against that regression.
"""

import os
import subprocess
import sys

from flowedit.io import save_document
from flowedit.model.generate import generate_process


def test_editor_on_a_big_document_exits_with_status_zero(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    save_document(generate_process(3000), path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    result = subprocess.run([sys.executable, "-m", "flowedit", str(path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "first paint after" in result.stderr
    assert "Fatal Python error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_editor_with_a_broken_file_still_exits_cleanly(tmp_path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("flowedit: 1\nnodes: [\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    result = subprocess.run([sys.executable, "-m", "flowedit", str(path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "broken.yaml:3" in result.stderr
