"""The wrappers around a model: draw.io pages in PNG and SVG, several Mermaid blocks in Markdown,
and the .vsdx package (Open Packaging Conventions: every part typed, every relationship
resolving inside the archive)."""

from __future__ import annotations

import struct
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
import zlib
from html import escape
from io import BytesIO
from pathlib import Path

import pytest
from formats_corpus import rich_document

from flowedit.io.errors import FlowFileError
from flowedit.io.formats import import_file, write_format
from flowedit.io.formats.drawio import read_drawio, write_drawio
from flowedit.io.formats.mermaid import read_mermaid


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png(text_chunk: bytes) -> bytes:
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\0\0\0\0"))
    return b"\x89PNG\r\n\x1a\n" + header + text_chunk + pixels + _chunk(b"IEND", b"")


@pytest.mark.parametrize("kind", [b"tEXt", b"zTXt"])
def test_a_drawio_png_carries_its_model(tmp_path: Path, kind: bytes) -> None:
    model = urllib.parse.quote(write_drawio(rich_document())).encode("latin-1")
    body = b"mxfile\0" + (model if kind == b"tEXt" else b"\0" + zlib.compress(model))
    path = tmp_path / "process.drawio.png"
    path.write_bytes(_png(_chunk(kind, body)))
    doc = import_file(path).document
    assert {n.id: n.name for n in doc.nodes.values()} == {
        n.id: n.name for n in rich_document().nodes.values()}


def test_a_png_without_a_model_says_so() -> None:
    with pytest.raises(FlowFileError, match=r"no draw\.io diagram embedded"):
        read_drawio(_png(b""), name="photo.png")


def test_a_drawio_svg_carries_its_model(tmp_path: Path) -> None:
    content = escape(write_drawio(rich_document()), quote=True)
    path = tmp_path / "process.drawio.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" content="{content}"><g/></svg>')
    assert len(import_file(path).document.nodes) == 6


def test_markdown_with_several_mermaid_blocks_lists_them(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Our process\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n\n"
                    "```mermaid\nflowchart LR\n  A --> B\n```\n\ntext\n\n"
                    "```mermaid\nflowchart LR\n  X --> Y --> Z\n```\n")
    first = import_file(path)
    assert first.pages == ["block at line 8", "block at line 15"]  # where each ```mermaid opens
    assert sorted(first.document.nodes) == ["A", "B"]
    second = read_mermaid(path, 2)
    assert sorted(second.document.nodes) == ["X", "Y", "Z"]


def test_markdown_without_a_flowchart_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nno diagram here\n")
    with pytest.raises(FlowFileError, match="no ```mermaid block"):
        read_mermaid(path)


RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def test_the_vsdx_package_follows_the_open_packaging_conventions() -> None:
    data = write_format(rich_document(), "x.vsdx")[1]
    archive = zipfile.ZipFile(BytesIO(data))
    names = set(archive.namelist())
    types = ET.fromstring(archive.read("[Content_Types].xml"))
    defaults = {d.get("Extension") for d in types.findall(TYPES + "Default")}
    overrides = {o.get("PartName") for o in types.findall(TYPES + "Override")}
    for name in names - {"[Content_Types].xml"}:
        assert "/" + name in overrides or name.rsplit(".", 1)[-1] in defaults, name
        ET.fromstring(archive.read(name))  # every part is well-formed XML
    assert {"/visio/document.xml", "/visio/pages/pages.xml", "/visio/pages/page1.xml"} \
        <= overrides
    for rels in (n for n in names if n.endswith(".rels")):
        folder = rels.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0] \
            if "/" in rels.replace("_rels/", "").removesuffix(".rels") else ""
        for rel in ET.fromstring(archive.read(rels)).findall(RELS + "Relationship"):
            target = f"{folder}/{rel.get('Target')}".lstrip("/")
            assert target in names, (rels, target)
    page = archive.read("visio/pages/page1.xml").decode()
    assert page.count("<Connect ") == 2 * len(rich_document().edges)  # glued at both ends
    assert page.count("V='Swimlane'") == 2
