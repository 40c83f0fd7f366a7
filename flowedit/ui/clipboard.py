"""The clipboard: shapes with the arrows between them travel as a process file (YAML), under a
MIME type of flowedit's own and as plain text, so they paste between flowedit windows and into
any text editor. What comes back is read like any file: validated, never trusted."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from flowedit.i18n import _
from flowedit.io import dumps_document, loads_document
from flowedit.model import Document

FRAGMENT_MIME = "application/x-flowedit-fragment"


def put_fragment(fragment: Document) -> None:
    text = dumps_document(fragment)
    mime = QMimeData()
    mime.setData(FRAGMENT_MIME, text.encode("utf-8"))
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def take_fragment() -> Document | None:
    """The shapes on the clipboard, or None when it holds no flowedit shapes.

    Raises FlowFileError when it holds flowedit's own type, or text that says it is a flowedit
    process, but the content is broken: the user is told why rather than that nothing is there."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    if mime.hasFormat(FRAGMENT_MIME):
        return loads_document(bytes(mime.data(FRAGMENT_MIME).data()), _("the clipboard"))
    if mime.hasText() and mime.text().lstrip().startswith("flowedit:"):
        return loads_document(mime.text(), _("the clipboard"))
    return None
