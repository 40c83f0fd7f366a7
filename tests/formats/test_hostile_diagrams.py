"""Hostile foreign files are refused with a message naming the file, early: entities, external
references, deep nesting, zip and deflate bombs, archives full of entries. Work is bounded by
sizes and counts, so none of these can hang or exhaust memory."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from flowedit.io.errors import FlowFileError
from flowedit.io.formats import _common, import_file
from flowedit.io.formats.bpmn import read_bpmn
from flowedit.io.formats.dot import read_dot
from flowedit.io.formats.drawio import read_drawio
from flowedit.io.formats.graphml import read_graphml
from flowedit.io.formats.mermaid import read_mermaid
from flowedit.io.formats.vsdx import read_vsdx

BPMN = b'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                               * 10) for i in range(1, 10))
          + b']><definitions ' + BPMN + b'><process id="p"><task id="t" name="&lol9;"/>'
          b'</process></definitions>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            b'<definitions ' + BPMN + b'><process id="p"><task id="t" name="&secret;"/>'
            b'</process></definitions>')


@pytest.mark.parametrize("data", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("reader", [read_bpmn, read_drawio, read_graphml])
def test_entities_are_refused(reader, data: bytes) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FlowFileError, match="entities or external references") as caught:
        reader(data, name="evil.xml")
    assert str(caught.value).startswith("evil.xml: ")


def test_deep_nesting_is_refused_before_it_is_walked() -> None:
    depth = _common.MAX_XML_DEPTH * 50
    data = b'<mxfile><diagram><mxGraphModel><root>' + b"<a>" * depth + b"</a>" * depth + \
        b"</root></mxGraphModel></diagram></mxfile>"
    with pytest.raises(FlowFileError, match="nested more than 200 levels"):
        read_drawio(data, name="deep.drawio")


def test_too_many_elements_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "MAX_XML_ELEMENTS", 1000)
    data = b"<graphml>" + b"<node/>" * 1001 + b"</graphml>"
    with pytest.raises(FlowFileError, match="more than 1,000 elements"):
        read_graphml(data, name="many.graphml")


def _bomb(size: int) -> bytes:
    return zlib.compress(b"\0" * size, 9)


def test_a_drawio_deflate_bomb_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "MAX_INPUT_BYTES", 100_000)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(b"A" * 1_000_000) + compressor.flush()
    data = (b'<mxfile><diagram name="p">' + base64.b64encode(raw) + b"</diagram></mxfile>")
    with pytest.raises(FlowFileError, match="refused as a bomb"):
        read_drawio(data, name="bomb.drawio")


def _vsdx(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_vsdx_zip_bomb_is_refused_by_its_declared_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flowedit.io.formats.vsdx.MAX_INPUT_BYTES", 1_000_000)
    data = _vsdx({"visio/pages/pages.xml": b"<Pages/>" + b" " * 2_000_000})
    assert len(data) < 20_000
    with pytest.raises(FlowFileError, match="zip bomb"):
        read_vsdx(data, name="bomb.vsdx")


def test_a_vsdx_that_lies_about_its_size_is_stopped_while_reading(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The header says a few bytes; the stream inflates to far more: reading stops at the cap
    (zipfile reads no further than the declared size and then finds the CRC wrong)."""
    monkeypatch.setattr("flowedit.io.formats.vsdx.MAX_INPUT_BYTES", 1_000_000)
    data = bytearray(_vsdx({"visio/pages/pages.xml": b"<Pages/>" + b" " * 3_000_000}))
    # Patch the declared uncompressed size (local header and central directory) to 100 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset:at + offset + 4] = struct.pack("<I", 100)
    with pytest.raises(FlowFileError, match=r"damaged|bomb|well-formed"):
        read_vsdx(bytes(data), name="liar.vsdx")


def test_a_vsdx_with_thousands_of_entries_is_refused() -> None:
    data = _vsdx({f"x/{i}": b"" for i in range(2_001)}, zipfile.ZIP_STORED)
    with pytest.raises(FlowFileError, match="2,001 entries"):
        read_vsdx(data, name="maze.vsdx")


def test_vsdx_part_names_are_never_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    """A relationship pointing outside the archive ('../../secret') is looked up in the archive
    only: the page is not found, nothing is read from disk."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.xml").write_text("<PageContents/>")
    ns = "http://schemas.microsoft.com/office/visio/2012/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    data = _vsdx({
        "visio/pages/pages.xml": (f'<Pages xmlns="{ns}" xmlns:r="{rel_ns}"><Page ID="0" '
                                  'NameU="P"><Rel r:id="rId1"/></Page></Pages>').encode(),
        "visio/pages/_rels/pages.xml.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Target="../../../secret.xml" Type="page"/>'
            b"</Relationships>"),
    })
    with pytest.raises(FlowFileError, match="holds no page"):
        read_vsdx(data, name="escape.vsdx")


def test_not_a_zip_is_a_clear_message() -> None:
    with pytest.raises(FlowFileError, match=r"not a Visio \.vsdx file"):
        read_vsdx(b"this is text", name="fake.vsdx")


@pytest.mark.parametrize(("reader", "data", "message"), [
    (read_mermaid, b"flowchart LR\n  A --> B\n  subgraph one\n  C\n", "has no 'end'"),
    (read_mermaid, b"sequenceDiagram\n A->>B: hi", "not a flowchart"),
    (read_mermaid, b"flowchart LR\n  A --> |open", "no closing '|'"),
    (read_dot, b"digraph { a -> b ", "never closed"),
    (read_dot, b"digraph { a -> }", "expected 'id'"),
    (read_dot, b"digraph {" * 200 + b"}" * 200, "nested too deeply"),
    (read_bpmn, b"<definitions/>", "not in the BPMN 2.0 namespace"),
    (read_drawio, b"<html/>", "not a draw.io diagram"),
    (read_graphml, b"<graphml/>", "holds no <graph>"),
])
def test_broken_text_formats_say_what_is_wrong(reader, data: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FlowFileError, match=message):
        reader(data, name="broken")


def test_an_edge_without_ends_is_listed_not_a_crash() -> None:
    data = (b"<graphml xmlns='http://graphml.graphdrawing.org/xmlns'><graph>"
            b"<node id='a'/><edge source='a' target='missing'/><edge/></graph></graphml>")
    result = read_graphml(data, name="loose.graphml")
    assert len(result.document.edges) == 0
    assert "2 arrows without a shape at both ends dropped" in result.warnings


def test_a_huge_file_is_refused_by_its_size(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_common, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "big.mmd"
    path.write_bytes(b"flowchart LR\n" + b"A-->B\n" * 1000)
    with pytest.raises(FlowFileError, match="limited to"):
        import_file(path)
