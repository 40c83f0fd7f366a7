"""The outline panel: the process as a tree a keyboard or screen-reader user can read and walk.

Each lane (in order, then "No lane" when some shape has none) holds its shapes in flow order, and
each shape holds its problems. Every shape item carries a sentence that says what the shape is,
where it sits, who owns it, how long it takes and where its arrows go. Clicking an item (or Enter)
selects and centres its shape; selecting on the canvas selects the item. The tree is brought up
to date a moment after the model or the problems change, and only when something it shows
changed, so dragging shapes costs nothing here; then only the rows whose text changed are made
again, so an edit at 5,000 stages stays within a frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from flowedit.analysis import Problem, Severity
from flowedit.analysis.flow_order import flow_order
from flowedit.i18n import _, format_general, format_percent, ngettext
from flowedit.model import Change, Document, Node, NodeKind, Outcome, is_milestone
from flowedit.model.limits import MAX_LEVELS
from flowedit.render import style
from flowedit.render.shapes import shape_path
from flowedit.ui.labels import join_clauses, join_sentences, kind_name, one_line
from flowedit.ui.signals import disconnect_all

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

#: The tree is rebuilt this long after the last model or problems change.
REBUILD_DELAY_MS = 150
#: Item data: the node id of a shape or problem item, the lane id of a lane item.
ID_ROLE = Qt.ItemDataRole.UserRole
#: Item data: "lane", "node" or "problem"; "level" (a stage's sub-process) and "subnode" (a
#: shape in it) for the levels below the one shown.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: Item data of "level" and "subnode" items: the stage ids leading there from the level shown.
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
_NO_LANE = "\x00no-lane"
_WARNING = QColor("#9a5b00")


def kind_label(node: Node) -> str:
    """'Stage', 'Decision', 'End (won)'..."""
    if node.kind is NodeKind.END and node.outcome is not None:
        return _("End (won)") if node.outcome is Outcome.WON else _("End (lost)")
    if is_milestone(node):
        return (_("Stage (won milestone)") if node.outcome is Outcome.WON
                else _("Stage (lost milestone)"))
    return kind_name(node.kind)


def item_text(node: Node) -> str:
    """What the outline shows for a shape: 'Decision: Qualified?'."""
    return _("{kind}: {name}").format(kind=kind_label(node),
                                      name=one_line(node.name) or _("(unnamed)"))


def _name(node: Node) -> str:
    return one_line(node.name) or _("unnamed {kind}").format(kind=kind_name(node.kind).lower())


def _days(days: float) -> str:
    return ngettext("{days} day", "{days} days", 1 if days == 1 else 2).format(
        days=format_general(days))


def branches(doc: Document, node_id: str) -> str:
    """Where the arrows leaving a shape go: 'Qualified?: Yes → Proposal, No → Lead lost'."""
    node = doc.nodes[node_id]
    parts: list[str] = []
    labelled = False
    for edge_id in doc.out_edges(node_id):
        edge = doc.edges[edge_id]
        label = (edge.label or "").strip()
        if edge.probability is not None:
            label = f"{label} ({format_percent(edge.probability, 0)})".strip()
        labelled = labelled or bool(label)
        target = _name(doc.nodes[edge.target])
        parts.append(f"{label} → {target}" if label else f"→ {target}")
    if not parts:
        if node.kind is NodeKind.END:
            return ""
        return _("No arrow leaves {name}").format(name=_name(node))
    if not labelled:
        return f"{_name(node)} → " + join_clauses([part[2:] for part in parts])
    return _("{name}: {branches}").format(name=_name(node), branches=join_clauses(parts))


def describe(doc: Document, node_id: str, problems: Sequence[Problem] = (),
             lane_names: dict[str, str] | None = None) -> str:
    """One readable sentence about a shape, for tooltips and screen readers:
    'Decision “Qualified?”, in lane Sales, owner Dana, 2 days. Qualified?: Yes → Proposal,
    No → Lead lost.' (`lane_names`: lane id -> name, to save looking them up per shape.)"""
    if lane_names is None:
        lane_names = {lane.id: lane.name for lane in doc.lanes}
    node = doc.nodes[node_id]
    name = node.name.strip()
    clauses = [_("{kind} “{name}”").format(kind=kind_label(node), name=name) if name
               else _("Unnamed {kind}").format(kind=kind_label(node).lower())]
    if node.lane in lane_names:
        clauses.append(_("in lane {lane}").format(lane=lane_names[node.lane]))
    elif lane_names:
        clauses.append(_("in no lane"))
    if node.owner and node.owner.strip():
        clauses.append(_("owner {owner}").format(owner=node.owner.strip()))
    if node.duration_days is not None:
        clauses.append(_days(node.duration_days))
    sentences = [join_clauses(clauses)]
    where = branches(doc, node_id)
    if where:
        sentences.append(where)
    elif node.kind is NodeKind.END:
        sentences.append(_("The process ends here"))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    error_text = ngettext("{count} error", "{count} errors", errors).format(count=errors)
    warning_text = ngettext("{count} warning", "{count} warnings",
                            warnings).format(count=warnings)
    if errors and warnings:
        sentences.append(_("{errors} and {warnings}").format(errors=error_text,
                                                             warnings=warning_text))
    elif errors or warnings:
        sentences.append(error_text if errors else warning_text)
    return join_sentences(sentences)


