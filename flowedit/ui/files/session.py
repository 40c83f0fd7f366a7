"""The file side of one window: which file the document belongs to, new / open / save / reload,
the unsaved-changes prompt, the watch on the file (never overwrite another program's change
without asking), recent files and recovery copies.

A file that cannot be read is reported and the open document stays as it was; a failed save says
why and leaves both the document and the file on disk intact. The window shows documents; this
object decides which and when, through the small `SessionHost` interface, so menus, compare and
export need only the session, not the whole window.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QWidget

from flowedit.i18n import N_, _
from flowedit.io import (
    FlowFileError,
    FlowReadOnlyError,
    FlowSaveError,
    load_for_editor,
    save_document,
)
from flowedit.io.atomic import remove_stale_temporaries
from flowedit.io.templates import load_template
from flowedit.model import Document, Routing
from flowedit.ui.files.autosave import Autosaver
from flowedit.ui.labels import button_text, one_line

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor
    from flowedit.ui.files.recovery_offer import RecoveryBar

FILE_FILTER = N_("Process files (*.yaml *.yml);;All files (*)")
MAX_RECENT = 8


class SessionHost(Protocol):
    """What the session asks of the window that shows its documents."""

    editor: Editor
    recent_menu: QMenu
    recovery_bar: RecoveryBar
    extra_docks: list[QDockWidget]

    def set_document(self, doc: Document, path: Path | None,
                     recovery_key: str | None = None) -> None: ...
    def show_message(self, text: str, timeout: int) -> None: ...
    def commit_pending_input(self) -> None: ...
    def update_title(self) -> None: ...
    def add_panel(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class FileSession(QObject):
    def __init__(self, host: SessionHost, parent: QWidget, settings: QSettings) -> None:
        super().__init__(parent)
        self.host = host
        #: Where dialogs and message boxes appear.
        self.parent_widget = parent
        self.settings = settings
        self.path: Path | None = None
        self.autosaver = Autosaver(None, parent)
        #: (modification time, size) of the file as last read or written by us.
        self.disk_signature: tuple[int, int] | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed_on_disk)
        #: Where Save As… proposes to save an untitled document (an import: beside its file).
        self.suggested_path: Path | None = None
        self._asking_about_disk = False

    def adopt(self, editor: Editor, path: Path | None, recovery_key: str | None,
              follow: bool = True) -> None:
        """The window now shows `editor`'s document, belonging to `path`; a document restored
        from the recovery copy `recovery_key` starts out marked as unsaved and keeps that copy
        until it is saved. `follow=False`: the caller starts the autosaver later (a staged
        start, once the canvas has painted)."""
        self.path = path
        self.suggested_path = None
        if path is not None:
            remove_stale_temporaries(path)  # left by a save that was killed
        if recovery_key:
            editor.stack.resetClean()
        self._watch(path)
        if follow:
            self.autosaver.follow(editor, path, recovery_key)

    # ------------------------------------------------------------------ documents
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unchanged)."""
        from PySide6.QtWidgets import QMessageBox

        self.host.commit_pending_input()
        if self.host.editor.stack.isClean():
            return True
        name = one_line(self.path.name) if self.path else _("Untitled")
        answer = QMessageBox.warning(
            self.parent_widget, _("Unsaved changes"),
            _("Save the changes to {name} before closing it?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.host.set_document(Document(routing=Routing.ORTHOGONAL), None)

    def new_from_template(self, name: str) -> None:
        """A copy of the template in the user's language, untitled: Save asks for a name, so the
        installed template is never overwritten."""
        if self.maybe_save():
            self.host.set_document(load_template(name), None)

    def close_document(self) -> None:
        """File › Close: the window stays, with an empty untitled process, once unsaved work is
        saved or deliberately discarded."""
        if self.maybe_save():
            self.autosaver.discard()
            self.host.set_document(Document(routing=Routing.ORTHOGONAL), None)

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self.maybe_save():
            return
        start = str(self.path.parent) if self.path else os.getcwd()
        from flowedit.ui.files.import_dialog import import_filter

        path, _chosen = QFileDialog.getOpenFileName(self.parent_widget, _("Open process"), start,
                                                    _(FILE_FILTER).split(";;")[0] + ";;"
                                                    + import_filter())
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Opens a file; on error shows why and keeps the current document. A diagram of
        another tool (recognised by its contents) goes through the import instead."""
        if ask and not self.maybe_save():
            return False
        if foreign_diagram(path):
            from flowedit.ui.files.import_dialog import import_path

            return import_path(self, path)
        try:
            doc = load_for_editor(path)
        except FlowFileError as error:
            self.show_error(_("Cannot open the file"), str(error))
            return False
        self.host.set_document(doc, path)
        self.remember_recent(path)
        return True

    def open_imported(self, doc: Document, source: Path) -> None:
        """Shows an imported process as untitled and unsaved: Save asks for a .yaml name
        (suggesting one beside the diagram), so the diagram itself is never overwritten."""
        self.host.set_document(doc, None)
        self.host.editor.stack.resetClean()
        self.suggested_path = source.with_suffix(".yaml")
        self.host.update_title()
        self.host.show_message(_("Imported {file}: save it as a flowedit process to keep "
                                 "it").format(file=source.name), 10000)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        start = str(self.path or self.suggested_path
                    or os.path.join(os.getcwd(), "process.yaml"))
        path, _filter = QFileDialog.getSaveFileName(self.parent_widget, _("Save process as"),
                                                    start, _(FILE_FILTER))
        if not path:
            return False
        if not Path(path).suffix:
            path += ".yaml"
            # The dialog confirmed overwriting the name as typed, not the name with .yaml.
            if Path(path).exists() and path != str(self.path) and QMessageBox.question(
                    self.parent_widget, _("Replace the file?"),
                    _("{name} already exists. Replace it?").format(name=Path(path).name)
                    ) != QMessageBox.StandardButton.Yes:
                return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        self.host.commit_pending_input()
        decision = self._overwrite_decision(path)
        if decision == "elsewhere":
            return self.save_as()
        if decision == "reload":
            self.reload_from_disk()
            return False
        if decision == "cancel":
            return False
        try:
            save_document(self.host.editor.root, path)
        except FlowReadOnlyError as error:
            return self._offer_save_as(error)
        except FlowSaveError as error:
            self.show_error(_("Cannot save"), f"{error}\n\n" + _(
                "Your drawing is still open and unchanged; the file on disk was not touched."))
            return False
        if path != self.path:
            self.autosaver.renamed(path)
        self.path = path
        self.suggested_path = None
        self._watch(path)
        self.host.editor.stack.setClean()
        self.autosaver.discard_copy()
        self.remember_recent(path)
        self.host.update_title()
        self.host.show_message(_("Saved {path}").format(path=path), 5000)
        return True

    def _offer_save_as(self, error: FlowReadOnlyError) -> bool:
        """A read-only file is not replaced; Save As… keeps the work under another name."""
        from PySide6.QtWidgets import QMessageBox

        self.host.show_message(str(error), 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, _("The file is read-only"),
                          f"{error}\n\n" + _("Your drawing is still open and unchanged; the "
                                               "file on disk was not touched."),
                          parent=self.parent_widget)
        elsewhere = box.addButton(_("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.exec()
        return box.clickedButton() is elsewhere and self.save_as()

    # ------------------------------------------------------------------ recovery
    def restore_copy(self, copy) -> bool:  # type: ignore[no-untyped-def]
        """Shows a recovery copy as an unsaved document belonging to its original file."""
        if not self.maybe_save():
            return False
        doc = copy.load()
        self.host.set_document(doc, copy.original, self.autosaver.store.key_of(copy))
        self.host.statusBar().showMessage(_("Restored unsaved work: save it to keep it"), 10000)
        return True

    def offer_recovery(self) -> None:
        """Shows the bar offering every recovery copy but the open document's own."""
        self.host.recovery_bar.offer(self.autosaver.store, self.restore_copy,
                                     lambda: self.autosaver.key)

    # ------------------------------------------------------------------ the file on disk
    def _watch(self, path: Path | None) -> None:
        """Remembers the file as we last saw it and watches it for changes by other programs."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.disk_signature = _signature(path) if path else None
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def _changed_behind_our_back(self, path: Path) -> bool:
        return (path == self.path and self.disk_signature is not None
                and _signature(path) != self.disk_signature)

    def _overwrite_decision(self, path: Path) -> str:
        """'write', or what the user chose instead ('reload', 'elsewhere', 'cancel') when another
        program changed the file since we read it: never overwritten silently. A file deleted
        meanwhile is simply written again."""
        from PySide6.QtWidgets import QMessageBox

        if not path.exists() or not self._changed_behind_our_back(path):
            return "write"
        box = QMessageBox(QMessageBox.Icon.Warning, _("The file changed on disk"),
                          _("{name} was changed by another program since you opened or last "
                            "saved it.").format(name=path.name), parent=self.parent_widget)
        box.setInformativeText(_("Overwrite it with your version, reload it from disk (your "
                                 "unsaved changes are lost), or save your version elsewhere?"))
        overwrite = box.addButton(_("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        reload_button = box.addButton(_("Reload"), QMessageBox.ButtonRole.ResetRole)
        elsewhere = box.addButton(_("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.exec()
        clicked = box.clickedButton()
        if clicked is overwrite:
            return "write"
        if clicked is reload_button:
            return "reload"
        return "elsewhere" if clicked is elsewhere else "cancel"

    def reload_from_disk(self) -> bool:
        """Replaces the document with the file on disk; unsaved work is first kept as a recovery
        copy (offered again at the next start), and the status bar says where."""
        if self.path is None:
            return False
        try:
            doc = load_for_editor(self.path)
        except FlowFileError as error:
            self.show_error(_("Cannot reload the file"), str(error))
            return False
        kept = None
        editor = self.host.editor
        if not editor.stack.isClean():
            store = self.autosaver.store
            try:
                kept = store.write(f"before-reload-{store.key_for(None)}", editor.root,
                                   self.path)
            except (FlowSaveError, OSError) as error:
                self.show_error(_("Cannot reload the file"), _(
                    "Your unsaved changes could not be kept as a recovery copy ({error}), so "
                    "the file was not reloaded. Save your version with Save As… first.").format(
                        error=error))
                return False
        self.host.set_document(doc, self.path)
        self.host.show_message(
            _("Reloaded {name} from disk; your unsaved version is kept in {path}").format(
                name=self.path.name, path=kept) if kept
            else _("Reloaded {name} from disk").format(name=self.path.name),
            60000 if kept else 5000)
        return True

    def _file_changed_on_disk(self, changed: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        path = Path(changed)
        if path.exists() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # an atomic replace drops the watch
        if self._asking_about_disk or not self._changed_behind_our_back(path):
            return
        self._asking_about_disk = True
        try:
            if not path.exists():
                self.host.show_message(
                    _("{name} was deleted or moved on disk; Save writes it again").format(
                        name=path.name), 10000)
                return
            unsaved = not self.host.editor.stack.isClean()
            question = (_("{name} was changed by another program. Reload it?").format(
                name=path.name) + ("\n\n" + _("Your unsaved changes would be lost; choose No "
                                              "to keep them (saving will then ask before "
                                              "overwriting).") if unsaved else ""))
            # No is the default: Enter must never throw away work.
            answer = QMessageBox.question(
                self.parent_widget, _("The file changed on disk"), question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.reload_from_disk()
        finally:
            self._asking_about_disk = False

    def show_error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.host.statusBar().showMessage(text.splitlines()[0], 10000)
        QMessageBox.critical(self.parent_widget, title, text)

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def remember_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        menu = self.host.recent_menu
        menu.clear()
        for entry in self.recent_files():
            action = menu.addAction(button_text(entry))
            action.triggered.connect(lambda _checked=False, e=entry: self.open_path(Path(e)))
        menu.setEnabled(bool(self.recent_files()))


def foreign_diagram(path: Path) -> bool:
    """True for a diagram of another tool that io.formats can import (by its contents)."""
    from flowedit.io.formats import recognise
    from flowedit.io.sniff import SNIFF_BYTES

    if path.suffix.lower() in (".yaml", ".yml") or not path.is_file():
        return False  # a FIFO or device is never opened here: the process reader refuses it
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False  # the process reader says why
    return recognise(path, head) is not None


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)
