"""The properties panel: every field of the selected shape, arrow or lane (or the document's
title), each change one undoable edit. It shows the model; it never keeps values of its own."""

from __future__ import annotations

import math

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QFocusEvent, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from flowedit.i18n import N_, _, format_general, ngettext
from flowedit.model import Colour, Node, NodeKind, editing
from flowedit.model.subprocess import exit_mapping
from flowedit.render import style
from flowedit.render.painting import has_subprocess
from flowedit.ui.command_names import command_name
from flowedit.ui.editor import Editor
from flowedit.ui.kind_change import change_kind
from flowedit.ui.labels import kind_name, one_line

#: The colours as the Colour box names them.
COLOUR_NAMES = {Colour.BLUE: N_("Blue"), Colour.GREEN: N_("Green"), Colour.AMBER: N_("Amber"),
                Colour.RED: N_("Red"), Colour.PURPLE: N_("Purple"), Colour.TEAL: N_("Teal"),
                Colour.GREY: N_("Grey")}


class _DescriptionEdit(QPlainTextEdit):
    """Multi-line text that commits when the user leaves the field."""

    def __init__(self, on_done) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._on_done = on_done
        self.setTabChangesFocus(True)
        self.setMaximumHeight(110)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._on_done()


def _colour_box(name: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(_("Default"), None)
    for colour in Colour:
        fill, line = style.PALETTE[colour]
        swatch = QPixmap(16, 16)
        swatch.fill(fill)
        painter = QPainter(swatch)
        painter.setPen(line)
        painter.drawRect(0, 0, 15, 15)
        painter.end()
        box.addItem(QIcon(swatch), _(COLOUR_NAMES.get(colour, colour.value)), colour.value)
    return box


def _parse_number(text: str, low: float, high: float, what: str) -> float | None:
    """'' means no value; '40%' is accepted for shares. Raises ValueError with a reason."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip()) / (100 if percent else 1)
    except ValueError:
        raise ValueError(_("{what} must be a number").format(what=what)) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(_("{what} must be between {low} and {high}").format(
            what=what, low=format_general(low), high=format_general(high)))
    return value


def _format_number(value: float | None) -> str:
    if value is None:
        return ""
    return format_general(value)


class PropertiesPanel(QStackedWidget):
    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self.editor = editor
        self.setObjectName("propertiesPanel")
        self.node_id: str | None = None
        self.edge_id: str | None = None
        self.lane_id: str | None = None
        self._build_document_page()
        self._build_node_page()
        self._build_edge_page()
        self._build_lane_page()
        editor.scene.selectionChanged.connect(self.refresh)
        editor.scene.changed_model.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ pages
    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.addWidget(page)
        return page, form

    def _line(self, name: str, on_done) -> QLineEdit:  # type: ignore[no-untyped-def]
        field = QLineEdit()
        field.setObjectName(name)
        field.editingFinished.connect(on_done)
        return field

    def _build_document_page(self) -> None:
        self.document_page, form = self._page()
        self.title_field = self._line("title", self._title_done)
        form.addRow(_("Process title"), self.title_field)
        hint = QLabel(_("Select a shape, arrow or lane header to see its properties."))
        hint.setWordWrap(True)
        form.addRow(hint)

    def _build_node_page(self) -> None:
        self.node_page, form = self._page()
        self.name_field = self._line("name", lambda: self._node_text("name", N_("Rename")))
        self.kind_field = QComboBox()
        self.kind_field.setObjectName("kind")
        for kind in NodeKind:
            self.kind_field.addItem(kind_name(kind), kind)
        self.kind_field.activated.connect(self._kind_chosen)
        self.lane_field = QComboBox()
        self.lane_field.setObjectName("lane")
        self.lane_field.activated.connect(self._lane_chosen)
        self.owner_field = self._line("owner", lambda: self._node_text("owner", N_("Set owner")))
        self.description_field = _DescriptionEdit(self._description_done)
        self.description_field.setObjectName("description")
        self.duration_field = self._line("duration", self._duration_done)
        self.duration_field.setPlaceholderText(_("days, e.g. 2.5"))
        self.outcome_field = QComboBox()
        self.outcome_field.setObjectName("outcome")
        self.outcome_field.setToolTip(_("On an end: how the deal finishes. On a stage: a "
                                        "milestone where the deal counts as won or lost and the "
                                        "process goes on (e.g. to onboarding)"))
        for text, value in (("—", None), (_("Won"), "won"), (_("Lost"), "lost")):
            self.outcome_field.addItem(text, value)
        self.outcome_field.activated.connect(self._outcome_chosen)
        form.addRow(_("Name"), self.name_field)
        form.addRow(_("Kind"), self.kind_field)
        form.addRow(_("Lane"), self.lane_field)
        form.addRow(_("Owner"), self.owner_field)
        form.addRow(_("Description"), self.description_field)
        self.colour_field = _colour_box("colour")
        self.colour_field.activated.connect(self._colour_chosen)
        self.bold_field = QCheckBox(_("Bold name"))
        self.bold_field.setObjectName("bold")
        self.bold_field.clicked.connect(self._bold_chosen)
        form.addRow(_("Duration (days)"), self.duration_field)
        form.addRow(_("Outcome"), self.outcome_field)
        form.addRow(_("Colour"), self.colour_field)
        form.addRow("", self.bold_field)
        self._build_subprocess_rows(form)

    def _build_subprocess_rows(self, form: QFormLayout) -> None:
        """A stage with a sub-process: its size, a way in, and whether its figures are its own
        or computed from the sub-process; an end of a sub-process: which arrow it leaves by."""
        self.node_form = form
        self.subprocess_row = QWidget()
        row = QHBoxLayout(self.subprocess_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.subprocess_label = QLabel()
        self.open_button = QPushButton(_("Open"))
        self.open_button.setObjectName("openSubprocess")
        self.open_button.setToolTip(_("Show the sub-process in this window (Ctrl+Down)"))
        self.open_button.clicked.connect(lambda: self.node_id and self.editor.open_subprocess(
            self.node_id))
        row.addWidget(self.subprocess_label, 1)
        row.addWidget(self.open_button)
        self.own_figures_field = QCheckBox(_("Own figures"))
        self.own_figures_field.setObjectName("ownFigures")
        self.own_figures_field.setToolTip(_("Keep this stage's own days and arrow probabilities "
                                            "instead of the ones computed from its "
                                            "sub-process"))
        self.own_figures_field.clicked.connect(self._own_figures_chosen)
        self.exit_field = QComboBox()
        self.exit_field.setObjectName("exit")
        self.exit_field.setToolTip(_("The arrow of the stage above that a lead ending here "
                                     "leaves by"))
        self.exit_field.activated.connect(self._exit_chosen)
        form.addRow(_("Sub-process"), self.subprocess_row)
        form.addRow("", self.own_figures_field)
        form.addRow(_("Leaves by"), self.exit_field)

    def _show_subprocess_rows(self, node: Node) -> None:
        doc = self.editor.doc
        child = doc.child(node.id) if node.kind is NodeKind.STAGE else None
        holds = has_subprocess(node)
        if child is not None:
            count = sum(n.kind is NodeKind.STAGE for n in child.nodes.values())
            self.subprocess_label.setText(ngettext("{count} stage", "{count} stages",
                                                   count).format(count=count))
        elif holds:
            self.subprocess_label.setText(_("file {file} cannot be read").format(
                file=node.subprocess))
        self.open_button.setEnabled(child is not None)
        self.node_form.setRowVisible(self.subprocess_row, holds)
        self.node_form.setRowVisible(self.own_figures_field, holds)
        with QSignalBlocker(self.own_figures_field):
            self.own_figures_field.setChecked(bool(node.own_figures))
        parent_level = self.editor.path[:-1]
        is_exit = node.kind is NodeKind.END and bool(self.editor.path)
        self.node_form.setRowVisible(self.exit_field, is_exit)
        if not is_exit:
            return
        parent = self.editor.root.level(parent_level)
        stage_id = self.editor.path[-1]
        mapping = exit_mapping(parent, stage_id, doc)
        with QSignalBlocker(self.exit_field):
            self.exit_field.clear()
            self.exit_field.addItem(_("(by name or outcome)"), None)
            for edge_id in parent.out_edges(stage_id):
                arrow = parent.edges[edge_id]
                target = parent.nodes[arrow.target]
                shown = one_line(arrow.label or target.name.strip() or target.id)
                self.exit_field.addItem(shown, arrow.label or arrow.target)
            index = self.exit_field.findData(node.exit) if node.exit is not None else 0
            self.exit_field.setCurrentIndex(max(index, 0))
            if mapping.get(node.id) is None:
                self.exit_field.setToolTip(_("No arrow fits this end yet: choose one"))

    def _own_figures_chosen(self, checked: bool) -> None:
        if self.node_id:
            self.editor.set_node_fields(self.node_id, lambda: _("Set own figures"),
                                        own_figures=True if checked else None)

    def _exit_chosen(self) -> None:
        if self.node_id:
            value = self.exit_field.currentData()
            if self.editor.doc.nodes[self.node_id].exit != value:
                self.editor.set_node_fields(self.node_id, lambda: _("Set exit"), exit=value)

    def _build_edge_page(self) -> None:
        self.edge_page, form = self._page()
        self.ends_label = QLabel()
        self.ends_label.setWordWrap(True)
        self.label_field = self._line("label", self._label_done)
        self.probability_field = self._line("probability", self._probability_done)
        self.probability_field.setPlaceholderText(_("share 0..1 or %, e.g. 0.4 or 40%"))
        form.addRow(_("Arrow"), self.ends_label)
        form.addRow(_("Label"), self.label_field)
        form.addRow(_("Probability"), self.probability_field)

    def _build_lane_page(self) -> None:
        self.lane_page, form = self._page()
        self.lane_name_field = self._line("laneName", self._lane_name_done)
        self.lane_height_field = self._line("laneHeight", self._lane_height_done)
        self.lane_colour_field = _colour_box("laneColour")
        self.lane_colour_field.activated.connect(self._lane_colour_chosen)
        form.addRow(_("Lane name"), self.lane_name_field)
        form.addRow(_("Height"), self.lane_height_field)
        form.addRow(_("Colour"), self.lane_colour_field)

    # ------------------------------------------------------------------ showing the model
    def refresh(self) -> None:
        doc = self.editor.doc
        node_ids, edge_ids, lane_ids = self.editor.scene.selected_ids()
        self.node_id = node_ids[0] if len(node_ids) == 1 and not edge_ids else None
        self.edge_id = edge_ids[0] if len(edge_ids) == 1 and not node_ids else None
        self.lane_id = lane_ids[0] if len(lane_ids) == 1 and not (node_ids or edge_ids) else None
        if self.node_id:
            self._show_node()
        elif self.edge_id:
            edge = doc.edges[self.edge_id]
            source, target = doc.nodes[edge.source].name, doc.nodes[edge.target].name
            self.ends_label.setText(f"{one_line(source)} → {one_line(target)}")
            self._set(self.label_field, edge.label or "")
            self._set(self.probability_field, _format_number(edge.probability))
            self.setCurrentWidget(self.edge_page)
        elif self.lane_id and doc.has_lane(self.lane_id):
            lane = doc.lane(self.lane_id)
            self._set(self.lane_name_field, lane.name)
            self._set(self.lane_height_field, _format_number(lane.height))
            with QSignalBlocker(self.lane_colour_field):
                self.lane_colour_field.setCurrentIndex(
                    self.lane_colour_field.findData(lane.color.value if lane.color else None))
            self.setCurrentWidget(self.lane_page)
        else:
            self._set(self.title_field, doc.title)
            self.setCurrentWidget(self.document_page)

    def _show_node(self) -> None:
        node = self.editor.doc.nodes[self.node_id]  # type: ignore[index]
        self._set(self.name_field, node.name)
        self._set(self.owner_field, node.owner or "")
        self._set(self.duration_field, _format_number(node.duration_days))
        if not self.description_field.hasFocus():
            with QSignalBlocker(self.description_field):
                self.description_field.setPlainText(node.description or "")
        with QSignalBlocker(self.kind_field):
            self.kind_field.setCurrentIndex(self.kind_field.findData(node.kind))
        with QSignalBlocker(self.lane_field):
            self.lane_field.clear()
            self.lane_field.addItem(_("(no lane)"), None)
            for lane in self.editor.doc.lanes:
                self.lane_field.addItem(one_line(lane.name), lane.id)
            self.lane_field.setCurrentIndex(max(self.lane_field.findData(node.lane), 0))
        with QSignalBlocker(self.outcome_field):
            self.outcome_field.setCurrentIndex(self.outcome_field.findData(
                node.outcome.value if node.outcome else None))
        self.outcome_field.setEnabled(node.kind in (NodeKind.END, NodeKind.STAGE))  # milestone
        with QSignalBlocker(self.colour_field):
            self.colour_field.setCurrentIndex(
                self.colour_field.findData(node.color.value if node.color else None))
        with QSignalBlocker(self.bold_field):
            self.bold_field.setChecked(style.node_bold(node))
        self._show_subprocess_rows(node)
        self.setCurrentWidget(self.node_page)

    @staticmethod
    def _set(field: QLineEdit, text: str) -> None:
        """Shows the model's value, unless the user is in the middle of typing in the field."""
        if field.hasFocus() and field.isModified():
            return
        if field.text() != text:
            with QSignalBlocker(field):
                field.setText(text)
                if not field.hasFocus():
                    field.setCursorPosition(0)  # a long title reads from its start, not its end
        field.setModified(False)

    # ------------------------------------------------------------------ committing edits
    def _node_text(self, name: str, text: str) -> None:
        """`text` is the edit's English name (marked with N_())."""
        if not self.node_id:
            return
        field = self.name_field if name == "name" else self.owner_field
        value: str | None = field.text()
        if name != "name" and not value:
            value = None
        field.setModified(False)
        if getattr(self.editor.doc.nodes[self.node_id], name) != value:
            self.editor.set_node_fields(self.node_id, lambda: _(text), **{name: value})

    def _description_done(self) -> None:
        if not self.node_id or self.node_id not in self.editor.doc.nodes:
            return
        value = self.description_field.toPlainText() or None
        if self.editor.doc.nodes[self.node_id].description != value:
            self.editor.set_node_fields(self.node_id, lambda: _("Edit description"),
                                        description=value)

    def _kind_chosen(self) -> None:
        """Qt hands the kind back as plain text; a refused or cancelled change shows the
        model's kind again instead of the one chosen."""
        if self.node_id:
            change_kind(self.editor, self.node_id, NodeKind(self.kind_field.currentData()))
            self.refresh()

    def _lane_chosen(self) -> None:
        if self.node_id:
            self.editor.set_node_fields(self.node_id, lambda: _("Change lane"),
                                        lane=self.lane_field.currentData())

    def _outcome_chosen(self) -> None:
        if self.node_id:
            self.editor.set_node_fields(self.node_id, lambda: _("Set outcome"),
                                        outcome=self.outcome_field.currentData())

    def _colour_chosen(self) -> None:
        if self.node_id:
            value = self.colour_field.currentData()
            self.editor.set_node_fields(self.node_id, lambda: _("Set colour"),
                                        color=Colour(value) if value else None)

    def _bold_chosen(self) -> None:
        if self.node_id:
            self.editor.set_node_fields(self.node_id, lambda: _("Set bold"),
                                        bold=self.bold_field.isChecked())

    def _lane_colour_chosen(self) -> None:
        if self.lane_id:
            value = self.lane_colour_field.currentData()
            lane_id = self.lane_id
            self.editor.edit(lambda: _("Set lane colour"),
                             lambda rec: editing.update_lane(rec, lane_id, color=value))

    def _duration_done(self) -> None:
        if not self.node_id:
            return
        self.duration_field.setModified(False)
        try:
            value = _parse_number(self.duration_field.text(), 0, 36500, _("Duration (days)"))
        except ValueError as error:
            self._refuse(self.duration_field, str(error))
            return
        if self.editor.doc.nodes[self.node_id].duration_days != value:
            self.editor.set_node_fields(self.node_id, lambda: _("Set duration"),
                                        duration_days=value)

    def _label_done(self) -> None:
        if not self.edge_id:
            return
        self.label_field.setModified(False)
        value = self.label_field.text() or None
        if self.editor.doc.edges[self.edge_id].label != value:
            self.editor.set_edge_fields(self.edge_id, lambda: _("Edit label"), label=value)

    def _probability_done(self) -> None:
        if not self.edge_id:
            return
        self.probability_field.setModified(False)
        try:
            value = _parse_number(self.probability_field.text(), 0, 1, _("Probability"))
        except ValueError as error:
            self._refuse(self.probability_field, str(error))
            return
        if self.editor.doc.edges[self.edge_id].probability != value:
            self.editor.set_edge_fields(self.edge_id, lambda: _("Set probability"),
                                        probability=value)

    def _title_done(self) -> None:
        self.title_field.setModified(False)
        title = self.title_field.text()
        if title != self.editor.doc.title:
            self.editor.edit(lambda: _("Rename process"),
                             lambda rec: editing.set_title(rec, title))

    def _lane_name_done(self) -> None:
        if not self.lane_id:
            return
        self.lane_name_field.setModified(False)
        name = self.lane_name_field.text()
        if name.strip() and name != self.editor.doc.lane(self.lane_id).name:
            lane_id = self.lane_id
            self.editor.edit(lambda: command_name("rename-lane"),
                             lambda rec: editing.rename_lane(rec, lane_id, name))

    def _lane_height_done(self) -> None:
        if not self.lane_id:
            return
        self.lane_height_field.setModified(False)
        try:
            value = _parse_number(self.lane_height_field.text(), 40, 100000, _("Lane height"))
        except ValueError as error:
            self._refuse(self.lane_height_field, str(error))
            return
        if value is not None:
            lane_id = self.lane_id
            self.editor.edit(lambda: _("Resize lane"),
                             lambda rec: editing.resize_lane(rec, lane_id, value))

    def _refuse(self, field: QLineEdit, reason: str) -> None:
        """A value that cannot be taken: say why, and show the model's value again."""
        self.editor.report(_("{reason}; the value was not changed").format(reason=reason))
        field.setModified(False)
        field.setToolTip(reason)
        with QSignalBlocker(field):
            field.setText("")
        self.refresh()
        field.setFocus(Qt.FocusReason.OtherFocusReason)
