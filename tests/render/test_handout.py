"""The training handout (flowedit.render.handout and `flowedit export --handout`): a PDF with the
diagram on its first (landscape) pages and one section per stage, the main path first. Its text
is extracted with pypdf, so the checks read what a person (or a search) finds in the file."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase

from flowedit.analysis.flow_order import flow_order
from flowedit.analysis.walk import handout_order, outgoing
from flowedit.cli.main import main
from flowedit.io import load_document, loads_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind
from flowedit.render.export import ExportOptions
from flowedit.render.handout import (
    branch_text,
    duration_text,
    paragraphs,
    render_handout,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
B2B = ROOT / "samples" / "b2b-sales.yaml"

CHINESE = """\
flowedit: 1
title: 销售流程 <培训>
lanes:
  - {id: sales, name: 销售部 & 市场}
nodes:
  - {id: lead, kind: start, name: 新线索, lane: sales, x: 140, y: 90}
  - {id: qual, kind: decision, name: 资格审查?, lane: sales, x: 340, y: 90, owner: 王伟}
  - {id: offer, kind: stage, name: "报价 <草案> & \\"谈判\\"", lane: sales, x: 560, y: 90,
     description: "准备报价单 <b>不是粗体</b>", duration_days: 3}
  - {id: won, kind: end, name: 赢单, lane: sales, x: 760, y: 90, outcome: won}
  - {id: lost, kind: end, name: 丢单, lane: sales, x: 340, y: 200, outcome: lost}
edges:
  - {from: lead, to: qual}
  - {from: qual, to: offer, label: 是, probability: 0.6}
  - {from: qual, to: lost, label: 否}
  - {from: offer, to: won}
"""


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a QGuiApplication: pytest-qt's."""


def squash(text: str) -> str:
    """Without white space, NFKC: DejaVu draws 'fi' as a ligature that extraction gives back."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pages(data: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def diagram_page_count(data: bytes) -> int:
    """The diagram's pages: the landscape ones before the first portrait page."""
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        if float(page.mediabox.width) < float(page.mediabox.height):
            break
        count += 1
    return count


def section_pages(data: bytes) -> list[str]:
    return pages(data)[diagram_page_count(data):]


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        found = text.find(squash(part), at)
        if found < 0:
            return False
        at = found + 1
    return True


# ------------------------------------------------------------------------------ content
def test_every_stage_has_a_section_main_path_first() -> None:
    doc = load_document(B2B)
    data = render_handout(doc)
    assert data.startswith(b"%PDF")
    text = pages(data)
    assert squash("Qualification call") in text[0]  # the diagram
    sections = "".join(section_pages(data))
    order, unreached = handout_order(doc)
    assert not unreached and sorted(order) == sorted(flow_order(doc))
    assert order[:6] == ["lead-in", "prospecting", "identification", "qualification",
                         "qualified", "follow-up"]
    assert order[14] == "won"  # the main path ends at the won end, then the branches
    headings = [f"{number}. {doc.nodes[node_id].name}"
                for number, node_id in enumerate(order, start=1)]
    assert in_order(sections, ["The main path: from the start to a won deal", *headings[:15],
                               "The branches", *headings[15:]])
    assert "Notreachablefromthestart" not in sections


def test_sections_tell_owner_lane_duration_and_where_it_leads() -> None:
    doc = load_document(B2B)
    sections = "".join(section_pages(render_handout(doc)))
    assert in_order(sections, [
        "5. Qualified?", "Decision", "Lane: SDR / BDR", "Owner: 王伟 (BDR)", "BANT check.",
        "If 'Yes' → Follow-up and demo (35%)", "If 'Not yet' → Nurture (40%)",
        "If 'No' → Lead disqualified (25%)",
        "6. Follow-up and demo", "Duration: about 14 days",
    ])
    assert squash("If 'buying signals' → Qualification call") in sections
    assert squash("The process ends here: the deal is lost.") in sections


def test_unreachable_stages_come_last_under_their_own_heading() -> None:
    doc = load_document(B2B)
    doc.add_node(Node("orphan", NodeKind.STAGE, "Partner referral", x=400, y=250, lane="sdr"),
                 index=0)
    doc.add_node(Node("orphan-2", NodeKind.STAGE, "Trade show", x=600, y=250, lane="sdr"))
    doc.connect("orphan", "prospecting")
    reached, unreached = handout_order(doc)
    assert reached[14] == "won"
    assert unreached == ["orphan", "orphan-2"]
    sections = "".join(section_pages(render_handout(doc)))
    assert in_order(sections, ["15. Customer renewed", "20. Resolve redlines",
                               "Not reachable from the start",
                               "21. Partner referral", "→ Prospecting", "22. Trade show",
                               "No arrow leaves this shape"])