_icons: dict[tuple[NodeKind, Outcome | None], QIcon] = {}


def kind_icon(node: Node) -> QIcon:
    """A small picture of the shape's outline in its colours."""
    key = (node.kind, node.outcome if node.kind is NodeKind.END else None)
    if key not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        sample = Node("icon", node.kind, "", outcome=key[1])
        painter.setPen(QPen(style.node_border(sample), 2.5))
        painter.setBrush(QBrush(style.node_fill(sample)))
        rect = QRectF(2, 6, 28, 20) if node.kind is not NodeKind.DECISION else QRectF(2, 3, 28, 26)
        path = shape_path(node.kind, rect)
        if node.kind is NodeKind.STAGE:
            path.clear()
            path.addRoundedRect(rect, 5, 5)
        painter.drawPath(path)
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


class OutlinePanel(QTreeWidget):
    """One instance serves the window across documents: call `set_editor` with each editor."""

    #: After every rebuild of the tree (for tests and anyone keeping items).
    rebuilt = Signal()
    #: A shape was chosen in the outline (it is then selected and centred on the canvas).
    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setIndentation(16)
        self.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        self.setExpandsOnDoubleClick(False)
        self._name_itself()
        self.editor: Editor | None = None
        self._connections: list[tuple[object, object]] = []
        self._signature: object = None
        self._followed: Document | None = None
        #: Shapes whose rows may read differently since the last update (heard from the
        #: document's changes); None: any row may (another document, lanes, shapes added...).
        self._dirty: set[str] | None = None
        #: Whether shapes may have changed lane or order since the last update.
        self._regroup = True
        #: The problems each row shows, as of the last update.
        self._shown: dict[str, tuple[Problem, ...]] = {}
        self._stale = False
        self._collapsed: set[str] = set()
        self._node_items: dict[str, QTreeWidgetItem] = {}
        self._lane_items: dict[str, QTreeWidgetItem] = {}
        #: What each shape row was made from (`_row_key`) and each lane's rows in order.
        self._row_keys: dict[str, tuple[object, ...]] = {}
        self._members: dict[str, list[str]] = {}
        #: Shape rows made since the panel was created: an edit remakes only those it touched.
        self.rows_made = 0
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(REBUILD_DELAY_MS)
        self._rebuild_timer.timeout.connect(self.refresh)
        # The scene reports every single item of a big selection: follow it once per turn.
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(0)
        self._follow_timer.timeout.connect(self.follow_canvas)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self.itemExpanded.connect(lambda item: self._collapsed.discard(self._key(item)))
        self.itemCollapsed.connect(lambda item: self._collapsed.add(self._key(item)))

    def _name_itself(self) -> None:
        self.setAccessibleName(_("Process outline"))
        self.setAccessibleDescription(_(
            "The process as a tree: each lane with its shapes in the order the process flows, "
            "and under each shape its problems. Press Enter on a shape to show it on the canvas."))

    def retranslate(self) -> None:
        """Every row again in the current language."""
        self._name_itself()
        self.set_editor(self.editor)

    # ------------------------------------------------------------------ following an editor
    def set_editor(self, editor: Editor | None) -> None:
        """Shows `editor`'s document (None: nothing) and stops following the previous one."""
        disconnect_all(self._connections)
        if self._followed is not None and self._note in self._followed.listeners():
            self._followed.unsubscribe(self._note)
        self._followed = None
        self._rebuild_timer.stop()
        self._follow_timer.stop()
        self.editor = editor
        self._dirty, self._regroup, self._shown = None, True, {}
        self._collapsed.clear()
        self.clearSelection()
        self.clear()  # another document: nothing of the old tree is kept
        self._node_items, self._lane_items, self._row_keys, self._members = {}, {}, {}, {}
        if editor is not None:
            for signal, slot in ((editor.scene.changed_model, self.schedule_refresh),
                                 (editor.problems_changed, self.schedule_refresh),
                                 (editor.scene.selectionChanged, self._follow_timer.start)):
                signal.connect(slot)
                self._connections.append((signal, slot))
            editor.doc.subscribe(self._note)
            self._followed = editor.doc
        self.refresh(force=True)

    def _note(self, batch: list[Change]) -> None:
        """Which rows an edit may have changed: a shape's own, and those of the shapes whose
        arrows point at it (they name it). Anything bigger marks every row."""
        dirty = self._dirty
        doc = self._followed
        if dirty is None or doc is None:
            return
        for change in batch:
            if change.what in ("title", "routing"):
                continue
            if change.how != "changed" or not change.fields:
                self._dirty, self._regroup = None, True  # shapes, arrows or lanes came or went
                return
            if change.what == "node" and change.id in doc.nodes:
                dirty.add(change.id)
                if change.fields & {"name", "kind"}:  # what the rows of arrows into it say
                    dirty.update(doc.edges[edge_id].source
                                 for edge_id in doc.in_edges(change.id))
                if change.fields & {"lane", "kind"}:
                    self._regroup = True
            elif (change.what == "edge" and change.id in doc.edges
                  and not change.fields & {"source", "target"}):
                dirty.add(doc.edges[change.id].source)
            else:
                self._dirty, self._regroup = None, True
                return

    def schedule_refresh(self, *_args: object) -> None:
        """Coalesces a burst of changes (a drag, typing) into one look a moment later."""
        self._rebuild_timer.start()

    def refresh(self, force: bool = False) -> None:
        """Rebuilds the tree if anything it shows changed (always with `force`)."""
        self._rebuild_timer.stop()
        editor = self.editor
        if editor is None:
            self._signature = None
            self.clear()
            self._node_items, self._lane_items, self._row_keys, self._members = {}, {}, {}, {}
            self.rebuilt.emit()
            return
        if not force and not self.isVisible():
            self._stale = True  # a closed or tabbed-away panel catches up when shown
            return
        self._stale = False
        # While the process has no end yet, the outline lists the problems the Problems panel
        # lists one by one (analysis/drawing.py), not every "not finished yet".
        problems = editor.drawing.shown
        signature = _signature(editor.doc, problems)
        if not force and signature == self._signature:
            return  # nothing it shows changed (e.g. shapes were only moved)
        self._signature = signature
        if force or self._followed is not editor.doc or editor.doc.has_subprocesses():
            # another level, or rows that show sub-processes: the changes heard do not say
            # which rows those touched
            self._dirty, self._regroup = None, True
        by_node: dict[str, tuple[Problem, ...]] = {}
        for problem in problems:
            if problem.node in editor.doc.nodes:
                by_node[problem.node] = (*by_node.get(problem.node, ()), problem)
        if self._rebuild(editor.doc, by_node):
            self.rebuilt.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ------------------------------------------------------------------ building
    def _rebuild(self, doc: Document, by_node: dict[str, tuple[Problem, ...]]) -> bool:
        """Brings the tree up to date, remaking only the rows whose text changed: an edit of
        one shape at 5,000 stages looks at that shape's row and its neighbours' (`_note`) and
        remakes a handful, not 5,000. The lanes themselves (few) are remade whenever their
        list changes. False when no row needed remaking (e.g. a shape was only moved)."""
        keys = None if self._dirty is None else self._keys(doc, by_node, self._dirty)
        if keys is not None and not self._regroup and all(
                self._row_keys.get(node_id) == key for node_id, key in keys.items()):
            self._dirty, self._shown = set(), by_node
            return False
        scroll = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        self.blockSignals(True)
        try:
            everything = self._dirty is None
            if self._regroup or everything:
                groups: dict[str, list[str]] = {lane.id: [] for lane in doc.lanes}
                groups[_NO_LANE] = []
                for node_id in flow_order(doc):
                    lane = doc.nodes[node_id].lane
                    groups[lane if lane in groups else _NO_LANE].append(node_id)
                if not groups[_NO_LANE]:
                    del groups[_NO_LANE]
            else:  # same shapes in the same lanes and order: the rows stay where they are
                groups = self._members
            lane_names = {lane.id: lane.name for lane in doc.lanes}
            if list(groups) != list(self._lane_items):
                self.clear()  # lanes added, removed or reordered: start from nothing
                self._node_items, self._lane_items, self._row_keys = {}, {}, {}
                self._members = {}
                everything = True
            bold = QFont(self.font())
            bold.setBold(True)
            if everything or keys is None:
                keys = self._keys(doc, by_node, None)
            stale = [node_id for node_id, key in keys.items()
                     if self._row_keys.get(node_id) != key]
            if everything or self._regroup:
                stale.extend(set(self._node_items) - doc.nodes.keys())  # deleted shapes
            moved = {lane_id for lane_id, members in groups.items()
                     if self._members.get(lane_id) is not members
                     and self._members.get(lane_id) != members}
            for node_id in stale:  # rows that change leave their lane, new ones come back
                item = self._node_items.pop(node_id, None)
                self._row_keys.pop(node_id, None)
                parent = item.parent() if item is not None else None
                if parent is not None:
                    parent.removeChild(item)
            taken: dict[str, QTreeWidgetItem] = {}
            for lane_id in moved:
                lane_item = self._lane_items.get(lane_id)
                if lane_item is not None:
                    for item in lane_item.takeChildren():
                        taken[item.data(0, ID_ROLE)] = item
            for lane_id, members in groups.items():
                name = _("No lane") if lane_id == _NO_LANE else lane_names[lane_id]
                lane_item = self._lane_item_for(lane_id, name, members, by_node, bold)
                if lane_id not in moved and len(members) == lane_item.childCount():
                    continue
                rows: list[QTreeWidgetItem] = []
                for node_id in members:
                    item = self._node_items.get(node_id)
                    if item is None:
                        item = self._make_node(doc, node_id, by_node.get(node_id, ()),
                                               lane_names)
                        self._node_items[node_id] = item
                        self._row_keys[node_id] = keys[node_id] if node_id in keys else \
                            _row_key(doc, node_id, by_node.get(node_id, ()), lane_names)
                    rows.append(item)
                if lane_id in moved:
                    lane_item.addChildren(rows)
                else:  # same order, some rows remade: put each back where it was
                    for index, item in enumerate(rows):
                        if item.parent() is None:
                            lane_item.insertChild(index, item)
                self._members[lane_id] = members
                self._expand(lane_item, rows)
            self._select(self._canvas_items(), scroll_to=False)
            self._dirty, self._regroup, self._shown = set(), False, by_node
        finally:
            self.blockSignals(False)
            self.setUpdatesEnabled(True)
        self.verticalScrollBar().setValue(scroll)
        return True

    def _keys(self, doc: Document, by_node: dict[str, tuple[Problem, ...]],
              dirty: set[str] | None) -> dict[str, tuple[object, ...]]:
        """What the rows that may have changed would say now: those of the `dirty` shapes and
        of the shapes whose problems changed (every shape's when `dirty` is None)."""
        lane_names = {lane.id: lane.name for lane in doc.lanes}
        if dirty is None:
            looked_at: set[str] | list[str] = list(doc.nodes)
        else:
            looked_at = {node_id for node_id in dirty if node_id in doc.nodes}
            looked_at.update(node_id for node_id in by_node.keys() | self._shown.keys()
                             if node_id in doc.nodes
                             and by_node.get(node_id) != self._shown.get(node_id))
        return {node_id: _row_key(doc, node_id, by_node.get(node_id, ()), lane_names)
                for node_id in looked_at}

    def _expand(self, lane_item: QTreeWidgetItem, rows: list[QTreeWidgetItem]) -> None:
        """Items (re)attached to the tree open unless the user folded them."""
        lane_item.setExpanded(f"lane:{lane_item.data(0, ID_ROLE) or _NO_LANE}"
                              not in self._collapsed)
        for item in rows:
            if item.childCount():
                item.setExpanded(f"node:{item.data(0, ID_ROLE)}" not in self._collapsed)

    def _lane_item_for(self, lane_id: str, name: str, members: list[str],
                       by_node: dict[str, list[Problem]], font: QFont) -> QTreeWidgetItem:
        """The lane's item, made or with its heading brought up to date."""
        count = ngettext("{count} shape", "{count} shapes", len(members)).format(
            count=len(members))
        name = one_line(name)
        with_problems = sum(1 for node_id in members if node_id in by_node)
        spoken = (_("Shapes in no lane: {count}").format(count=count) if lane_id == _NO_LANE
                  else _("Lane {name}: {count}").format(name=name, count=count))
        if with_problems:
            spoken = join_clauses([spoken, _("{count} with problems").format(
                count=with_problems)])
        item = self._lane_items.get(lane_id)
        if item is None:
            item = QTreeWidgetItem(self, [""])
            item.setFont(0, font)
            item.setData(0, ID_ROLE, None if lane_id == _NO_LANE else lane_id)
            item.setData(0, KIND_ROLE, "lane")
            self._lane_items[lane_id] = item
        text = f"{name}  ·  {count}"
        if item.text(0) != text:
            item.setText(0, text)
        if item.toolTip(0) != spoken:
            item.setToolTip(0, spoken)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
        return item

    def _make_node(self, doc: Document, node_id: str, problems: Sequence[Problem],
                   lane_names: dict[str, str]) -> QTreeWidgetItem:
        """A shape's row with its problems under it, not yet in the tree."""
        self.rows_made += 1
        node = doc.nodes[node_id]
        item = QTreeWidgetItem([item_text(node)])
        item.setIcon(0, kind_icon(node))
        item.setData(0, ID_ROLE, node_id)
        item.setData(0, KIND_ROLE, "node")
        sentence = describe(doc, node_id, problems, lane_names)
        description = (node.description or "").strip()
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, sentence)
        item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole,
                     sentence + (" " + _("Description: {description}").format(
                         description=description) if description else ""))
        item.setToolTip(0, sentence + (f"\n\n{description}" if description else ""))
        if any(p.severity is Severity.ERROR for p in problems):
            item.setForeground(0, QBrush(style.PROBLEM))
        for problem in problems:
            error = problem.severity is Severity.ERROR
            text = (_("Error: {message}") if error else _("Warning: {message}")).format(
                message=one_line(problem.message))
            child = QTreeWidgetItem(item, [text])
            child.setData(0, ID_ROLE, node_id)
            child.setData(0, KIND_ROLE, "problem")
            child.setToolTip(0, problem.message)
            child.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
            child.setForeground(0, QBrush(style.PROBLEM if error else _WARNING))
        sub = doc.child(node_id) if node.kind is NodeKind.STAGE else None
        if sub is not None:
            self._add_level(item, sub, (node_id,))
        return item

    def _add_level(self, parent: QTreeWidgetItem, doc: Document, path: tuple[str, ...]) -> None:
        """A stage's sub-process under its row: its shapes in flow order, and theirs below
        (the tree of levels). Choosing one shows that level with the shape selected."""
        header = QTreeWidgetItem(parent, [_("Sub-process: {count}").format(
            count=ngettext("{count} shape", "{count} shapes", len(doc.nodes)).format(
                count=len(doc.nodes)))])
        header.setData(0, KIND_ROLE, "level")
        header.setData(0, PATH_ROLE, path)
        header.setToolTip(0, _("Open the sub-process (Ctrl+Down on the stage)"))
        for node_id in flow_order(doc):
            node = doc.nodes[node_id]
            row = QTreeWidgetItem(header, [item_text(node)])
            row.setIcon(0, kind_icon(node))
            row.setData(0, ID_ROLE, node_id)
            row.setData(0, KIND_ROLE, "subnode")
            row.setData(0, PATH_ROLE, path)
            row.setToolTip(0, describe(doc, node_id))
            child = doc.child(node_id) if (node.kind is NodeKind.STAGE
                                           and len(path) < MAX_LEVELS) else None
            if child is not None:
                self._add_level(row, child, (*path, node_id))

    @staticmethod
    def _key(item: QTreeWidgetItem) -> str:
        if item.data(0, KIND_ROLE) in ("level", "subnode"):
            return f"{item.data(0, KIND_ROLE)}:{'/'.join(item.data(0, PATH_ROLE))}:" \
                   f"{item.data(0, ID_ROLE)}"
        if item.data(0, KIND_ROLE) == "lane":
            return f"lane:{item.data(0, ID_ROLE) or _NO_LANE}"
        return f"node:{item.data(0, ID_ROLE)}"

    # ------------------------------------------------------------------ look-ups
    def node_item(self, node_id: str) -> QTreeWidgetItem | None:
        return self._node_items.get(node_id)

    def lane_item(self, lane_id: str | None) -> QTreeWidgetItem | None:
        """The item of a lane; None gives "No lane" (if it is shown)."""
        return self._lane_items.get(lane_id if lane_id is not None else _NO_LANE)

    # ------------------------------------------------------------------ outline -> canvas
    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        editor = self.editor
        if editor is None:
            return
        kind, item_id = item.data(0, KIND_ROLE), item.data(0, ID_ROLE)
        if kind in ("level", "subnode"):
            editor.go_to((*editor.path, *item.data(0, PATH_ROLE)), item_id)
        elif kind in ("node", "problem") and item_id in editor.doc.nodes:
            editor.focus_node(item_id)
            self.node_chosen.emit(item_id)
        elif kind == "lane" and item_id in editor.scene.lane_items:
            editor.scene.select_only(lane_ids=[item_id])
            header = editor.scene.lane_items[item_id].header_rect()
            editor.view.ensureVisible(QRectF(header.topLeft(), QPointF(header.right() + 1,
                                                                       header.top() + 120)))

    # ------------------------------------------------------------------ canvas -> outline
    def _canvas_items(self) -> list[QTreeWidgetItem]:
        if self.editor is None:
            return []
        node_ids, _edges, lane_ids = self.editor.scene.selected_ids()
        items = [self._node_items[n] for n in node_ids if n in self._node_items]
        return items + [self._lane_items[lane] for lane in lane_ids if lane in self._lane_items]

    def follow_canvas(self) -> None:
        """Selects the items of what is selected on the canvas and scrolls to the first; leaves
        the tree alone when it already shows that (e.g. the user clicked a problem of it)."""
        targets = self._canvas_items()
        current = {self._represented(item) for item in self.selectedItems()}
        if current == {self._represented(item) for item in targets}:
            return
        self.blockSignals(True)
        try:
            self._select(targets, scroll_to=True)
        finally:
            self.blockSignals(False)

    @staticmethod
    def _represented(item: QTreeWidgetItem) -> tuple[str, str]:
        """What an item stands for on the canvas: a problem stands for its shape."""
        kind = item.data(0, KIND_ROLE)
        return ("lane" if kind == "lane" else "node", str(item.data(0, ID_ROLE)))

    def _select(self, targets: list[QTreeWidgetItem], scroll_to: bool) -> None:
        self.clearSelection()
        if not targets:
            return
        self.setCurrentItem(targets[0])
        if len(targets) > 1:  # one selection change for all, not one per item (Select All)
            selection = QItemSelection()
            for item in targets[1:]:
                index = self.indexFromItem(item)
                selection.select(index, index)
            self.selectionModel().select(selection,
                                         QItemSelectionModel.SelectionFlag.Select)
        if scroll_to:
            self.scrollToItem(targets[0])


