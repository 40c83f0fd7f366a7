"""Presentation mode: a trainer walks new reps through the process on a projector.

A full-screen window with the diagram zoomed in on one shape at a time (the rest dimmed) and a
caption at the bottom saying what the stage is: its name, owner and lane, description, duration and
where it leads. The editor opens it with View > Present (F5); `flowedit present FILE [--quiz]` opens
it directly.

    window = PresentationWindow(doc, quiz=False, parent=main_window)
    window.closed.connect(...)      # Esc (or the window closed): the presentation is over
    window.start()                  # shows it full screen

It never changes the document and touches no editor state: it keeps no observer on the document
and draws from it with the export's painting code. After `closed` the caller may delete it.

Keys: Right / Space / PageDown next (at a decision: the default branch); Left / PageUp / Backspace
back along the path taken; 1..9 pick the n-th branch (or quiz answer); Home restart; B / W blank
the screen black / white; F1 / ? the list of keys; Esc exit. A click on a branch's target shape
picks that branch; the numbered buttons in the caption can be clicked too.

Quiz (`quiz=True`): the next shape is hidden and the rep picks it from three or four names; a wrong
pick is shown in red with the right stage's description, and the score ends the walk. See
`presentation_tour` for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from flowedit.analysis.tour import Question, Tour
from flowedit.analysis.walk import display_name
from flowedit.i18n import N_, _
from flowedit.model import Document, NodeKind, Outcome, is_milestone
from flowedit.render.handout import (
    KIND_NAMES,
    duration_text,
    lane_name,
    paragraphs,
    percent_text,
)
from flowedit.ui.labels import button_text, one_line
from flowedit.ui.present.presentation_canvas import PresentationCanvas

NEXT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down,
                       Qt.Key.Key_Return, Qt.Key.Key_Enter})
BACK_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up})
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
#: Descriptions longer than this are cut in the caption (the handout prints them whole).
MAX_DESCRIPTION = 420
#: A wrong answer's explanation quotes the right stage's description up to this length.
MAX_EXPLANATION = 260
KEYS_HELP = N_("→ next    ← back    1–9 branch    B / W blank    F1 keys    Esc exit")
#: The full list F1 (or ?) shows over the diagram, one line each; translated when shown.
KEYS_SHEET = (
    N_("→  Space  Page Down    next (at a decision: the outlined branch)"),
    N_("←  Page Up  Backspace    back along the path taken"),
    N_("1 … 9    follow that branch (or answer)"),
    N_("click a shape    follow the branch to it"),
    N_("Home    back to the start"),
    N_("B  /  W    black / white screen (again: back)"),
    N_("F1  /  ?    this list"),
    N_("Esc    end the presentation"),
)


def keys_sheet() -> str:
    return "\n".join(_(line) for line in KEYS_SHEET)
BLANK_KEYS = {Qt.Key.Key_B: "black", Qt.Key.Key_W: "white"}


@dataclass
class Choice:
    """A numbered button of the caption; `state` colours it: right, wrong, default (the branch
    Next follows) or ''."""

    number: int
    text: str
    state: str = ""


@dataclass
class Caption:
    """What the caption panel says about the walk's state (built by `caption_for`)."""

    kind: str = ""
    name: str = ""
    facts: str = ""
    description: str = ""
    prompt: str = ""
    feedback: str = ""
    feedback_state: str = ""  # right, wrong or ''
    choices: list[Choice] = field(default_factory=list)

    def text(self) -> str:
        """Everything the caption shows, as plain text (for tests and screen readers)."""
        parts = [self.kind, self.name, self.facts, self.description, self.prompt, self.feedback]
        parts += [f"{choice.number} {choice.text}" for choice in self.choices]
        return "\n".join(part for part in parts if part)


def _range(count: int) -> str:
    return "1" if count == 1 else f"1–{count}"


