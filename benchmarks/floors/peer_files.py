"""The same drawing for the peers: a Graphviz .dot file with every position pinned (for
`neato -n2`, which then only draws) and a Dia .dia file, both from a flowedit Document.

Shapes keep flowedit's kind, size, name and position; arrows keep their label. Lanes are drawn
as plain boxes behind the shapes, like flowedit draws them. No Qt.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from flowedit.io import save_document
from flowedit.model import Document, NodeKind
from flowedit.model.generate import generate_process

_DOT_SHAPES = {NodeKind.START: "ellipse", NodeKind.STAGE: "box", NodeKind.DECISION: "diamond",
               NodeKind.END: "ellipse"}
_DIA_SHAPES = {NodeKind.START: "Flowchart - Ellipse", NodeKind.STAGE: "Flowchart - Box",
               NodeKind.DECISION: "Flowchart - Diamond", NodeKind.END: "Flowchart - Ellipse"}
#: Dia draws in centimetres; flowedit's scene pixel is 1/96 inch.
_CM = 2.54 / 96


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_dot(doc: Document, path: Path) -> None:
    """Positions in points (72 per inch), sizes in inches, y upwards as Graphviz wants; every
    position pinned, so `neato -n2` only draws."""
    pt = 72 / 96
    lines = ["digraph process {", '  graph [splines=line, outputorder=edgesfirst];',
             '  node [style="filled", fillcolor="#e3f2fd", color="#1565c0", fontsize=10];',
             '  edge [color="#455a64", fontsize=9];']
    width = max((n.x for n in doc.nodes.values()), default=0) + 200
    top = 0.0
    for index, lane in enumerate(doc.lanes):
        centre_y = top + lane.height / 2
        lines.append(f'  lane{index} [shape=box, style="filled", fillcolor="#fafbfc", '
                     f'color="#b0bec5", label={_quote(lane.name)}, labelloc=t, '
                     f'pos="{width / 2 * pt:.1f},{-centre_y * pt:.1f}!", '
                     f'width={width / 96:.2f}, height={lane.height / 96:.2f}, fixedsize=shape];')
        top += lane.height
    for node in doc.nodes.values():
        w, h = node.size
        lines.append(f'  {_quote(node.id)} [shape={_DOT_SHAPES[node.kind]}, '
                     f'label={_quote(node.name)}, pos="{node.x * pt:.1f},{-node.y * pt:.1f}!", '
                     f'width={w / 96:.2f}, height={h / 96:.2f}, fixedsize=shape];')
    for edge in doc.edges.values():
        # The arrow and its label pinned too (straight, from shape to shape, with its head):
        # placing labels itself makes neato quadratic in their number.
        a, b = doc.nodes[edge.source], doc.nodes[edge.target]
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        ra, rb = min(a.size) / 2, min(b.size) / 2
        x1, y1 = (a.x + ux * ra) * pt, -(a.y + uy * ra) * pt
        x2, y2 = (b.x - ux * (rb + 10)) * pt, -(b.y - uy * (rb + 10)) * pt
        ex, ey = (b.x - ux * rb) * pt, -(b.y - uy * rb) * pt
        attrs = (f'pos="e,{ex:.1f},{ey:.1f} {x1:.1f},{y1:.1f} {x1:.1f},{y1:.1f} '
                 f'{x2:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"')
        if edge.label:
            attrs += (f", label={_quote(edge.label)}, "
                      f'lp="{(x1 + x2) / 2:.1f},{(y1 + y2) / 2:.1f}"')
        lines.append(f"  {_quote(edge.source)} -> {_quote(edge.target)} [{attrs}];")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _dia_text(text: str, x: float | None = None, y: float | None = None) -> str:
    pos = "" if x is None else f'<dia:attribute name="pos"><dia:point val="{x:.2f},{y:.2f}"/>' \
                               "</dia:attribute>"
    return ('<dia:attribute name="text"><dia:composite type="text"><dia:attribute name="string">'
            f"<dia:string>#{escape(text).replace('#', '')}#</dia:string></dia:attribute>{pos}"
            "</dia:composite></dia:attribute>")


def write_dia(doc: Document, path: Path) -> None:
    """Uncompressed Dia XML: a box, ellipse or diamond with its text per shape, a line with an
    arrow head per arrow, a text per arrow label, a box per lane."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<dia:diagram xmlns:dia="http://www.lysator.liu.se/~alla/dia/">',
           '<dia:layer name="Background" visible="true" active="true">']
    ids = 0

    def obj(kind: str, body: str, version: int = 0) -> None:
        nonlocal ids
        out.append(f'<dia:object type="{kind}" version="{version}" id="O{ids}">{body}'
                   "</dia:object>")
        ids += 1

    def corner(x: float, y: float, w: float, h: float) -> str:
        return (f'<dia:attribute name="elem_corner"><dia:point val="{x * _CM:.2f},{y * _CM:.2f}"/>'
                f'</dia:attribute><dia:attribute name="elem_width"><dia:real val="{w * _CM:.2f}"/>'
                f'</dia:attribute><dia:attribute name="elem_height">'
                f'<dia:real val="{h * _CM:.2f}"/></dia:attribute>')

    width = max((n.x for n in doc.nodes.values()), default=0) + 200
    top = 0.0
    for lane in doc.lanes:
        obj("Flowchart - Box", corner(0, top, width, lane.height) + _dia_text(lane.name))
        top += lane.height
    for node in doc.nodes.values():
        w, h = node.size
        obj(_DIA_SHAPES[node.kind], corner(node.x - w / 2, node.y - h / 2, w, h)
            + _dia_text(node.name))
    for edge in doc.edges.values():
        a, b = doc.nodes[edge.source], doc.nodes[edge.target]
        obj("Standard - Line",
            f'<dia:attribute name="conn_endpoints"><dia:point val="{a.x * _CM:.2f},'
            f'{a.y * _CM:.2f}"/><dia:point val="{b.x * _CM:.2f},{b.y * _CM:.2f}"/>'
            '</dia:attribute><dia:attribute name="end_arrow"><dia:enum val="22"/>'
            '</dia:attribute>')
        if edge.label:
            x, y = (a.x + b.x) / 2 * _CM, (a.y + b.y) / 2 * _CM
            obj("Standard - Text", f'<dia:attribute name="obj_pos"><dia:point val="{x:.2f},'
                f'{y:.2f}"/></dia:attribute>' + _dia_text(edge.label, x, y), version=1)
    out += ["</dia:layer>", "</dia:diagram>"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _generate_past_the_limits(size: int) -> Document:
    """Issue 13 measures 50,000 stages, more than the model's limits (model/limits.py) allow:
    the file is still written, by lifting the limits in this process only, so that the table
    shows what flowedit answers to it (a refusal) beside what the peers do."""
    import flowedit.io.flowfile as flowfile
    import flowedit.model.document as document
    import flowedit.model.rules as rules

    for module, name in ((document, "MAX_NODES"), (rules, "MAX_EDGES"),
                         (flowfile, "MAX_NODES"), (flowfile, "MAX_EDGES"),
                         (flowfile, "MAX_FILE_BYTES")):
        if hasattr(module, name):
            setattr(module, name, max(getattr(module, name), size * 1000))
    return generate_process(size)


def main() -> None:
    """python -m benchmarks.floors.peer_files FOLDER SIZE...: writes process-SIZE.yaml, .dot
    and .dia there. A separate process, so that the benchmark's own process stays small: a
    child's max RSS starts from its parent's (fork, then exec, keeps the high-water mark)."""
    folder = Path(sys.argv[1])
    for size in map(int, sys.argv[2:]):
        doc = _generate_past_the_limits(size)
        path = folder / f"process-{size}.yaml"
        save_document(doc, path)
        write_dot(doc, path.with_suffix(".dot"))
        write_dia(doc, path.with_suffix(".dia"))


if __name__ == "__main__":
    main()
