"""Help > How To and Shortcuts (F1): a short how-to for each thing people do in flowedit, then
every menu command with its keys and the canvas's own keys. The table is made from the live
menus, so it always says what the keys really do. One scrolling page whose text wraps: no row
is ever cut short, however narrow the window."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from flowedit.i18n import N_, _
from flowedit.ui.labels import join_sentences

#: (heading, paragraph) — what to do, in the words of the menus and panels.
HOW_TO = (
    (N_("Draw"),
     N_("Drag a Start, Stage, Decision or End from the Shapes panel onto the canvas, or click"
        " it and then click the canvas. Type the name straight away; Enter keeps it, "
        "Shift+Enter starts a new line, Esc cancels. Double-click or F2 renames later.")),
    (N_("Connect"),
     N_("Point at a shape and drag from one of its round handles to another shape. The arrow "
        "turns red and says why where a connection makes no sense. Ctrl+Enter adds a stage "
        "already connected after the selected shape.")),
    (N_("Lanes"),
     N_("Lane › Add Lane (Ctrl+L) adds a swimlane per team. A shape dropped in a lane joins "
        "it; click a lane's header to select it, then rename, move or delete it from the Lane"
        " menu. Lanes grow to fit their shapes.")),
    (N_("Check"),
     N_("The Problems panel lists what is wrong as you draw; click a problem to go to its "
        "shape. While no end is connected yet, the unfinished parts are summed up in one "
        "hint. On the command line, flowedit check FILE does the same checks.")),
    (N_("Metrics"),
     N_("View › Metrics overlay (Ctrl+M) shows each stage's share of the leads and its days, "
        "arrows as thick as the flow, the bottleneck and the biggest leak. Set probabilities "
        "and durations in the Properties panel; the Funnel panel shows the most likely path "
        "to a won deal.")),
    (N_("Present"),
     N_("View › Present (F5) walks through the process full screen, one stage at a time, for "
        "training new reps (Shift+F5: from the selected shape); Esc returns to the editor.")),
    (N_("Export"),
     N_("File › Export… (Ctrl+E) writes a PNG, SVG or PDF picture or a handout; flowedit "
        "export FILE -o OUT.png does the same without a window.")),
)


def help_html(rows: list[tuple[str, str, str]]) -> str:
    """The page: the how-to, then the shortcut table (menu, command, keys)."""
    parts = [f"<h2>{html.escape(_('How to'))}</h2>"]
    for heading, text in HOW_TO:
        title = join_sentences([_(heading)])  # "Draw." / "绘制。"
        parts.append(f"<p><b>{html.escape(title)}</b> {html.escape(_(text))}</p>")
    parts.append(f"<h2>{html.escape(_('Keyboard shortcuts'))}</h2>"
                 "<table cellspacing='0' cellpadding='3' width='100%'>"
                 f"<tr><th align='left'>{html.escape(_('Menu'))}</th>"
                 f"<th align='left'>{html.escape(_('Command'))}</th>"
                 f"<th align='left'>{html.escape(_('Keys'))}</th></tr>")
    for menu, command, keys in rows:
        parts.append(f"<tr><td>{html.escape(menu)}</td><td>{html.escape(command)}</td>"
                     f"<td>{html.escape(keys)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("flowedit: how to and shortcuts"))
        self.setObjectName("shortcutsDialog")
        self.resize(680, 620)
        self.rows = rows
        self.page = QTextBrowser()
        self.page.setObjectName("helpPage")
        self.page.setOpenLinks(False)
        self.page.setHtml(help_html(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """The page has the keyboard: Page Down, arrows and Home/End scroll it at once."""
        super().showEvent(event)
        self.page.setFocus()
