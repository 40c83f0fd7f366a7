"""The floor for "window visible": a bare PySide6 window showing the same shapes, names, arrows
and lanes as flowedit would, read with the C YAML loader, at the zoom flowedit opens with.

Nothing here is clever: one QGraphicsItem per shape, per name, per arrow (a line and its head)
and per lane, so the ratio against it says how much flowedit's own work costs on top of Qt.
Run through first_paint.py, which reports the first painted frame.
"""

from __future__ import annotations

import math
import sys

import yaml
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMainWindow,
)

_SIZES = {"start": (120.0, 50.0), "stage": (150.0, 70.0), "decision": (130.0, 90.0),
          "end": (120.0, 50.0)}
_FILL = QBrush(QColor("#e3f2fd"))
_PEN = QPen(QColor("#1565c0"), 1.5)
_ARROW = QPen(QColor("#455a64"), 1.2)


def build_scene(data: dict) -> QGraphicsScene:
    scene = QGraphicsScene()
    top = 0.0
    for lane in data.get("lanes") or []:
        height = float(lane.get("height", 180))
        scene.addRect(QRectF(0, top, 8000, height), QPen(QColor("#b0bec5")),
                      QBrush(QColor("#fafbfc")))
        scene.addSimpleText(str(lane.get("name", ""))).setPos(4, top + 4)
        top += height
    centres: dict[str, QPointF] = {}
    for node in data.get("nodes") or []:
        kind = node.get("kind", "stage")
        w, h = node.get("width") or _SIZES[kind][0], node.get("height") or _SIZES[kind][1]
        x, y = float(node["x"]), float(node["y"])
        centres[node["id"]] = QPointF(x, y)
        rect = QRectF(x - w / 2, y - h / 2, w, h)
        if kind == "decision":
            scene.addPolygon(QPolygonF([QPointF(x, rect.top()), QPointF(rect.right(), y),
                                        QPointF(x, rect.bottom()), QPointF(rect.left(), y)]),
                             _PEN, _FILL)
        elif kind in ("start", "end"):
            scene.addEllipse(rect, _PEN, _FILL)
        else:
            path = QPainterPath()
            path.addRoundedRect(rect, 8, 8)
            scene.addPath(path, _PEN, _FILL)
        text = QGraphicsSimpleTextItem(str(node.get("name", "")))
        text.setPos(x - text.boundingRect().width() / 2, y - 8)
        scene.addItem(text)
    for edge in data.get("edges") or []:
        a, b = centres[edge["from"]], centres[edge["to"]]
        scene.addLine(a.x(), a.y(), b.x(), b.y(), _ARROW)
        angle = math.atan2(b.y() - a.y(), b.x() - a.x())
        tip = b - QPointF(math.cos(angle) * 40, math.sin(angle) * 40)
        head = QPolygonF([tip, tip - QPointF(math.cos(angle - 0.4) * 10,
                                             math.sin(angle - 0.4) * 10),
                          tip - QPointF(math.cos(angle + 0.4) * 10, math.sin(angle + 0.4) * 10)])
        scene.addPolygon(head, _ARROW, QBrush(QColor("#455a64")))
        if edge.get("label"):
            scene.addSimpleText(str(edge["label"])).setPos((a + b) / 2)
    return scene


def run(path: str) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)
    window = QMainWindow()
    window.resize(1400, 900)
    scene = build_scene(data)
    view = QGraphicsView(scene)
    view.setRenderHint(view.renderHints().Antialiasing)
    window.setCentralWidget(view)
    window.show()
    # The zoom flowedit opens with: fit, but never below 50 % (then from the top-left).
    rect = scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
    area = view.viewport().rect()
    fit = min(area.width() / rect.width(), area.height() / rect.height())
    zoom = min(max(fit, 0.5), 1.5)
    view.scale(zoom, zoom)
    view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    view.centerOn(rect.center() if zoom <= fit else rect.topLeft() + QPointF(
        area.width() / zoom / 2, area.height() / zoom / 2))
    return app.exec()


if __name__ == "__main__":
    sys.exit(run(sys.argv[1]))
