"""GraphML, as yEd writes it (and plain GraphML with a label attribute). No Qt here.

Read: ShapeNode/GenericNode shapes (diamond, flowchart decision, BPMN gateway: decision;
ellipse, terminator, start/end: start or end by their arrows; anything else: stage), group nodes
as lanes (the shapes inside them join), TableNode rows (or columns) as lanes by geometry,
edges with their labels. Write: yEd GraphML with one group node per lane and flowedit's own
fields as GraphML data keys.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import (
    COLOUR_HEX,
    Builder,
    ImportResult,
    RawEdge,
    RawLane,
    RawNode,
    local,
    nearest_colour,
    number,
    parse_xml,
    read_input,
)
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome
from flowedit.model.geometry import LANE_HEADER_WIDTH, lane_bands, node_extent

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
Y_NS = "http://www.yworks.com/xml/graphml"
_G = "{" + GRAPHML_NS + "}"
_Y = "{" + Y_NS + "}"
_DECISION = ("diamond", "flowchart.decision", "bpmn.Gateway", "hexagon")
_ROUND = ("ellipse", "flowchart.start", "flowchart.terminator", "bpmn.Event", "circle",
          "roundrectangle_terminator")
_FIELDS = ("flowedit_kind", "owner", "description", "duration_days", "outcome", "probability")


def read_graphml(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
                 name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    root = parse_xml(data, name, _("GraphML"))
    if local(root.tag) != "graphml":
        raise FlowFileError(name, _("this is not GraphML (it starts with <{tag}>)").format(
            tag=local(root.tag)))
    ns = root.tag[:-len("graphml")]
    graph = root.find(ns + "graph")
    if graph is None:
        raise FlowFileError(name, _("the GraphML file holds no <graph>"))
    keys = {}
    for key in root.findall(ns + "key"):
        keys[key.get("id")] = (key.get("attr.name") or key.get("yfiles.type") or "", key)
    builder = Builder(name, os.path.splitext(os.path.basename(name))[0])
    reader = _Reader(builder, ns, keys)
    reader.graph(graph, None, (0.0, 0.0))
    reader.edges(root)
    return builder.result()


class _Reader:
    def __init__(self, builder: Builder, ns: str,
                 keys: dict[str | None, tuple[str, ET.Element]]) -> None:
        self.builder = builder
        self.ns = ns
        self.keys = keys
        self.groups: set[str] = set()

    def data(self, element: ET.Element) -> dict[str, ET.Element]:
        found = {}
        for item in element.findall(self.ns + "data"):
            name = self.keys.get(item.get("key"), (item.get("key") or "", None))[0]
            found[name] = item
        return found

    def graph(self, graph: ET.Element, lane: str | None, origin: tuple[float, float]) -> None:
        for node in graph.findall(self.ns + "node"):
            ident = node.get("id")
            if not ident:
                continue
            inner = node.find(self.ns + "graph")
            data = self.data(node)
            graphics = data.get("nodegraphics")
            shape = None
            if graphics is not None and len(graphics):
                shape = graphics[0]
                if local(shape.tag) == "ProxyAutoBoundsNode":  # a group: its open look
                    realizers = shape.find(_Y + "Realizers")
                    if realizers is not None and len(realizers):
                        index = int(realizers.get("active") or 0)
                        shape = realizers[min(index, len(realizers) - 1)]
            if inner is not None or node.get("yfiles.foldertype") in ("group", "folder"):
                self.group(ident, shape, data, inner, lane)
                continue
            self.shape(ident, shape, data, lane)

    def text_of(self, shape: ET.Element | None, data: dict[str, ET.Element]) -> str:
        if shape is not None:
            for label in shape.findall(_Y + "NodeLabel"):
                text = (label.text or "").strip()
                if text and label.get("modelName") != "custom":
                    return text
        for key in ("label", "name", "description"):
            if key in data and data[key].text:
                return data[key].text.strip()
        return ""

    def geometry(self, shape: ET.Element | None) -> tuple[float, float, float, float] | None:
        if shape is None:
            return None
        box = shape.find(_Y + "Geometry")
        if box is None:
            return None
        values = [number(box.get(k)) for k in ("x", "y", "width", "height")]
        return None if None in values else tuple(values)  # type: ignore[return-value]

    def shape(self, ident: str, shape: ET.Element | None, data: dict[str, ET.Element],
              lane: str | None) -> None:
        text = self.text_of(shape, data)
        kind: NodeKind | None = NodeKind.STAGE
        form = ""
        if shape is not None:
            form_element = shape.find(_Y + "Shape")
            form = (form_element.get("type") if form_element is not None else "") or ""
            form += " " + (shape.get("configuration") or "")
        if any(word in form for word in _DECISION):
            kind = NodeKind.DECISION
        elif any(word in form for word in _ROUND):
            kind = None
        if shape is not None and local(shape.tag) in ("SVGNode", "ImageNode") and not text:
            self.builder.drop("picture")
            return
        node = RawNode(ident, kind, text, lane=lane)
        box = self.geometry(shape)
        if box is not None:
            x, y, w, h = box
            node.x, node.y, node.width, node.height = x + w / 2, y + h / 2, w, h
        fill = shape.find(_Y + "Fill") if shape is not None else None
        if fill is not None and fill.get("transparent") != "true":
            node.color = nearest_colour((fill.get("color") or "")[:7])
        fields = {key: (item.text or "") for key, item in data.items() if key in _FIELDS}
        if fields.get("flowedit_kind") in {k.value for k in NodeKind}:
            node.kind = NodeKind(fields["flowedit_kind"])
        node.owner = fields.get("owner") or None
        node.description = fields.get("description") or None
        node.duration_days = number(fields.get("duration_days"))
        if fields.get("outcome") in ("won", "lost"):
            node.outcome = Outcome(fields["outcome"])
        self.builder.add_node(node)

    def group(self, ident: str, shape: ET.Element | None, data: dict[str, ET.Element],
              inner: ET.Element | None, lane: str | None) -> None:
        box = self.geometry(shape)
        if shape is not None and local(shape.tag) == "TableNode":
            self.table(ident, shape, box)
            if inner is not None:
                self.graph(inner, None, (0.0, 0.0))
            return
        title = self.text_of(shape, data) or ident
        if inner is not None and inner.find(self.ns + "node") is not None and lane is None:
            key = ident.removeprefix("lane:")  # flowedit writes its lanes' ids so
            self.builder.lanes.append(RawLane(key, title, *(box or (None, None, None, None))))
            self.graph(inner, key, (0.0, 0.0))
        elif inner is not None:
            self.builder.change("nested-group")
            self.graph(inner, lane, (0.0, 0.0))
        else:
            self.builder.drop("empty-group")

    def table(self, ident: str, shape: ET.Element,
              box: tuple[float, float, float, float] | None) -> None:
        """A yEd table's rows (or columns, when its lanes are columns) become lanes."""
        table = shape.find(_Y + "Table")
        if table is None or box is None:
            return
        x, y, w, h = box
        columns = any(p.get("value") == "lane.style.columns"
                      for p in shape.iter(_Y + "Property"))
        names = {}
        for label in shape.findall(_Y + "NodeLabel"):
            parameter = label.find(f"{_Y}ModelParameter/*")
            if parameter is not None and parameter.get("id"):
                names[parameter.get("id")] = (label.text or "").strip()
        title = next((( lb.text or "").strip() for lb in shape.findall(_Y + "NodeLabel")
                      if lb.find(_Y + "ModelParameter") is None), "")
        insets = table.find(_Y + "Insets")
        top = number(insets.get("top"), 0.0) if insets is not None else 0.0
        left = number(insets.get("left"), 0.0) if insets is not None else 0.0
        at = (x + (left or 0.0)) if columns else (y + (top or 0.0))
        sections = table.find(_Y + ("Columns" if columns else "Rows"))
        for section in (sections if sections is not None else []):
            size = number(section.get("width" if columns else "height"), 0.0) or 0.0
            section_id = section.get("id") or f"{len(self.builder.lanes)}"
            lane_name = names.get(section_id) or section_id
            if title:
                lane_name = f"{title} / {lane_name}"
            if columns:
                self.builder.lanes.append(RawLane(f"{ident}-{section_id}", lane_name, at,
                                                  y + (top or 0.0), size, h - (top or 0.0)))
            else:
                self.builder.lanes.append(RawLane(f"{ident}-{section_id}", lane_name,
                                                  x + (left or 0.0), at, w - (left or 0.0),
                                                  size))
            at += size

    def edges(self, root: ET.Element) -> None:
        for edge in root.iter(self.ns + "edge"):
            data = self.data(edge)
            label = None
            points: list[tuple[float, float]] = []
            graphics = data.get("edgegraphics")
            if graphics is not None:
                texts = ["".join(lb.itertext()).strip() for lb in graphics.iter(_Y + "EdgeLabel")]
                label = " ".join(t for t in texts if t) or None
                for point in graphics.iter(_Y + "Point"):
                    x, y = number(point.get("x")), number(point.get("y"))
                    if x is not None and y is not None:
                        points.append((x, y))
            if label is None:
                for key in ("label", "name"):
                    if key in data and data[key].text:
                        label = data[key].text.strip()
            probability = number(data["probability"].text) if "probability" in data else None
            self.builder.add_edge(RawEdge(edge.get("id") or "e", edge.get("source") or "",
                                          edge.get("target") or "", label, probability, points))


