"""Drawing a new arrow from a shape's handle, and dragging an existing arrow's end elsewhere.

Both ask the one rules object (model.rules.connect_refusal) on every move, so the hint the user
sees while dragging is exactly what the edit would answer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from flowedit.model import editing, rules
from flowedit.render.outline import boundary_point, node_rect, shape_path
from flowedit.ui.interactions.base import Interaction
from flowedit.ui.items.connection_preview import ConnectionPreview


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
        self.move(pos, event)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        fixed = self.doc.nodes[self.fixed]
        if not node_rect(fixed).contains(pos):
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

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        other, refusal = self._candidate(pos)
        self._remove_preview()
        if other is None:
            return
        if refusal:
            self.editor.report(f"Cannot connect: {refusal}")
            return
        if self.edge_id is None:
            self.editor.edit("Connect", lambda rec: editing.connect(rec, self.fixed, other))
        else:
            end = {self.moving_end: other}
            self.editor.edit("Reconnect arrow",
                             lambda rec: editing.reconnect(rec, self.edge_id, **end))

    def cancel(self) -> None:
        self._remove_preview()

    def _remove_preview(self) -> None:
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)
