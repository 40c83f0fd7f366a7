"""Names that look like markup, code or YAML, and text in every script a sales team may write,
survive a save and a load exactly, and come out escaped and intact in SVG and PDF exports.

SVG is parsed as XML: it must be well-formed, hold no element or attribute that could run anything,
and show every text (joined across the lines Qt wraps it into). PDF text is extracted with pypdf and
compared NFKC-normalised without whitespace (DejaVu Sans draws 'fi' as the ligature 'ﬁ'; Qt's CJK
font gives 見 as the radical ⾒). Right-to-left text is drawn in visual order, so a PDF gives it
back reversed. Emoji need an emoji font: without one they are drawn as empty boxes and extract as
nothing or U+0000, so only the text around them is required.
"""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase

from flowedit.io import dumps_document, load_document, loads_document, save_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome
from flowedit.render.export import render_bytes

SVG = "{http://www.w3.org/2000/svg}"

#: Node names, by node id. Each must be shown whole and as written.
NAMES = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(2)">',
    "amp": "Tom & Jerry & Co",
    "quotes": "\"quotes' and 'more\"",
    "lines": "First line\nsecond line",
    "emoji": "Deal 🤝 closed 🎉",
    "arabic": "عميل محتمل",
    "hebrew": "לקוח חדש",
    "cjk": "潜在客户 見込み客 잠재 고객",
    "markup": "]]> <!-- x --> &amp; &#x3c; <![CDATA[y]]>",
    "ligatures": "office fine flow",
}
RIGHT_TO_LEFT = {"arabic", "hebrew"}
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]")
LABELS = {"e1": '<b>yes</b> & "no"', "e2": "是 / نعم / כן"}
LANE_NAMES = ("Sales & <Ops>", "\"Legal\" 'team'")
TITLE = '<title>Pipeline</title> & "Co" </svg>'


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a (Q)GuiApplication; pytest-qt's QApplication serves."""


@pytest.fixture(scope="module")
def hostile() -> Document:
    systems = QFontDatabase.WritingSystem
    for system in (systems.SimplifiedChinese, systems.Japanese, systems.Korean, systems.Arabic,
                   systems.Hebrew):
        if not QFontDatabase.families(system):
            pytest.fail(f"no installed font can draw {system.name}: install fonts-noto-cjk and "
                        "fonts-dejavu (see 'Fonts' in README.md)")
    doc = Document(TITLE)
    doc.add_lane(Lane("sales", LANE_NAMES[0], 260.0))
    doc.add_lane(Lane("legal", LANE_NAMES[1], 260.0))
    doc.add_node(Node("start", NodeKind.START, "Lead in", x=120, y=130, lane="sales"))
    for index, (node_id, name) in enumerate(NAMES.items()):
        doc.add_node(Node(node_id, NodeKind.STAGE, name, x=340 + 260 * (index % 6),
                          y=130 + 260 * (index // 6), lane="sales" if index < 6 else "legal",
                          width=200, height=110))
    doc.add_node(Node("won", NodeKind.END, "Won", x=1900, y=390, lane="legal",
                      outcome=Outcome.WON))
    doc.add_edge(Edge("e1", "start", "script", LABELS["e1"]))
    doc.add_edge(Edge("e2", "amp", "won", LABELS["e2"]))
    return doc


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def svg_text(root: ET.Element) -> str:
    return "".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def shown_texts() -> list[str]:
    """Every text an export shows; the mixed-direction label word by word, as its runs are
    written in visual order (the Arabic and Hebrew words swap places: that is bidi, not loss)."""
    return [*NAMES.values(), *LABELS["e2"].split(" / "), LABELS["e1"], *LANE_NAMES]


# ---------------------------------------------------------------------------------- files
def test_hostile_names_survive_save_and_load_exactly(hostile: Document, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    save_document(hostile, path)
    again = load_document(path)
    assert again == hostile
    assert {node_id: again.nodes[node_id].name for node_id in NAMES} == NAMES
    assert again.title == TITLE
    assert [lane.name for lane in again.lanes] == list(LANE_NAMES)
    assert {edge.id: edge.label for edge in again.edges.values()} == LABELS
    assert dumps_document(again).encode("utf-8") == path.read_bytes(), "saving is byte-stable"


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['touch x']", "&anchor *alias", "- item", "key: value",
    "# not a comment", "---", "...", "%YAML 1.1", "'", '"', "{a: b}", "[a]", "|", "> folded",
    "@at `tick`", "yes", "~", "0x1F", ".nan", "line\u2028separator", "next\x85line",
    "\u202eright-to-left override", "  padded  ", "tab\there", "trailing newline\n",
    "👩\u200d💼 zero-width joiner", "e\u0301 combining", "\ufeffbyte-order mark inside",
])
def test_text_that_looks_like_yaml_or_tricks_stays_text(text: str) -> None:
    doc = Document("T")
    doc.add_node(Node("a", NodeKind.STAGE, text, x=0, y=0, owner=text, description=text))
    again = loads_document(dumps_document(doc).encode("utf-8"))
    assert again.nodes["a"].name == text
    assert again.nodes["a"].owner == text and again.nodes["a"].description == text


