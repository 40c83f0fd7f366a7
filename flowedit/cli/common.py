"""What every subcommand shares: UTF-8 output, the --leads argument, reading a file or saying
why it cannot be read. No Qt here."""

from __future__ import annotations

import argparse
import math
import os
import sys
import unicodedata

from flowedit.i18n import _, format_number, ngettext
from flowedit.io import FlowFileError, load_document
from flowedit.model import Document


def write_utf8() -> None:
    """Output is UTF-8 whatever the locale or console says: names are often not ASCII, the text
    uses arrows, and a latin-1 console must not turn a report into a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="surrogateescape")


def shortened(text: str, width: int) -> str:
    """One line at most `width` terminal columns wide, for tables and reports (an ellipsis shows
    a cut); a Chinese character takes two columns (see `display_width`)."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += display_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and full-width characters (Chinese, Japanese,
    Korean) take two, combining marks none."""
    return sum(0 if unicodedata.combining(char) else
               2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def padded(text: str, width: int, right: bool = False) -> str:
    """`text` padded with spaces to `width` columns, on the left when `right` (for figures)."""
    room = " " * max(0, width - display_width(text))
    return room + text if right else text + room


def leads_argument(text: str) -> float:
    """argparse type of --leads: a number above 0 and at most MAX_LEADS."""
    from flowedit.analysis.metrics import MAX_LEADS

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a number: {text}").format(text=repr(text))) from None
    if not (math.isfinite(value) and 0 < value <= MAX_LEADS):
        raise argparse.ArgumentTypeError(
            _("must be more than 0 and at most {most}, not {text}").format(
                most=format_number(MAX_LEADS, 0), text=text))
    return value


def read_or_report(path: str) -> Document | None:
    """The document, or None after telling stderr why it cannot be read (the caller exits 2)."""
    try:
        return load_document(path)
    except FlowFileError as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return None


def translate_argparse() -> None:
    """argparse's own words ("usage:", "options", its errors) through flowedit's catalogue, so
    `--help` and a wrong option read in one language. argparse looks them up at call time through
    the module-level `_` and `ngettext` it imported from gettext; they are extracted from
    argparse into flowedit's catalogue (tools/extract_messages.py)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def missing_display() -> str | None:
    """Why no window can be shown, or None. Checked before Qt starts: on Linux and the BSDs
    without a display, or with a DISPLAY nothing answers at (an ssh session that ended, a
    stopped X server), Qt aborts the whole process with advice about reinstalling it."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    wayland, x11 = os.environ.get("WAYLAND_DISPLAY"), os.environ.get("DISPLAY")
    if not wayland and not x11:
        return _("no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window "
                 "can open: run this on a desktop, or use 'flowedit export' or 'flowedit check', "
                 "which need no display")
    if (wayland and _wayland_answers(wayland)) or (x11 and _x11_answers(x11)):
        return None
    return _("cannot reach the display {display}: nothing answers there (the desktop session "
             "may have ended), so no window can open; 'flowedit export' and 'flowedit check' "
             "need no display").format(display=x11 or wayland)


def _wayland_answers(name: str) -> bool:
    folder = os.environ.get("XDG_RUNTIME_DIR", "")
    return os.path.exists(name if os.path.isabs(name) else os.path.join(folder, name))


def _x11_answers(display: str, socket_folder: str = "/tmp/.X11-unix") -> bool:
    """Whether an X server accepts a connection at `display` ("[host]:n[.screen]") within a
    second. Anything we cannot parse is left to Qt to judge."""
    import socket

    host, _colon, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return True
    try:
        if host in ("", "unix") or host.startswith("/"):
            path = host if host.startswith("/") else os.path.join(socket_folder, "X" + number)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
                unix.settimeout(1.0)
                try:
                    unix.connect(path)
                except OSError:
                    if not sys.platform.startswith("linux"):
                        raise
                    unix.connect("\0" + path)  # Linux's abstract socket namespace
            return True
        with socket.create_connection((host, 6000 + int(number)), timeout=1.0):
            return True
    except OSError:
        return False
