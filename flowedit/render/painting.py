"""How shapes, arrows and lanes are painted: the one drawing code for the canvas and for export."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPolygonF

from flowedit.model import Lane, Node, NodeKind, is_milestone
from flowedit.render import boxes, style
from flowedit.render.edges import EdgeRoute
from flowedit.render.shapes import node_rect, shape_path

_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
_ANYWHERE_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWrapAnywhere)


def text_rect(node: Node) -> QRectF:
    """Where a node's name is written: inside the outline, with room to breathe."""
    return QRectF(*boxes.text_box(node))


has_subprocess = boxes.has_subprocess


def subprocess_mark_rect(node: Node) -> QRectF:
    """Where the ⊞ mark of a stage with a sub-process sits: at the bottom of the shape, in the
    middle (as BPMN marks a collapsed sub-process). Double-clicking it opens the sub-process."""
    return QRectF(*boxes.subprocess_mark_box(node))


def paint_subprocess_mark(painter: QPainter, node: Node) -> None:
    """A small boxed plus: the stage opens into a sub-process (dashed for a linked file)."""
    mark = subprocess_mark_rect(node)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(style.node_border(node), 1.2)
    if node.subprocess is not None:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawRect(mark)
    painter.setPen(QPen(style.node_border(node), 1.4))
    centre = mark.center()
    painter.drawLine(QPointF(mark.left() + 3, centre.y()), QPointF(mark.right() - 3, centre.y()))
    painter.drawLine(QPointF(centre.x(), mark.top() + 3), QPointF(centre.x(), mark.bottom() - 3))
    painter.restore()


#: Below this scale a 10 pt name would be under 5 px high on screen (10 pt is 13.3 px at 100 %),
#: too small to read: only then are shapes drawn as plain blocks.
SKETCH_SCALE = 5 / (10 * 96 / 72)


def paint_node_sketch(painter: QPainter, node: Node, flagged: bool = False) -> None:
    """The shape without text or curves, for a zoomed-out overview of a big diagram."""
    painter.setPen(QPen(style.PROBLEM, 4) if flagged else Qt.PenStyle.NoPen)
    painter.setBrush(style.node_border(node))
    painter.drawRect(node_rect(node))


#: The sizes of an arrow's label and of a lane's name (a slide keeps the smallest text
#: readable, render/slides.py).
EDGE_LABEL_PT = 9.0
LANE_NAME_PT = 10.0

