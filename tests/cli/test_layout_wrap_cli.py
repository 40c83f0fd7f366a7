"""`flowedit layout --width UNITS` / `--no-wrap`: Tidy Up wraps a long process into bands so
that it fits a window; by default a 1400×900 one at 60 % (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowedit.cli.main import main
from flowedit.layout.tidy import FIT_MARGIN, WRAP_WIDTH

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"
#: The canvas of a 1400×900 window (tests/ui/test_tidy_fits_window.py measures it) at 60 %.
FIT_AT_60 = (946 / 0.6, 712 / 0.6)


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """The JSON export measures labels in the drawing's font: pytest-qt's application."""


def _drawn(tmp_path: Path, *options: str) -> dict:
    out, geometry = tmp_path / "t.yaml", tmp_path / "t.json"
    assert main(["layout", str(B2B), "-o", str(out), *options]) == 0
    assert main(["export", str(out), "-o", str(geometry)]) == 0
    return json.loads(geometry.read_text(encoding="utf-8"))


def _extent(geometry: dict) -> tuple[float, float]:
    """Width and height as Zoom to Fit frames the drawing: from the lanes' left edge (x = 0,
    as on the canvas) and top to the last thing drawn, plus its margins."""
    right = max([n["rect"][0] + n["rect"][2] for n in geometry["nodes"]]
                + [p[0] for e in geometry["edges"] for p in e["points"]]
                + [e["label_rect"][0] + e["label_rect"][2] for e in geometry["edges"]
                   if e["label_rect"]])
    bottom = max(lane["rect"][1] + lane["rect"][3] for lane in geometry["lanes"])
    return right + 2 * FIT_MARGIN, bottom + 2 * FIT_MARGIN


def test_the_b2b_sample_fits_a_1400_by_900_window_at_60_percent(tmp_path: Path) -> None:
    width, height = _extent(_drawn(tmp_path))
    assert width <= FIT_AT_60[0] and height <= FIT_AT_60[1], (width, height)
    assert FIT_AT_60[0] >= WRAP_WIDTH


def test_no_wrap_keeps_one_long_row_and_a_width_wraps_tighter(tmp_path: Path) -> None:
    default = _extent(_drawn(tmp_path))
    long_row = _extent(_drawn(tmp_path, "--no-wrap"))
    assert long_row[0] > 2 * default[0]  # 15 shapes on the way to a win, one after another
    narrow = _extent(_drawn(tmp_path, "--width", "1100"))
    assert narrow[0] <= 1100 < default[0]
    assert narrow[1] > default[1]


def test_a_width_that_is_no_number_is_refused(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["layout", str(B2B), "-o", str(tmp_path / "t.yaml"), "--width", "wide"])
    assert stop.value.code == 2
    assert "wide" in capsys.readouterr().err
    assert not (tmp_path / "t.yaml").exists()
