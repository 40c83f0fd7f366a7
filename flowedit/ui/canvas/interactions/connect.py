"""Drawing a new arrow from a shape's handle, and dragging an existing arrow's end elsewhere.

Both ask the one rules object (model.rules.connect_refusal) on every move, so the hint the user
sees while dragging is exactly what the edit would answer. A press and release closer together
than the platform's drag distance is a click, and a click draws nothing: a loop on a stage takes a
drag out of the shape and back onto it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from flowedit.i18n import _
from flowedit.model import rules
from flowedit.render.shapes import boundary_point, node_rect, shape_path
from flowedit.ui.canvas.interactions.base import Interaction
from flowedit.ui.canvas.items.connection_preview import ConnectionPreview
from flowedit.ui.lazy import editing


class ConnectInteraction(Interaction):
    """From `fixed` (a node id) to wherever the pointer is released.

    With `edge_id` set, it re-attaches that arrow's `moving_end` ('source' or 'target').
    """

    def __init__(self, editor, fixed: str, edge_id: str | None = None,  # type: ignore[no-untyped-def]
                 moving_end: str = "target") -> None:
        super().__init__(editor)
        self.fixed = fixed
        self.edge_id = edge_id
        self.moving_end = moving_end
        self.left_fixed = False
        self.dragged = False
        self.pressed_at = QPointF()  # viewport pixels, where the drag distance is measured
        self.preview = ConnectionPreview()
        self.scene.addItem(self.preview)

    def _candidate(self, pos: QPointF) -> tuple[str | None, str | None]:
        """(node under the pointer, why it is refused or None)."""
        item = self.scene.node_item_at(pos)
        if item is None:
            return None, None
        other = item.node_id
        if other == self.fixed and not self.left_fixed:
            return None, None
        source, target = (self.fixed, other) if self.moving_end == "target" else (other,
                                                                                   self.fixed)
        return other, rules.connect_refusal(self.doc, source, target, ignoring_edge=self.edge_id)

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.pressed_at = event.position()
        self.move(pos, event)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        fixed = self.doc.nodes[self.fixed]
        distance = (event.position() - self.pressed_at).manhattanLength()
        self.dragged = self.dragged or distance >= QApplication.startDragDistance()
        if self.dragged and self._outside_fixed(pos):
            self.left_fixed = True
        other, refusal = self._candidate(pos)
        start = boundary_point(fixed, pos)
        if other is not None and refusal is None:
            node = self.doc.nodes[other]
            end = boundary_point(node, QPointF(fixed.x, fixed.y)) if other != self.fixed else pos
            outline = shape_path(node.kind, node_rect(node))
        else:
            end, outline = pos, None
            if other is not None:
                outline = shape_path(self.doc.nodes[other].kind, node_rect(self.doc.nodes[other]))
        if self.moving_end == "source":
            start, end = end, start
        self.preview.show_line(start, end, outline, refusal)

    def _outside_fixed(self, pos: QPointF) -> bool:
        """Off the fixed shape and its handles (the handles stick out of the outline)."""
        item = self.scene.node_items.get(self.fixed)
        return item is None or not item.contains(item.mapFromScene(pos))

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.move(pos, event)
        other, refusal = self._candidate(pos)
        self._remove_preview()
        if other is None or not self.dragged:
            return
        if refusal:
            self.editor.report(_("Cannot connect: {reason}").format(reason=refusal))
            return
        if self.edge_id is None:
            self.editor.edit(lambda: _("Connect"),
                             lambda rec: editing.connect(rec, self.fixed, other))
        else:
            end = {self.moving_end: other}
            self.editor.edit(lambda: _("Reconnect arrow"),
                             lambda rec: editing.reconnect(rec, self.edge_id, **end))

    def cancel(self) -> None:
        self._remove_preview()

    def _remove_preview(self) -> None:
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)
