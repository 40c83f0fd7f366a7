"""What kind of file a file that is not a flowedit process is, from its first bytes. No Qt here.

People try to open the diagrams they already have: a BPMN model, a draw.io or Visio drawing, a
Mermaid chart, a picture of the process. A YAML error at line 1005 tells them nothing; "this
looks like a BPMN 2.0 file" tells them what happened. Only signatures that no process file can
start with are recognised, so a process file is never taken for something else.
"""

from __future__ import annotations

import re

#: How much of a file is looked at.
SNIFF_BYTES = 64 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an older Microsoft Office file (a Visio .vsd, Word .doc or Excel .xls)"),
)

_ZIP_MEMBERS: tuple[tuple[bytes, str], ...] = (
    (b"visio/", "a Visio drawing (.vsdx)"),
    (b"word/", "a Word document (.docx)"),
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"ppt/", "a PowerPoint presentation (.pptx)"),
)

_XML_KINDS: tuple[tuple[str, str], ...] = (
    ("<mxfile", "a draw.io (diagrams.net) diagram"),
    ("<mxgraphmodel", "a draw.io (diagrams.net) diagram"),
    ("omg.org/spec/bpmn/", "a BPMN 2.0 file"),
    ("mxfile", "a draw.io (diagrams.net) diagram"),
    ("<graphml", "a GraphML graph (yEd, Gephi)"),
    ("schemas.microsoft.com/visio", "a Visio XML drawing"),
    ("<svg", "an SVG image"),
    ("<html", "a web page (HTML)"),
    ("<!doctype html", "a web page (HTML)"),
)

#: The first statement of a Mermaid diagram; never followed by ':' as a YAML key would be.
_MERMAID = re.compile(
    r"(?:(?:flowchart|graph)(?:\s+(?:TB|TD|BT|RL|LR))?|sequenceDiagram|classDiagram|"
    r"stateDiagram(?:-v2)?|erDiagram|journey|gantt|pie|mindmap|gitGraph|timeline|```\s*mermaid)"
    r"(?![\w-])(?!\s*:)")


def foreign_format(data: bytes) -> str | None:
    """'a BPMN 2.0 file', 'a PNG image', … for a file of another program, else None."""
    start = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if start.startswith(magic):
            return kind
    if start.startswith(b"PK\x03\x04"):
        for member, kind in _ZIP_MEMBERS:
            if member in data:
                return kind
        return "a ZIP archive"
    text = start.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip()
    if text.startswith("<"):
        lowered = text.lower()
        for needle, kind in _XML_KINDS:
            if needle in lowered:
                return kind
        return "an XML file" if lowered.startswith("<?xml") else None
    first = _first_statement(text)
    if first is not None and _MERMAID.match(first):
        return "a Mermaid diagram"
    return None


def _first_statement(text: str) -> str | None:
    """The first line that is not blank, a Mermaid comment (%%) or Mermaid's front matter."""
    lines = iter(text.splitlines()[:200])
    for line in lines:
        stripped = line.strip()
        if stripped == "---":  # front matter: skip to its closing ---
            for inner in lines:
                if inner.strip() == "---":
                    break
            continue
        if stripped and not stripped.startswith("%%"):
            return stripped
    return None