def _signature(doc: Document, problems: list[Problem]) -> tuple[object, ...]:
    """Everything the outline shows; positions and sizes are left out, so moves cost no rebuild."""
    return (tuple((n.id, n.kind, n.name, n.lane, n.owner, n.duration_days, n.outcome,
                   n.description) for n in doc.nodes.values()),
            tuple(doc.edges.values()), doc.lanes, tuple(problems),
            _levels_below(doc) if doc.has_subprocesses() else None)


def _levels_below(doc: Document, depth: int = 0) -> tuple[object, ...]:
    """What the outline shows of the sub-processes below a level: their shapes' kinds and
    names, levels further down included (empty without sub-processes)."""
    rows = []
    for node in doc.nodes.values():
        child = doc.child(node.id) if node.kind is NodeKind.STAGE else None
        if child is not None and depth < MAX_LEVELS:
            rows.append((node.id, tuple((n.id, n.kind, n.name, n.outcome)
                                        for n in child.nodes.values()),
                         tuple(child.edges.values()), _levels_below(child, depth + 1)))
    return tuple(rows)


def _row_key(doc: Document, node_id: str, problems: Sequence[Problem],
             lane_names: dict[str, str]) -> tuple[object, ...]:
    """Everything a shape's row says (`item_text`, `describe`, its problems): the row is remade
    only when this changes. Cheap to compute for every shape, unlike the sentences."""
    node = doc.nodes[node_id]
    arrows = []
    for edge_id in doc.out_edges(node_id):
        edge = doc.edges[edge_id]
        target = doc.nodes[edge.target]
        arrows.append((edge.label, edge.probability, target.name, target.kind))
    child = doc.child(node_id) if node.kind is NodeKind.STAGE else None
    below = None
    if child is not None:  # the sub-process shown under the row
        below = (tuple((n.id, n.kind, n.name, n.outcome) for n in child.nodes.values()),
                 tuple(child.edges.values()), _levels_below(child))
    return (node.kind, node.name, node.outcome, lane_names.get(node.lane or ""), bool(lane_names),
            node.owner, node.duration_days, node.description, tuple(arrows), tuple(problems),
            below)
