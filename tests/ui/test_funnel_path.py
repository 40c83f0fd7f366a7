"""The Funnel panel's "most likely path to a won deal" reaches a won outcome on the B2B sample,
instead of stopping where a loop (Qualification call -> Nurture -> back) would repeat a stage."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from flowedit.model import Outcome

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def click_dock_tab(qtbot, window, title: str) -> None:  # type: ignore[no-untyped-def]
    """Clicks the tab of a tabbed dock, as a user brings the Funnel panel to the front."""
    for bar in window.findChildren(QTabBar):
        for index in range(bar.count()):
            if bar.tabText(index) == title:
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                                 pos=bar.tabRect(index).center())
                return
    raise AssertionError(f"no dock tab {title!r}")


def test_funnel_of_the_b2b_sample_ends_at_the_won_outcome(qtbot, window, dialogs, tmp_path):
    copy = tmp_path / "b2b-sales.yaml"
    shutil.copyfile(SAMPLE, copy)
    dialogs.open_path = str(copy)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.doc.title == "Complex B2B sales process"

    click_dock_tab(qtbot, window, "Funnel")
    qtbot.waitUntil(lambda: window.funnel_dock.isVisible()
                    and bool(window.funnel_panel.chart.bars), timeout=3000)

    bars = window.funnel_panel.chart.bars
    doc = window.editor.doc
    assert bars[0].node == "lead-in"
    assert doc.nodes[bars[-1].node].outcome is Outcome.WON, [bar.name for bar in bars]
    assert "nurture" not in [bar.node for bar in bars]
