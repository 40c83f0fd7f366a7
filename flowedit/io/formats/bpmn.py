"""BPMN 2.0 (.bpmn): tasks to stages, exclusive/inclusive gateways to decisions, start and end
events, lanes (nested ones flattened as 'Outer / Inner') and pools, sequence flows with their
names or conditions as labels, DI bounds as positions. No Qt here.

Export writes one pool holding one process with a lane set, DI for every shape, lane and flow,
and flowedit's own fields in `extensionElements` (namespace FLOWEDIT_NS), which BPMN tools keep.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import (
    Builder,
    ImportResult,
    RawEdge,
    RawLane,
    RawNode,
    local,
    number,
    parse_xml,
    read_input,
)
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome
from flowedit.model.geometry import LANE_HEADER_WIDTH, lane_bands, node_extent

MODEL_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DD_DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
FLOWEDIT_NS = "https://flowedit.example/bpmn/1"

_M = "{" + MODEL_NS + "}"
_STAGE_TAGS = {"task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask",
               "businessRuleTask", "scriptTask"}
_CONTAINER_TAGS = {"subProcess", "transaction", "adHocSubProcess", "callActivity"}
_DECISION_TAGS = {"exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway",
                  "parallelGateway"}
_INTERMEDIATE = {"intermediateCatchEvent", "intermediateThrowEvent"}
_IGNORED = {"laneSet", "sequenceFlow", "extensionElements", "documentation", "ioSpecification",
            "property", "dataInputAssociation", "dataOutputAssociation",
            "multiInstanceLoopCharacteristics",
            "standardLoopCharacteristics", "incoming", "outgoing"}
#: BPMN elements flowedit has no shape for -> the key of their line in the import report.
_DROPPED_KEYS = {"textAnnotation": "text-annotation", "association": "association",
                 "dataObject": "data", "dataObjectReference": "data", "dataStoreReference": "data",
                 "dataInput": "data", "dataOutput": "data", "group": "group",
                 "boundaryEvent": "boundary-event", "messageFlow": "message-flow"}


def read_bpmn(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
              name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    root = parse_xml(data, name, _("BPMN XML"))
    if root.tag != _M + "definitions":
        if local(root.tag) == "definitions":
            raise FlowFileError(name, _("the BPMN elements are not in the BPMN 2.0 namespace "
                                        "({namespace}); the file is not BPMN 2.0 XML").format(
                                            namespace=MODEL_NS))
        raise FlowFileError(name, _("this is not a BPMN 2.0 file (it starts with <{tag}>, not "
                                    "<definitions>)").format(tag=local(root.tag)))
    listed = root.findall(_M + "process")
    processes = {p.get("id"): p for p in listed}
    if not processes:
        raise FlowFileError(name, _("the BPMN file holds no process"))
    builder = Builder(name, _title(root, processes, name))
    if len(processes) < len(listed):
        builder.drop("duplicate-process", len(listed) - len(processes))
    bounds = _bounds(root)
    bends = _bends(root)
    pools = []
    for collaboration in root.findall(_M + "collaboration"):
        for participant in collaboration.findall(_M + "participant"):
            pools.append(participant)
        builder.drop("message-flow", len(collaboration.findall(_M + "messageFlow")))
        builder.drop("text-annotation", len(collaboration.findall(_M + "textAnnotation")))
    pool_of = {p.get("processRef"): p for p in pools if p.get("processRef") in processes}
    empty_pools = [p for p in pools if p.get("processRef") not in processes]
    if empty_pools:
        builder.drop("black-box", len(empty_pools))
    several = len(pool_of) > 1
    for process_id, process in processes.items():
        pool = pool_of.get(process_id)
        pool_name = (pool.get("name") if pool is not None else None) or process.get("name") or ""
        _read_process(process, builder, bounds, bends, pool, pool_name if several else "")
    return builder.result()


def _title(root: ET.Element, processes: dict[str | None, ET.Element], name: str) -> str:
    for element in (*root.findall(_M + "collaboration"), *processes.values()):
        if element.get("name"):
            return element.get("name") or ""
    return os.path.splitext(os.path.basename(name))[0]


def _bounds(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Every DI shape's (x, y, width, height) by the id of the element it shows."""
    found: dict[str, tuple[float, float, float, float]] = {}
    for shape in root.iter("{" + DI_NS + "}BPMNShape"):
        element = shape.get("bpmnElement")
        box = shape.find("{" + DC_NS + "}Bounds")
        if not element or box is None or element in found:
            continue
        values = [number(box.get(k)) for k in ("x", "y", "width", "height")]
        if None not in values:
            found[element] = tuple(values)  # type: ignore[assignment]
    return found


