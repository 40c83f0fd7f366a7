"""The zoomed-out canvas in one pass: below `SKETCH_SCALE` every shape is a plain block and every
arrow a straight line (render/painting.py), so instead of ~10,000 item paints — each a call from
Qt into Python — the view draws them batched: one `drawRects` per fill and border, one
`drawLines` per arrow width. The batches are worked out once and kept until the scene changes
(`DiagramScene.sketch_version`), so a repaint of 5,000 stages fits a frame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from flowedit.model.geometry import LANE_HEADER_WIDTH
from flowedit.render import style
from flowedit.render.painting import paint_lane
from flowedit.render.shapes import node_rect
from flowedit.ui.canvas.items.lane_item import shown_area

if TYPE_CHECKING:
    from flowedit.ui.canvas.scene import DiagramScene

#: (flagged, fill colour as ARGB) -> the blocks drawn with that pen and brush.
_Blocks = dict[tuple[bool, int], list[QRectF]]


class Sketch:
    """The batched drawing of one scene; `paint` redoes the batches only after a change."""

    def __init__(self, scene: DiagramScene) -> None:
        self.scene = scene
        self._version = -1
        self._blocks: _Blocks = {}
        self._colours: dict[int, QColor] = {}
        self._lines: dict[float, list[QLineF]] = {}
        #: How many times the batches were worked out (tests count it).
        self.batched = 0

    def _batch(self) -> None:
        scene = self.scene
        blocks: _Blocks = {}
        colours: dict[int, QColor] = {}
        for node_id, item in scene.node_items.items():
            node = item.node
            colour = style.node_border(node)
            key = (scene.is_flagged(node_id), colour.rgba())
            colours[key[1]] = colour
            blocks.setdefault(key, []).append(node_rect(node))
        lines: dict[float, list[QLineF]] = {}
        for edge_id, item in scene.edge_items.items():
            if item.route is not None:
                lines.setdefault(scene.edge_width(edge_id), []).append(
                    QLineF(item.route.start, item.route.end))
        self._blocks, self._colours, self._lines = blocks, colours, lines
        self._version = scene.sketch_version
        self.batched += 1

    def paint(self, painter: QPainter) -> None:
        """Lanes, then arrows, then shapes: the items' own stacking order (z 0, 5, 10)."""
        scene = self.scene
        if self._version != scene.sketch_version:
            self._batch()
        shown = shown_area(painter, QRectF(painter.viewport()))
        for item in scene.lane_items.values():
            paint_lane(painter, scene.doc.lane(item.lane_id), item.band, item.index,
                       LANE_HEADER_WIDTH, selected=item.isSelected(),
                       name_in=item.name_area(shown))
        for width, lines in self._lines.items():
            painter.setPen(QPen(style.ARROW, width))
            painter.drawLines(lines)
        problem = QPen(style.PROBLEM, 4)
        for (flagged, rgba), rects in self._blocks.items():
            painter.setPen(problem if flagged else Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(self._colours[rgba]))
            painter.drawRects(rects)
