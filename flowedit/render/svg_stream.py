"""SVG export written straight to the file, without Qt for the common case (issue 13).

The SVG shows what export.py's QSvgGenerator path shows (lanes, arrows, labels, shapes, names,
marks; the fonts embedded; each line of text anchored at its middle) from the same geometry:
arrows and labels from render/arrow_geometry.py and render/label_places.py (or the route book
for orthogonal routing), boxes from render/boxes.py, colours from render/look.py, and every
line of text where Qt lays it out: widths and word wrap from render/text_table.py, the table Qt
measured. It is written element by element as it is worked out (no whole-document string, no
painter path per item), and the embedded fonts are shipped subsets (render/fonts/), so a big
process costs little time and bounded memory.

Qt is started only when the table cannot answer (a character outside it, such as Chinese; a
break rule it does not know; a lane name to elide) or for orthogonal routing (the route book
measures labels with Qt): `start_qt` is called then, and that text is laid out by Qt's own code
(render/svg_text.py, which also embeds the fonts).
Options this writer does not draw (`covers`) go through export.py's Qt path.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from flowedit import __version__
from flowedit.i18n import _
from flowedit.model import Document, Node, NodeKind, Routing, is_milestone
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands
from flowedit.render import look, text_table
from flowedit.render.arrow_geometry import Loop, Straight, head_xy
from flowedit.render.boxes import (
    Box,
    adjusted,
    has_subprocess,
    milestone_flag_box,
    node_box,
    subprocess_mark_box,
    text_box,
)
from flowedit.render.label_places import straight_layout
from flowedit.render.svg_text import EDGE_LABEL_PT, FAMILY, SvgFonts, SvgText

if TYPE_CHECKING:
    from flowedit.render.export import ExportOptions

#: Mirrors of export.py's constants (tests/render/test_fast_svg.py checks they agree).
MARGIN = 20.0
SCENE_DPI = 96
_EMPTY_LANE_WIDTH = 200.0
#: The sizes names, labels and lane names are drawn at (render/painting.py).
LANE_NAME_PT = 10.0
_TEXT_SLACK = 0.025
_STACK = f"'{FAMILY}', 'DejaVu Sans', sans-serif"
#: The pixel sizes a name may take (10 pt down to 7 pt, painting._fitting_size), and a label's.
_NAME_SIZES = tuple(dict.fromkeys(look.pixel_size(10.0 - step / 2) for step in range(7)))
_LABEL_SIZES = (look.pixel_size(EDGE_LABEL_PT),)
#: Text is written to the file in pieces of about this many characters.
_CHUNK = 1 << 16


def covers(options: ExportOptions) -> bool:
    """Whether this writer draws everything `options` ask for; the rest goes through Qt."""
    return not (options.flags or options.metrics or options.title is not None
                or options.legend or options.headline or options.details)


def escape(text: str) -> str:
    """Text as XML character data (html.escape without importing html and its entity
    tables, 17 ms of a plain export's start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _n(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    rounded = round(value, 2)
    whole = int(rounded)
    return str(whole) if whole == rounded else repr(rounded)


class _Sink:
    """Collects written text and hands it on in big pieces."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self._write = write
        self.parts: list[str] = []
        self.size = 0

    def __call__(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)
        if self.size > _CHUNK:
            self.flush()

    def flush(self) -> None:
        self._write("".join(self.parts))
        self.parts.clear()
        self.size = 0


def write_svg(doc: Document, write: Callable[[str], object], options: ExportOptions,
              start_qt: Callable[[], None]) -> None:
    """Writes the SVG of `doc` piece by piece through `write`."""
    _Writer(doc, _Sink(write), options, start_qt).run()


def svg_bytes(doc: Document, options: ExportOptions, start_qt: Callable[[], None]) -> bytes:
    parts: list[str] = []
    write_svg(doc, parts.append, options, start_qt)
    return "".join(parts).encode("utf-8")


def export_svg(doc: Document, path: str | os.PathLike[str], options: ExportOptions,
               start_qt: Callable[[], None]) -> None:
    """Streams the SVG into a temporary file beside `path`, then renames it over `path`
    (io.atomic.write_atomic_stream): a failure never leaves a half-written file. Raises
    ExportError saying why."""
    from flowedit.io import FlowSaveError
    from flowedit.io.atomic import write_atomic_stream
    from flowedit.render.export_options import ExportError

    def write(handle: BinaryIO) -> None:
        write_svg(doc, lambda text: handle.write(text.encode("utf-8")), options, start_qt)

    try:
        write_atomic_stream(path, write)
    except FlowSaveError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(
            file=os.fspath(path), reason=error.reason)) from None


class _Writer:
    def __init__(self, doc: Document, out: _Sink, options: ExportOptions,
                 start_qt: Callable[[], None]) -> None:
        self.doc = doc
        self.out = out
        self.options = options
        self.fonts = SvgFonts()
        self.text = SvgText(start_qt, self.fonts)
        self.clips = 0

    # ------------------------------------------------------------------------- layout
    def run(self) -> None:
        doc, lane = self.doc, self.options.lane
        if lane is not None and not doc.has_lane(lane):  # as export.Diagram refuses it
            from flowedit.render.export_options import ExportError

            known = ", ".join(item.id for item in doc.lanes)
            raise ExportError(_("there is no lane {lane}; {known}").format(
                lane=repr(lane), known=_("the lanes are: {lanes}").format(lanes=known) if known
                else _("the process has none")))
        nodes = [node for node in doc.nodes.values() if lane is None or node.lane == lane]
        kept = {node.id for node in nodes}
        shown = {edge.id for edge in doc.edges.values()
                 if edge.source in kept and edge.target in kept}
        arrows = self._arrows(shown)
        content = _Bounds()
        if nodes:  # each shape with room for its pen
            boxes = [node_box(node) for node in nodes]
            content.add(min(b[0] for b in boxes) - 2, min(b[1] for b in boxes) - 2,
                        max(b[0] + b[2] for b in boxes) + 2, max(b[1] + b[3] for b in boxes) + 2)
        straight = [(geometry, head) for _id, geometry, head, _box in arrows
                    if isinstance(geometry, Straight)]
        if straight:  # lines with room for their pens, heads for theirs
            ends = [(g.start, g.end) for g, _head in straight]
            content.add(min(min(a[0], b[0]) for a, b in ends) - 2,
                        min(min(a[1], b[1]) for a, b in ends) - 2,
                        max(max(a[0], b[0]) for a, b in ends) + 2,
                        max(max(a[1], b[1]) for a, b in ends) + 2)
            corners = [point for _g, head in straight for point in head]
            content.add(min(p[0] for p in corners) - 1, min(p[1] for p in corners) - 1,
                        max(p[0] for p in corners) + 1, max(p[1] for p in corners) + 1)
        for _edge_id, geometry, head, label_box in arrows:
            if not isinstance(geometry, Straight):
                content.add_geometry(geometry, head)
            if label_box is not None:
                x, y, w, h = label_box
                content.add(x, y, x + w, y + h)
        bands = lane_bands(doc)
        if content.empty:
            left, right = 0.0, LANE_HEADER_WIDTH + _EMPTY_LANE_WIDTH
        else:
            left, right = content.left - LANE_PADDING - LANE_HEADER_WIDTH, \
                content.right + LANE_PADDING
        lanes = []
        area = _Bounds()
        if not content.empty:
            area.add(content.left, content.top, content.right, content.bottom)
        for index, item in enumerate(doc.lanes):
            if lane is None or item.id == lane:
                top, bottom = bands[item.id]
                lanes.append((item, (left, top, right - left, bottom - top), index))
                area.add(left, top, right, bottom)
        if area.empty:
            area.add(0, 0, 1, 1)
        bounds = (area.left - MARGIN, area.top - MARGIN, area.right - area.left + 2 * MARGIN,
                  area.bottom - area.top + 2 * MARGIN)
        self._head(bounds)
        for item, band, index in lanes:
            self._lane(item, band, index)
        for edge_id, geometry, head, label_box in arrows:
            self._arrow(edge_id, geometry, head, label_box)
        for node in nodes:
            self._node(node)
        self.out('</g>\n<defs><style type="text/css"><![CDATA[\n')
        self.out(self.fonts.css())
        self.out("\n]]></style></defs>\n</svg>\n")
        self.out.flush()

    def _arrows(self, shown: set[str]
                ) -> list[tuple[str, Any, Any, Box | None]]:
        """(edge id, geometry, head, label box) per arrow shown, in document order: a
        Straight or Loop and its head's corners, or for orthogonal routing the painter's
        EdgeRoute."""
        doc = self.doc
        if not shown:
            return []
        if doc.routing is Routing.ORTHOGONAL:
            self.text.qt()
            from flowedit.render.labels import label_layout

            return [(edge_id, route, None, None if rect is None else
                     (rect.x(), rect.y(), rect.width(), rect.height()))
                    for edge_id, (route, rect) in label_layout(doc, shown).items()]

        def hard(geometry: Straight | Loop, size: tuple[float, float], index: Any) -> Box:
            self.text.qt()
            from flowedit.render.labels import least_covered

            return least_covered(geometry, size, index)

        sizes: dict[str, tuple[float, float]] = {}

        def size_of(label: str) -> tuple[float, float]:
            if label not in sizes:
                sizes[label] = self.text.label_size(label)
            return sizes[label]

        layout = straight_layout(doc, shown, (), size_of, hard)
        out = []
        for edge_id, (geometry, box) in layout.items():
            tail = geometry.tail if isinstance(geometry, Loop) else geometry.start
            out.append((edge_id, geometry, head_xy(geometry.end, tail), box))
        return out

    # ------------------------------------------------------------------------- drawing
    def _head(self, bounds: Box) -> None:
        x, y, w, h = bounds
        scale = self.options.scale
        width, height = max(1, round(w * scale)), max(1, round(h * scale))
        mm = 25.4 / SCENE_DPI
        title = escape(look.drawable(self.doc.title))
        out = self.out
        out('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n')
        out(f'<svg width="{width * mm:.6g}mm" height="{height * mm:.6g}mm" '
            f'viewBox="0 0 {_n(w)} {_n(h)}" xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">\n')
        out(f"<title>{title}</title>\n<desc>Exported by flowedit {__version__}</desc>\n")
        out(f'<g transform="translate({_n(-x)},{_n(-y)})" font-family="{_STACK}" '
            'text-anchor="middle" xml:space="preserve" font-style="normal">\n')
        if not self.options.transparent:
            out(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                'fill="#ffffff"/>\n')

    def _lane(self, lane: Any, band: Box, index: int) -> None:
        x, y, w, h = band
        fill = look.LANE_TINTS[lane.color] if lane.color is not None else \
            look.LANE_FILLS[index % 2]
        border = look.LANE_BORDER
        self.out(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
                 f'fill="{fill}" stroke="{border}"/>\n'
                 f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(LANE_HEADER_WIDTH)}" '
                 f'height="{_n(h)}" fill="{look.LANE_HEADER}" stroke="{border}"/>\n')
        # the name written upwards, centred in the header (painting.paint_lane_header)
        cx, cy = x + LANE_HEADER_WIDTH / 2, y + h / 2
        turned = (-h / 2 + 4, -LANE_HEADER_WIDTH / 2, h - 8, LANE_HEADER_WIDTH)
        name = look.drawable(lane.name)
        pixels = look.pixel_size(LANE_NAME_PT)
        full = text_table.width(name, True, pixels)
        transform = f"matrix(0,-1,1,0,{_n(cx)},{_n(cy)})"
        if full is not None and full <= turned[2] and "  " not in name:
            face = text_table.face(True, pixels)
            assert face is not None
            top = turned[1] + (turned[3] - face.height / 64) / 2
            self.latin(True)
            self._text_line(name, turned[0] + turned[2] / 2, top + face.ascent / 64, pixels, True,
                            transform)
            return
        self.text.qt()
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFontMetricsF

        from flowedit.render import style

        font = style.text_font(LANE_NAME_PT, bold=True, text=lane.name)
        elided = QFontMetricsF(font).elidedText(name, Qt.TextElideMode.ElideRight, turned[2])
        for line, middle, baseline, size, bold in self.text.qt_lines(
                elided, turned, int(Qt.AlignmentFlag.AlignCenter), LANE_NAME_PT, True):
            self._text_line(line, middle, baseline, size, bold, transform,
                            cjk=look.cjk_language(lane.name) is not None)

    def latin(self, bold: bool) -> None:
        self.fonts.latin.add(bold)

    def _text_line(self, line: str, middle: float, baseline: float, pixels: int, bold: bool,
                   transform: str | None = None, clip: str | None = None,
                   colour: str = look.INK, cjk: bool = False) -> None:
        attrs = f' transform="{transform}"' if transform else ""
        if clip:
            attrs += f' clip-path="url(#{clip})"'
        if cjk:
            attrs += f' font-family="{self._cjk_stack()}"'
        self.out(f'<text x="{_n(middle)}" y="{_n(baseline)}" font-size="{pixels}" '
                 f'font-weight="{700 if bold else 400}" fill="{colour}"{attrs}>'
                 f"{escape(line)}</text>\n")

    def _cjk_stack(self) -> str:
        families = [f"'flowedit {face.family}'" for face in self.fonts.qt_faces.values()
                    if face.family != "DejaVu Sans"]
        return ", ".join([f"'{FAMILY}'", *dict.fromkeys(families), "'DejaVu Sans'",
                          "sans-serif"])

    def _arrow(self, edge_id: str, geometry: Any, head: Any, label_box: Box | None) -> None:
        colour = look.ARROW
        if isinstance(geometry, Straight):
            line = "M{:.8g},{:.8g} L{:.8g},{:.8g}".format(*geometry.start, *geometry.end)
        elif isinstance(geometry, Loop):
            line = "M{:.8g},{:.8g} C{:.8g},{:.8g} {:.8g},{:.8g} {:.8g},{:.8g}".format(
                *geometry.start, *geometry.control1, *geometry.control2, *geometry.end)
        else:  # the painter's EdgeRoute (orthogonal routing)
            line = _path_d(geometry.line)
        if head is not None:
            head_d = _TRIANGLE(*geometry.end, *head[0], *head[1])
        else:
            head_d = _path_d(geometry.head_for(1.6))
        self.out(f'<path d="{line}" fill="none" stroke="{colour}" stroke-width="1.6" '
                 'stroke-linecap="round" stroke-linejoin="round"/>\n'
                 f'<path d="{head_d}" fill="{colour}" stroke="{colour}" '
                 'stroke-linejoin="bevel"/>\n')
        if label_box is not None:
            label = self.doc.edges[edge_id].label
            if label:
                self.out('<rect x="{:.8g}" y="{:.8g}" width="{:.8g}" height="{:.8g}" rx="3" '
                         'fill="#ffffff"/>\n'.format(*label_box))
                self._block(look.drawable(label), label_box, False, None)

    def _block(self, text: str, box: Box, bold: bool, clip_box: Box | None) -> None:
        """Wrapped, centred text in `box`: a name at the size it fits (then `clip_box` is the
        name's clip), or an arrow's label at 9 pt."""
        x, y, w, h = box
        sizes = _NAME_SIZES if clip_box is not None else _LABEL_SIZES
        plan = text_table.placed(text_table.pattern_of(text), w, h, bold, sizes)
        if plan is None:
            self._qt_block(text, box, bold, clip_box)
            return
        pixels, lines, taller = plan
        clip = ""
        if taller and clip_box is not None:
            clip = f' clip-path="url(#{self._clip(clip_box)})"'
        self.fonts.latin.add(bold)
        start = 0
        parts = []
        head = f'<text font-size="{pixels}" font-weight="{700 if bold else 400}" fill="{look.INK}"'
        for end, middle, baseline in lines:
            parts.append('{} x="{:.8g}" y="{:.8g}"{}>{}</text>\n'.format(
                head, x + middle, y + baseline, clip,
                escape(text[start:end].rstrip(" "))))
            start = end
        self.out("".join(parts))

    def _qt_block(self, text: str, box: Box, bold: bool, clip_box: Box | None) -> None:
        self.text.qt()
        from PySide6.QtCore import QRectF

        from flowedit.render.painting import _TEXT_FLAGS, name_layout

        if clip_box is None:
            size, flags = EDGE_LABEL_PT, _TEXT_FLAGS
        else:
            size, flags, inner = name_layout(text, QRectF(*clip_box), bold)
            box = (inner.x(), inner.y(), inner.width(), inner.height())
        clip = self._clip(clip_box) if clip_box is not None else None
        cjk = look.cjk_language(text) is not None
        for line, middle, baseline, pixels, weight in self.text.qt_lines(text, box, flags, size,
                                                                        bold):
            self._text_line(line, middle, baseline, pixels, weight, clip=clip, cjk=cjk)

    def _clip(self, box: Box) -> str:
        self.clips += 1
        name = f"c{self.clips}"
        x, y, w, h = box
        self.out(f'<defs><clipPath id="{name}"><rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" '
                 f'height="{_n(h)}"/></clipPath></defs>\n')
        return name

    def _node(self, node: Node) -> None:
        out = self.out
        box = node_box(node)
        border, fill = look.node_border(node), look.node_fill(node)
        out(_shape(node.kind, box, fill, border, "1.6"))
        if node.kind is NodeKind.END and node.outcome is not None:
            out(_shape(node.kind, adjusted(box, 4, 4, -4, -4), "none", border, "1"))
        rect = text_box(node, box)
        bold = look.node_bold(node)
        width = rect[2]
        inner = adjusted(rect, width * _TEXT_SLACK, 0, -width * _TEXT_SLACK, 0)
        self._block(look.drawable(node.name), inner, bold, rect)
        if is_milestone(node) and node.outcome is not None:
            left, top, _w, _h = milestone_flag_box(node)
            colour = look.OUTCOME_BORDERS[node.outcome]
            out(f'<circle cx="{_n(left + 12)}" cy="{_n(top + 12)}" r="12" fill="{colour}" '
                'stroke="#ffffff" stroke-width="1.5"/>\n'
                f'<path d="M{_n(left + 8)},{_n(top + 5.5)} L{_n(left + 8)},{_n(top + 18.5)}" '
                'stroke="#ffffff" stroke-width="1.8" stroke-linecap="round"/>\n'
                f'<path d="M{_n(left + 8.5)},{_n(top + 5.5)} L{_n(left + 18)},{_n(top + 9)} '
                f'L{_n(left + 8.5)},{_n(top + 12.5)} Z" fill="#ffffff"/>\n')
        if has_subprocess(node):
            mx, my, mw, mh = subprocess_mark_box(node)
            dash = ' stroke-dasharray="4.8,2.4"' if node.subprocess is not None else ""
            cx, cy = mx + mw / 2, my + mh / 2
            out(f'<rect x="{_n(mx)}" y="{_n(my)}" width="{_n(mw)}" height="{_n(mh)}" '
                f'fill="#ffffff" stroke="{border}" stroke-width="1.2"{dash} '
                'shape-rendering="crispEdges"/>\n'
                f'<path d="M{_n(mx + 3)},{_n(cy)} L{_n(mx + mw - 3)},{_n(cy)} M{_n(cx)},'
                f'{_n(my + 3)} L{_n(cx)},{_n(my + mh - 3)}" stroke="{border}" '
                'stroke-width="1.4" shape-rendering="crispEdges"/>\n')


_TRIANGLE = "M{:.8g},{:.8g} L{:.8g},{:.8g} L{:.8g},{:.8g} Z".format
_DIAMOND = ('<path d="M{:.8g},{:.8g} L{:.8g},{:.8g} L{:.8g},{:.8g} L{:.8g},{:.8g} Z" fill="{}" '
            'stroke="{}" stroke-width="{}" stroke-linejoin="bevel"/>\n').format
_ROUNDED = ('<rect x="{:.8g}" y="{:.8g}" width="{:.8g}" height="{:.8g}" rx="{:.8g}" fill="{}" '
            'stroke="{}" stroke-width="{}"/>\n').format


def _shape(kind: NodeKind, box: Box, fill: str, line: str, width: str) -> str:
    """The outline of a kind (render/shapes.shape_path) as an SVG element."""
    x, y, w, h = box
    if kind is NodeKind.DECISION:
        cx, cy = x + w / 2, y + h / 2
        return _DIAMOND(cx, y, x + w, cy, cx, y + h, x, cy, fill, line, width)
    radius = h / 2 if kind in (NodeKind.START, NodeKind.END) else 10.0
    return _ROUNDED(x, y, w, h, min(radius, w / 2, h / 2), fill, line, width)


def _path_d(path: Any) -> str:
    """A QPainterPath as SVG path data (orthogonal routes: lines and quadratic bends, which Qt
    keeps as cubics)."""
    parts = []
    index, count = 0, path.elementCount()
    while index < count:
        element = path.elementAt(index)
        if element.isMoveTo():
            parts.append(f"M{_n(element.x)},{_n(element.y)}")
        elif element.isLineTo():
            parts.append(f"L{_n(element.x)},{_n(element.y)}")
        else:  # a curve: this control point and the two data elements after it
            second, end = path.elementAt(index + 1), path.elementAt(index + 2)
            parts.append(f"C{_n(element.x)},{_n(element.y)} {_n(second.x)},{_n(second.y)} "
                         f"{_n(end.x)},{_n(end.y)}")
            index += 2
        index += 1
    return " ".join(parts)


class _Bounds:
    """A growing rectangle (QRectF.united of what is drawn)."""

    def __init__(self) -> None:
        self.left = self.top = math.inf
        self.right = self.bottom = -math.inf

    @property
    def empty(self) -> bool:
        return self.left == math.inf

    def add(self, left: float, top: float, right: float, bottom: float) -> None:
        self.left = min(self.left, left)
        self.top = min(self.top, top)
        self.right = max(self.right, right)
        self.bottom = max(self.bottom, bottom)

    def add_geometry(self, geometry: Any, head: Any) -> None:
        """An arrow's line and head, with room for their pens (export.Diagram._content_rect)."""
        if isinstance(geometry, Straight):
            (sx, sy), (ex, ey) = geometry.start, geometry.end
            self.add(min(sx, ex) - 2, min(sy, ey) - 2, max(sx, ex) + 2, max(sy, ey) + 2)
            points = [geometry.end, *head]
        elif isinstance(geometry, Loop):
            left, top, right, bottom = _cubic_bounds(geometry)
            self.add(left - 2, top - 2, right + 2, bottom + 2)
            points = [geometry.end, *head]
        else:
            line = geometry.line.boundingRect()
            self.add(line.left() - 2, line.top() - 2, line.right() + 2, line.bottom() + 2)
            head = geometry.head.boundingRect()
            self.add(head.left() - 1, head.top() - 1, head.right() + 1, head.bottom() + 1)
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        self.add(min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)


def _cubic_bounds(loop: Loop) -> Box:
    """The exact bounds of a loop's cubic (as QPainterPath.boundingRect gives them)."""
    points = [loop.start, loop.control1, loop.control2, loop.end]
    low = [min(loop.start[i], loop.end[i]) for i in (0, 1)]
    high = [max(loop.start[i], loop.end[i]) for i in (0, 1)]
    for axis in (0, 1):
        p0, p1, p2, p3 = (p[axis] for p in points)
        a = -p0 + 3 * p1 - 3 * p2 + p3
        b = 2 * (p0 - 2 * p1 + p2)
        c = p1 - p0
        roots = []
        if abs(a) < 1e-12:
            if abs(b) > 1e-12:
                roots.append(-c / b)
        else:
            disc = b * b - 4 * a * c
            if disc >= 0:
                roots += [(-b + disc ** 0.5) / (2 * a), (-b - disc ** 0.5) / (2 * a)]
        for t in roots:
            if 0 < t < 1:
                u = 1 - t
                value = u ** 3 * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t ** 3 * p3
                low[axis] = min(low[axis], value)
                high[axis] = max(high[axis], value)
    return low[0], low[1], high[0], high[1]
