"""What is not a process file is refused by what it is, before it can hang or confuse anyone:
FIFOs, sockets, devices and loops of links are never read; diagrams of other programs are named;
UTF-32 is called UTF-32; a number far too large says so (issue 11)."""

from __future__ import annotations

import io
import os
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from flowedit.io import FlowFileError, load_document, loads_document

unix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def problem_of(path: Path) -> str:
    with pytest.raises(FlowFileError) as caught:
        load_document(path)
    return caught.value.problem


@unix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until something writes to it. The read runs in a thread
    so that the old behaviour fails the test instead of hanging it: a writer is let in only if
    the reader is still blocked after it answered, which it must not be."""
    fifo = tmp_path / "process.yaml"
    os.mkfifo(fifo)
    outcome: list[str] = []
    reader = threading.Thread(target=lambda: outcome.append(problem_of(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():  # blocked in open(): release it so that the test ends
        with open(fifo, "wb") as writer:
            writer.write(b"flowedit: 1\nnodes: []\n")
        reader.join()
    assert outcome == ["this is a named pipe (FIFO), not a process file"]


@unix_only
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert problem_of(path) == "this is a socket, not a process file"
    finally:
        server.close()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_refused_before_reading_it() -> None:
    assert problem_of(Path("/dev/null")) == "this is a device, not a process file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert problem_of(tmp_path) == "this is a folder, not a process file"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_loop_of_symbolic_links_is_refused_as_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert problem_of(tmp_path / "a.yaml") == ("cannot read the file: its symbolic links go "
                                               "round in a loop")


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


BPMN = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p"><bpmn:startEvent id="s"/></bpmn:process>
</bpmn:definitions>
"""
DRAWIO = b"""<mxfile host="app.diagrams.net"><diagram id="x" name="Page-1">
<mxGraphModel><root><mxCell id="0"/></root></mxGraphModel></diagram></mxfile>"""
GRAPHML = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="n0"/></graph></graphml>"""
MERMAID = b"""%% the sales process
flowchart LR
    A[Lead] --> B{Qualified?}
    B -->|Yes| C[Proposal]
"""
MERMAID_FRONT_MATTER = b"""---
title: Sales
---
graph TD
    A --> B
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100)


@pytest.mark.parametrize(("data", "kind"), [
    (BPMN, "a BPMN 2.0 file"),
    (DRAWIO, "a draw.io (diagrams.net) diagram"),
    (b"<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg' content='&lt;mxfile "
     b"host=&quot;x&quot;&gt;'/>", "a draw.io (diagrams.net) diagram"),
    (GRAPHML, "a GraphML graph (yEd, Gephi)"),
    (_zip("visio/document.xml", "visio/pages/page1.xml"), "a Visio drawing (.vsdx)"),
    (_zip("word/document.xml"), "a Word document (.docx)"),
    (_zip("notes.txt"), "a ZIP archive"),
    (MERMAID, "a Mermaid diagram"),
    (MERMAID_FRONT_MATTER, "a Mermaid diagram"),
    (b"sequenceDiagram\n  Alice->>Bob: Hi\n", "a Mermaid diagram"),
    (PNG, "a PNG image"),
    (b"%PDF-1.7\n" + bytes(50), "a PDF document"),
    (b"<?xml version='1.0'?>\n<catalog/>", "an XML file"),
], ids=["bpmn", "drawio", "drawio-svg", "graphml", "vsdx", "docx", "zip", "mermaid",
        "mermaid-front-matter", "mermaid-sequence", "png", "pdf", "xml"])
def test_a_file_of_another_program_is_named_instead_of_a_yaml_error(
        tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "process.yaml"
    path.write_bytes(data)
    importable = kind in ("a BPMN 2.0 file", "a draw.io (diagrams.net) diagram",
                          "a GraphML graph (yEd, Gephi)", "a Visio drawing (.vsdx)") or (
        kind == "a Mermaid diagram" and b"sequenceDiagram" not in data)
    assert problem_of(path) == (f"this looks like {kind}, not a flowedit process; " + (
        "import it with File › Import… or flowedit convert" if importable else
        "flowedit cannot import it yet"))


@pytest.mark.parametrize("text", [
    "flowedit: 1\nnodes: []\n",
    "# graph LR\nflowedit: 1\nnodes: []\n",
    "---\nflowedit: 1\nnodes: []\n",
    "flowedit: 1\ntitle: <svg> and <mxfile> in a title\nnodes: []\n",
])
def test_a_process_file_is_never_taken_for_another_format(text: str) -> None:
    loads_document(text.encode("utf-8"), "process.yaml")


@pytest.mark.parametrize("text", ["graph: 1\n", "gantt: x\n", "pie: 3\n"])
def test_a_yaml_key_that_is_a_mermaid_keyword_is_not_mermaid(text: str) -> None:
    with pytest.raises(FlowFileError) as caught:
        loads_document(text.encode("utf-8"), "process.yaml")
    assert "Mermaid" not in caught.value.problem


@pytest.mark.parametrize(("encoding", "name"), [("utf-32", "UTF-32"), ("utf-16", "UTF-16")])
def test_utf32_and_utf16_are_called_by_their_names(encoding: str, name: str) -> None:
    data = "flowedit: 1\nnodes: []\n".encode(encoding)  # with a byte-order mark
    with pytest.raises(FlowFileError) as caught:
        loads_document(data, "process.yaml")
    assert caught.value.problem.startswith(f"the file is {name} text, not UTF-8")


@pytest.mark.parametrize(("key", "value", "largest"), [
    ("duration_days", "1e308", "36,500"), ("x", "-1e400", "1,000,000"),
    ("width", "2e9", "10,000")])
def test_a_number_far_beyond_its_limit_is_called_too_large(key: str, value: str,
                                                           largest: str) -> None:
    """`1e308` is no number in YAML 1.1 (an exponent needs a dot and a sign); saying that it is far
    too large is what helps."""
    fields = {"x": "0", "y": "0", key: value}
    text = "flowedit: 1\nnodes:\n- id: a\n  kind: stage\n  name: A\n" + "".join(
        f"  {name}: {number}\n" for name, number in fields.items())
    with pytest.raises(FlowFileError) as caught:
        loads_document(text.encode(), "process.yaml")
    assert caught.value.problem == f"{key} {value!r} is far too large: it can be at most {largest}"
    assert caught.value.line == 6 + list(fields).index(key)


def test_a_small_number_in_exponent_form_is_still_refused_as_not_a_number() -> None:
    text = "flowedit: 1\nnodes:\n- {id: a, kind: stage, name: A, x: 1e3, y: 0}\n"
    with pytest.raises(FlowFileError, match="must be a number, not '1e3'"):
        loads_document(text.encode(), "process.yaml")