def _bends(root: ET.Element) -> dict[str, list[tuple[float, float]]]:
    """Every DI edge's waypoints between its two ends, by the id of the flow it shows."""
    found: dict[str, list[tuple[float, float]]] = {}
    for edge in root.iter("{" + DI_NS + "}BPMNEdge"):
        element = edge.get("bpmnElement")
        if not element or element in found:
            continue
        points = [(number(p.get("x")), number(p.get("y")))
                  for p in edge.findall("{" + DD_DI_NS + "}waypoint")]
        found[element] = [(x, y) for x, y in points[1:-1] if x is not None and y is not None]
    return found


def _read_process(process: ET.Element, builder: Builder,
                  bounds: dict[str, tuple[float, float, float, float]],
                  bends: dict[str, list[tuple[float, float]]],
                  pool: ET.Element | None, pool_name: str) -> None:
    lane_of: dict[str, str] = {}
    key_of: dict[str, str] = {}
    before = len(builder.lanes)
    for lane_set in process.findall(_M + "laneSet"):
        _lanes(lane_set, [pool_name] if pool_name else [], builder, bounds, lane_of)
    if len(builder.lanes) == before and pool is not None:
        box = bounds.get(pool.get("id") or "")
        key = pool.get("id") or process.get("id") or "pool"
        builder.lanes.append(RawLane(key, pool_name or pool.get("name") or _("Pool"),
                                     *(box or (None, None, None, None))))
        for element in process:
            if element.get("id"):
                lane_of[element.get("id") or ""] = key
    for element in process:
        tag = local(element.tag)
        ident = element.get("id")
        if tag in _IGNORED or not ident:
            continue
        kind: NodeKind | None
        if tag in _STAGE_TAGS:
            kind = NodeKind.STAGE
        elif tag in _CONTAINER_TAGS:
            kind = NodeKind.STAGE
            inner = sum(1 for child in element if local(child.tag) not in _IGNORED)
            if tag == "callActivity":
                builder.change("call-activity")
            elif inner:
                builder.change("subprocess", detail=inner)
            else:
                builder.change("empty-subprocess")
        elif tag in _DECISION_TAGS:
            kind = NodeKind.DECISION
            if tag != "exclusiveGateway" and tag != "inclusiveGateway":
                builder.change({"eventBasedGateway": "event-gateway",
                                "parallelGateway": "parallel-gateway"}.get(tag,
                                                                           "complex-gateway"))
        elif tag == "startEvent":
            kind = NodeKind.START
        elif tag == "endEvent":
            kind = NodeKind.END
        elif tag in _INTERMEDIATE:
            kind = NodeKind.STAGE
            builder.change("intermediate-event")
        else:
            key = _DROPPED_KEYS.get(tag, "bpmn-other")
            builder.drop(key, detail=tag if key == "bpmn-other" else None)
            continue
        key = _flowedit_id(element, "stage") or ident
        key_of[ident] = key
        node = RawNode(key, kind, (element.get("name") or "").strip())
        box = bounds.get(ident)
        if box is not None:
            x, y, w, h = box
            node.x, node.y = x + w / 2, y + h / 2
            if kind in (NodeKind.STAGE, NodeKind.DECISION) and w >= 80:
                node.width, node.height = w, h
            elif _flowedit_id(element, "stage") is None:
                node.box_width = w
        node.lane = lane_of.get(ident)
        _read_extension(element, node)
        builder.add_node(node)
    for flow in process.findall(_M + "sequenceFlow"):
        label = (flow.get("name") or "").strip()
        condition = flow.find(_M + "conditionExpression")
        if not label and condition is not None and (condition.text or "").strip():
            label = (condition.text or "").strip()
        probability = None
        for extension in flow.iter("{" + FLOWEDIT_NS + "}arrow"):
            probability = number(extension.get("probability"))
        builder.add_edge(RawEdge(flow.get("id") or "flow",
                                 key_of.get(flow.get("sourceRef") or "", ""),
                                 key_of.get(flow.get("targetRef") or "", ""), label or None,
                                 probability, bends.get(flow.get("id") or "", [])))


