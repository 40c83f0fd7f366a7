"""Changing a shape's kind (start, stage, decision, end) from the Properties panel, the canvas's
context menu or Edit ▸ Change Kind. The model edit (`editing.change_kind`) decides what the new
kind keeps; here the user is asked before arrows go, and told what was dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from flowedit.model import NodeKind, editing
from flowedit.ui.canvas.items.edge_item import EdgeItem
from flowedit.ui.command_names import MENU_TEXT, command_name

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

_ARTICLE = {NodeKind.START: "a start", NodeKind.STAGE: "a stage",
            NodeKind.DECISION: "a decision", NodeKind.END: "an end"}
#: Menu texts with a mnemonic each: Change Kind ▸ &Decision is Alt-free typing D.
_MENU_TEXT = {NodeKind.START: "&Start", NodeKind.STAGE: "S&tage",
              NodeKind.DECISION: "&Decision", NodeKind.END: "&End"}


def change_kind(editor: Editor, node_id: str, kind: NodeKind | str) -> bool:
    """One undoable edit; arrows the new kind cannot keep are listed and removed only if the
    user agrees. True when the kind changed."""
    kind = NodeKind(kind)
    doc = editor.doc
    node = doc.nodes.get(node_id)
    if node is None or node.kind is kind:
        return False
    name = editing.shown_name(doc, node_id)
    cost = editing.kind_change_cost(doc, node_id, kind)
    if cost.edge_ids and not _confirm(editor.view, name, kind, cost.lost):
        editor.report(f"{name} stays {_ARTICLE[node.kind]}")
        return False
    done = editor.edit(f"{command_name('change-kind')} to {kind.value.capitalize()}",
                       lambda rec: editing.change_kind(rec, node_id, kind))
    if done is None:
        return False
    dropped = f"; dropped {', '.join(cost.lost)}" if cost.lost else ""
    editor.report(f"{name} is now {_ARTICLE[kind]}{dropped}")
    return True


def _confirm(parent: QWidget, name: str, kind: NodeKind, lost: tuple[str, ...]) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Change kind",
                      f"Making {name} {_ARTICLE[kind]} removes:\n"
                      + "\n".join(f"• {item}" for item in lost), parent=parent)
    box.setInformativeText("Undo (Ctrl+Z) puts everything back.")
    change = box.addButton("Change", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is change


def change_selected_kind(editor: Editor, kind: NodeKind) -> None:
    """Edit ▸ Change Kind: acts on the one selected shape."""
    node_ids = editor.scene.selected_ids()[0]
    if len(node_ids) != 1:
        editor.report("Select one shape to change its kind")
        return
    change_kind(editor, node_ids[0], kind)


def fill_kind_menu(menu: QMenu, editor: Editor | None, node_id: str | None) -> None:
    """The kinds, the shape's own one checked; each entry changes the shape to that kind
    (greyed out without a shape)."""
    menu.clear()
    group = QActionGroup(menu)
    if editor is None or node_id not in editor.doc.nodes:
        node_id = None
    current = editor.doc.nodes[node_id].kind if editor is not None and node_id else None
    for kind in NodeKind:
        action = menu.addAction(_MENU_TEXT[kind])
        action.setCheckable(True)
        action.setChecked(kind is current)
        action.setEnabled(node_id is not None)
        group.addAction(action)
        if editor is not None and node_id is not None:
            action.triggered.connect(
                lambda _checked=False, kind=kind: change_kind(editor, node_id, kind))


def install_context_menu(editor: Editor) -> None:
    """Right-click (or the Menu key) on a shape: Rename, Change Kind ▸, Delete."""
    view = editor.view
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos: _show_context_menu(editor, pos))


def _show_context_menu(editor: Editor, pos: QPoint) -> None:
    view = editor.view
    item = editor.scene.node_item_at(view.mapToScene(pos))
    if item is None:
        _show_arrow_menu(editor, pos)
        return
    node_id = item.node_id
    if not item.isSelected():
        editor.scene.select_only([node_id])
    menu = QMenu(view)
    menu.setObjectName("shapeContextMenu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addAction(MENU_TEXT["rename"], lambda: editor.edit_text_of_node(node_id, select_all=True))
    kinds = menu.addMenu(MENU_TEXT["change-kind"])
    kinds.setObjectName("changeKindMenu")
    fill_kind_menu(kinds, editor, node_id)
    menu.addSeparator()
    menu.addAction(MENU_TEXT["delete"], editor.delete_selection)
    editor.context_menu = menu
    menu.popup(view.viewport().mapToGlobal(pos))


def _show_arrow_menu(editor: Editor, pos: QPoint) -> None:
    """Right-click on an arrow: Edit Label, Reset Route (its bend points dropped), Delete."""
    view = editor.view
    scene_pos = view.mapToScene(pos)
    arrow = next((i for i in editor.scene.items(scene_pos) if isinstance(i, EdgeItem)), None)
    if arrow is None:
        return
    edge_id = arrow.edge_id
    editor.scene.select_only(edge_ids=[edge_id])
    menu = QMenu(view)
    menu.setObjectName("arrowContextMenu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addAction("Edit &Label", lambda: editor.edit_text_of_edge(edge_id))
    reset = menu.addAction(MENU_TEXT["reset-route"], lambda: editor.reset_route(edge_id))
    reset.setObjectName("resetRoute")
    reset.setEnabled(bool(editor.doc.edges[edge_id].points))
    menu.addSeparator()
    menu.addAction(MENU_TEXT["delete"], editor.delete_selection)
    editor.context_menu = menu
    menu.popup(view.viewport().mapToGlobal(pos))
