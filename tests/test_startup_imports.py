"""What `flowedit --help` and opening the editor load: counting modules, not timing them (the
timed budget is benchmarks/bench_startup.py). Each heavy library named here costs a visible part
of a second before the first window, and is needed only later (metrics, export, a subcommand)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_LOADED = """
import json, runpy, sys
sys.argv = {argv!r}
try:
    runpy.run_module("flowedit", run_name="__main__")
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def _loaded(argv: list[str], **env: str) -> set[str]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    result = subprocess.run([sys.executable, "-c", _LOADED.format(argv=argv)],
                            capture_output=True, text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


def test_help_loads_no_subcommand_library_and_no_qt() -> None:
    modules = _loaded(["flowedit", "--help"])
    assert _heavy(modules, ("networkx", "numpy", "scipy", "PySide6")) == []
    assert not [m for m in modules if m.startswith("flowedit.cli.") and m.endswith("_command")]


def test_opening_the_editor_loads_no_metrics_or_export(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "b2b-sales.yaml"
    modules = _loaded(["flowedit", str(sample)], QT_QPA_PLATFORM="offscreen",
                      FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1", HOME=str(tmp_path),
                      XDG_CONFIG_HOME=str(tmp_path / "config"),
                      XDG_DATA_HOME=str(tmp_path / "data"),
                      XDG_STATE_HOME=str(tmp_path / "state"),
                      XDG_CACHE_HOME=str(tmp_path / "cache"))
    assert "flowedit.ui.main_window" in modules  # the editor did open
    # The sample draws straight arrows: the orthogonal router's scipy search is not needed.
    assert _heavy(modules, ("scipy",)) == []
    assert not {"flowedit.analysis.metrics", "flowedit.render.metrics_overlay",
                "flowedit.render.export", "flowedit.analysis.funnel"} & modules
    assert not [m for m in modules if m.startswith("flowedit.cli.") and m.endswith("_command")
                and m != "flowedit.cli.editor_command"]
