"""What an export is asked for and whether the request makes sense, without Qt: the CLI checks
its options (and the fast SVG writer runs) before Qt is loaded, if it is loaded at all.
render/export.py re-exports these names.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from flowedit.i18n import _, format_general

#: Output formats, by file extension (without the dot, lower case).
FORMATS = ("png", "svg", "pdf")
#: The paper sizes `page` may name (PDF only; export.PAGES has their Qt sizes).
PAGE_NAMES = ("a4", "letter", "a3")
MAX_SCALE = 50.0
MIN_DPI, MAX_DPI = 10.0, 2400.0


class ExportError(Exception):
    """An export that cannot be made; the message says why, for the person who asked for it."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to export; `dpi` is for PNG only and `page` for PDF only."""

    scale: float = 1.0
    dpi: float | None = None
    transparent: bool = False
    lane: str | None = None
    page: str | None = None
    flags: bool = False
    #: Draw the metrics overlay (shares, days, flow widths, bottleneck) for this many leads.
    metrics: bool = False
    leads: float = 1000.0
    #: A title above the diagram ("" for the process's own title; None for none).
    title: str | None = None
    #: A legend under the diagram: the shapes and colours it uses.
    legend: bool = False
    #: The headline figures (leads, win rate, days to win, bottleneck) under the title.
    headline: bool = False
    #: Each shape's owner and duration written under it.
    details: bool = False


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for ('png', 'svg' or 'pdf'), from its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        given = (_("'.{suffix}' is not an export format").format(suffix=suffix) if suffix
                 else _("the name has no extension"))
        raise ExportError(_("cannot export to {file}: {reason}; end the name with .png, .svg or "
                            ".pdf").format(file=os.fspath(path), reason=given))
    return suffix


def check_options(fmt: str, options: ExportOptions) -> None:
    """Raises ExportError when an option is out of range or does not apply to the format."""
    if not (math.isfinite(options.scale) and 0 < options.scale <= MAX_SCALE):
        raise ExportError(_("the scale must be greater than 0 and at most {most}, not "
                            "{value}").format(most=format_general(MAX_SCALE),
                                              value=f"{options.scale:g}"))
    if options.dpi is not None:
        if fmt != "png":
            raise ExportError(_("--dpi applies to PNG only; {format} is drawn as vectors at "
                                "any resolution (use --scale to change its size)").format(
                format=fmt.upper()))
        if not (math.isfinite(options.dpi) and MIN_DPI <= options.dpi <= MAX_DPI):
            raise ExportError(_("the dpi must be between {least} and {most}, not {value}").format(
                least=format_general(MIN_DPI), most=format_general(MAX_DPI),
                value=f"{options.dpi:g}"))
    if options.page is not None:
        if fmt != "pdf":
            raise ExportError(_("--page applies to PDF only, not to {format}").format(
                format=fmt.upper()))
        if options.page not in PAGE_NAMES:
            raise ExportError(_("unknown page size {page}: use {pages}").format(
                page=repr(options.page), pages=_(" or ").join(PAGE_NAMES)))
