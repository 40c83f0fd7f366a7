"""The metrics overlay and funnel panel follow edits at once: a manager asks "what if
qualification improved?" by typing a probability and sees the figures change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from ui_helpers import at, viewport

LEFT = Qt.MouseButton.LeftButton
#: The middle of e2 (stage-1 "Qualify" (400,100) -> stage-2 "Demo" (400,300)).
E2_MIDDLE = (400, 200)


def toggle_overlay(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+M on the canvas."""
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)


def overlay_badge(window, node_id: str) -> str:  # type: ignore[no-untyped-def]
    overlay = window.editor.scene.overlay
    assert overlay is not None, "the overlay is off"
    return overlay.badges[node_id]


def test_overlay_toggle_shows_shares_widths_and_the_bottleneck(qtbot, window) -> None:
    toggle_overlay(qtbot, window)
    overlay = window.editor.scene.overlay
    assert overlay is not None
    # Qualify splits evenly between Demo and Onboard: 1000 leads in, 500 each way.
    assert overlay_badge(window, "stage-1").startswith("100%")
    assert overlay_badge(window, "stage-2").startswith("50%")
    assert overlay.edge_widths["e1"] > overlay.edge_widths["e2"]
    assert "win rate 100.0%" in window.metrics_label.text()
    toggle_overlay(qtbot, window)
    assert window.editor.scene.overlay is None


def test_typing_a_probability_updates_the_overlay_at_once(qtbot, window) -> None:
    toggle_overlay(qtbot, window)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, *E2_MIDDLE))
    assert window.editor.scene.selected_ids()[1] == ["e2"]
    field = window.findChild(QLineEdit, "probability")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "60%")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.doc.edges["e2"].probability == 0.6
    qtbot.waitUntil(lambda: overlay_badge(window, "stage-2").startswith("60%"), timeout=3000)
    assert overlay_badge(window, "stage-3").startswith("40%")


def test_leads_field_scales_the_figures(qtbot, window) -> None:
    toggle_overlay(qtbot, window)
    field = window.leads_field
    qtbot.mouseClick(field, LEFT)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "250")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.metrics is not None and window.editor.metrics.leads == 250
    assert window.metrics_label.text().startswith("250 leads")


def test_a_process_whose_numbers_cannot_be_computed_says_why(qtbot, window) -> None:
    toggle_overlay(qtbot, window)
    window.editor.set_edge_fields("e2", "Set probability", probability=0.9)
    window.editor.set_edge_fields("e4", "Set probability", probability=0.9)
    qtbot.waitUntil(lambda: window.editor.metrics_error is not None, timeout=3000)
    assert "No figures" in window.metrics_label.text()
    assert window.editor.scene.overlay is None


def test_funnel_panel_shows_the_won_path_and_exports(qtbot, window, tmp_path) -> None:
    window.funnel_dock.show()
    window.funnel_dock.raise_()
    qtbot.waitUntil(lambda: bool(window.funnel_panel.chart.bars), timeout=3000)
    names = [bar.name for bar in window.funnel_panel.chart.bars]
    assert names[0] == "Lead in" and names[-1] == "Won"
    assert window.funnel_panel.lanes.rowCount() == 3
    svg = tmp_path / "funnel.svg"
    png = tmp_path / "funnel.png"
    assert window.funnel_panel.export("svg", str(svg))
    assert window.funnel_panel.export("png", str(png))
    assert "Lead in" in svg.read_text(encoding="utf-8")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
