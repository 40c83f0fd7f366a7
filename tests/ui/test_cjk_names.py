"""Chinese names in shapes: they wrap between characters (no spaces needed), mixed Latin/Chinese
names too, and no name ever runs out of its shape; the name editor on the canvas takes text from
an input method (pinyin), as Chinese is typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from flowedit.model import Node, NodeKind
from flowedit.render import style
from flowedit.render.painting import name_layout, text_rect

NAMES = [
    "线索资格审查与需求分析",                      # only Han characters, no space anywhere
    "线索资格审查与需求分析阶段确认并安排后续跟进会议",  # long: needs a smaller size too
    "与 Salesforce CRM 同步客户数据",               # mixed, with spaces
    "同步SalesforceCRMIntegrationPipelineData到数据仓库",  # a Latin run with no break in it
    "Qualify lead",
]


@pytest.mark.parametrize("kind", [NodeKind.STAGE, NodeKind.DECISION, NodeKind.START])
@pytest.mark.parametrize("name", NAMES)
def test_a_name_stays_inside_its_shape(qtbot, kind: NodeKind, name: str) -> None:
    rect = text_rect(Node("n", kind, name, x=0, y=0))
    size, flags, inner = name_layout(name, rect, False)
    needed = QFontMetricsF(style.text_font(size, False, name)).boundingRect(
        QRectF(0, 0, inner.width(), inner.height()), flags, name)
    assert needed.width() <= inner.width() + 0.5, (size, needed, inner)
    assert inner.width() <= rect.width()


def test_chinese_wraps_between_characters(qtbot) -> None:
    name = NAMES[0]
    rect = text_rect(Node("n", NodeKind.STAGE, name, x=0, y=0))
    size, flags, inner = name_layout(name, rect, False)
    metrics = QFontMetricsF(style.text_font(size, False, name))
    one_line = metrics.height()
    needed = metrics.boundingRect(QRectF(0, 0, inner.width(), inner.height()), flags, name)
    assert metrics.horizontalAdvance(name) > inner.width(), "the name is longer than one line"
    assert needed.height() >= 2 * one_line - 1, "so it wraps onto a second line"
    assert needed.height() <= inner.height()


def test_the_name_editor_takes_input_method_text(qtbot, window) -> None:
    """Pinyin: the input method shows 'zige' while composing, then commits 资格审查."""
    view = window.editor.view
    window.editor.scene.select_only(["stage-2"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    composing = QInputMethodEvent("zige", [])
    QApplication.sendEvent(editor, composing)
    committed = QInputMethodEvent()
    committed.setCommitString("资格审查")
    QApplication.sendEvent(editor, committed)
    committed = QInputMethodEvent()
    committed.setCommitString("（SDR）")
    QApplication.sendEvent(editor, committed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.editor.doc.nodes["stage-2"].name == "资格审查（SDR）"
