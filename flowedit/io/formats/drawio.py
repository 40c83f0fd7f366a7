"""draw.io (diagrams.net): .drawio / .xml files, compressed or plain pages, .drawio.svg and
.drawio.png with the model embedded. No Qt here.

A page is an mxGraphModel of cells. Vertices become shapes by their style (rhombus: decision;
ellipse, terminator, stadium: start or end by their arrows; anything else holding text: stage),
swimlane containers become lanes (a pool's inner lanes, each; table rows too), edges with both
ends on shapes become arrows with their label. flowedit's own fields travel as attributes of an
`<object>` wrapper, which draw.io keeps when it saves.
"""

from __future__ import annotations

import base64
import os
import re
import struct
import urllib.parse
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import (
    COLOUR_HEX,
    Builder,
    ImportResult,
    RawEdge,
    RawLane,
    RawNode,
    html_to_text,
    inflate,
    nearest_colour,
    number,
    pages_note,
    parse_xml,
    read_input,
)
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome
from flowedit.model.geometry import LANE_HEADER_WIDTH, lane_bands, node_extent

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Attributes of `<object>` that carry flowedit's fields.
FIELDS = ("flowedit_kind", "owner", "description", "duration_days", "outcome", "probability")


def read_drawio(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
                name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    pages = _pages(data, name)
    if not pages:
        raise FlowFileError(name, _("the draw.io file holds no diagram page"))
    names = [title for title, _model in pages]
    index = choose_page(names, page, name)
    title, model = pages[index]
    default_name = re.fullmatch(r"Page-\d+", title) is not None
    builder = Builder(name, _stem(name) if default_name else title)
    if len(pages) > 1:
        builder.warn(pages_note(names, index))
    _read_model(model, builder)
    return builder.result(names if len(pages) > 1 else [], title if len(pages) > 1 else None)


def choose_page(names: list[str], page: int | str | None, name: str) -> int:
    """The index of the page asked for: a 1-based number or a name; the first when None."""
    if page is None:
        return 0
    if isinstance(page, int) or (isinstance(page, str) and page.isdigit()):
        index = int(page) - 1
        if 0 <= index < len(names):
            return index
    elif page in names:
        return names.index(page)
    listed = ", ".join(f"{i + 1}: {n}" for i, n in enumerate(names))
    raise FlowFileError(name, _("there is no page {page}; the pages are {pages}").format(
        page=repr(page), pages=listed))


def _stem(name: str) -> str:
    base = os.path.basename(name)
    for suffix in (".drawio.svg", ".drawio.png", ".drawio", ".xml", ".svg", ".png"):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


# ----------------------------------------------------------------------- containers
def _pages(data: bytes, name: str) -> list[tuple[str, ET.Element]]:
    if data.startswith(PNG_SIGNATURE):
        data = _png_model(data, name)
    root = parse_xml(data, name, _("draw.io XML"))
    tag = root.tag.rsplit("}", 1)[-1]
    if tag == "svg":
        content = root.get("content")
        if not content:
            raise FlowFileError(name, _("this SVG has no draw.io model embedded (it was not "
                                        "saved with 'Include a copy of my diagram')"))
        root = parse_xml(content, name, _("draw.io model in the SVG"))
        tag = root.tag
    if tag == "mxGraphModel":
        return [("Page-1", root)]
    if tag != "mxfile":
        raise FlowFileError(name, _("this XML is not a draw.io diagram (it starts with <{tag}>, "
                                    "not <mxfile>)").format(tag=tag))
    pages = []
    for number_, diagram in enumerate(root.findall("diagram"), 1):
        title = diagram.get("name") or f"Page-{number_}"
        model = diagram.find("mxGraphModel")
        if model is None:
            text = (diagram.text or "").strip()
            if not text:
                continue
            model = _decompress(text, name)
        pages.append((title, model))
    return pages


def _decompress(text: str, name: str) -> ET.Element:
    """A compressed page: base64 of raw deflate of the URL-encoded XML."""
    try:
        raw = base64.b64decode(text, validate=False)
    except ValueError:
        raise FlowFileError(name, _("a compressed page is not valid base64")) from None
    xml = urllib.parse.unquote(inflate(raw, name).decode("utf-8", "replace"))
    return parse_xml(xml, name, _("compressed draw.io page"))


def _png_model(data: bytes, name: str) -> bytes:
    """The model draw.io puts in a PNG's tEXt or zTXt chunk named 'mxfile'."""
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind in (b"tEXt", b"zTXt"):
            key, _sep, value = body.partition(b"\0")
            if key != b"mxfile":
                continue
            if kind == b"zTXt":
                value = inflate(value[1:], name, raw=False)
            return urllib.parse.unquote(value.decode("latin-1")).encode("utf-8")
        if kind == b"IEND":
            break
    raise FlowFileError(name, _("this PNG has no draw.io diagram embedded (export it from "
                                "draw.io with 'Include a copy of my diagram')"))


# ----------------------------------------------------------------------- cells
def _style(text: str | None) -> dict[str, str]:
    style: dict[str, str] = {}
    for part in (text or "").split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        style[key.strip()] = value.strip() if sep else ""
    return style


def _read_model(model: ET.Element, builder: Builder) -> None:
    root = model.find("root")
    if root is None:
        raise FlowFileError(builder.name, _("the draw.io page has no <root> of cells"))
    cells: dict[str, tuple[ET.Element, dict[str, str]]] = {}
    order: list[str] = []
    for element in root:
        attrs: dict[str, str] = {}
        cell = element
        if element.tag in ("object", "UserObject"):
            attrs = dict(element.attrib)
            cell = element.find("mxCell")  # type: ignore[assignment]
            if cell is None:
                continue
            cell_id = attrs.get("id") or cell.get("id")
        elif element.tag == "mxCell":
            cell_id = element.get("id")
        else:
            continue
        if not cell_id or cell_id in cells:
            continue
        merged = dict(cell.attrib)
        merged.update(attrs)
        cells[cell_id] = (cell, merged)
        order.append(cell_id)
    parents = {cid: attrs.get("parent") for cid, (_, attrs) in cells.items()}
    styles = {cid: _style(attrs.get("style")) for cid, (_, attrs) in cells.items()}

    def box(cid: str) -> tuple[float, float, float, float] | None:
        """The cell's box in page coordinates (geometry is relative to a vertex parent)."""
        x = y = 0.0
        seen = set()
        current: str | None = cid
        width = height = None
        while current in cells and current not in seen:
            seen.add(current)
            cell, attrs = cells[current]
            if attrs.get("vertex") != "1":
                break
            geometry = cell.find("mxGeometry")
            if geometry is None:
                if current == cid:
                    return None
            else:
                x += number(geometry.get("x"), 0.0) or 0.0
                y += number(geometry.get("y"), 0.0) or 0.0
                if current == cid:
                    width = number(geometry.get("width"), 0.0)
                    height = number(geometry.get("height"), 0.0)
            current = parents.get(current)
        return (x, y, width or 0.0, height or 0.0)

    def label(cid: str) -> str:
        attrs = cells[cid][1]
        value = attrs.get("label", attrs.get("value", "")) or ""
        return html_to_text(value) if styles[cid].get("html") == "1" else value.strip()

    vertices = [cid for cid in order if cells[cid][1].get("vertex") == "1"]
    edges = [cid for cid in order if cells[cid][1].get("edge") == "1"]
    connected = {cells[cid][1].get(end) for cid in edges for end in ("source", "target")}
    lane_like = {cid for cid in vertices if _is_lane(styles[cid])}
    # A pool (a lane holding lanes) gives its inner lanes, named 'Pool / Lane'.
    holders = {parents.get(cid) for cid in lane_like}
    for cid in vertices:
        style = styles[cid]
        if cid in lane_like and cid not in holders:
            b = box(cid)
            path = [label(cid)]
            parent = parents.get(cid)
            while parent in lane_like and parent not in path:
                path.insert(0, label(parent))
                parent = parents.get(parent)
            text = " / ".join(p for p in path if p)
            if b is None:
                continue
            builder.lanes.append(RawLane(cells[cid][1].get("flowedit_lane") or cid,
                                         text or _("Lane"), *b,
                                         color=nearest_colour(style.get("fillColor"))))
            continue
        if cid in lane_like:
            continue  # a pool: its lanes are kept
        if styles[cid].get("shape") in ("table", "tableRow", "partialRectangle") \
                and parents.get(cid) in lane_like | holders:
            continue
        if parents.get(cid) in cells and cells[parents[cid]][1].get("edge") == "1":
            continue  # an edge label, read with its edge
        kind, keep = _kind(style, label(cid) or (cid in connected and "?"))
        if not keep:
            builder.drop(_dropped_key(style))
            continue
        b = box(cid)
        attrs = cells[cid][1]
        node = RawNode(cid, kind, label(cid))
        if b is not None:
            x, y, w, h = b
            node.x, node.y = x + w / 2, y + h / 2
            node.width, node.height = (w or None), (h or None)
        node.color = nearest_colour(style.get("fillColor"))
        parent = parents.get(cid)
        while parent is not None and parent in cells:
            if parent in lane_like and parent not in holders:
                node.lane = cells[parent][1].get("flowedit_lane") or parent
                break
            parent = parents.get(parent)
        _read_fields(node, attrs, builder)
        builder.add_node(node)
    labels: dict[str, list[str]] = {}
    for cid in vertices:
        parent = parents.get(cid)
        if parent in cells and cells[parent][1].get("edge") == "1" and label(cid):
            labels.setdefault(parent, []).append(label(cid))
    for cid in edges:
        attrs = cells[cid][1]
        source, target = attrs.get("source"), attrs.get("target")
        text = " ".join([label(cid), *labels.get(cid, [])]).strip()
        if not source or not target:
            builder.drop("no-ends")
            continue
        if source in lane_like or target in lane_like:
            builder.drop("arrow-to-lane")
            continue
        probability = number(attrs.get("probability"))
        builder.add_edge(RawEdge(attrs.get("flowedit_id") or cid, source, target, text or None,
                                 probability,
                                 _bends(cells[cid][0], box(parents.get(cid) or ""))))


def _bends(cell: ET.Element, parent: tuple[float, float, float, float] | None
           ) -> list[tuple[float, float]]:
    """An edge's waypoints (its mxGeometry's points array) in page coordinates: they are
    relative to the edge's parent when that is a shape or a lane."""
    geometry = cell.find("mxGeometry")
    array = geometry.find("Array[@as='points']") if geometry is not None else None
    if array is None:
        return []
    dx, dy = (parent[0], parent[1]) if parent is not None else (0.0, 0.0)
    points = []
    for point in array.findall("mxPoint"):
        x, y = number(point.get("x"), 0.0), number(point.get("y"), 0.0)
        points.append(((x or 0.0) + dx, (y or 0.0) + dy))
    return points


def _is_lane(style: dict[str, str]) -> bool:
    return "swimlane" in style or style.get("shape") in ("swimlane", "pool") \
        or (style.get("shape") == "tableRow" and "horizontal" in style)


def _kind(style: dict[str, str], text: str | bool) -> tuple[NodeKind | None, bool]:
    shape = style.get("shape", "")
    keys = set(style)
    if "rhombus" in keys or shape in ("rhombus", "mxgraph.flowchart.decision") \
            or "gateway" in shape:
        return NodeKind.DECISION, True
    outline = style.get("outline")
    if outline in ("end", "standard", "eventInt", "catching", "throwing", "boundInt"):
        return {"end": NodeKind.END, "standard": NodeKind.START}.get(outline, NodeKind.STAGE), True
    if "ellipse" in keys or shape in ("ellipse", "mxgraph.flowchart.start_1",
                                      "mxgraph.flowchart.start_2", "mxgraph.flowchart.terminator",
                                      "terminator", "doubleEllipse") \
            or (style.get("rounded") == "1" and style.get("arcSize") in ("50", "40")):
        return None, True
    if "text" in keys or "edgeLabel" in keys or shape in ("image", "note", "line", "waypoint") \
            or "image" in keys or "group" in keys:
        return None, False
    if not text:
        return None, False
    return NodeKind.STAGE, True


def _dropped_key(style: dict[str, str]) -> str:
    if "text" in style:
        return "text-box"
    if "image" in style or style.get("shape") == "image":
        return "picture"
    return "no-text"


def _read_fields(node: RawNode, attrs: dict[str, str], builder: Builder) -> None:
    kind = attrs.get("flowedit_kind")
    if kind in {k.value for k in NodeKind}:
        node.kind = NodeKind(kind)
    node.owner = attrs.get("owner") or None
    node.description = attrs.get("description") or None
    node.duration_days = number(attrs.get("duration_days"))
    if node.duration_days is not None and not 0 <= node.duration_days <= 36_500:
        node.duration_days = None
        builder.drop("duration")
    if attrs.get("outcome") in ("won", "lost"):
        node.outcome = Outcome(attrs["outcome"])


# ----------------------------------------------------------------------- writing
_SHAPE_STYLE = {
    NodeKind.START: "ellipse;whiteSpace=wrap;",
    NodeKind.END: "ellipse;whiteSpace=wrap;strokeWidth=3;",
    NodeKind.STAGE: "rounded=1;whiteSpace=wrap;",
    NodeKind.DECISION: "rhombus;whiteSpace=wrap;",
}
LANE_STYLE = "swimlane;horizontal=0;startSize=40;collapsible=0;"


def write_drawio(doc: Document) -> str:
    """One uncompressed page; lanes as swimlane containers holding their shapes, flowedit's
    fields as `<object>` attributes that draw.io keeps."""
    out = ['<mxfile host="flowedit" type="device">',
           f'<diagram name={quoteattr(doc.title or "Page-1")} id="flowedit">',
           '<mxGraphModel grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" '
           'fold="1" page="0" math="0" shadow="0"><root>',
           '<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    bands = lane_bands(doc)
    right = max((node_extent(n)[2] for n in doc.nodes.values()), default=400.0) + 60.0
    left = 0.0
    lane_cell = {}
    for index, lane in enumerate(doc.lanes):
        top, bottom = bands[lane.id]
        cell = f"lane-{index}-{lane.id}"
        lane_cell[lane.id] = (cell, top)
        fill = f"fillColor={COLOUR_HEX[lane.color]};" if lane.color else ""
        out.append(
            f'<object id={quoteattr(cell)} label={quoteattr(lane.name)} flowedit_lane='
            f'{quoteattr(lane.id)}><mxCell style="{LANE_STYLE}{fill}" vertex="1" parent="1">'
            f'<mxGeometry x="{left - LANE_HEADER_WIDTH:g}" y="{top:g}" '
            f'width="{right - left + LANE_HEADER_WIDTH:g}" height="{bottom - top:g}" '
            'as="geometry"/></mxCell></object>')
    for node in doc.nodes.values():
        x0, y0, x1, y1 = node_extent(node)
        parent, dx, dy = "1", 0.0, 0.0
        if node.lane in lane_cell:
            parent, top = lane_cell[node.lane]
            dx, dy = left - LANE_HEADER_WIDTH, top
        style = _SHAPE_STYLE[node.kind]
        if node.color:
            style += f"fillColor={COLOUR_HEX[node.color]};"
        extra = f' flowedit_kind="{node.kind.value}"'
        for key in ("owner", "description", "duration_days", "outcome"):
            value = getattr(node, key)
            if value is not None:
                extra += f" {key}={quoteattr(_text(value))}"
        out.append(
            f'<object id={quoteattr(node.id)} label={quoteattr(node.name)}{extra}>'
            f'<mxCell style="{style}" vertex="1" parent={quoteattr(parent)}>'
            f'<mxGeometry x="{x0 - dx:g}" y="{y0 - dy:g}" width="{x1 - x0:g}" '
            f'height="{y1 - y0:g}" as="geometry"/></mxCell></object>')
    for edge in doc.edges.values():
        extra = "" if edge.probability is None else f' probability="{edge.probability:g}"'
        out.append(
            f'<object id={quoteattr("edge-" + edge.id)} label={quoteattr(edge.label or "")}'
            f' flowedit_id={quoteattr(edge.id)}{extra}>'
            '<mxCell style="edgeStyle=orthogonalEdgeStyle;rounded=0;" edge="1" '
            f'parent="1" source={quoteattr(edge.source)} target={quoteattr(edge.target)}>'
            f'<mxGeometry relative="1" as="geometry">{_points(edge.points)}</mxGeometry>'
            '</mxCell></object>')
    out.append("</root></mxGraphModel></diagram></mxfile>\n")
    return "\n".join(out)


def _points(points: tuple[tuple[float, float], ...]) -> str:
    """Bends as draw.io's waypoints (page coordinates, as the edge's parent is the page)."""
    if not points:
        return ""
    inner = "".join(f'<mxPoint x="{x:g}" y="{y:g}"/>' for x, y in points)
    return f'<Array as="points">{inner}</Array>'


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


