"""Exports that read on their own (issue 11): a title, the headline figures, a legend of the
shapes and colours, owners and durations under the shapes, and an A4/Letter page the diagram
fills, turned the way the diagram is. From the command line and from File > Export."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from flowedit.cli.main import main
from flowedit.io import loads_document
from flowedit.render.export import Diagram, ExportOptions, render_bytes
from flowedit.render.shapes import node_rect

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
PDFTOTEXT = shutil.which("pdftotext")

TALL = """\
flowedit: 1
title: A tall process
nodes:
  - {id: s, kind: start, name: Lead, x: 100, y: 100}
  - {id: a, kind: stage, name: Call, x: 100, y: 300, owner: SDR team, duration_days: 2}
  - {id: b, kind: stage, name: Demo, x: 100, y: 500, color: purple}
  - {id: w, kind: end, name: Won, x: 100, y: 700, outcome: won}
  - {id: l, kind: end, name: Lost, x: 300, y: 700, outcome: lost}
edges:
  - {from: s, to: a}
  - {from: a, to: b, probability: 0.5}
  - {from: a, to: l, probability: 0.5}
  - {from: b, to: w}
"""


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Exports need a QGuiApplication for fonts."""


def _svg_texts(data: bytes) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", data.decode())


def test_title_headline_legend_and_details_are_drawn_as_text() -> None:
    doc = loads_document(TALL, "tall.yaml")
    options = ExportOptions(title="", headline=True, legend=True, details=True)
    texts = _svg_texts(render_bytes(doc, "svg", options))
    joined = " ".join(texts)
    assert "A tall process" in texts
    assert any(text.startswith("1,000 leads") and "win rate 50.0%" in text for text in texts)
    for entry in ("Start", "Stage", "End: won", "End: lost", "Purple (marked)"):
        assert entry in texts, entry
    assert "SDR team · 2 d" in joined
    plain = " ".join(_svg_texts(render_bytes(doc, "svg")))
    assert "A tall process" not in plain and "win rate" not in plain and "SDR team" not in plain


def test_a_title_of_ones_own_replaces_the_process_title() -> None:
    doc = loads_document(TALL, "tall.yaml")
    texts = _svg_texts(render_bytes(doc, "svg", ExportOptions(title="Q3 review")))
    assert "Q3 review" in texts and "A tall process" not in texts


def test_the_extras_sit_outside_the_diagram() -> None:
    doc = loads_document(TALL, "tall.yaml")
    diagram = Diagram(doc, decorations=ExportOptions(title="", legend=True, headline=True))
    frame = diagram.frame
    shapes = [node_rect(node) for node in doc.nodes.values()]
    for rect in [frame.title_rect, frame.headline_rect, *(cell for _, cell in frame.legend_cells)]:
        assert diagram.bounds.contains(rect)
        assert not any(rect.intersects(shape) for shape in shapes)
    assert frame.title_rect.bottom() <= min(shape.top() for shape in shapes)
    assert min(cell.top() for _, cell in frame.legend_cells) >= max(s.bottom() for s in shapes)


def test_a_tall_diagram_gets_a_portrait_page_it_fills() -> None:
    doc = loads_document(TALL, "tall.yaml")
    reader = PdfReader(io.BytesIO(render_bytes(doc, "pdf", ExportOptions(page="a4"))))
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait


WIDE = """\
flowedit: 1
nodes:
  - {id: s, kind: start, name: Lead, x: 100, y: 100}
  - {id: a, kind: stage, name: Call, x: 300, y: 100}
  - {id: w, kind: end, name: Won, x: 500, y: 100, outcome: won}
edges:
  - {from: s, to: a}
  - {from: a, to: w}
"""


def test_a_small_diagram_fills_the_printable_width_of_a_landscape_page() -> None:
    """Scaled up to the 10 mm margins: it used to keep its size and leave 60 % blank."""
    doc = loads_document(WIDE, "wide.yaml")
    bounds = Diagram(doc).bounds
    page = PdfReader(io.BytesIO(render_bytes(doc, "pdf", ExportOptions(page="a4")))).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height
    margin = 10 / 25.4 * 72
    expected = min((width - 2 * margin) / bounds.width(), (height - 2 * margin) / bounds.height())
    scales: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: scales.append(cm[0])
                      if text.strip() else None)
    assert scales and scales[0] == pytest.approx(expected, rel=0.01)
    assert scales[0] > 0.75 * 1.5  # well over the diagram's own size


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (Debian: poppler-utils) is not "
                                              "installed; .ci/run installs it")
def test_the_command_line_takes_the_options(tmp_path: Path) -> None:
    out = tmp_path / "slide.pdf"
    source = tmp_path / "tall.yaml"
    source.write_text(TALL, encoding="utf-8")
    assert main(["export", str(source), "-o", str(out), "--title", "Board pack", "--legend",
                 "--headline", "--details", "--page", "a4"]) == 0
    text = subprocess.run([PDFTOTEXT, str(out), "-"], capture_output=True, check=True
                          ).stdout.decode()
    for wanted in ("Board pack", "win rate 50.0%", "End: lost", "SDR team · 2 d"):
        assert wanted in text, wanted


def test_the_headline_of_a_process_without_figures_is_refused_with_the_reason(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nostart.yaml"
    source.write_text(TALL.replace("kind: start", "kind: stage"), encoding="utf-8")
    assert main(["export", str(source), "-o", str(tmp_path / "x.png"), "--headline"]) == 2
    assert "headline" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_the_export_dialog_sets_every_new_option(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from flowedit.ui.files.export_dialog import ExportOptionsDialog

    dialog = ExportOptionsDialog([], None, "My process")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.title.isEnabled()
    assert dialog.options(1000).title is None
    for box in (dialog.show_title, dialog.legend, dialog.headline, dialog.details):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton,
                         pos=box.rect().topLeft() + box.rect().center() / 4)
    assert dialog.title.isEnabled() and dialog.title.text() == "My process"
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Board pack")
    options = dialog.options(1000)
    assert options.title == "Board pack"
    assert options.legend and options.headline and options.details
    assert dialog.result() != QDialog.DialogCode.Accepted
