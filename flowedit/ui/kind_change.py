"""Changing a shape's kind (start, stage, decision, end) from the Properties panel, the canvas's
context menu or Edit ▸ Change Kind. The model edit (`editing.change_kind`) decides what the new
kind keeps; here the user is asked before arrows go, and told what was dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from flowedit.i18n import N_, _
from flowedit.model import NodeKind
from flowedit.ui.canvas.items.edge_item import EdgeItem
from flowedit.ui.command_names import menu_text
from flowedit.ui.lazy import editing

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

#: Whole sentences per kind, so each language can inflect them its own way.
_STAYS = {NodeKind.START: N_("{name} stays a start"), NodeKind.STAGE: N_("{name} stays a stage"),
          NodeKind.DECISION: N_("{name} stays a decision"),
          NodeKind.END: N_("{name} stays an end")}
_IS_NOW = {NodeKind.START: N_("{name} is now a start"),
           NodeKind.STAGE: N_("{name} is now a stage"),
           NodeKind.DECISION: N_("{name} is now a decision"),
           NodeKind.END: N_("{name} is now an end")}
_MAKING = {NodeKind.START: N_("Making {name} a start removes:"),
           NodeKind.STAGE: N_("Making {name} a stage removes:"),
           NodeKind.DECISION: N_("Making {name} a decision removes:"),
           NodeKind.END: N_("Making {name} an end removes:")}
_CHANGE_TO = {NodeKind.START: N_("Change Kind to Start"),
              NodeKind.STAGE: N_("Change Kind to Stage"),
              NodeKind.DECISION: N_("Change Kind to Decision"),
              NodeKind.END: N_("Change Kind to End")}
#: Menu texts with a mnemonic each: Change Kind ▸ &Decision is Alt-free typing D.
_MENU_TEXT = {NodeKind.START: N_("&Start"), NodeKind.STAGE: N_("S&tage"),
              NodeKind.DECISION: N_("&Decision"), NodeKind.END: N_("&End")}


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
        editor.report(_(_STAYS[node.kind]).format(name=name))
        return False
    done = editor.edit(lambda: _(_CHANGE_TO[kind]),
                       lambda rec: editing.change_kind(rec, node_id, kind))
    if done is None:
        return False
    now = _(_IS_NOW[kind]).format(name=name)
    editor.report(_("{done}; dropped {lost}").format(done=now, lost=", ".join(cost.lost))
                  if cost.lost else now)
    return True


def _confirm(parent: QWidget, name: str, kind: NodeKind, lost: tuple[str, ...]) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, _("Change kind"),
                      _(_MAKING[kind]).format(name=name) + "\n"
                      + "\n".join(f"• {item}" for item in lost), parent=parent)
    box.setInformativeText(_("Undo (Ctrl+Z) puts everything back."))
    change = box.addButton(_("Change"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is change


def change_selected_kind(editor: Editor, kind: NodeKind) -> None:
    """Edit ▸ Change Kind: acts on the one selected shape."""
    node_ids = editor.scene.selected_ids()[0]
    if len(node_ids) != 1:
        editor.report(_("Select one shape to change its kind"))
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
        action = menu.addAction(_(_MENU_TEXT[kind]))
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
    menu.addAction(menu_text("rename"), lambda: editor.edit_text_of_node(node_id, select_all=True))
    kinds = menu.addMenu(menu_text("change-kind"))
    kinds.setObjectName("changeKindMenu")
    fill_kind_menu(kinds, editor, node_id)
    menu.addSeparator()
    menu.addAction(menu_text("delete"), editor.delete_selection)
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
    menu.addAction(_("Edit &Label"), lambda: editor.edit_text_of_edge(edge_id))
    reset = menu.addAction(menu_text("reset-route"), lambda: editor.reset_route(edge_id))
    reset.setObjectName("resetRoute")
    reset.setEnabled(bool(editor.doc.edges[edge_id].points))
    menu.addSeparator()
    menu.addAction(menu_text("delete"), editor.delete_selection)
    editor.context_menu = menu
    menu.popup(view.viewport().mapToGlobal(pos))