def paint_node(painter: QPainter, node: Node, *, selected: bool = False,
               flagged: bool = False) -> None:
    rect = node_rect(node)
    path = shape_path(node.kind, rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    border = style.PROBLEM if flagged else style.node_border(node)
    painter.setPen(QPen(border, 2.6 if flagged else 1.6))
    painter.setBrush(QBrush(style.node_fill(node)))
    painter.drawPath(path)
    if node.kind is NodeKind.END and node.outcome is not None:
        inner = shape_path(node.kind, rect.adjusted(4, 4, -4, -4))
        painter.setPen(QPen(style.node_border(node), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(inner)
    if selected:
        painter.setPen(QPen(style.SELECTION, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(-4, -4, 4, 4))
    paint_wrapped_text(painter, text_rect(node), node.name, bold=style.node_bold(node))
    if is_milestone(node):
        paint_milestone_flag(painter, node)
    if has_subprocess(node):
        paint_subprocess_mark(painter, node)
    if flagged:
        paint_badge(painter, QPointF(rect.right() - 2, rect.top() + 2))


#: Share of a name's box kept free on each side: other renderers (rsvg, browsers) draw a line of
#: text up to ~4 % wider than Qt measures it, and an SVG must not cut it at the box's clip.
_TEXT_SLACK = 0.025


def name_point_size(node: Node) -> float:
    """The size a shape's name is drawn at (smaller than 10 pt when it has to fit)."""
    return name_layout(node.name, text_rect(node), style.node_bold(node))[0]


def paint_wrapped_text(painter: QPainter, rect: QRectF, text: str, bold: bool = False) -> None:
    """Wraps inside `rect`, shrinking the font (down to 7 pt) before it would spill out."""
    size, flags, inner = name_layout(text, rect, bold)
    painter.setPen(style.INK)
    painter.setFont(style.text_font(size, bold, text))
    painter.save()
    # Within a clip the caller set (a slide's or a handout's piece of the diagram), never
    # outside it
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip if painter.hasClipping()
                        else Qt.ClipOperation.ReplaceClip)
    painter.drawText(inner, flags, style.drawable(text))
    painter.restore()


def name_layout(text: str, rect: QRectF, bold: bool) -> tuple[float, int, QRectF]:
    """(size, text flags, box) a name is drawn with inside `rect`. Chinese wraps between
    characters and Latin between words; a run that cannot be broken there (a long Latin word
    inside a Chinese name) is broken anywhere rather than run out of the shape."""
    inner = rect.adjusted(rect.width() * _TEXT_SLACK, 0, -rect.width() * _TEXT_SLACK, 0)
    size, flags = _fitting_size(text, inner.width(), inner.height(), bold)
    return size, flags, inner


@lru_cache(maxsize=4096)
def _fitting_size(text: str, width: float, height: float, bold: bool) -> tuple[float, int]:
    """The largest size from 10 pt down to 7 pt at which the wrapped text fits, and how it
    wraps; remembered, so repainting a shape does no text layout."""
    rect = QRectF(0, 0, width, height)
    for flags in (_TEXT_FLAGS, _ANYWHERE_FLAGS):
        size = 10.0
        while True:
            font = style.text_font(size, bold, text)
            needed = QFontMetricsF(font).boundingRect(rect, flags, text)
            fits_across = needed.width() <= width + 0.5
            if (fits_across and needed.height() <= height) or size <= 7.0:
                break
            size -= 0.5
        if fits_across:
            return size, flags
    return size, _ANYWHERE_FLAGS


def name_pixel_size(node: Node) -> float:
    """The height in scene pixels of the font a shape's name is drawn with (10 pt is 13 px; a
    long name is shrunk down to 7 pt to fit): what decides whether it reads on a projector."""
    size = name_layout(node.name, text_rect(node), style.node_bold(node))[0]
    return float(style.text_font(size, style.node_bold(node), node.name).pixelSize())


def paint_badge(painter: QPainter, centre: QPointF) -> None:
    """A red '!' disc that marks a shape with a problem."""
    painter.setPen(QPen(Qt.GlobalColor.white, 1.5))
    painter.setBrush(style.PROBLEM)
    painter.drawEllipse(centre, 9, 9)
    painter.setFont(style.text_font(9, bold=True))
    painter.drawText(QRectF(centre.x() - 9, centre.y() - 9, 18, 18),
                     int(Qt.AlignmentFlag.AlignCenter), "!")


def milestone_flag_rect(node: Node) -> QRectF:
    """Where a milestone's flag badge sits: on the shape's top-left corner, clear of the problem
    badge (top right) and the metrics tags (top centre)."""
    return QRectF(*boxes.milestone_flag_box(node))


def paint_milestone_flag(painter: QPainter, node: Node) -> None:
    """A white flag on a disc, green for won and red for lost: the stage is a milestone, where
    the lead counts as won or lost and the process goes on. Drawn here so that the canvas,
    exports and the presenter all show it."""
    if node.outcome is None:
        return
    badge = milestone_flag_rect(node)
    left, top = badge.left(), badge.top()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(Qt.GlobalColor.white, 1.5))
    painter.setBrush(style.outcome_colour(node.outcome))
    painter.drawEllipse(badge)
    painter.setPen(QPen(Qt.GlobalColor.white, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(left + 8, top + 5.5), QPointF(left + 8, top + 18.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawPolygon(QPolygonF([QPointF(left + 8.5, top + 5.5), QPointF(left + 18, top + 9),
                                   QPointF(left + 8.5, top + 12.5)]))
    painter.restore()


def paint_edge_sketch(painter: QPainter, route: EdgeRoute, width: float = 1.6) -> None:
    painter.setPen(QPen(style.ARROW, width))
    painter.drawLine(route.start, route.end)


def paint_edge(painter: QPainter, route: EdgeRoute, label: str | None, *,
               selected: bool = False, width: float = 1.6,
               label_rect: QRectF | None = None) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = style.SELECTION if selected else style.ARROW
    painter.setPen(QPen(colour, width + (1.0 if selected else 0.0), Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(route.line)
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(colour)
    painter.drawPath(route.head_for(width))
    if label:
        paint_edge_label(painter, label_rect or edge_label_rect(route, label), label)


def edge_label_size(label: str) -> tuple[float, float]:
    """Width and height of an arrow label's white box."""
    metrics = QFontMetricsF(style.text_font(EDGE_LABEL_PT, text=label))
    box = metrics.boundingRect(QRectF(0, 0, 160, 1000), _TEXT_FLAGS, label)
    return box.width() + 8, box.height() + 2


def edge_label_rect(route: EdgeRoute, label: str) -> QRectF:
    """The label's box at its usual place; `render.labels` moves it out of the way."""
    width, height = edge_label_size(label)
    return QRectF(route.label_anchor.x() - width / 2, route.label_anchor.y() - height / 2,
                  width, height)


def paint_edge_label(painter: QPainter, rect: QRectF, label: str) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    painter.drawRoundedRect(rect, 3, 3)
    painter.setPen(style.INK)
    painter.setFont(style.text_font(EDGE_LABEL_PT, text=label))
    painter.drawText(rect, _TEXT_FLAGS, style.drawable(label))


def paint_lane(painter: QPainter, lane: Lane, band: QRectF, index: int, header_width: float,
               *, selected: bool = False, name_in: QRectF | None = None) -> None:
    """A full-width band with the lane's name written upwards in a header on its left (in
    `name_in`, a part of the header, when only that part is in view)."""
    painter.setPen(QPen(style.LANE_BORDER, 1.0))
    painter.setBrush(style.lane_fill(lane, index))
    painter.drawRect(band)
    paint_lane_header(painter, lane, QRectF(band.left(), band.top(), header_width, band.height()),
                      selected=selected, name_in=name_in)


def paint_lane_header(painter: QPainter, lane: Lane, header: QRectF, *,
                      selected: bool = False, name_in: QRectF | None = None) -> None:
    """The lane's name written upwards in its header, centred in `name_in` (a part of the
    header: the part in view) or in the whole header."""
    painter.setPen(QPen(style.LANE_BORDER, 1.0))
    painter.setBrush(style.SELECTION.lighter(170) if selected else style.LANE_HEADER)
    painter.drawRect(header)
    if name_in is not None:
        header = name_in
    header_width = header.width()
    painter.save()
    painter.translate(header.center())
    painter.rotate(-90)
    painter.setPen(style.INK)
    painter.setFont(style.text_font(LANE_NAME_PT, bold=True, text=lane.name))
    turned = QRectF(-header.height() / 2 + 4, -header_width / 2, header.height() - 8,
                    header_width)
    text = QFontMetricsF(painter.font()).elidedText(style.drawable(lane.name),
                                                    Qt.TextElideMode.ElideRight,
                                                    turned.width())
    painter.drawText(turned, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


def paint_metrics_badge(painter: QPainter, node: Node, text: str, tag: str | None = None,
                        tag_colour: QColor | None = None,
                        arrows: Sequence[EdgeRoute] = ()) -> None:
    """The metrics overlay on a shape: a pill with its share and days across the bottom edge,
    and an optional tag ("Bottleneck", "Biggest leak") across the top edge; each slides along
    its edge off the `arrows` that meet the shape, so it never hides an arrowhead."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = style.text_font(8.5, bold=True)
    painter.setFont(font)
    for label, pill, fill in metrics_badge_rects(node, text, tag, tag_colour, arrows):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, 9, 9)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(pill, int(Qt.AlignmentFlag.AlignCenter), style.drawable(label))


#: How far a metrics pill may reach beyond its shape's side when it slides off an arrow.
PILL_REACH = 18.0
#: Half a metrics pill's height: it is centred on its shape's top or bottom edge.
PILL_HALF_HEIGHT = 9.0


def metrics_badge_rects(node: Node, text: str, tag: str | None, tag_colour: QColor | None,
                        arrows: Sequence[EdgeRoute] = ()) -> list[tuple[str, QRectF, QColor]]:
    """(text, pill, colour) of the overlay's pills on `node`, placed clear of `arrows`."""
    rect = node_rect(node)
    metrics = QFontMetricsF(style.text_font(8.5, bold=True))
    pills = []
    for label, centre_y, fill in ((text, rect.bottom(), style.METRICS),
                                  (tag, rect.top(), tag_colour)):
        if not label or fill is None:
            continue
        width = metrics.horizontalAdvance(label) + 14
        pills.append((label, _clear_pill(rect, centre_y, width, arrows), fill))
    return pills


def _clear_pill(rect: QRectF, centre_y: float, width: float,
                arrows: Sequence[EdgeRoute]) -> QRectF:
    """A pill centred on the edge at `centre_y`, slid sideways (nearest first) until no arrow
    crosses it; centred when nothing is clear."""
    centred = QRectF(rect.center().x() - width / 2, centre_y - PILL_HALF_HEIGHT, width,
                     2 * PILL_HALF_HEIGHT)
    room = max(0.0, (rect.width() + 2 * PILL_REACH - width) / 2)
    shifts = [0.0]
    for step in range(1, 9):
        shifts += [room * step / 8, -room * step / 8]
    for shift in shifts:
        pill = centred.translated(shift, 0)
        grown = pill.adjusted(-2, -2, 2, 2)
        if not any(route.line.intersects(grown) or route.head.intersects(grown)
                   for route in arrows):
            return pill
    return centred


def paint_metrics_highlight(painter: QPainter, node: Node, colour: QColor) -> None:
    painter.setPen(QPen(colour, 4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(shape_path(node.kind, node_rect(node).adjusted(-5, -5, 5, 5)))
