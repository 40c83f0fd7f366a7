"""The palette: click a shape then the canvas, or drag a shape onto the canvas."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from flowedit.i18n import N_, _
from flowedit.model import Node, NodeKind
from flowedit.render import style
from flowedit.render.shapes import shape_path
from flowedit.ui.canvas.interactions.place import LANE
from flowedit.ui.canvas.view import PALETTE_MIME

#: (kind, button text, tooltip), marked with N_() and translated when shown.
ENTRIES = (
    (NodeKind.START.value, N_("Start"),
     N_("A start: where leads enter the process. Click, then click on the canvas, or drag it "
        "there.")),
    (NodeKind.STAGE.value, N_("Stage"),
     N_("A stage: a step a rep works on (e.g. Qualification). Click, then click on the canvas, "
        "or drag it there.")),
    (NodeKind.DECISION.value, N_("Decision"),
     N_("A decision with branches (e.g. Qualified?). Click, then click on the canvas, or drag "
        "it there.")),
    (NodeKind.END.value, N_("End"),
     N_("An end: the deal is won or lost. Click, then click on the canvas, or drag it there.")),
    (LANE, N_("Lane"),
     N_("A swimlane for a team or role (e.g. SDR, Account Executive). Click, then click on the "
        "canvas, or drag it there.")),
)


def palette_icon(kind: str) -> QIcon:
    pixmap = QPixmap(48, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(3, 5, 42, 22)
    if kind == LANE:
        painter.setPen(QPen(style.LANE_BORDER, 1.2))
        painter.setBrush(style.LANE_FILLS[1])
        painter.drawRect(QRectF(2, 6, 44, 20))
        painter.setBrush(style.LANE_HEADER)
        painter.drawRect(QRectF(2, 6, 9, 20))
    else:
        node = Node("icon", NodeKind(kind), "")
        painter.setPen(QPen(style.node_border(node), 1.6))
        painter.setBrush(style.node_fill(node))
        painter.drawPath(shape_path(NodeKind(kind), rect))
        if node.kind is NodeKind.END:  # an end's double outline tells it from a start
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(shape_path(NodeKind.END, rect.adjusted(3, 3, -3, -3)))
    painter.end()
    return QIcon(pixmap)


class PaletteButton(QToolButton):
    """Clicking arms the canvas; dragging carries the kind to a drop on the canvas."""

    armed = Signal(str)

    def __init__(self, kind: str, text: str, tip: str) -> None:
        super().__init__()
        self.kind = kind
        self.setObjectName(f"palette-{kind}")
        self.setText(_(text))
        self.setToolTip(_(tip))
        self.setIcon(palette_icon(kind))
        self.setIconSize(QSize(40, 26))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setMinimumWidth(84)
        self._press = QPoint()
        self.clicked.connect(lambda: self.armed.emit(self.kind))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (event.buttons() & Qt.MouseButton.LeftButton
                and (event.position().toPoint() - self._press).manhattanLength() > 8):
            self.setDown(False)
            mime = QMimeData()
            mime.setData(PALETTE_MIME, self.kind.encode())
            drag = QDrag(self)
            drag.setMimeData(mime)
            drag.setPixmap(self.icon().pixmap(40, 26))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


class Palette(QWidget):
    armed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.buttons: dict[str, PaletteButton] = {}
        for kind, text, tip in ENTRIES:
            button = PaletteButton(kind, text, tip)
            button.armed.connect(self.armed)
            layout.addWidget(button)
            self.buttons[kind] = button
        layout.addStretch(1)

    def retranslate(self) -> None:
        for kind, text, tip in ENTRIES:
            self.buttons[kind].setText(_(text))
            self.buttons[kind].setToolTip(_(tip))
