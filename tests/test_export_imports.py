"""`flowedit export` of a plain drawing loads neither the metrics (scipy) nor the graph library of
the checks (networkx): they load only for an export that draws figures or flags (issue 13: their
imports were a large part of a 5,000-stage export). Counted in the modules loaded, not timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_LOADED = """
import json, sys
from flowedit.cli.main import main
status = main(sys.argv[1:])
print("\\n" + json.dumps([status, sorted(sys.modules)]))
"""


def test_a_plain_export_loads_no_metrics_or_graph_library(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    out = tmp_path / "out.svg"
    result = subprocess.run([sys.executable, "-c", _LOADED, "export",
                             str(ROOT / "samples" / "b2b-sales.yaml"), "-o", str(out)],
                            capture_output=True, text=True, env=env, timeout=120)
    status, modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 0 and out.stat().st_size > 0, result.stderr
    assert sorted({m.split(".")[0] for m in modules} & {"scipy", "networkx"}) == []
    assert "flowedit.analysis.metrics" not in modules