# ---------------------------------------------------------------------------------- SVG
def test_svg_is_well_formed_and_nothing_in_it_can_run(hostile: Document) -> None:
    data = render_bytes(hostile, "svg")
    root = ET.fromstring(data)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1].lower()
        assert local not in {"script", "foreignobject", "iframe", "object", "embed", "a",
                             "img", "handler", "listener"}, local
        for name, value in element.attrib.items():
            assert not name.rsplit("}", 1)[-1].lower().startswith("on"), (local, name)
            assert "javascript:" not in value.lower(), (local, name, value)
    assert b"<script" not in data and b"<img" not in data
    assert b"&lt;script&gt;" in data


def test_svg_shows_every_hostile_text_intact(hostile: Document) -> None:
    root = ET.fromstring(render_bytes(hostile, "svg"))
    shown = squash(svg_text(root))
    for text in shown_texts():
        assert squash(text) in shown, text
    assert root.findtext(f"{SVG}title") == TITLE


@pytest.mark.parametrize("character", ["\x0b", "\x1b", "\x00", "\ufffe"])
def test_svg_with_a_control_character_in_a_name_is_still_well_formed(character: str) -> None:
    # Such a name can be read from a file ("\v" in double quotes) or pasted into the editor
    # (Word's line break is U+000B).
    doc = loads_document('flowedit: 1\nnodes:\n  - {id: a, kind: stage, name: "Deal'
                         + character.encode("unicode_escape").decode() + 'won", x: 0, y: 0}\n')
    assert character in doc.nodes["a"].name
    root = ET.fromstring(render_bytes(doc, "svg"))
    assert "Deal" in svg_text(root) and "won" in svg_text(root)


# ---------------------------------------------------------------------------------- PDF
@pytest.fixture(scope="module")
def pdf(hostile: Document) -> tuple[bytes, str]:
    data = render_bytes(hostile, "pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data, squash(text)


def test_pdf_shows_every_hostile_text(pdf: tuple[bytes, str]) -> None:
    _, text = pdf
    placeholders_dropped = text.replace("\x00", "").replace("\ufffd", "")
    for node_id, name in NAMES.items():
        wanted = squash(EMOJI.sub("", name))
        if node_id in RIGHT_TO_LEFT:
            assert wanted in text or wanted[::-1] in text, name
        else:
            assert wanted in placeholders_dropped, name
    for part in shown_texts()[len(NAMES):]:
        wanted = squash(part)
        assert wanted in text or wanted[::-1] in text, part


def test_pdf_keeps_the_title_and_holds_nothing_that_runs(pdf: tuple[bytes, str]) -> None:
    data, _ = pdf
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == TITLE
    for key in (b"/JavaScript", b"/JS", b"/OpenAction", b"/Launch", b"/URI", b"/AA"):
        assert key not in data, key


def test_emoji_do_not_break_the_pdf(hostile: Document) -> None:
    """Without an emoji font each emoji is an empty box; whatever comes back, the words around
    it do, in order."""
    doc = Document("🎉")
    doc.add_node(Node("a", NodeKind.STAGE, "🤝🤝🤝 Deal 🎉 closed 👩\u200d💼", x=0, y=0))
    text = squash("".join(page.extract_text() for page in
                          PdfReader(io.BytesIO(render_bytes(doc, "pdf"))).pages))
    words = re.sub(r"[^A-Za-z]+", " ", text).split()
    assert words == ["Deal", "closed"], text
