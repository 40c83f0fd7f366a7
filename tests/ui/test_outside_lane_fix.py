"""The Problems panel's Fix for a shape sticking out of its lane (issue 11): a click on the Fix
line under the problem grows the lane (or moves the shape down into it), in one undo step."""

from __future__ import annotations

import pytest
from outside_lane_example import RETAIL
from PySide6.QtCore import Qt

from flowedit.analysis import check_document
from flowedit.io import loads_document
from flowedit.model.geometry import lane_bands, node_extent


def _outside(doc) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.node for p in check_document(doc) if p.code == "outside-lane"}


@pytest.mark.parametrize("node_id", ["bayar", "cek"])
def test_the_problems_panel_fix_fits_the_shape_in_one_undo_step(qtbot, window,  # type: ignore[no-untyped-def]
                                                                  node_id: str) -> None:
    window.set_document(loads_document(RETAIL, "toko.yaml"), None)
    panel = window.problems_panel
    qtbot.waitUntil(lambda: panel.count() > 0, timeout=2000)
    before = window.editor.doc.nodes[node_id].name
    fix_row = next(row for row in range(panel.count())
                   if panel.item(row).text().strip().startswith("Fix:")
                   and before in panel.item(row - 1).text())
    window.problems_dock.show()
    panel.scrollToItem(panel.item(fix_row))
    rect = panel.visualItemRect(panel.item(fix_row))
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    doc = window.editor.doc
    qtbot.waitUntil(lambda: node_id not in _outside(doc), timeout=2000)
    top, bottom = lane_bands(doc)[doc.nodes[node_id].lane]
    _, node_top, _, node_bottom = node_extent(doc.nodes[node_id])
    assert top <= node_top and node_bottom <= bottom
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    assert node_id in _outside(doc)
