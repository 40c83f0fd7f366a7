"""The boxes of a shape (its outline's rectangle, where its name is written, its marks) as
(left, top, width, height) floats, no Qt: render/painting.py turns them into QRectF for the
painter and the fast SVG writer (render/svg_stream.py) writes them, so both place alike.

The arithmetic is QRectF's (`adjusted` adds to the width what it takes from the left), so the
numbers are the very ones the painter used to get.
"""

from __future__ import annotations

from flowedit.model import Node, NodeKind

Box = tuple[float, float, float, float]

MARK_SIZE = 12.0
#: Above the shape's bottom edge by this much: clear of the metrics pill that straddles it.
MARK_LIFT = 9.0


def adjusted(box: Box, dx1: float, dy1: float, dx2: float, dy2: float) -> Box:
    """QRectF.adjusted."""
    x, y, w, h = box
    return x + dx1, y + dy1, w + dx2 - dx1, h + dy2 - dy1


def node_box(node: Node) -> Box:
    """The node's bounding rectangle in scene coordinates."""
    width, height = node.size
    return node.x - width / 2, node.y - height / 2, width, height


def has_subprocess(node: Node) -> bool:
    """A stage that opens into a sub-process of its own or of a linked file."""
    return node.kind is NodeKind.STAGE and (node.process is not None
                                            or node.subprocess is not None)


def text_box(node: Node, box: Box | None = None) -> Box:
    """Where a node's name is written: inside the outline (`box`, node_box's when left out),
    with room to breathe."""
    box = box or node_box(node)
    _x, _y, w, h = box
    if node.kind is NodeKind.DECISION:
        return adjusted(box, w * 0.2, h * 0.18, -w * 0.2, -h * 0.18)
    if node.kind in (NodeKind.START, NodeKind.END):
        return adjusted(box, h * 0.35, 4, -h * 0.35, -4)
    if has_subprocess(node):  # the name keeps clear of the sub-process mark
        return adjusted(box, 8, 4, -8, -MARK_SIZE - MARK_LIFT - 2)
    return adjusted(box, 8, 6, -8, -6)


def subprocess_mark_box(node: Node) -> Box:
    """Where the ⊞ mark of a stage with a sub-process sits: at the bottom of the shape, in the
    middle (as BPMN marks a collapsed sub-process)."""
    x, y, w, h = node_box(node)
    return x + w / 2 - MARK_SIZE / 2, y + h - MARK_SIZE - MARK_LIFT, MARK_SIZE, MARK_SIZE


def milestone_flag_box(node: Node) -> Box:
    """Where a milestone's flag badge sits: on the shape's top-left corner."""
    x, y, _w, _h = node_box(node)
    return x - 10, y - 10, 24, 24
