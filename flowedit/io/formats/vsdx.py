"""Microsoft Visio .vsdx (a zip of XML parts). No Qt here.

Read: the pages (choose one), shapes with text, masters named like flowchart shapes (Decision:
decision; Start/End, Terminator, ellipses: start or end by their arrows; Process and other shapes
with text: stage), connectors glued to shapes (the page's Connects), swimlanes of the
Cross-Functional Flowchart as lanes (shapes join the lane whose box holds them), shape data rows
named like flowedit's fields. The archive is read in memory with caps on entries and sizes, and
names inside it are only looked up in the archive, never used as paths.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from flowedit.i18n import _, format_number
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import (
    COLOUR_HEX,
    MAX_INPUT_BYTES,
    Builder,
    ImportResult,
    RawEdge,
    RawLane,
    RawNode,
    nearest_colour,
    number,
    pages_note,
    parse_xml,
    read_input,
)
from flowedit.io.formats.drawio import choose_page
from flowedit.model.elements import NodeKind, Outcome

V_NS = "http://schemas.microsoft.com/office/visio/2012/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_V = "{" + V_NS + "}"
MAX_ENTRIES = 2_000
#: Visio measures in inches; flowedit draws in pixels at 96 per inch.
SCALE = 96.0


def read_vsdx(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
              name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    package = _Package(data, name)
    pages = package.pages()
    if not pages:
        raise FlowFileError(name, _("the Visio file holds no page"))
    names = [title for title, _part in pages]
    index = choose_page(names, page, name)
    title, part = pages[index]
    default_name = re.fullmatch(r"Page-\d+", title) is not None
    builder = Builder(name, os.path.splitext(os.path.basename(name))[0] if default_name
                      else title)
    if len(pages) > 1:
        builder.warn(pages_note(names, index))
    _PageReader(package, part, builder).read()
    return builder.result(names if len(pages) > 1 else [], title if len(pages) > 1 else None)


class _Package:
    """The zip, read with caps: a bomb or a maze of entries stops with a message."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self.total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise FlowFileError(name, _("this is not a Visio .vsdx file (not a zip archive); "
                                        "old .vsd files must be saved as .vsdx in Visio")
                                ) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise FlowFileError(name, _("the archive holds {count} entries; a Visio file has far "
                                        "fewer (at most {limit} are read)").format(
                                            count=format_number(len(infos), 0),
                                            limit=format_number(MAX_ENTRIES, 0)))
        self.entries = {info.filename: info for info in infos}
        if "visio/document.xml" not in self.entries and "visio/pages/pages.xml" not in \
                self.entries:
            raise FlowFileError(name, _("this zip archive is not a Visio drawing (it has no "
                                        "visio/pages/pages.xml)"))

    def read(self, part: str) -> bytes:
        info = self.entries.get(part)
        if info is None:
            raise FlowFileError(self.name, _("the Visio file lacks its part {part}").format(
                part=repr(part)))
        if info.file_size > MAX_INPUT_BYTES or self.total + info.file_size > MAX_INPUT_BYTES:
            raise FlowFileError(self.name, _("the part {part} unpacks to more than {limit} MiB; "
                                             "refused as a zip bomb").format(
                                                 part=repr(part),
                                                 limit=MAX_INPUT_BYTES // (1024 * 1024)))
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_INPUT_BYTES + 1 - self.total)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            raise FlowFileError(self.name, _("the part {part} is damaged ({problem})").format(
                part=repr(part), problem=error)) from None
        self.total += len(data)
        if self.total > MAX_INPUT_BYTES:
            raise FlowFileError(self.name, _("the archive unpacks to more than {limit} MiB; "
                                             "refused as a zip bomb").format(
                                                 limit=MAX_INPUT_BYTES // (1024 * 1024)))
        return data

    def xml(self, part: str) -> ET.Element:
        return parse_xml(self.read(part), f"{self.name} ({part})", _("Visio XML"))

    def rels(self, part: str) -> dict[str, str]:
        """Relationship id -> the part it names, resolved inside the archive only."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if rels_part not in self.entries:
            return {}
        found = {}
        for rel in self.xml(rels_part):
            target = rel.get("Target") or ""
            resolved = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            if target.startswith("/"):
                resolved = target.lstrip("/")
            if rel.get("Id") and resolved in self.entries:
                found[rel.get("Id") or ""] = resolved
        return found

    def pages(self) -> list[tuple[str, str]]:
        listing = "visio/pages/pages.xml"
        root = self.xml(listing)
        rels = self.rels(listing)
        pages = []
        for number_, page in enumerate(root.findall(_V + "Page"), 1):
            if page.get("Background") == "1":
                continue
            rel = page.find(_V + "Rel")
            part = rels.get(rel.get("{" + R_NS + "}id") or "") if rel is not None else None
            if part:
                pages.append((page.get("NameU") or page.get("Name") or f"Page-{number_}", part))
        return pages

    def masters(self) -> dict[str, tuple[str, ET.Element | None]]:
        """Master id -> (its name, its first shape, whose cells shapes inherit)."""
        listing = "visio/masters/masters.xml"
        if listing not in self.entries:
            return {}
        rels = self.rels(listing)
        found: dict[str, tuple[str, ET.Element | None]] = {}
        for master in self.xml(listing).findall(_V + "Master"):
            rel = master.find(_V + "Rel")
            part = rels.get(rel.get("{" + R_NS + "}id") or "") if rel is not None else None
            shape = None
            if part:
                shapes = self.xml(part).find(_V + "Shapes")
                if shapes is not None and len(shapes):
                    shape = shapes[0]
            found[master.get("ID") or ""] = (master.get("NameU") or master.get("Name") or "",
                                            shape)
        return found


def _cells(shape: ET.Element | None) -> dict[str, str]:
    if shape is None:
        return {}
    return {cell.get("N") or "": cell.get("V") or "" for cell in shape.findall(_V + "Cell")}


def _text(shape: ET.Element | None) -> str:
    if shape is None:
        return ""
    text = shape.find(_V + "Text")
    if text is None:
        return ""
    return " ".join("".join(text.itertext()).split("\r\n")).replace("\r", "\n").strip()


def _data(shape: ET.Element, section_name: str = "Property") -> dict[str, str]:
    """Shape data rows (the Property section, or User cells): name -> value."""
    found = {}
    for section in shape.findall(_V + "Section"):
        if section.get("N") != section_name:
            continue
        for row in section.findall(_V + "Row"):
            cells = _cells(row)
            if row.get("N"):
                found[row.get("N") or ""] = cells.get("Value", "")
    return found


class _PageReader:
    def __init__(self, package: _Package, part: str, builder: Builder) -> None:
        self.package = package
        self.part = part
        self.builder = builder
        self.masters = package.masters()
        self.page_height = 11.0
        self.labels: dict[str, str] = {}
        self.probabilities: dict[str, str] = {}
        self.bends: dict[str, list[tuple[float, float]]] = {}
        self.edge_ids: dict[str, str] = {}
        self.key_of: dict[str, str] = {}

    def read(self) -> None:
        root = self.package.xml(self.part)
        listing = self.package.xml("visio/pages/pages.xml")
        for page in listing.findall(_V + "Page"):
            sheet = page.find(_V + "PageSheet")
            height = number(_cells(sheet).get("PageHeight"))
            if height:
                self.page_height = height
                break
        glued: dict[str, dict[str, str]] = {}
        connects = root.find(_V + "Connects")
        for connect in (connects if connects is not None else []):
            end = "source" if (connect.get("FromCell") or "").startswith("Begin") else "target"
            glued.setdefault(connect.get("FromSheet") or "", {})[end] = connect.get("ToSheet") \
                or ""
        targets = {sheet for ends in glued.values() for sheet in ends.values()}
        shapes = root.find(_V + "Shapes")
        connectors: list[str] = []
        for shape in (shapes if shapes is not None else []):
            self.shape(shape, (0.0, 0.0), glued, targets, connectors)
        for connector in connectors:
            ends = glued.get(connector, {})
            if "source" not in ends or "target" not in ends:
                self.builder.drop("unglued")
                continue
            self.builder.add_edge(RawEdge(self.edge_ids.get(connector) or connector,
                                          self.key_of.get(ends["source"], ""),
                                          self.key_of.get(ends["target"], ""),
                                          self.labels.get(connector) or None,
                                          number(self.probabilities.get(connector)),
                                          self.bends.get(connector, [])))

    def connector_bends(self, shape: ET.Element, cells: dict[str, str],
                        origin: tuple[float, float]) -> list[tuple[float, float]]:
        """A connector's corners between its ends, in pixels on the page: the vertices of its
        line (its own geometry, in inches from its local origin) but the first and last."""
        section = next((g for g in shape.findall(_V + "Section") if g.get("N") == "Geometry"),
                       None)
        if section is None:
            return []
        vertices = []
        for row in section.findall(_V + "Row"):
            if row.get("T") not in ("MoveTo", "LineTo"):
                return []  # arcs and splines: no plain corners to keep
            row_cells = _cells(row)
            x, y = number(row_cells.get("X")), number(row_cells.get("Y"))
            if x is None or y is None:
                return []
            vertices.append((x, y))
        pin_x, pin_y = number(cells.get("PinX"), 0.0) or 0.0, number(cells.get("PinY"), 0.0) \
            or 0.0
        left = origin[0] + pin_x - (number(cells.get("LocPinX"), 0.0) or 0.0)
        bottom = origin[1] + pin_y - (number(cells.get("LocPinY"), 0.0) or 0.0)
        return [((left + x) * SCALE, (self.page_height - bottom - y) * SCALE)
                for x, y in vertices[1:-1]]

    def shape(self, shape: ET.Element, origin: tuple[float, float],
              glued: dict[str, dict[str, str]], targets: set[str],
              connectors: list[str]) -> None:
        ident = shape.get("ID") or ""
        master_name, master_shape = self.masters.get(shape.get("Master") or "", ("", None))
        cells = {**_cells(master_shape), **_cells(shape)}
        text = _text(shape) if shape.find(_V + "Text") is not None else _text(master_shape)
        if not text and master_shape is not None and shape.get("Type") == "Group":
            # A group from a stencil: its words sit in one of the master's inner shapes.
            text = next((t for inner in master_shape.iter(_V + "Shape") if (t := _text(inner))),
                        "")
        lowered = master_name.lower()
        if ident in glued or "connector" in lowered or ("BeginX" in cells and "EndX" in cells
                                                        and ident not in targets):
            self.labels[ident] = text
            self.probabilities[ident] = _data(shape).get("probability", "")
            self.edge_ids[ident] = _data(shape).get("flowedit_id", "")
            self.bends[ident] = self.connector_bends(shape, cells, origin)
            connectors.append(ident)
            return
        pin_x, pin_y = number(cells.get("PinX"), 0.0) or 0.0, number(cells.get("PinY"), 0.0) \
            or 0.0
        width, height = number(cells.get("Width"), 0.0) or 0.0, number(cells.get("Height"),
                                                                        0.0) or 0.0
        x, y = origin[0] + pin_x, origin[1] + pin_y
        centre = (x * SCALE, (self.page_height - y) * SCALE)
        if lowered.startswith("swimlane") or "swimlane" in _data(shape, "User").get(
                "msvShapeCategories", "").lower():
            self.builder.lanes.append(RawLane(
                _data(shape).get("flowedit_lane") or ident, text or master_name,
                centre[0] - width * SCALE / 2,
                centre[1] - height * SCALE / 2, width * SCALE, height * SCALE,
                nearest_colour(cells.get("FillForegnd"))))
            return
        if lowered.startswith(("cff container", "phase", "separator", "title")):
            self.builder.drop("cff-part")
            return
        children = shape.find(_V + "Shapes")
        if shape.get("Type") == "Group" and children is not None and not text \
                and ident not in targets:
            left = x - (number(cells.get("LocPinX"), width / 2) or 0.0)
            bottom = y - (number(cells.get("LocPinY"), height / 2) or 0.0)
            for child in children:
                self.shape(child, (left, bottom), glued, targets, connectors)
            return
        if not text and ident not in targets:
            self.builder.drop("no-text")
            return
        kind: NodeKind | None = NodeKind.STAGE
        geometry = {row.get("T") for row in shape.iter(_V + "Row")} | (
            {row.get("T") for row in master_shape.iter(_V + "Row")} if master_shape is not None
            else set())
        if "decision" in lowered or "diamond" in lowered:
            kind = NodeKind.DECISION
        elif any(word in lowered for word in ("start", "end", "terminator", "circle",
                                              "ellipse")) or "Ellipse" in geometry:
            kind = None
        key = _data(shape).get("flowedit_id") or ident
        self.key_of[ident] = key
        node = RawNode(key, kind, text, centre[0], centre[1], width * SCALE or None,
                       height * SCALE or None)
        node.color = nearest_colour(cells.get("FillForegnd"))
        data = _data(shape)
        if data.get("flowedit_kind") in {k.value for k in NodeKind}:
            node.kind = NodeKind(data["flowedit_kind"])
        node.owner = data.get("owner") or None
        node.description = data.get("description") or None
        node.duration_days = number(data.get("duration_days"))
        if data.get("outcome") in ("won", "lost"):
            node.outcome = Outcome(data["outcome"])
        if shape.get("Type") == "Group" and children is not None:
            self.builder.change("shape-group")
        self.builder.add_node(node)



# ----------------------------------------------------------------------- writing
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/visio/document.xml" ContentType="application/vnd.ms-visio.drawing.main+xml"/>\
<Override PartName="/visio/pages/pages.xml" ContentType="application/vnd.ms-visio.pages+xml"/>\
<Override PartName="/visio/pages/page1.xml" ContentType="application/vnd.ms-visio.page+xml"/>\
</Types>"""
_REL = ('<Relationship Id="{id}" '
        'Type="http://schemas.microsoft.com/visio/2010/relationships/{kind}" Target="{target}"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>')
_HEAD = (f"<?xml version='1.0' encoding='utf-8' ?>\n<{{tag}} xmlns='{V_NS}' xmlns:r='{R_NS}' "
         "xml:space='preserve'>")


def write_vsdx(doc: object) -> bytes:
    """A .vsdx of one page: lanes as swimlane-tagged bands, shapes with their geometry and text,
    connectors glued to both ends (Connects), flowedit's fields as shape data."""
    from xml.sax.saxutils import escape, quoteattr

    from flowedit.model.document import Document
    from flowedit.model.geometry import LANE_HEADER_WIDTH, lane_bands, node_extent

    assert isinstance(doc, Document)
    nodes = list(doc.nodes.values())
    right = max((node_extent(n)[2] for n in nodes), default=400.0) + 60.0
    bottom = max([node_extent(n)[3] for n in nodes] + [b for _, b in lane_bands(doc).values()]
                 + [200.0]) + 60.0
    left = -LANE_HEADER_WIDTH
    top = min([node_extent(n)[1] for n in nodes] + [0.0]) - 60.0
    page_w, page_h = (right - left) / SCALE, (bottom - top) / SCALE

    def inches(x: float, y: float) -> tuple[float, float]:
        return (x - left) / SCALE, page_h - (y - top) / SCALE

    shapes: list[str] = []
    sheet_of: dict[str, int] = {}
    next_id = 1

    def data_section(values: dict[str, str]) -> str:
        rows = "".join(f"<Row N={quoteattr(key)}><Cell N='Value' V={quoteattr(value)} U='STR'/>"
                       f"<Cell N='Label' V={quoteattr(key.replace('_', ' ').capitalize())}/>"
                       "</Row>" for key, value in values.items())
        return f"<Section N='Property'>{rows}</Section>" if rows else ""

    def box_shape(sheet: int, name: str, x0: float, y0: float, x1: float, y1: float,
                  geometry: str, text: str, extra: str = "") -> str:
        (px, py), w, h = inches((x0 + x1) / 2, (y0 + y1) / 2), (x1 - x0) / SCALE, \
            (y1 - y0) / SCALE
        return (f"<Shape ID='{sheet}' NameU={quoteattr(name)} Name={quoteattr(name)} "
                f"Type='Shape'><Cell N='PinX' V='{px:.6f}'/><Cell N='PinY' V='{py:.6f}'/>"
                f"<Cell N='Width' V='{w:.6f}'/><Cell N='Height' V='{h:.6f}'/>"
                f"<Cell N='LocPinX' V='{w / 2:.6f}' F='Width*0.5'/>"
                f"<Cell N='LocPinY' V='{h / 2:.6f}' F='Height*0.5'/>{extra}"
                f"<Section N='Geometry' IX='0'>{geometry}</Section>"
                f"<Text>{escape(text)}</Text></Shape>")

    rect = ("<Row T='RelMoveTo' IX='1'><Cell N='X' V='0'/><Cell N='Y' V='0'/></Row>"
            "<Row T='RelLineTo' IX='2'><Cell N='X' V='1'/><Cell N='Y' V='0'/></Row>"
            "<Row T='RelLineTo' IX='3'><Cell N='X' V='1'/><Cell N='Y' V='1'/></Row>"
            "<Row T='RelLineTo' IX='4'><Cell N='X' V='0'/><Cell N='Y' V='1'/></Row>"
            "<Row T='RelLineTo' IX='5'><Cell N='X' V='0'/><Cell N='Y' V='0'/></Row>")
    diamond = ("<Row T='RelMoveTo' IX='1'><Cell N='X' V='0.5'/><Cell N='Y' V='0'/></Row>"
               "<Row T='RelLineTo' IX='2'><Cell N='X' V='1'/><Cell N='Y' V='0.5'/></Row>"
               "<Row T='RelLineTo' IX='3'><Cell N='X' V='0.5'/><Cell N='Y' V='1'/></Row>"
               "<Row T='RelLineTo' IX='4'><Cell N='X' V='0'/><Cell N='Y' V='0.5'/></Row>"
               "<Row T='RelLineTo' IX='5'><Cell N='X' V='0.5'/><Cell N='Y' V='0'/></Row>")

    def ellipse(w: float, h: float) -> str:
        return (f"<Row T='Ellipse' IX='1'><Cell N='X' V='{w / 2:.6f}' F='Width*0.5'/>"
                f"<Cell N='Y' V='{h / 2:.6f}' F='Height*0.5'/><Cell N='A' V='{w:.6f}' F='Width'/>"
                f"<Cell N='B' V='{h / 2:.6f}' F='Height*0.5'/><Cell N='C' V='{w / 2:.6f}' "
                f"F='Width*0.5'/><Cell N='D' V='{h:.6f}' F='Height'/></Row>")

    bands = lane_bands(doc)
    for lane in doc.lanes:
        lane_top, lane_bottom = bands[lane.id]
        user = ("<Section N='User'><Row N='msvShapeCategories'><Cell N='Value' V='Swimlane' "
                "U='STR'/></Row></Section>") + data_section({"flowedit_lane": lane.id})
        shapes.append(box_shape(next_id, "Swimlane", left, lane_top, right, lane_bottom, rect,
                                lane.name, _fill(lane.color) + user))
        next_id += 1
    kinds = {NodeKind.START: "Start/End", NodeKind.END: "Start/End", NodeKind.STAGE: "Process",
             NodeKind.DECISION: "Decision"}
    for node in nodes:
        x0, y0, x1, y1 = node_extent(node)
        w, h = (x1 - x0) / SCALE, (y1 - y0) / SCALE
        geometry = diamond if node.kind is NodeKind.DECISION else (
            ellipse(w, h) if node.kind in (NodeKind.START, NodeKind.END) else rect)
        values = {"flowedit_kind": node.kind.value, "flowedit_id": node.id}
        for key in ("owner", "description", "duration_days", "outcome"):
            value = getattr(node, key)
            if value is not None:
                values[key] = f"{value:g}" if isinstance(value, float) else str(
                    getattr(value, "value", value))
        sheet_of[node.id] = next_id
        shapes.append(box_shape(next_id, kinds[node.kind], x0, y0, x1, y1, geometry, node.name,
                                _fill(node.color) + data_section(values)))
        next_id += 1
    connects: list[str] = []
    for edge in doc.edges.values():
        source, target = doc.nodes[edge.source], doc.nodes[edge.target]
        bx, by = inches(source.x, source.y)
        ex, ey = inches(target.x, target.y)
        vertices = [(bx, by), *(inches(x, y) for x, y in edge.points), (ex, ey)]
        low_x, low_y = min(v[0] for v in vertices), min(v[1] for v in vertices)
        w = max(max(v[0] for v in vertices) - low_x, 0.01)
        h = max(max(v[1] for v in vertices) - low_y, 0.01)
        line = "".join(
            f"<Row T='{'MoveTo' if i == 0 else 'LineTo'}' IX='{i + 1}'>"
            f"<Cell N='X' V='{x - low_x:.6f}'/><Cell N='Y' V='{y - low_y:.6f}'/></Row>"
            for i, (x, y) in enumerate(vertices))
        sheet = next_id
        next_id += 1
        values = {"flowedit_id": edge.id}
        if edge.probability is not None:
            values["probability"] = f"{edge.probability:g}"
        shapes.append(
            f"<Shape ID='{sheet}' NameU='Dynamic connector' Name='Dynamic connector' "
            f"Type='Shape'><Cell N='BeginX' V='{bx:.6f}'/><Cell N='BeginY' V='{by:.6f}'/>"
            f"<Cell N='EndX' V='{ex:.6f}'/><Cell N='EndY' V='{ey:.6f}'/>"
            f"<Cell N='PinX' V='{low_x + w / 2:.6f}'/><Cell N='PinY' V='{low_y + h / 2:.6f}'/>"
            f"<Cell N='Width' V='{w:.6f}'/><Cell N='Height' V='{h:.6f}'/>"
            f"<Cell N='LocPinX' V='{w / 2:.6f}'/><Cell N='LocPinY' V='{h / 2:.6f}'/>"
            "<Cell N='EndArrow' V='13'/>" + data_section(values)
            + f"<Section N='Geometry' IX='0'><Cell N='NoFill' V='1'/>{line}</Section>"
            f"<Text>{escape(edge.label or '')}</Text></Shape>")
        connects.append(f"<Connect FromSheet='{sheet}' FromCell='BeginX' FromPart='9' "
                        f"ToSheet='{sheet_of[edge.source]}' ToCell='PinX' ToPart='3'/>")
        connects.append(f"<Connect FromSheet='{sheet}' FromCell='EndX' FromPart='12' "
                        f"ToSheet='{sheet_of[edge.target]}' ToCell='PinX' ToPart='3'/>")
    page = (_HEAD.format(tag="PageContents") + "<Shapes>" + "".join(shapes) + "</Shapes>"
            + (f"<Connects>{''.join(connects)}</Connects>" if connects else "")
            + "</PageContents>")
    title = quoteattr(doc.title or "Page-1")
    pages = (_HEAD.format(tag="Pages") + f"<Page ID='0' NameU={title} Name={title}>"
             f"<PageSheet><Cell N='PageWidth' V='{page_w:.6f}'/><Cell N='PageHeight' "
             f"V='{page_h:.6f}'/></PageSheet><Rel r:id='rId1'/></Page></Pages>")
    document = _HEAD.format(tag="VisioDocument") + "</VisioDocument>"
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS.format(_REL.format(id="rId1", kind="document",
                                                target="visio/document.xml")),
        "visio/document.xml": document,
        "visio/_rels/document.xml.rels": _RELS.format(_REL.format(
            id="rId1", kind="pages", target="pages/pages.xml")),
        "visio/pages/pages.xml": pages,
        "visio/pages/_rels/pages.xml.rels": _RELS.format(_REL.format(
            id="rId1", kind="page", target="page1.xml")),
        "visio/pages/page1.xml": page,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in parts.items():
            archive.writestr(part, text.encode("utf-8"))
    return buffer.getvalue()


def _fill(colour: object) -> str:
    """A shape's fill colour cell (before its sections, as the Visio schema orders them)."""
    return f"<Cell N='FillForegnd' V='{COLOUR_HEX[colour]}'/>" if colour else ""  # type: ignore[index]
