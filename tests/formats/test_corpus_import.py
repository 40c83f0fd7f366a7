"""Every real diagram of the corpora imports, or is refused with a clear message when broken on
purpose; the counts of stages, decisions, lanes and arrows match what each file holds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from formats_corpus import CORPORA, corpus_files, file_id

from flowedit.io.errors import FlowFileError
from flowedit.io.formats import import_file
from flowedit.io.formats.bpmn import read_bpmn
from flowedit.io.formats.drawio import read_drawio
from flowedit.io.formats.graphml import read_graphml
from flowedit.io.formats.mermaid import read_mermaid
from flowedit.io.formats.vsdx import read_vsdx

#: Broken on purpose (corpora README and bpmn-js-fixtures/SOURCES.md): the message expected.
BROKEN = {
    "bpmn-miwg/stress/GenMyModel-0.47__C.1.1-export.bpmn": "not valid UTF-8",
    "bpmn-js-fixtures/error/gateway-type-default.bpmn": "not well-formed",
    "bpmn-js-fixtures/error/multiple-nested-processes.bpmn": "not well-formed",
    "bpmn-js-fixtures/error/no-xml.txt": "not a diagram flowedit can import",
    "bpmn-js-fixtures/error/binary.png": "no draw.io diagram",
    "bpmn-js-fixtures/error/missing-namespace.bpmn": "not in the BPMN 2.0 namespace",
    "bpmn-js-fixtures/error/invalid-child.bpmn": "holds no process",
}
DIAGRAMS = [
    *corpus_files("drawio-diagrams", "*.drawio", "*.xml", "*.drawio.svg"),
    *corpus_files("bpmn-js-fixtures", "*.bpmn", "*.txt", "*.png"),
    *corpus_files("bpmn-miwg", "*.bpmn"),
    *corpus_files("camunda-bpm-examples", "*.bpmn"),
    *corpus_files("mermaid-flowchart", "*.mmd"),
    *corpus_files("visio", "*.vsdx"),
    *corpus_files("yed-graphml", "*.graphml"),
]


def counts(path: Path, reader=None, page=None) -> dict[str, int]:  # type: ignore[no-untyped-def]
    result = reader(path, page) if reader else import_file(path, page)
    doc = result.document
    kinds = Counter(node.kind.value for node in doc.nodes.values())
    return {"stages": kinds["stage"], "decisions": kinds["decision"], "starts": kinds["start"],
            "ends": kinds["end"], "lanes": len(doc.lanes), "arrows": len(doc.edges),
            "labelled": sum(1 for edge in doc.edges.values() if edge.label)}


def test_the_corpora_are_there(corpora: Path) -> None:
    assert len(DIAGRAMS) > 150


@pytest.mark.parametrize("path", DIAGRAMS, ids=file_id)
def test_every_corpus_file_imports_or_is_refused_clearly(path: Path) -> None:
    relative = file_id(path)
    if relative in BROKEN:
        with pytest.raises(FlowFileError) as caught:
            import_file(path)
        assert BROKEN[relative] in str(caught.value)
        assert str(caught.value).startswith(str(path))
        return
    result = import_file(path)
    assert all(isinstance(warning, str) and warning for warning in result.warnings)
    for page in range(2, len(result.pages) + 1):
        import_file(path, page)


# Counted by hand from each file (its cells, shapes and edges read one by one).
HAND_COUNTED = {
    "drawio-diagrams/templates__flowcharts__cross_functional_flowchart_2.xml":
        (read_drawio, None, {"stages": 17, "decisions": 4, "lanes": 2, "arrows": 24,
                             "labelled": 8}),
    "drawio-diagrams/templates__basic__flowchart.xml":
        (read_drawio, None, {"stages": 4, "decisions": 2, "lanes": 0, "arrows": 5,
                             "labelled": 4}),
    "drawio-diagrams/diagrams__flowchart.drawio.svg":
        (read_drawio, None, {"stages": 4, "decisions": 2, "lanes": 0, "arrows": 5,
                             "labelled": 4}),
    "drawio-diagrams/templates__basic__swimlanes.xml":
        (read_drawio, None, {"starts": 1, "stages": 4, "ends": 1, "decisions": 2, "lanes": 3,
                             "arrows": 8}),
    "mermaid-flowchart/docs-flowchart/085-minimum-length-of-a-link.mmd":
        (read_mermaid, None, {"stages": 4, "decisions": 1, "lanes": 0, "arrows": 5,
                              "labelled": 2}),
    "mermaid-flowchart/docs-flowchart/089-subgraphs.mmd":
        (read_mermaid, None, {"stages": 6, "lanes": 3, "arrows": 4, "labelled": 0}),
    "mermaid-flowchart/docs-flowchart/080-chaining-of-links.mmd":
        (read_mermaid, None, {"stages": 4, "arrows": 4}),
    "yed-graphml/graphml-viewer__test.graphml":
        (read_graphml, None, {"stages": 8, "ends": 1, "arrows": 11}),
    "yed-graphml/yEdExtended__yed_modified_app_created.graphml":
        (read_graphml, None, {"stages": 4, "lanes": 1, "arrows": 2, "labelled": 1}),
    "yed-graphml/graphml-viewer__testNodes.graphml":  # 44 nodes - 3 groups - 3 tables - 7 SVG
        (read_graphml, None, {"stages": 24, "decisions": 5, "ends": 2, "lanes": 6}),
    "visio/test4_connectors.vsdx":
        (read_vsdx, None, {"stages": 3, "arrows": 2}),
    "visio/test7_with_connector.vsdx":
        (read_vsdx, None, {"stages": 6, "arrows": 1}),
}


@pytest.mark.parametrize("relative", sorted(HAND_COUNTED))
def test_hand_counted_files(corpora: Path, relative: str) -> None:
    reader, page, expected = HAND_COUNTED[relative]
    found = counts(corpora / relative, reader, page)
    assert {key: found[key] for key in expected} == expected


# BPMN: counted independently with the standard library, element by element.
_M = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
_STAGE = {"task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask",
          "businessRuleTask", "scriptTask", "subProcess", "transaction", "callActivity",
          "adHocSubProcess", "intermediateCatchEvent", "intermediateThrowEvent"}
_GATEWAY = {"exclusiveGateway", "inclusiveGateway", "parallelGateway", "complexGateway",
            "eventBasedGateway"}
BPMN_FILES = [p for p in (*corpus_files("bpmn-miwg", "*.bpmn"),
                          *corpus_files("bpmn-js-fixtures", "*.bpmn"),
                          *corpus_files("camunda-bpm-examples", "*.bpmn"))
              if file_id(p) not in BROKEN]


def _bpmn_expected(path: Path) -> dict[str, int]:
    root = ET.parse(path).getroot()
    found = Counter()  # type: Counter[str]
    shapes: set[str] = set()
    processes = root.findall(_M + "process")
    pools = {p.get("processRef") for c in root.findall(_M + "collaboration")
             for p in c.findall(_M + "participant")}
    for process in processes:
        for element in process:
            tag = element.tag.split("}")[-1]
            kind = ("stages" if tag in _STAGE else "decisions" if tag in _GATEWAY
                    else "starts" if tag == "startEvent" else "ends" if tag == "endEvent"
                    else None)
            if kind:
                found[kind] += 1
                shapes.add(element.get("id") or "")
        leaves = [lane for lane in process.iter(_M + "lane")
                  if not lane.findall(f"{_M}childLaneSet/{_M}lane")]
        found["lanes"] += len(leaves)
        if not leaves and process.get("id") in pools:
            found["lanes"] += 1
        for flow in process.findall(_M + "sequenceFlow"):
            if flow.get("sourceRef") in shapes and flow.get("targetRef") in shapes:
                found["arrows"] += 1
                condition = flow.find(_M + "conditionExpression")
                if (flow.get("name") or "").strip() or (
                        condition is not None and (condition.text or "").strip()):
                    found["labelled"] += 1
    return {key: found[key] for key in ("stages", "decisions", "starts", "ends", "lanes",
                                         "arrows", "labelled")}


@pytest.mark.parametrize("path", BPMN_FILES, ids=file_id)
def test_bpmn_counts_match_the_file(path: Path) -> None:
    found = counts(path, read_bpmn)
    assert {key: found[key] for key in ("stages", "decisions", "starts", "ends", "lanes",
                                        "arrows", "labelled")} == _bpmn_expected(path)


def test_nested_lanes_are_flattened_with_their_path(corpora: Path) -> None:
    doc = read_bpmn(corpora / "bpmn-js-fixtures" / "multiple-diagrams-lanesets.bpmn").document
    assert doc is not None
    names = [lane.name for lane in read_bpmn(
        corpora / "bpmn-miwg" / "reference" / "C.2.0.bpmn").document.lanes]
    assert names and all(name for name in names)


def test_a_subprocess_becomes_a_stage_and_says_its_inside_is_dropped(corpora: Path) -> None:
    result = read_bpmn(corpora / "camunda-bpm-examples" / "loan-granting.bpmn")
    assert any("sub-process imported as a stage" in w and "inside dropped" in w
               for w in result.warnings)


def test_several_pages_are_listed_and_one_is_chosen_by_number_or_name(corpora: Path) -> None:
    path = corpora / "drawio-diagrams" / "blog__sourdough-process.drawio"
    first = read_drawio(path)
    assert first.pages == ["Make sourdough starter", "Make sourdough loaf"]
    assert first.page == "Make sourdough starter"
    by_number = read_drawio(path, 2)
    by_name = read_drawio(path, "Make sourdough loaf")
    assert by_number.page == by_name.page == "Make sourdough loaf"
    assert by_number.document == by_name.document != first.document
    with pytest.raises(FlowFileError, match="there is no page 3; the pages are 1: Make"):
        read_drawio(path, 3)


def test_a_compressed_page_reads_like_a_plain_one(corpora: Path) -> None:
    compressed = (corpora / "drawio-diagrams"
                  / "templates__flowcharts__cross_functional_flowchart_2.xml")
    assert b"<mxGraphModel" not in compressed.read_bytes()  # the page is deflated
    assert len(read_drawio(compressed).document.nodes) == 21


def test_mermaid_click_lines_are_never_run(corpora: Path) -> None:
    result = read_mermaid(corpora / "mermaid-flowchart" / "docs-flowchart" / "095-interaction.mmd")
    assert len(result.document.nodes) == 4
    assert "4 click lines (links and callbacks are never run) dropped" in result.warnings


def test_visio_pages_are_listed(corpora: Path) -> None:
    result = read_vsdx(corpora / "visio" / "test1.vsdx", "Page-2")
    assert result.pages == ["Page-1", "Page-2", "Page-3"] and result.page == "Page-2"


_ = CORPORA


IMPORTED = [p for p in DIAGRAMS if file_id(p) not in BROKEN]


@pytest.mark.parametrize("path", IMPORTED, ids=file_id)
def test_every_imported_shape_lies_inside_its_lane(path: Path) -> None:
    """Lanes that ran top to bottom, or came in another order than their position, still put
    each shape in its own band (a shape drawn in another lane's band would belong to one lane
    and show in the other)."""
    from flowedit.model.geometry import lane_bands, node_extent

    doc = import_file(path).document
    bands = lane_bands(doc)
    for node in doc.nodes.values():
        if node.lane is not None:
            top, bottom = bands[node.lane]
            _, node_top, _, node_bottom = node_extent(node)
            assert top <= node_top and node_bottom <= bottom, (node.id, node.lane)
