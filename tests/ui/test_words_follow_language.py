"""Preferences › Language also renames what was already on screen: the History panel's steps
(made in the old language), the Compare panel's button and report, and the tags the comparison
put on the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from test_language_preference import choose_language
from ui_helpers import choose_from_menu, make_doc

CTRL = Qt.KeyboardModifier.ControlModifier


def history_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.undo_view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_history_steps_follow_a_language_switch(qtbot, window):
    qtbot.keyClick(window.editor.view, Qt.Key.Key_L, CTRL)  # Lane › Add Lane
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert history_rows(window)[1:] == ["Add Lane"]

    choose_language(qtbot, window, "id")
    assert history_rows(window) == ["<kosong>", "Tambahkan lajur"]

    choose_language(qtbot, window, "zh_CN")
    assert history_rows(window)[1:] == ["添加泳道"]
    assert window.editor.stack.undoText() == "添加泳道"


def test_compare_panel_follows_a_language_switch(qtbot, window, tmp_path, dialogs):
    from flowedit.io import save_document

    old = make_doc()
    old.remove_node("stage-3")
    path = tmp_path / "old.yaml"
    save_document(old, path)
    dialogs.open_path = str(path)
    choose_from_menu(qtbot, window, "File", "Compare With…")
    panel = window.findChild(QWidget, "comparisonPanel")
    button = panel.findChild(QPushButton)
    scene = window.editor.scene
    assert button.text() == "Clear comparison"
    assert scene.tag_of("stage-3")[0] == "New"  # the shape the old version lacks

    choose_language(qtbot, window, "id")
    assert button.text() == "Hapus perbandingan"
    assert "Tahap yang ditambahkan" in panel.text.toPlainText()
    assert scene.tag_of("stage-3")[0] == "Baru"

    choose_language(qtbot, window, "zh_CN")
    assert button.text() == "清除比较"
    assert scene.tag_of("stage-3")[0] == "新增"


def test_a_compared_shape_carries_its_tag_without_the_overlay(qtbot, window, tmp_path, dialogs):
    """Without the metrics overlay a new shape still says "New" in a pill across its top edge,
    not only a green ring (green and blue rings alone do not say which is which)."""
    from flowedit.io import save_document
    from flowedit.render.shapes import node_rect
    from flowedit.ui.files.compare import ADDED

    old = make_doc()
    old.remove_node("stage-3")
    path = tmp_path / "old.yaml"
    save_document(old, path)
    dialogs.open_path = str(path)
    choose_from_menu(qtbot, window, "File", "Compare With…")
    view = window.editor.view
    assert not window.overlay_action.isChecked()
    rect = node_rect(window.editor.doc.nodes["stage-3"])
    view.centerOn(rect.center())
    qtbot.wait(50)
    top = view.mapFromScene(rect.center().x(), rect.top())
    image = view.viewport().grab().toImage()
    green = ADDED[1]
    box = [(x, y) for x in range(top.x() - 12, top.x() + 12)
           for y in range(top.y() - 7, top.y() + 8)]
    filled = sum(1 for x, y in box
                 if abs(image.pixelColor(x, y).red() - green.red()) < 30
                 and abs(image.pixelColor(x, y).green() - green.green()) < 30
                 and abs(image.pixelColor(x, y).blue() - green.blue()) < 30)
    # a pill 18 px tall fills most of the 24 x 15 box (its white letters excepted); the ring
    # alone is a 4 px band across it
    assert filled > 180, filled