def _lanes(lane_set: ET.Element, path: list[str], builder: Builder,
           bounds: dict[str, tuple[float, float, float, float]], lane_of: dict[str, str]) -> None:
    """Only the innermost lanes become lanes, named by their path: 'Sales / Inside sales'."""
    for lane in lane_set.findall(_M + "lane"):
        ident = lane.get("id") or f"lane{len(builder.lanes)}"
        names = [*path, (lane.get("name") or "").strip()]
        children = lane.find(_M + "childLaneSet")
        if children is not None and children.findall(_M + "lane"):
            _lanes(children, names, builder, bounds, lane_of)
            continue
        box = bounds.get(ident)
        builder.lanes.append(RawLane(_flowedit_id(lane, "lane") or ident,
                                     " / ".join(n for n in names if n) or _("Lane"),
                                     *(box or (None, None, None, None))))
        for ref in lane.findall(_M + "flowNodeRef"):
            if ref.text:
                lane_of[ref.text.strip()] = _flowedit_id(lane, "lane") or ident


def _flowedit_id(element: ET.Element, what: str) -> str | None:
    """The flowedit id an element carries in its extensionElements, when flowedit wrote it."""
    extensions = element.find(_M + "extensionElements")
    if extensions is None:
        return None
    found = extensions.find("{" + FLOWEDIT_NS + "}" + what)
    return found.get("id") if found is not None else None


def _read_extension(element: ET.Element, node: RawNode) -> None:
    for extension in element.iter("{" + FLOWEDIT_NS + "}stage"):
        node.owner = extension.get("owner") or None
        node.description = extension.get("description") or None
        node.duration_days = number(extension.get("duration_days"))
        if extension.get("outcome") in ("won", "lost"):
            node.outcome = Outcome(extension.get("outcome") or "")
        if extension.get("kind") in ("stage", "decision", "start", "end") and node.kind \
                is not None and extension.get("kind") != node.kind.value:
            node.kind = NodeKind(extension.get("kind") or "stage")


# ----------------------------------------------------------------------- writing
_TAG_OF = {NodeKind.START: "startEvent", NodeKind.END: "endEvent", NodeKind.STAGE: "task",
           NodeKind.DECISION: "exclusiveGateway"}
_EVENT_SIZE = 36.0
_GATEWAY_SIZE = 50.0


def write_bpmn(doc: Document) -> str:
    """BPMN 2.0 XML that validates against the OMG schemas, with DI for every element."""
    ids = _Ids(doc)
    process = "Process_1"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<definitions xmlns="{MODEL_NS}" xmlns:bpmndi="{DI_NS}" xmlns:dc="{DC_NS}" '
           f'xmlns:di="{DD_DI_NS}" xmlns:fe="{FLOWEDIT_NS}" id="Definitions_1" '
           'targetNamespace="https://flowedit.example/process" exporter="flowedit">']
    if doc.lanes:
        out.append(f'<collaboration id="Collaboration_1"><participant id="Participant_1" '
                   f'name={quoteattr(doc.title)} processRef="{process}"/></collaboration>')
    out.append(f'<process id="{process}" name={quoteattr(doc.title)} isExecutable="false">')
    if doc.lanes:
        out.append('<laneSet id="LaneSet_1">')
        for lane in doc.lanes:
            out.append(f'<lane id="{ids.lane(lane.id)}" name={quoteattr(lane.name)}>'
                       f'<extensionElements><fe:lane id={quoteattr(lane.id)}/>'
                       "</extensionElements>")
            out.extend(f"<flowNodeRef>{ids.node(n)}</flowNodeRef>"
                       for n in doc.nodes_in_lane(lane.id))
            out.append("</lane>")
        out.append("</laneSet>")
    for node in doc.nodes.values():
        tag = _TAG_OF[node.kind]
        out.append(f'<{tag} id="{ids.node(node.id)}" name={quoteattr(node.name)}>')
        extra = "".join(
            f" {key}={quoteattr(_text(getattr(node, key)))}"
            for key in ("owner", "description", "duration_days", "outcome")
            if getattr(node, key) is not None)
        out.append(f'<extensionElements><fe:stage id={quoteattr(node.id)} '
                   f'kind="{node.kind.value}"{extra}/></extensionElements>')
        out.extend(f"<incoming>{ids.edge(e)}</incoming>" for e in doc.in_edges(node.id))
        out.extend(f"<outgoing>{ids.edge(e)}</outgoing>" for e in doc.out_edges(node.id))
        out.append(f"</{tag}>")
    for edge in doc.edges.values():
        name = f" name={quoteattr(edge.label)}" if edge.label else ""
        out.append(f'<sequenceFlow id="{ids.edge(edge.id)}" sourceRef="{ids.node(edge.source)}" '
                   f'targetRef="{ids.node(edge.target)}"{name}>')
        if edge.probability is not None:
            out.append(f'<extensionElements><fe:arrow probability="{edge.probability:g}"/>'
                       "</extensionElements>")
        out.append("</sequenceFlow>")
    out.append("</process>")
    out.extend(_diagram(doc, ids, "Collaboration_1" if doc.lanes else process))
    out.append("</definitions>\n")
    return "\n".join(out)