def caption_for(tour: Tour, nudged: bool = False) -> Caption:
    """The caption for the tour's state; `nudged` when Next was just refused (a branch, or an
    answer, is missing)."""
    doc = tour.doc
    if tour.current is None:
        return Caption(name=_("Nothing to present"),
                       description=_("This process has no shapes yet. Press Esc to go back."))
    node = doc.nodes[tour.current]
    caption = Caption(name=display_name(node))
    kind = _(KIND_NAMES[node.kind])
    won = node.outcome is Outcome.WON
    if node.kind is NodeKind.END and node.outcome is not None:
        kind = (_("{kind} · WON") if won else _("{kind} · LOST")).format(kind=kind)
    elif is_milestone(node):
        kind = (_("{kind} · WON MILESTONE") if won
                else _("{kind} · LOST MILESTONE")).format(kind=kind)
    caption.kind = kind.upper()
    facts = []
    if node.owner and node.owner.strip():
        facts.append(_("Owner: {owner}").format(owner=" ".join(node.owner.split())))
    lane = lane_name(doc, node)
    if lane:
        facts.append(_("Lane: {lane}").format(lane=lane))
    duration = duration_text(node.duration_days)
    if duration:
        facts.append(_("Takes {duration}").format(duration=duration))
    caption.facts = "   ·   ".join(facts)
    caption.description = _short("\n".join(paragraphs(node.description)))
    if tour.finished:
        _finished(tour, caption)
    elif tour.quiz:
        _quiz(tour, caption, nudged)
    else:
        _walk(tour, caption, nudged)
    return caption


def _finished(tour: Tour, caption: Caption) -> None:
    node = tour.doc.nodes[tour.current or ""]
    if not tour.at_end:
        caption.prompt = _("No arrow leaves this shape: the walk stops here.")
    elif node.outcome is Outcome.WON:
        caption.prompt = _("The process is finished: the deal is won.")
    elif node.outcome is Outcome.LOST:
        caption.prompt = _("The process is finished: the deal is lost.")
    else:
        caption.prompt = _("The process is finished.")
    caption.prompt += "   " + _("Home: start again · Esc: exit")
    if tour.quiz:
        right, asked = tour.score
        caption.feedback = _("Quiz score: {right} of {asked} right.").format(right=right,
                                                                              asked=asked)
        caption.feedback_state = "right" if asked and right == asked else ""


def _branch_text(tour: Tour, number: int, hide: bool) -> str:
    edge = tour.options[number - 1]
    target = tour.doc.nodes[edge.target]
    label = " ".join((edge.label or "").split())
    name = "?" if hide else display_name(target)
    text = f"{label} → {name}" if label else f"→ {name}"
    if edge.probability is not None:
        text += f" ({percent_text(edge.probability)})"
    return text


def _walk(tour: Tour, caption: Caption, nudged: bool) -> None:
    options = tour.options
    if len(options) == 1:
        caption.prompt = _("Next: {branch}   (press →)").format(
            branch=_branch_text(tour, 1, hide=False))
        return
    count = len(options)
    default = tour.default_branch
    number = next(n for n, edge in enumerate(options, start=1) if edge is default)
    caption.prompt = _("→ follows {number}: {branch}   ·   press {keys} or click its shape for "
                       "another branch").format(number=number, keys=_range(count),
                                                branch=_branch_text(tour, number, hide=False))
    caption.choices = [Choice(n, _branch_text(tour, n, hide=False),
                              "default" if n == number else "")
                       for n in range(1, count + 1)]


def _quiz(tour: Tour, caption: Caption, nudged: bool) -> None:
    question = tour.question
    if tour.branching and tour.branch is None:
        count = len(tour.options)
        caption.prompt = _("Pick a branch: press {keys} (→ takes the most likely); then guess "
                           "where it leads").format(keys=_range(count))
        caption.choices = [Choice(n, _branch_text(tour, n, hide=True))
                           for n in range(1, count + 1)]
        return
    if question is None:  # nothing else in the process to choose from: just show it
        edge_id = tour.pending_edge or ""
        name = display_name(tour.doc.nodes[tour.doc.edges[edge_id].target])
        caption.prompt = _("Next: {branch}   (press →)").format(branch=name)
        return
    _question(tour, caption, question, nudged)


