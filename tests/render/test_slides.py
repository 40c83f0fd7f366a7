"""16:9 slides of a tidied process (`export --slide`, File › Export): every slide is 1920×1080,
no text on it is smaller than 10 pt, and every shape is on a slide, whole, under its lane."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage

from flowedit.cli.main import main
from flowedit.io import load_document
from flowedit.layout.tidy import apply_tidy, tidy
from flowedit.model.generate import generate_process
from flowedit.render.export import Diagram, ExportError, ExportOptions
from flowedit.render.shapes import node_rect
from flowedit.render.slides import (
    MIN_TEXT_PT,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    SlidePlan,
    export_slides,
    plan_slides,
    smallest_text_pt,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Text is measured in the drawing's fonts."""


def tidied(path: Path):  # type: ignore[no-untyped-def]
    doc = load_document(path)
    apply_tidy(doc, tidy(doc))
    return doc


def plan_problems(diagram: Diagram, plan: SlidePlan) -> list[str]:
    problems = []
    if plan.text_pt < MIN_TEXT_PT - 1e-9:
        problems.append(f"text drawn at {plan.text_pt:.2f} pt")
    if smallest_text_pt(diagram) != plan.smallest_text_pt:
        problems.append("the smallest text is not the diagram's")
    slide = QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT)
    for number, pieces in enumerate(plan.slides, 1):
        for piece in pieces:
            if not slide.contains(piece.target):
                problems.append(f"a piece runs off slide {number}: {piece.target}")
            width = piece.target.width() / plan.scale
            if abs(width - piece.source.width()) > 200:  # the lane header is drawn again
                problems.append(f"a piece on slide {number} is stretched")
        for a, b in ((p, q) for i, p in enumerate(pieces) for q in pieces[i + 1:]):
            if a.target.intersects(b.target):
                problems.append(f"two pieces overlap on slide {number}")
    for node in diagram.nodes:
        rect = node_rect(node)
        if not any(piece.source.contains(rect) and (not piece.lanes or node.lane in piece.lanes)
                   for pieces in plan.slides for piece in pieces):
            problems.append(f"{node.id} is on no slide whole")
    return problems


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_tidied_sample_fits_slides_with_readable_text(path: Path) -> None:
    diagram = Diagram(tidied(path))
    plan = plan_slides(diagram)
    assert plan_problems(diagram, plan) == []


def test_a_long_process_is_wrapped_into_rows() -> None:
    doc = generate_process(60)
    apply_tidy(doc, tidy(doc))
    diagram = Diagram(doc)
    plan = plan_slides(diagram)
    assert plan_problems(diagram, plan) == []
    assert sum(len(pieces) for pieces in plan.slides) > 1


def test_the_rules_catch_text_too_small_and_a_missing_shape() -> None:
    diagram = Diagram(tidied(ROOT / "samples" / "b2b-sales.yaml"))
    plan = plan_slides(diagram)
    squeezed = SlidePlan(plan.scale / 2, plan.smallest_text_pt, plan.slides[:1])
    problems = plan_problems(diagram, squeezed)
    assert any("pt" in p for p in problems)
    assert any("on no slide" in p for p in problems)


def test_the_b2b_slides_are_full_hd_images(tmp_path: Path) -> None:
    doc = tidied(ROOT / "samples" / "b2b-sales.yaml")
    written = export_slides(doc, tmp_path / "talk.png")
    assert len(written) >= 1 and all(path.exists() for path in written)
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (SLIDE_WIDTH, SLIDE_HEIGHT)
    pdf = export_slides(doc, tmp_path / "talk.pdf")
    assert pdf == [tmp_path / "talk.pdf"]
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf[0].read_bytes()))
    assert pages == len(written)
    svgs = export_slides(doc, tmp_path / "talk.svg")
    assert [p.suffix for p in svgs] == [".svg"] * len(written)
    assert b'viewBox="0 0 1920 1080"' in svgs[0].read_bytes()


def test_a_slide_refuses_what_it_cannot_show(tmp_path: Path) -> None:
    doc = load_document(ROOT / "samples" / "b2c-funnel.yaml")
    with pytest.raises(ExportError, match="title"):
        export_slides(doc, tmp_path / "x.png", ExportOptions(legend=True))
    assert not list(tmp_path.iterdir())


def test_the_command_line_writes_numbered_slides(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tidy_file = tmp_path / "tidy.yaml"
    assert main(["layout", str(ROOT / "samples" / "b2b-sales.yaml"), "-o", str(tidy_file)]) == 0
    assert main(["export", str(tidy_file), "-o", str(tmp_path / "deck.png"), "--slide"]) == 0
    written = sorted(tmp_path.glob("deck-*.png"))
    assert len(written) >= 2
    assert str(written[0]) in capsys.readouterr().out


def test_the_export_dialog_offers_slides(qtbot) -> None:  # type: ignore[no-untyped-def]
    from flowedit.ui.files.export_dialog import ExportOptionsDialog

    dialog = ExportOptionsDialog([], None, "My process")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.legend, Qt.MouseButton.LeftButton,
                     pos=dialog.legend.rect().topLeft() + dialog.legend.rect().center() / 4)
    assert dialog.options(1000).legend
    qtbot.mouseClick(dialog.slide, Qt.MouseButton.LeftButton,
                     pos=dialog.slide.rect().topLeft() + dialog.slide.rect().center() / 4)
    assert dialog.slide.isChecked() and not dialog.legend.isEnabled()
    assert not dialog.options(1000).legend  # what a slide cannot show is left out