def _diagram(doc: Document, ids: _Ids, plane_of: str) -> list[str]:
    out = ['<bpmndi:BPMNDiagram id="Diagram_1">',
           f'<bpmndi:BPMNPlane id="Plane_1" bpmnElement="{plane_of}">']
    boxes = {node.id: _box(node) for node in doc.nodes.values()}
    if doc.lanes:
        bands = lane_bands(doc)
        right = max((b[0] + b[2] for b in boxes.values()), default=400.0) + 60.0
        left = -LANE_HEADER_WIDTH
        top, bottom = bands[doc.lanes[0].id][0], bands[doc.lanes[-1].id][1]
        out.append(_shape("Participant_1", left - 30.0, top, right - left + 30.0, bottom - top,
                          horizontal=True))
        for lane in doc.lanes:
            lane_top, lane_bottom = bands[lane.id]
            out.append(_shape(ids.lane(lane.id), left, lane_top, right - left,
                              lane_bottom - lane_top, horizontal=True))
    for node in doc.nodes.values():
        out.append(_shape(ids.node(node.id), *boxes[node.id]))
    for edge in doc.edges.values():
        sx, sy, sw, sh = boxes[edge.source]
        tx, ty, _tw, th = boxes[edge.target]
        bends = "".join(f'<di:waypoint x="{x:g}" y="{y:g}"/>' for x, y in edge.points)
        out.append(f'<bpmndi:BPMNEdge id="{ids.edge(edge.id)}_di" '
                   f'bpmnElement="{ids.edge(edge.id)}">'
                   f'<di:waypoint x="{sx + sw:g}" y="{sy + sh / 2:g}"/>{bends}'
                   f'<di:waypoint x="{tx:g}" y="{ty + th / 2:g}"/></bpmndi:BPMNEdge>')
    out.append("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
    return out


def _box(node: object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = node_extent(node)  # type: ignore[arg-type]
    kind = node.kind  # type: ignore[attr-defined]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if kind in (NodeKind.START, NodeKind.END):
        return (cx - _EVENT_SIZE / 2, cy - _EVENT_SIZE / 2, _EVENT_SIZE, _EVENT_SIZE)
    if kind is NodeKind.DECISION:
        return (cx - _GATEWAY_SIZE / 2, cy - _GATEWAY_SIZE / 2, _GATEWAY_SIZE, _GATEWAY_SIZE)
    return (x0, y0, x1 - x0, y1 - y0)


def _shape(element: str, x: float, y: float, w: float, h: float,
           horizontal: bool = False) -> str:
    flag = ' isHorizontal="true"' if horizontal else ""
    return (f'<bpmndi:BPMNShape id="{element}_di" bpmnElement="{element}"{flag}>'
            f'<dc:Bounds x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"/></bpmndi:BPMNShape>')


class _Ids:
    """BPMN ids are XML NCNames (no leading digit, '-', '.'): flowedit ids get a prefix."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def node(self, node_id: str) -> str:
        return "N_" + node_id

    def edge(self, edge_id: str) -> str:
        return "F_" + edge_id

    def lane(self, lane_id: str) -> str:
        return "L_" + lane_id


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))