def _question(tour: Tour, caption: Caption, question: Question, nudged: bool) -> None:
    doc = tour.doc
    edge = doc.edges[question.edge]
    label = " ".join((edge.label or "").split())
    keys = _range(len(question.choices))
    if not question.answered:
        asked = (_("Branch '{label}': which stage comes next? Press {keys}").format(
            label=label, keys=keys) if tour.branching and label
            else _("Which stage comes next? Press {keys}").format(keys=keys))
        caption.prompt = _("Answer first — {question}").format(question=asked) if nudged else asked
    else:
        caption.prompt = _("Press → to go on")
    for number, node_id in enumerate(question.choices, start=1):
        state = ""
        if question.answered and node_id == question.target:
            state = "right"
        elif question.answered and node_id == question.picked:
            state = "wrong"
        caption.choices.append(Choice(number, display_name(doc.nodes[node_id]), state))
    if not question.answered:
        return
    target = doc.nodes[question.target]
    if question.right:
        caption.feedback = _("Right! {name} comes next.").format(name=display_name(target))
        caption.feedback_state = "right"
        return
    picked = doc.nodes[question.picked or ""]
    explained = " ".join(paragraphs(target.description)) or _("It has no description yet.")
    caption.feedback = _short(_("Not quite: {picked} is not next. Next comes {name}: "
                                "{explanation}").format(picked=display_name(picked),
                                                        name=display_name(target),
                                                        explanation=explained), MAX_EXPLANATION)
    caption.feedback_state = "wrong"
    caption.description = ""  # the explanation needs the room more than the stage discussed


