"""Links inside a PDF from one page to another: a stage's shape on a process's page leads to the
page of its sub-process (issue 18). No Qt here.

Qt's PDF writer links only to web addresses, so the links are added afterwards as an incremental
update (PDF 1.4, section 3.4.5): the link annotations and each page's annotation array are
appended after Qt's file with a cross-reference section of their own; Qt's bytes stay as they
are, so its other post-processing (pdf_text.py) is not disturbed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PageLink:
    """A clickable box on page `page` (0 = first) leading to page `target`; the box in PDF
    points, from the page's bottom-left corner: (left, bottom, right, top)."""

    page: int
    box: tuple[float, float, float, float]
    target: int


_OBJECT = re.compile(rb"(\d+) 0 obj\s*(<<.*?>>)\s*endobj", re.DOTALL)
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_ANNOTS = re.compile(rb"/Annots\s+(\d+)\s+0\s+R")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)", re.DOTALL)
_SIZE = re.compile(rb"/Size\s+(\d+)")
_KEEP = re.compile(rb"/(?:Root|Info)\s+\d+\s+0\s+R|/ID\s*\[[^\]]*\]")


class PdfLinkError(ValueError):
    """The PDF is not laid out as Qt writes it; no link is added then."""


def add_page_links(pdf: bytes, links: list[PageLink]) -> bytes:
    """`pdf` with the links added (unchanged without links)."""
    if not links:
        return pdf
    objects = {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}
    trailer = list(_TRAILER.finditer(pdf))
    pages_root = next((body for body in objects.values() if b"/Type /Pages" in body), None)
    if not trailer or pages_root is None or (kids := _KIDS.search(pages_root)) is None:
        raise PdfLinkError("no page tree")
    pages = [int(number) for number in re.findall(rb"(\d+)\s+0\s+R", kids.group(1))]
    last = trailer[-1]
    size_match = _SIZE.search(last.group(1))
    if size_match is None:
        raise PdfLinkError("no /Size in the trailer")
    size = int(size_match.group(1))
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets: dict[int, int] = {}
    by_page: dict[int, list[int]] = {}
    for link in links:
        number = size + len(offsets)
        left, bottom, right, top = link.box
        offsets[number] = len(out)
        out += (f"{number} 0 obj\n<<\n/Type /Annot\n/Subtype /Link\n"
                f"/Rect [{left:.2f} {bottom:.2f} {right:.2f} {top:.2f}]\n/Border [0 0 0]\n"
                f"/Dest [{pages[link.target]} 0 R /Fit]\n>>\nendobj\n").encode("ascii")
        by_page.setdefault(link.page, []).append(number)
    for page, numbers in by_page.items():
        annots = _ANNOTS.search(objects.get(pages[page], b""))
        if annots is None:
            raise PdfLinkError("a page without an annotation array")
        array = int(annots.group(1))
        offsets[array] = len(out)
        out += (f"{array} 0 obj\n[" + " ".join(f"{n} 0 R" for n in numbers)
                + "]\nendobj\n").encode("ascii")
    xref = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += f"{number} 1\n{offsets[number]:010d} 00000 n \n".encode("ascii")
    kept = b"\n".join(m.group(0) for m in _KEEP.finditer(last.group(1)))
    new_size = max(size, max(offsets) + 1)
    out += (b"trailer\n<<\n/Size " + str(new_size).encode() + b"\n" + kept
            + b"\n/Prev " + last.group(2) + b"\n>>\nstartxref\n" + str(xref).encode()
            + b"\n%%EOF\n")
    return bytes(out)
