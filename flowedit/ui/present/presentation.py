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

Keys: Right / Space / PageDown next; Left / PageUp / Backspace back along the path taken; 1..9 pick
the n-th branch (or quiz answer); Home restart; Esc exit. A click on a branch's target shape picks
that branch; the numbered buttons in the caption can be clicked too.

Quiz (`quiz=True`): the next shape is hidden and the rep picks it from three or four names; a wrong
pick is shown in red with the right stage's description, and the score ends the walk. See
`presentation_tour` for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFontMetrics, QGuiApplication, QKeyEvent, QResizeEvent
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
from flowedit.model import Document, NodeKind, is_milestone
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
KEYS_HELP = "→ / Space next    ← back    1–9 pick    Home restart    Esc exit"


@dataclass
class Choice:
    """A numbered button of the caption; `state` colours it: right, wrong or ''."""

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
        return Caption(name="Nothing to present",
                       description="This process has no shapes yet. Press Esc to go back.")
    node = doc.nodes[tour.current]
    caption = Caption(name=display_name(node))
    caption.kind = KIND_NAMES[node.kind].upper()
    if node.kind is NodeKind.END and node.outcome is not None:
        caption.kind += f" · {node.outcome.value.upper()}"
    elif is_milestone(node):
        caption.kind += f" · {node.outcome.value.upper()} MILESTONE"
    facts = []
    if node.owner and node.owner.strip():
        facts.append(f"Owner: {' '.join(node.owner.split())}")
    lane = lane_name(doc, node)
    if lane:
        facts.append(f"Lane: {lane}")
    duration = duration_text(node.duration_days)
    if duration:
        facts.append(f"Takes {duration}")
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
        caption.prompt = "No arrow leaves this shape: the walk stops here."
    elif node.outcome is not None:
        caption.prompt = f"The process is finished: the deal is {node.outcome.value}."
    else:
        caption.prompt = "The process is finished."
    caption.prompt += "   Home: start again · Esc: exit"
    if tour.quiz:
        right, asked = tour.score
        caption.feedback = f"Quiz score: {right} of {asked} right."
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
        caption.prompt = f"Next: {_branch_text(tour, 1, hide=False)}   (press →)"
        return
    count = len(options)
    caption.prompt = (f"Pick a branch {'first' if nudged else 'to follow'}: "
                      f"press {_range(count)} or click its shape")
    caption.choices = [Choice(n, _branch_text(tour, n, hide=False))
                       for n in range(1, count + 1)]


def _quiz(tour: Tour, caption: Caption, nudged: bool) -> None:
    question = tour.question
    if tour.branching and tour.branch is None:
        count = len(tour.options)
        caption.prompt = (f"Pick a branch {'first' if nudged else 'to follow'}: "
                          f"press {_range(count)}; then guess where it leads")
        caption.choices = [Choice(n, _branch_text(tour, n, hide=True))
                           for n in range(1, count + 1)]
        return
    if question is None:  # nothing else in the process to choose from: just show it
        edge_id = tour.pending_edge or ""
        name = display_name(tour.doc.nodes[tour.doc.edges[edge_id].target])
        caption.prompt = f"Next: {name}   (press →)"
        return
    _question(tour, caption, question, nudged)


def _question(tour: Tour, caption: Caption, question: Question, nudged: bool) -> None:
    doc = tour.doc
    edge = doc.edges[question.edge]
    label = " ".join((edge.label or "").split())
    lead = f"Branch '{label}': which" if tour.branching and label else "Which"
    if not question.answered:
        caption.prompt = (("Answer first — " if nudged else "")
                          + f"{lead} stage comes next? Press {_range(len(question.choices))}")
    else:
        caption.prompt = "Press → to go on"
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
        caption.feedback = f"Right! {display_name(target)} comes next."
        caption.feedback_state = "right"
        return
    picked = doc.nodes[question.picked or ""]
    explained = " ".join(paragraphs(target.description)) or "It has no description yet."
    caption.feedback = _short(f"Not quite: {display_name(picked)} is not next. Next comes "
                              f"{display_name(target)}: {explained}", MAX_EXPLANATION)
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
        self.keys.setText(KEYS_HELP)
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

    def _show_choices(self, choices: list[Choice]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = []
        if not choices:
            return
        columns = 2 if len(choices) == 4 else min(len(choices), 3)
        room = max(200, self.window_.width() // columns - 120)
        for index, choice in enumerate(choices):
            button = QPushButton(self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("state", choice.state)
            button.setProperty("number", choice.number)
            metrics = QFontMetrics(button.font())
            button.setText(f"{choice.number}   " + button_text(metrics.elidedText(
                one_line(choice.text), Qt.TextElideMode.ElideRight, room)))
            button.setToolTip(choice.text)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, n=choice.number: self.window_.pick(n))
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
        self.setWindowTitle(f"{' '.join(doc.title.split())} — presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas = PresentationCanvas(self.tour, self)
        self.canvas.node_clicked.connect(self.click_node)
        self.caption_panel = _CaptionPanel(self)
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
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def exit(self) -> None:
        """Ends the presentation (as Esc does): closes the window, which emits `closed`."""
        self.close()

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
        self.caption_panel.apply_size(self.height())
        self.caption_panel.setMaximumHeight(round(self.height() * 0.6))
        self.caption_panel.show_caption(caption_for(self.tour, self._nudged))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.canvas.settle()
        event.accept()
        if not self._ended:
            self._ended = True
            self.closed.emit()