def _short(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------- widgets
_PANEL = "#1c262b"
_INK = "#ffffff"
_MUTED = "#b0bec5"
_ACCENT = "#ffca28"
_RIGHT = "#2e7d32"
_WRONG = "#c62828"


class _CaptionPanel(QFrame):
    """The dark band at the bottom: plain-text labels (names are never read as HTML) and the
    numbered choice buttons."""

    def __init__(self, window: PresentationWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("presentationCaption")
        self.kind = self._label("kind")
        self.name = self._label("name")
        self.facts = self._label("facts")
        self.description = self._label("description")
        self.prompt = self._label("prompt")
        self.feedback = self._label("feedback")
        self.keys = self._label("keys")
        self.keys.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.buttons: list[QPushButton] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for label in (self.facts, self.description, self.feedback, self.prompt):
            layout.addWidget(label)
        layout.addLayout(self.grid)
        layout.addWidget(self.keys)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(name not in ("kind", "keys"))
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label

    def apply_size(self, height: int) -> None:
        """Font sizes follow the screen: readable from the back of a training room."""
        base = max(13, min(40, round(height / 40)))
        pad = round(base * 0.9)
        self.button_font = QFont(self.font())  # what the style sheet gives the buttons
        self.button_font.setPixelSize(base)
        self.button_font.setBold(True)
        self.button_padding = 2 * pad + 8  # left and right padding and the border
        self.layout().setContentsMargins(pad * 2, pad, pad * 2, round(pad * 0.6))
        self.layout().setSpacing(round(base * 0.45))
        self.grid.setHorizontalSpacing(pad)
        self.grid.setVerticalSpacing(round(pad * 0.5))
        self.setStyleSheet(f"""
            QFrame#presentationCaption {{ background: {_PANEL}; }}
            QLabel {{ color: {_INK}; font-size: {base}px; }}
            QLabel#kind {{ color: {_PANEL}; background: {_ACCENT}; font-weight: bold;
                           font-size: {round(base * 0.75)}px; padding: 3px 10px;
                           border-radius: 6px; }}
            QLabel#name {{ font-size: {round(base * 1.9)}px; font-weight: bold;
                           margin-left: {pad // 2}px; }}
            QLabel#facts {{ color: {_MUTED}; font-size: {round(base * 0.95)}px; }}
            QLabel#prompt {{ color: {_ACCENT}; font-weight: bold; font-size: {base}px; }}
            QLabel#feedback {{ padding: {pad // 2}px {pad}px; border-radius: 8px; }}
            QLabel#feedback[state="right"] {{ background: {_RIGHT}; }}
            QLabel#feedback[state="wrong"] {{ background: {_WRONG}; }}
            QLabel#feedback[state=""] {{ background: #37474f; }}
            QLabel#keys {{ color: #78909c; font-size: {round(base * 0.62)}px; }}
            QPushButton {{ color: {_INK}; background: #2f3e46; border: 2px solid #546e7a;
                           border-radius: 10px; font-size: {base}px; font-weight: bold;
                           padding: {pad // 2}px {pad}px; text-align: left; }}
            QPushButton:hover {{ border-color: {_ACCENT}; }}
            QPushButton[state="default"] {{ border-color: {_ACCENT}; }}
            QPushButton[state="right"] {{ background: {_RIGHT}; border-color: #a5d6a7; }}
            QPushButton[state="wrong"] {{ background: {_WRONG}; border-color: #ef9a9a; }}
        """)

    def show_caption(self, caption: Caption) -> None:
        self.kind.setText(caption.kind)
        self.kind.setVisible(bool(caption.kind))
        self.name.setText(caption.name)
        for label, text in ((self.facts, caption.facts), (self.description, caption.description),
                            (self.prompt, caption.prompt), (self.feedback, caption.feedback)):
            label.setText(text)
            label.setVisible(bool(text))
        self.feedback.setProperty("state", caption.feedback_state)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self._show_choices(caption.choices)
        self.keys.setText(f"{self.window_.progress_text()}      {_(KEYS_HELP)}")

    def _show_choices(self, choices: list[Choice]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = []
        if not choices:
            return
        columns = 2 if len(choices) == 4 else min(len(choices), 3)
        margins = self.layout().contentsMargins()
        spacing = self.grid.horizontalSpacing() * (columns - 1)
        width = self.window_.screen_width() - margins.left() - margins.right() - spacing
        metrics = QFontMetrics(self.button_font)
        number = metrics.horizontalAdvance("9   ")
        room = max(40, width // columns - self.button_padding - number)
        for index, choice in enumerate(choices):
            button = QPushButton(self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("state", choice.state)
            button.setProperty("number", choice.number)
            button.setText(f"{choice.number}   " + button_text(metrics.elidedText(
                one_line(choice.text), Qt.TextElideMode.ElideRight, room)))
            button.setToolTip(choice.text)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            # Ignored: a long label is elided, it never widens the window past the screen
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, n=choice.number: self.window_.pick(n))
            self.grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)


class PresentationWindow(QWidget):
    """The presentation screen for `doc`; read-only. `seed` makes a quiz's choices repeatable."""

    #: The presentation ended (Esc, or its window was closed).
    closed = Signal()

    def __init__(self, doc: Document, quiz: bool = False, parent: QWidget | None = None, *,
                 seed: int = 0) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.doc = doc
        self.tour = Tour(doc, quiz=quiz, seed=seed)
        self._nudged = False
        self._ended = False
        self.setWindowTitle(_("{title} — presentation").format(title=" ".join(doc.title.split())))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas = PresentationCanvas(self.tour, self)
        self.canvas.node_clicked.connect(self.click_node)
        self.caption_panel = _CaptionPanel(self)
        self.blank = QWidget(self)  # B / W: hides everything, as in PowerPoint
        self.blank.setAutoFillBackground(True)
        self.blank.hide()
        self.keys_sheet = QLabel(keys_sheet(), self)  # F1 / ?
        self.keys_sheet.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_sheet.setStyleSheet(f"background: {_PANEL}; color: {_INK}; padding: 24px;"
                                      f" border: 2px solid {_ACCENT}; border-radius: 12px;")
        self.keys_sheet.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.caption_panel, 0)
        self.caption_panel.apply_size(720)
        self.resize(1280, 720)
        self._refresh(animate=False)

    # ------------------------------------------------------------------ the editor's API
    def start(self) -> None:
        """Shows the presentation full screen, with the keyboard."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # without a window manager, full screen alone keeps the old size
            self.setMaximumSize(screen.geometry().size())
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def exit(self) -> None:
        """Ends the presentation (as Esc does): closes the window, which emits `closed`."""
        self.close()

    def screen_width(self) -> int:
        """The widest the window may be: its own width, never more than its screen's."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return min(self.width(), screen.geometry().width()) if screen else self.width()

    # ------------------------------------------------------------------ state, for tests too
    @property
    def quiz(self) -> bool:
        return self.tour.quiz

    @property
    def current(self) -> str | None:
        """The node id of the shape shown."""
        return self.tour.current

    @property
    def path(self) -> list[str]:
        """The node ids walked so far, from the start to the current shape."""
        return list(self.tour.path)

    @property
    def score(self) -> tuple[int, int]:
        """(right answers, questions answered)."""
        return self.tour.score

    @property
    def choices(self) -> list[str]:
        """The node ids the open quiz question offers, in button order."""
        return self.tour.choices

    @property
    def branches(self) -> list[str]:
        """The edge ids leaving the current shape, in the order of their numbers."""
        return [edge.id for edge in self.tour.options]

    @property
    def finished(self) -> bool:
        return self.tour.finished

    @property
    def caption(self) -> Caption:
        return caption_for(self.tour, self._nudged)

    def caption_text(self) -> str:
        return self.caption.text()

    @property
    def blanked(self) -> str:
        """'black' or 'white' while the screen is blanked, else ''."""
        return str(self.blank.property("colour") or "") if self.blank.isVisible() else ""

    def progress_text(self) -> str:
        """'Step 6 of ~14': ~ because the rest depends on the branches still to be taken."""
        if self.tour.current is None:
            return ""
        return _("Step {number} of ~{count}").format(number=len(self.tour.path),
                                                     count=self.tour.expected_steps)

    def toggle_blank(self, colour: str) -> None:
        """B / W: blank the screen in that colour; the same key again (or any other) shows it."""
        if self.blanked == colour:
            self.blank.hide()
            return
        self.blank.setProperty("colour", colour)
        self.blank.setStyleSheet(f"background: {colour};")
        self.blank.setGeometry(self.rect())
        self.blank.show()
        self.blank.raise_()

    def toggle_keys_sheet(self) -> None:
        if self.keys_sheet.isVisible():
            self.keys_sheet.hide()
            return
        font = self.keys_sheet.font()
        for pixels in range(max(14, round(self.height() / 34)), 7, -1):  # shrink to fit the width
            font.setPixelSize(pixels)
            self.keys_sheet.setFont(font)
            self.keys_sheet.adjustSize()
            if self.keys_sheet.width() <= self.width():
                break
        self.keys_sheet.move(max(0, (self.width() - self.keys_sheet.width()) // 2),
                             max(0, (self.height() - self.keys_sheet.height()) // 3))
        self.keys_sheet.show()
        self.keys_sheet.raise_()

    # ------------------------------------------------------------------ actions
    def next(self) -> bool:
        moved = self.tour.next()
        self._refresh(nudged=not moved and not self.tour.finished)
        return moved

    def back(self) -> bool:
        moved = self.tour.back()
        self._refresh()
        return moved

    def restart(self) -> None:
        self.tour.restart()
        self._refresh()

    def pick(self, number: int) -> bool:
        """Number key or button `number`: answers the open quiz question, else picks a branch."""
        question = self.tour.question
        if question is not None and not question.answered:
            done = self.tour.answer(number)
        else:
            done = self.tour.choose(number)
        self._refresh()
        return done

    def click_node(self, node_id: str) -> bool:
        """A click on a shape: picks the branch leading to it, if there is one."""
        if node_id == self.tour.current:
            return False
        done = self.tour.choose_target(node_id)
        if done:
            self._refresh()
        return done

    def _refresh(self, animate: bool = True, nudged: bool = False) -> None:
        self._nudged = nudged
        self.caption_panel.show_caption(caption_for(self.tour, nudged))
        self.canvas.follow(animate)
        self.canvas.update()

    # ------------------------------------------------------------------ events
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in BLANK_KEYS:
            self.toggle_blank(BLANK_KEYS[key])
            event.accept()
            return
        if key in (Qt.Key.Key_F1, Qt.Key.Key_Question):
            self.toggle_keys_sheet()
            event.accept()
            return
        was_covered = self.blank.isVisible() or self.keys_sheet.isVisible()
        self.blank.hide()
        self.keys_sheet.hide()
        if was_covered and key == Qt.Key.Key_Escape:  # Esc takes the cover away first
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.exit()
        elif key in NEXT_KEYS:
            self.next()
        elif key in BACK_KEYS:
            self.back()
        elif key == Qt.Key.Key_Home:
            self.restart()
        elif key in DIGIT_KEYS:
            self.pick(DIGIT_KEYS[key])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self.caption_panel.apply_size(self.height())
        self.caption_panel.setMaximumHeight(round(self.height() * 0.6))
        self.caption_panel.show_caption(caption_for(self.tour, self._nudged))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.canvas.settle()
        event.accept()
        if not self._ended:
            self._ended = True
            self.closed.emit()
