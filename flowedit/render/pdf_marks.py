"""Bookmarks (the PDF outline) and internal links added to a PDF that Qt wrote: QPdfWriter can
do neither, so the handout records where its sections and link areas fell, in device pixels, and
this adds them afterwards with pypdf. Pages keep their content untouched. No widgets here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit

#: Device pixels per point: the handout is drawn at 96 dpi.
_POINTS_PER_PIXEL = 72 / 96


@dataclass
class Bookmark:
    title: str
    page: int  # 0-based
    y: float  # device pixels from the page's top
    #: The title of the bookmark it sits under ('' at the top level).
    parent: str = ""


@dataclass
class PdfMarks:
    """What to add: `bookmarks` in order, `targets` (a key -> page and y) and `links` (a page,
    a rectangle in device pixels and the key of its target)."""

    bookmarks: list[Bookmark] = field(default_factory=list)
    targets: dict[str, tuple[int, float]] = field(default_factory=dict)
    links: list[tuple[int, tuple[float, float, float, float], str]] = field(default_factory=list)

    def apply(self, pdf: bytes) -> bytes:
        """`pdf` with the bookmarks and links (links to unknown targets are left out)."""
        if not self.bookmarks and not self.links:
            return pdf
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
        heights = [float(page.mediabox.height) for page in writer.pages]

        def top(page: int, y: float) -> float:
            return max(0.0, heights[page] - y * _POINTS_PER_PIXEL)

        parents: dict[str, object] = {}
        for mark in self.bookmarks:
            if not 0 <= mark.page < len(heights):
                continue
            item = writer.add_outline_item(
                title=mark.title, page_number=mark.page,
                parent=parents.get(mark.parent),  # type: ignore[arg-type]
                fit=Fit.xyz(left=0, top=top(mark.page, mark.y)))
            parents.setdefault(mark.title, item)
        for page, (x, y, width, height), key in self.links:
            target = self.targets.get(key)
            if target is None or not 0 <= page < len(heights) or not 0 <= target[0] < len(heights):
                continue
            rect = (x * _POINTS_PER_PIXEL, top(page, y + height),
                    (x + width) * _POINTS_PER_PIXEL, top(page, y))
            writer.add_annotation(page, Link(rect=rect, border=[0, 0, 0],
                                             target_page_index=target[0],
                                             fit=Fit.xyz(left=0, top=top(*target))))
        writer.page_mode = "/UseOutlines"
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
