"""A long process title (the retail sample's) reads from its start in the Properties panel, as
a person expects of a field they have not clicked into; the end shows only once they type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from flowedit.io import load_document

ROOT = Path(__file__).resolve().parents[2]


def test_a_long_title_shows_its_beginning(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    path = ROOT / "samples" / "retail-store.yaml"
    window.set_document(load_document(path), path)

    def title() -> QLineEdit:
        return window.properties_dock.widget().findChild(QLineEdit, "title")

    qtbot.waitUntil(lambda: title().isVisible() and title().text().startswith("Proses toko"))
    field = title()
    assert field.cursorPosition() == 0
    assert field.cursorRect().left() < field.width() // 2  # the caret, and the text, at the left