def test_chinese_names_and_markup_characters_come_out_as_written() -> None:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.fail("no installed font can draw Chinese: install fonts-noto-cjk")
    doc = loads_document(CHINESE)
    text = "".join(pages(render_handout(doc)))
    for part in ("1. 新线索", "2. 资格审查?", "Owner: 王伟", "Lane: 销售部 & 市场",
                 "If '是' → 报价 <草案> & \"谈判\" (60%)", "If '否' → 丢单",
                 "准备报价单 <b>不是粗体</b>", "Duration: about 3 days", "4. 赢单", "5. 丢单"):
        assert squash(part) in text, part


def test_a_long_description_runs_over_pages_and_nothing_is_lost() -> None:
    doc = Document("Long")
    words = "\n\n".join(f"w{n}" * 1 + " lorem ipsum" * 6 for n in range(120))
    doc.add_node(Node("s", NodeKind.START, "Begin"))
    doc.add_node(Node("a", NodeKind.STAGE, "Lengthy stage", x=200, description=words))
    doc.add_node(Node("e", NodeKind.END, "Done", x=400))
    doc.add_edge(Edge("e1", "s", "a"))
    doc.add_edge(Edge("e2", "a", "e"))
    data = render_handout(doc)
    assert len(section_pages(data)) >= 3
    sections = "".join(section_pages(data))
    assert in_order(sections, ["2. Lengthy stage", "w0 lorem", "w60 lorem", "w119 lorem",
                               "3. Done"])


def test_page_size_and_orientation() -> None:
    data = render_handout(load_document(B2B), ExportOptions(page="letter"))
    reader = PdfReader(io.BytesIO(data))
    first = reader.pages[0].mediabox
    second = reader.pages[diagram_page_count(data)].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (792, 612)
    assert (round(float(second.width)), round(float(second.height))) == (612, 792)
    assert reader.metadata.title == "Complex B2B sales process — handout"


def test_a_lane_handout_keeps_that_lanes_stages() -> None:
    doc = load_document(B2B)
    sections = "".join(section_pages(render_handout(doc, ExportOptions(lane="legal"))))
    assert in_order(sections, ["1. Contract drafting", "2. Ready to close?",
                               "3. Contract signed", "4. Resolve redlines"])
    assert squash("Prospecting") not in sections


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_sample_makes_a_handout(sample: Path) -> None:
    doc = load_document(sample)
    text = "".join(section_pages(render_handout(doc)))
    for node in doc.nodes.values():
        assert squash(node.name) in text


# ------------------------------------------------------------------------------ wording
def test_wording_helpers() -> None:
    assert duration_text(None) is None
    assert duration_text(2) == "about 2 days"
    assert duration_text(1) == "about 1 day"
    assert duration_text(2.5) == "about 2.5 days"
    assert duration_text(0.5) == "about 12 hours"
    assert duration_text(0.01) == "less than an hour"
    assert duration_text(14) == "about 14 days (≈ 2 weeks)"
    assert duration_text(90) == "about 90 days (≈ 3 months)"
    doc = load_document(B2B)
    assert [edge.id for edge in outgoing(doc, "accepted")] == ["e12", "e13", "e14"]
    assert branch_text(doc, doc.edges["e13"]) == "If 'Needs changes' → Revise proposal (30%)"
    assert branch_text(doc, doc.edges["e9"]) == "→ Prepare proposal"
    assert paragraphs("Line one goes\non here.\nSecond line.\n\nNew paragraph") == [
        "Line one goes on here.\nSecond line.", "New paragraph"]


# ------------------------------------------------------------------------------ command line
def test_export_handout_from_the_command_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "handout.pdf"
    assert main(["export", str(B2B), "-o", str(out), "--handout", "--page", "a4"]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
    text = "".join(section_pages(out.read_bytes()))
    assert in_order(text, ["1. Lead enters CRM", "2. Prospecting", "If 'Yes' → Contract drafting"])


@pytest.mark.parametrize("name", ["handout.png", "handout.svg"])
def test_handout_needs_a_pdf(tmp_path: Path, capsys, name: str) -> None:
    out = tmp_path / name
    assert main(["export", str(B2B), "-o", str(out), "--handout"]) == 2
    error = capsys.readouterr().err
    assert "--handout writes a PDF" in error
    assert "Traceback" not in error
    assert not out.exists()


def test_handout_of_a_process_without_shapes(tmp_path: Path) -> None:
    doc = Document("Empty")
    doc.add_lane(Lane("a", "Sales"))
    text = pages(render_handout(doc))
    assert squash("The process has no shapes yet.") in "".join(text)