# ----------------------------------------------------------------------- writing
_FORM = {NodeKind.START: "ellipse", NodeKind.END: "ellipse", NodeKind.STAGE: "roundrectangle",
         NodeKind.DECISION: "diamond"}


def write_graphml(doc: Document) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
           f'<graphml xmlns="{GRAPHML_NS}" xmlns:y="{Y_NS}">',
           '<key for="node" id="d0" yfiles.type="nodegraphics"/>',
           '<key for="edge" id="d1" yfiles.type="edgegraphics"/>']
    for index, key in enumerate(_FIELDS):
        target = "edge" if key == "probability" else "node"
        out.append(f'<key attr.name="{key}" attr.type="string" for="{target}" id="f{index}"/>')
    out.append('<key attr.name="label" attr.type="string" for="all" id="label"/>')
    out.append('<graph edgedefault="directed" id="G">')
    bands = lane_bands(doc)
    right = max((node_extent(n)[2] for n in doc.nodes.values()), default=400.0) + 60.0
    for lane in doc.lanes:
        top, bottom = bands[lane.id]
        fill = COLOUR_HEX[lane.color] if lane.color else "#F5F5F5"
        out.append(
            f'<node id={quoteattr("lane:" + lane.id)} yfiles.foldertype="group">'
            f'<data key="label">{escape(lane.name)}</data>'
            '<data key="d0"><y:ProxyAutoBoundsNode><y:Realizers active="0"><y:GroupNode>'
            f'<y:Geometry x="{-LANE_HEADER_WIDTH:g}" y="{top:g}" '
            f'width="{right + LANE_HEADER_WIDTH:g}" height="{bottom - top:g}"/>'
            f'<y:Fill color="{fill}" transparent="false"/>'
            f'<y:NodeLabel modelName="internal" modelPosition="l">{escape(lane.name)}'
            '</y:NodeLabel><y:Shape type="rectangle"/></y:GroupNode></y:Realizers>'
            '</y:ProxyAutoBoundsNode></data>'
            f'<graph edgedefault="directed" id={quoteattr("lane:" + lane.id + ":")}>')
        out.extend(_node(doc.nodes[n]) for n in doc.nodes_in_lane(lane.id))
        out.append("</graph></node>")
    out.extend(_node(doc.nodes[n]) for n in doc.nodes_in_lane(None))
    for edge in doc.edges.values():
        label = (f'<y:EdgeLabel>{escape(edge.label)}</y:EdgeLabel>' if edge.label else "")
        path = ('<y:Path sx="0" sy="0" tx="0" ty="0">'
                + "".join(f'<y:Point x="{x:g}" y="{y:g}"/>' for x, y in edge.points)
                + "</y:Path>") if edge.points else ""
        probability = ("" if edge.probability is None else
                       f'<data key="f{_FIELDS.index("probability")}">{edge.probability:g}</data>')
        out.append(
            f'<edge id={quoteattr(edge.id)} source={quoteattr(edge.source)} '
            f'target={quoteattr(edge.target)}>{probability}'
            + (f'<data key="label">{escape(edge.label)}</data>' if edge.label else "")
            + f'<data key="d1"><y:PolyLineEdge>{path}<y:Arrows source="none" target="standard"/>'
            f'{label}</y:PolyLineEdge></data></edge>')
    out.append("</graph></graphml>\n")
    return "\n".join(out)


def _node(node: object) -> str:
    x0, y0, x1, y1 = node_extent(node)  # type: ignore[arg-type]
    kind = node.kind  # type: ignore[attr-defined]
    fields = "".join(
        f'<data key="f{_FIELDS.index(key)}">{escape(_text(value))}</data>'
        for key in _FIELDS[1:5]
        if (value := getattr(node, key)) is not None)
    fill = COLOUR_HEX[node.color] if node.color else "#FFFFFF"  # type: ignore[attr-defined]
    name = node.name  # type: ignore[attr-defined]
    return (f'<node id={quoteattr(node.id)}>'  # type: ignore[attr-defined]
            f'<data key="f0">{kind.value}</data>{fields}'
            f'<data key="label">{escape(name)}</data>'
            f'<data key="d0"><y:ShapeNode><y:Geometry x="{x0:g}" y="{y0:g}" '
            f'width="{x1 - x0:g}" height="{y1 - y0:g}"/><y:Fill color="{fill}" '
            f'transparent="false"/><y:NodeLabel>{escape(name)}</y:NodeLabel>'
            f'<y:Shape type="{_FORM[kind]}"/></y:ShapeNode></data></node>')


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))
