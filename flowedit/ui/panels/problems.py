"""The problems panel: what the checks found; clicking one selects and centres its shape. A
problem flowedit can mend itself gets a "Fix" line under it; clicking that asks the editor to
mend it (one undo step).

While the process has no end yet, the problems that only say "not finished" come as one gentle
hint (see analysis/drawing.py), so the errors that matter are not buried while drawing."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from flowedit.analysis import Problem, Severity
from flowedit.i18n import N_, _, ngettext
from flowedit.render import style
from flowedit.ui.labels import one_line

_HINT_INK = QColor("#37606f")

#: What the Fix line says for each problem code that has one.
FIXES = {"outside-lane": N_("Fix: fit the shape into its lane (grow the lane)")}
_FIX_ROLE = Qt.ItemDataRole.UserRole + 1
_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemsPanel(QListWidget):
    node_chosen = Signal(str)
    #: A problem inside a sub-process was clicked: (its level below the one shown, the shape
    #: there or "").
    level_chosen = Signal(tuple, str)
    #: The Fix line of a problem was clicked: (problem code, node id).
    fix_chosen = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("problemsPanel")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)
        self._shown: tuple[object, ...] | None = None

    def show_problems(self, problems: list[Problem], empty: bool = False,
                      unfinished: list[Problem] | None = None,
                      frontier: list[str] | None = None, force: bool = False) -> None:
        """`problems` are listed one by one; `unfinished` (the process has no end yet) become
        one hint that leads to the first shape of `frontier`, where the drawing goes on. The
        same list again (most edits change no problem) leaves the panel as it is."""
        shown = (tuple(problems), empty, tuple(unfinished or ()), tuple(frontier or ()))
        if shown == self._shown and not force:
            return
        self._shown = shown
        self.clear()
        if unfinished:
            self.addItem(_hint(unfinished, frontier or []))
        if not problems and not unfinished:
            text = (_("An empty process: drag a Start shape from the palette onto the canvas to "
                      "begin, then add stages and connect them from their round handles.")
                    if empty else
                    _("No problems found: every stage can be reached and leads somewhere."))
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            return
        for problem in problems:
            text = (_("Error: {message}") if problem.severity is Severity.ERROR
                    else _("Warning: {message}"))
            item = QListWidgetItem(text.format(message=one_line(problem.message)))
            item.setData(Qt.ItemDataRole.UserRole, problem.node)
            if problem.level:
                item.setData(_LEVEL_ROLE, (problem.level, problem.level_node or ""))
            item.setToolTip(problem.code)
            if problem.severity is Severity.ERROR:
                item.setForeground(QBrush(style.PROBLEM))
            self.addItem(item)
            if problem.code in FIXES and problem.node:
                fix = QListWidgetItem(f"    {_(FIXES[problem.code])}")
                fix.setData(Qt.ItemDataRole.UserRole, problem.node)
                fix.setData(_FIX_ROLE, problem.code)
                fix.setForeground(QBrush(style.SELECTION))
                self.addItem(fix)

    def _chosen(self, item: QListWidgetItem) -> None:
        node_id = item.data(Qt.ItemDataRole.UserRole)
        code = item.data(_FIX_ROLE)
        level = item.data(_LEVEL_ROLE)
        if level:
            self.level_chosen.emit(tuple(level[0]), level[1])
        elif node_id and code:
            self.fix_chosen.emit(code, node_id)
        elif node_id:
            self.node_chosen.emit(node_id)


def _hint(unfinished: list[Problem], frontier: list[str]) -> QListWidgetItem:
    open_ends = len(frontier)
    text = (_("Still drawing: no end is connected yet. Connect an End shape (won or lost) and "
              "the full checks follow.") if not open_ends else
            ngettext("Still drawing: no end is connected yet. One shape has no way out yet. "
                     "Connect an End shape (won or lost) and the full checks follow.",
                     "Still drawing: no end is connected yet. {count} shapes have no way out "
                     "yet. Connect an End shape (won or lost) and the full checks follow.",
                     open_ends).format(count=open_ends))
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, frontier[0] if frontier else None)
    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "hint")
    more = len(unfinished) - 12
    item.setToolTip(_("Summed up until the process has an end:") + "\n"
                    + "\n".join(f"• {one_line(problem.message)}" for problem in unfinished[:12])
                    + ("\n" + _("… and {count} more").format(count=more) if more > 0 else ""))
    item.setForeground(QBrush(_HINT_INK))
    font = QFont(item.font())
    font.setItalic(True)
    item.setFont(font)
    return item
