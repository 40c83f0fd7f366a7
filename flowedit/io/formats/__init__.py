"""Importing and exporting other tools' diagrams: draw.io, Visio, BPMN 2.0, Mermaid, GraphML
and DOT. No Qt here.

`import_file` recognises a file by its contents first (a .xml may be draw.io or BPMN, a .png may
carry a draw.io model) and by its name second; `export_file` writes by the name's extension.
Every reader returns an ImportResult: the document plus readable warnings of what was changed or
dropped. A file that cannot be read raises FlowFileError naming it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError, FlowSaveError
from flowedit.io.formats._common import ImportResult, read_input
from flowedit.io.formats.bpmn import read_bpmn, write_bpmn
from flowedit.io.formats.dot import read_dot, write_dot
from flowedit.io.formats.drawio import PNG_SIGNATURE, read_drawio, write_drawio
from flowedit.io.formats.graphml import read_graphml, write_graphml
from flowedit.io.formats.mermaid import read_mermaid, write_mermaid
from flowedit.io.formats.vsdx import read_vsdx, write_vsdx
from flowedit.model.document import Document

__all__ = ["EXPORTS", "IMPORTS", "ImportResult", "export_file", "import_file", "recognise",
           "sniff_format", "write_format"]

Reader = Callable[..., ImportResult]

#: Format name -> reader.
IMPORTS: dict[str, Reader] = {
    "drawio": read_drawio, "vsdx": read_vsdx, "bpmn": read_bpmn, "mermaid": read_mermaid,
    "graphml": read_graphml, "dot": read_dot,
}
#: Extension -> (format name, writer returning text or bytes).
EXPORTS: dict[str, tuple[str, Callable[[Document], str | bytes]]] = {
    ".drawio": ("drawio", write_drawio), ".bpmn": ("bpmn", write_bpmn),
    ".mmd": ("mermaid", write_mermaid), ".graphml": ("graphml", write_graphml),
    ".dot": ("dot", write_dot), ".gv": ("dot", write_dot), ".vsdx": ("vsdx", write_vsdx),
}
_BY_EXTENSION = {
    ".drawio": "drawio", ".dio": "drawio", ".vsdx": "vsdx", ".bpmn": "bpmn", ".bpmn2": "bpmn",
    ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid", ".markdown": "mermaid",
    ".graphml": "graphml", ".dot": "dot", ".gv": "dot",
}
HEAD_BYTES = 4096


def sniff_format(path: str | os.PathLike[str], head: bytes) -> str | None:
    """The format of a file from its first bytes (`head`, HEAD_BYTES or fewer) and its name:
    drawio, vsdx, bpmn, mermaid, graphml, dot, or None when it is none of them."""
    name = os.fspath(path).lower()
    if head.startswith(PNG_SIGNATURE):
        return "drawio"  # the reader says so when the picture carries no diagram
    if head.startswith(b"PK\x03\x04"):
        return "vsdx" if name.endswith((".vsdx", ".vsdm")) or b"visio/" in head else None
    text = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace")
    stripped = text.lstrip()
    if stripped.startswith("<"):
        if re.search(r"<mxfile\b|<mxGraphModel\b", text) or (
                "<svg" in text and "content=" in text and "mxfile" in text):
            return "drawio"
        if "omg.org/spec/BPMN/20100524/MODEL" in text or re.search(r"<(\w+:)?definitions\b",
                                                                   text):
            return "bpmn"
        if re.search(r"<graphml\b", text):
            return "graphml"
        if name.endswith(".svg") and "mxfile" in text:
            return "drawio"
    if re.match(r"(strict\s+)?(di)?graph\b[^{]*\{", stripped, re.IGNORECASE) and not \
            re.match(r"graph\s+(TB|TD|BT|RL|LR)\s*$", stripped.split("\n", 1)[0].strip()):
        return "dot"
    first = next((line for line in stripped.splitlines()
                  if line.strip() and not line.strip().startswith("%%")), "")
    if re.search(r"^\s*(flowchart|graph)\b", first) or (
            stripped.startswith("---") and re.search(r"^\s*(flowchart|graph)\b", text, re.M)):
        return "mermaid"
    if "```mermaid" in text:
        return "mermaid"
    for extension, format_name in _BY_EXTENSION.items():
        if name.endswith(extension):
            return format_name
    return None


def recognise(path: str | os.PathLike[str], head: bytes) -> str | None:
    """The format to import a file with when its first bytes (up to io.sniff.SNIFF_BYTES) are
    surely not a flowedit process: io.sniff's strict signatures (a process file never matches
    them) or a diagram's own extension (.dot, .md, .bpmn…), then the importers' sniffing.
    What File › Open uses to send a foreign diagram to the importer, not the YAML reader."""
    from flowedit.io.sniff import foreign_format

    if foreign_format(head) is None and not os.fspath(path).lower().endswith(
            tuple(_BY_EXTENSION)):
        return None  # no signature, and no diagram's name either (DOT, Markdown)
    if head.startswith(PNG_SIGNATURE) and b"mxfile" not in head:
        return None  # a picture without a diagram in it
    return sniff_format(path, head[:HEAD_BYTES]) if not head.startswith(b"PK\x03\x04") \
        else sniff_format(path, head)


def import_file(path: str | os.PathLike[str], page: int | str | None = None) -> ImportResult:
    """Reads a foreign diagram; FlowFileError when it is no format we know or cannot be read."""
    data, name = read_input(path)
    format_name = sniff_format(name, data[:HEAD_BYTES])
    if format_name is None:
        known = ", ".join(sorted(set(_BY_EXTENSION)))
        raise FlowFileError(name, _("this is not a diagram flowedit can import (draw.io, Visio "
                                    ".vsdx, BPMN 2.0, Mermaid, GraphML or DOT; {extensions})"
                                    ).format(extensions=known))
    return IMPORTS[format_name](data, page=page, name=name)


def write_format(document: Document, path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """The format name and bytes of `document` in the format `path`'s extension names."""
    name = os.fspath(path)
    for extension, (format_name, writer) in EXPORTS.items():
        if name.lower().endswith(extension):
            result = writer(document)
            return format_name, result.encode("utf-8") if isinstance(result, str) else result
    known = ", ".join(EXPORTS)
    raise FlowSaveError(name, _("flowedit cannot export to this kind of file; use one of "
                                "{extensions}").format(extensions=known))


def export_file(document: Document, path: str | os.PathLike[str]) -> str:
    """Writes `document` by `path`'s extension, atomically; returns the format's name."""
    from flowedit.io.atomic import write_atomic

    format_name, data = write_format(document, path)
    write_atomic(os.fspath(path), data)
    return format_name
