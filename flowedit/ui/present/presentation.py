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

Keys: Right / Space / PageDown next (at a decision: the default branch, or the route's); Left /
PageUp / Backspace back along the path taken; 1..9 pick the n-th branch (or quiz answer); a stage's
number and Enter jump to it (where no branch is to be picked); G a searchable list of the stages;
R the routes; O the whole process and back; Home restart; B / W blank the screen black / white;
F1 / ? the list of keys; Esc exit. A click on a branch's target shape picks that branch, a click
on any other shape jumps to it; the numbered buttons in the caption can be clicked too.

Quiz (`quiz=True`): the next shape is hidden and the rep picks it from three or four names; a wrong
pick is shown in red with the right stage's description, and the score ends the walk. See
`presentation_tour` for the rules.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from flowedit.analysis.quiz import ALL_KINDS
from flowedit.analysis.tour import Tour
from flowedit.analysis.walk import display_name
from flowedit.i18n import N_, _, ngettext
from flowedit.model import Document, NodeKind, Outcome, is_milestone
from flowedit.model.routes import Route
from flowedit.render.handout import (
    KIND_NAMES,
    duration_text,
    lane_name,
    paragraphs,
    percent_text,
)
from flowedit.ui.labels import button_text, one_line
from flowedit.ui.present.presentation_canvas import PresentationCanvas
from flowedit.ui.present.quiz_caption import quiz_text, review_text
from flowedit.ui.present.quiz_session import QuizSession

NEXT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Down,
                       Qt.Key.Key_Return, Qt.Key.Key_Enter})
BACK_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_Up})
DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
#: Descriptions longer than this are cut in the caption (the handout prints them whole).
MAX_DESCRIPTION = 420
KEYS_HELP = N_("→ next    ← back    1–9 branch    G go to    O overview    F1 keys    Esc exit")
#: The full list F1 (or ?) shows over the diagram, one line per key (translated when shown).
KEYS_SHEET = (
    N_("→  Space  Page Down    next (at a decision: the outlined branch)"),
    N_("←  Page Up  Backspace    back along the path taken"),
    N_("1 … 9    follow that branch (or answer)"),
    N_("click a shape    follow the branch to it (any other shape: go there)"),
    N_("12  Enter    go to stage 12 (where no branch is to be picked)"),
    N_("G    the list of stages: type a number or a name, Enter goes there"),
    N_("R    the routes: present a saved walk (then the next one)"),
    N_("O    the whole process (again: back)"),
    N_("Home    back to the start"),
    N_("B  /  W    black / white screen (again: back)"),
    N_("F1  /  ?    this list"),
    N_("Esc    end the presentation"),
)


def keys_sheet() -> str:
    return "\n".join(_(line) for line in KEYS_SHEET)
BLANK_KEYS = {Qt.Key.Key_B: "black", Qt.Key.Key_W: "white"}
#: From this width-to-height ratio on (16:9, 16:10) the caption stands beside the diagram, which
#: keeps the height decisions need (branches lead down into other lanes); below it (4:3), under.
SIDE_CAPTION_RATIO = 1.5
#: The caption's fixed share of the window (its width beside, its height under the diagram): the
#: same at every step, so the diagram never jumps.
SIDE_SHARE, BOTTOM_SHARE = 0.30, 0.42


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
    #: 'won' or 'lost' at an end with an outcome: the kind badge takes its colour.
    outcome: str = ""
    #: The end screen: the path taken, its days and hand-offs (shown instead of the description).
    summary: str = ""

    def text(self) -> str:
        """Everything the caption shows, as plain text (for tests and screen readers)."""
        parts = [self.kind, self.name, self.facts, self.description, self.summary, self.prompt,
                 self.feedback]
        parts += [f"{choice.number} {choice.text}" for choice in self.choices]
        return "\n".join(part for part in parts if part)


def _range(count: int) -> str:
    return "1" if count == 1 else f"1–{count}"


def caption_for(tour: Tour, nudged: bool = False) -> Caption:
    """The caption for the tour's state; `nudged` when Next was just refused (a branch, or an
    answer, is missing)."""
    doc = tour.level_doc
    node = tour.node
    if node is None:
        return Caption(name=_("Nothing to present"),
                       description=_("This process has no shapes yet. Press Esc to go back."))
    caption = Caption(name=display_name(node))
    kind = _(KIND_NAMES[node.kind])
    won = node.outcome is Outcome.WON
    if node.kind is NodeKind.END and node.outcome is not None:
        kind = (_("{kind} · WON") if won else _("{kind} · LOST")).format(kind=kind)
        caption.outcome = node.outcome.value  # the badge's colour: won green, lost red
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
    node = tour.node
    assert node is not None
    caption.summary = summary_text(tour)
    caption.description = ""  # the end screen tells the walk, not the end shape
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
        caption.feedback = review_text(tour)
        caption.feedback_state = "right" if asked and right == asked else ""


def summary_text(tour: Tour) -> str:
    """The end screen: the hand-offs between teams, the expected days, the path taken."""
    summary = tour.summary()
    doc = tour.doc

    def lane(lane_id: str) -> str:
        return " ".join(doc.lane(lane_id).name.split()) if doc.has_lane(lane_id) else lane_id

    lines = []
    if summary.handoffs:
        handoffs = "; ".join(_("{source} → {target} at {stage}").format(
            source=lane(source), target=lane(target), stage=stage)
            for source, target, stage in summary.handoffs)
        lines.append(ngettext("{count} hand-off: {handoffs}", "{count} hand-offs: {handoffs}",
                              len(summary.handoffs)).format(count=len(summary.handoffs),
                                                            handoffs=handoffs))
    else:
        lines.append(_("No hand-off: one team all the way."))
    days = duration_text(summary.days)
    if days:
        lines.append(_("Expected time along this path: {days}").format(days=days))
    lines.append(ngettext("The path taken ({count} step): {names}",
                          "The path taken ({count} steps): {names}",
                          len(summary.names)).format(count=len(summary.names),
                                                     names=" → ".join(summary.names)))
    return "\n".join(lines)


def _branch_text(tour: Tour, number: int, hide: bool) -> str:
    edge = tour.options[number - 1]
    target = tour.target_node(edge)
    label = " ".join((edge.label or "").split())
    name = "?" if hide else display_name(target)
    text = f"{label} → {name}" if label else f"→ {name}"
    if edge.probability is not None:
        text += f" ({percent_text(edge.probability)})"
    return text


def _walk(tour: Tour, caption: Caption, nudged: bool) -> None:
    options = tour.options
    if tour.enters:
        child = tour.level_doc.child(tour.current or "")
        count = len(child.nodes) if child is not None else 0
        caption.prompt = ngettext("→ steps into its sub-process ({count} shape)",
                                  "→ steps into its sub-process ({count} shapes)",
                                  count).format(count=count)
        if options:
            caption.prompt += _("   ·   press {keys} to go on without it").format(
                keys=_range(len(options)))
            caption.choices = [Choice(n, _branch_text(tour, n, hide=False))
                               for n in range(1, len(options) + 1)]
        return
    if tour.leaving and len(options) == 1:
        caption.prompt = _("Next: out of the sub-process, {branch}   (press →)").format(
            branch=_branch_text(tour, 1, hide=False))
        return
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
    if tour.route_choice is not None and tour.route is not None:
        caption.prompt += "   ·   " + _("route {name}").format(name=tour.route.name)
    caption.choices = [Choice(n, _branch_text(tour, n, hide=False),
                              "default" if n == number else "")
                       for n in range(1, count + 1)]


def _quiz(tour: Tour, caption: Caption, nudged: bool) -> None:
    """The quiz's part of the caption comes from `quiz_caption` (the quiz's own module)."""
    text = quiz_text(tour, nudged, lambda n, hide: _branch_text(tour, n, hide=hide),
                     caption.description, caption.facts)
    caption.prompt, caption.feedback = text.prompt, text.feedback
    caption.feedback_state = text.feedback_state
    caption.choices = [Choice(number, words, state) for number, words, state in text.choices]
    if text.description is not None:
        caption.description = text.description
    if text.facts is not None:
        caption.facts = text.facts


def _short(text: str, limit: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------- widgets
_PANEL = "#1c262b"
_INK = "#ffffff"
_MUTED = "#b0bec5"
_ACCENT = "#ffca28"
_RIGHT = "#2e7d32"
_WRONG = "#c62828"
#: The kind badge of an end: won and lost must tell apart at a glance (and from the amber).
_WON, _LOST = "#43a047", "#e53935"


class _CaptionPanel(QFrame):
    """The dark band under (4:3) or beside (16:9) the diagram: plain-text labels (names are never
    read as HTML) and the numbered choice buttons. Its size is fixed by the window (`apply_size`)
    and the description is cut to the room left, so the diagram never jumps between steps."""

    def __init__(self, window: PresentationWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("presentationCaption")
        self.side = False
        self.kind = self._label("kind")
        self.name = self._label("name")
        self.facts = self._label("facts")
        self.description = self._label("description")
        self.summary = self._label("summary")
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
        for label in (self.facts, self.description, self.summary, self.feedback, self.prompt):
            layout.addWidget(label)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.keys)
        # Its size is the window's share (stretch factors), never what its text asks for.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(1, 1)  # (else the window's layout still takes its text's minimum)
        self._full_description = ""

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(name not in ("kind", "keys"))
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return label

    def apply_size(self, height: int, side: bool = False) -> None:
        """Font sizes follow the screen: readable from the back of a training room."""
        self.side = side
        base = max(13, min(40, round(height / (46 if side else 40))))
        pad = round(base * 0.9)
        self.button_font = QFont(self.font())  # what the style sheet gives the buttons
        self.button_font.setPixelSize(base)
        self.button_font.setBold(True)
        self.button_padding = 2 * pad + 8  # left and right padding and the border
        self.layout().setContentsMargins(pad * 2 if not side else pad, pad,
                                         pad * 2 if not side else pad, round(pad * 0.6))
        self.layout().setSpacing(round(base * 0.45))
        self.grid.setHorizontalSpacing(pad)
        self.grid.setVerticalSpacing(round(pad * 0.5))
        self.setStyleSheet(f"""
            QFrame#presentationCaption {{ background: {_PANEL}; }}
            QLabel {{ color: {_INK}; font-size: {base}px; }}
            QLabel#kind {{ color: {_PANEL}; background: {_ACCENT}; font-weight: bold;
                           font-size: {round(base * 0.75)}px; padding: 3px 10px;
                           border-radius: 6px; }}
            QLabel#kind[outcome="won"] {{ background: {_WON}; color: {_INK}; }}
            QLabel#kind[outcome="lost"] {{ background: {_LOST}; color: {_INK}; }}
            QLabel#name {{ font-size: {round(base * 1.9)}px; font-weight: bold;
                           margin-left: {pad // 2}px; }}
            QLabel#facts {{ color: {_MUTED}; font-size: {round(base * 0.95)}px; }}
            QLabel#summary {{ font-size: {round(base * 0.95)}px; }}
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
        self.kind.setProperty("outcome", caption.outcome)
        self.kind.style().unpolish(self.kind)
        self.kind.style().polish(self.kind)
        self.name.setText(caption.name)
        for label, text in ((self.facts, caption.facts), (self.description, caption.description),
                            (self.summary, caption.summary), (self.prompt, caption.prompt),
                            (self.feedback, caption.feedback)):
            label.setText(text)
            label.setVisible(bool(text))
        self.feedback.setProperty("state", caption.feedback_state)
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)
        self._show_choices(caption.choices)
        self.show_keys()
        self._full_description = caption.description
        self.fit_text()

    def show_keys(self) -> None:
        """The progress and the main keys: on one line under the diagram, two beside it."""
        between = "\n" if self.side else "      "
        self.keys.setText(f"{self.window_.progress_text()}{between}{_(KEYS_HELP)}")

    def fit_text(self) -> None:
        """Cuts the description (else the end screen's summary) to the room the fixed panel
        leaves, at a word, with '…' (the handout prints it whole)."""
        layout = self.layout()
        width = self.width()
        if width <= 0 or self.height() <= 0:
            return
        for label, full in ((self.description, self._full_description),
                            (self.summary, self.summary.text())):
            if not full or self._fits(layout, width):
                continue
            words = full.split(" ")
            low, high = 0, len(words)
            while low < high:  # the most words that fit
                middle = (low + high + 1) // 2
                label.setText(" ".join(words[:middle]).rstrip() + "…")
                if self._fits(layout, width):
                    low = middle
                else:
                    high = middle - 1
            label.setText(" ".join(words[:low]).rstrip() + "…" if low else "")
            label.setVisible(low > 0)
        if self.feedback.isVisibleTo(self) and not self._fits(layout, width):
            # An answer's explanation is read whole (it teaches); the facts line gives way.
            self.facts.setVisible(False)

    def _fits(self, layout: QBoxLayout | object, width: int) -> bool:
        layout.invalidate()  # type: ignore[union-attr]
        needed = layout.heightForWidth(width)  # type: ignore[union-attr]
        if needed < 0:
            needed = layout.sizeHint().height()  # type: ignore[union-attr]
        return bool(needed <= self.height())

    def _show_choices(self, choices: list[Choice]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = []
        if any(choice.state in ("right", "wrong") for choice in choices):
            # Answered: the right answer and a wrong pick stay, the rest gives its room to the
            # explanation, which is read whole.
            choices = [choice for choice in choices if choice.state in ("right", "wrong")]
        if not choices:
            return
        columns = 1 if self.side else 2 if len(choices) == 4 else min(len(choices), 3)
        margins = self.layout().contentsMargins()
        spacing = self.grid.horizontalSpacing() * (columns - 1)
        own = self.width() if self.side else self.window_.screen_width()
        width = own - margins.left() - margins.right() - spacing
        metrics = QFontMetrics(self.button_font)
        number = metrics.horizontalAdvance("9   ")
        room = max(40, width // columns - self.button_padding - number)
        for index, choice in enumerate(choices):
            button = QPushButton(self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("state", choice.state)
            button.setProperty("number", choice.number)
            lines = [button_text(line) for line in wrap_lines(one_line(choice.text), metrics,
                                                               room)]
            button.setText(f"{choice.number}   " + "\n     ".join(lines))
            button.setToolTip(choice.text)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            # Ignored: a long label wraps or is elided, it never widens the window past the screen
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, n=choice.number: self.window_.pick(n))
            self.grid.addWidget(button, index // columns, index % columns)
            button.show()  # now, not at the next event loop turn: `fit_text` measures it
            self.buttons.append(button)


def wrap_lines(text: str, metrics: QFontMetrics, room: int, lines: int = 3) -> list[str]:
    """A button's text broken at spaces onto at most `lines` lines of `room` pixels, the last
    cut with '…' only when even they are too short: "Needs changes → Revise proposal (30%)"
    stays whole in a third of a 1024 px screen."""
    words = text.split(" ")
    result: list[str] = []
    while words and len(result) < lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= room:
            line += " " + words.pop(0)
        if metrics.horizontalAdvance(line) > room:  # one word too long for a line: cut it
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
        result.append(line)
    if words:
        result.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, room))
    return result


class _Picker(QFrame):
    """A searchable list over the diagram (G: the stages, R: the routes): typing filters by
    number or name, ↑ ↓ move, Enter picks, Esc closes. A child of the presentation window, not
    a dialog: a full-screen window keeps the keyboard and the screen."""

    def __init__(self, window: PresentationWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("presentationPicker")
        self.title = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("pickerSearch")
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.setStyleSheet(f"""
            QFrame#presentationPicker {{ background: {_PANEL}; border: 2px solid {_ACCENT};
                                         border-radius: 12px; }}
            QLabel {{ color: {_INK}; font-weight: bold; }}
            QLineEdit, QListWidget {{ background: #2f3e46; color: {_INK}; border: none; }}
            QListWidget::item:selected {{ background: {_ACCENT}; color: {_PANEL}; }}
        """)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemClicked.connect(lambda _item: self._pick())
        self.items: list[tuple[str, str]] = []
        self.kind = ""
        self.hide()

    def open(self, kind: str, title: str, items: list[tuple[str, str]]) -> None:
        """Shows `items` ((text, key) pairs); picking one calls the window's `picked`."""
        self.kind, self.items = kind, items
        self.title.setText(title)
        font = QFont(self.font())
        font.setPixelSize(max(14, round(self.window_.height() / 36)))
        for widget in (self.title, self.search, self.list):
            widget.setFont(font)
        width = min(self.window_.width() - 40, max(420, self.window_.width() // 2))
        height = self.window_.height() - 60
        self.setGeometry((self.window_.width() - width) // 2, 30, width, height)
        self.search.clear()
        self._filter("")
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        self.list.clear()
        for shown, key in self.items:
            number, _dot, name = shown.partition(". ")
            if (not wanted or shown.casefold().startswith(wanted)
                    or wanted in name.casefold() or wanted == number):
                item = QListWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, key)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _pick(self) -> None:
        item = self.list.currentItem()
        kind = self.kind
        self.close_picker()
        if item is not None:
            self.window_.picked(kind, str(item.data(Qt.ItemDataRole.UserRole)))

    def close_picker(self) -> None:
        self.hide()
        self.window_.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_picker()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if key == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, row)))
                return True
        return False


class PresentationWindow(QWidget):
    """The presentation screen for `doc`; read-only. `seed` makes a quiz's choices repeatable.
    `start_at` begins at that shape (present from the editor's selection; Home still goes to the
    process's start), `lane` presents that lane only, `routes` are the saved walks presented one
    after another (Next at a route's end starts the next)."""

    #: The presentation ended (Esc, or its window was closed).
    closed = Signal()

    def __init__(self, doc: Document, quiz: bool = False, parent: QWidget | None = None, *,
                 seed: int = 0, kinds: Collection[str] = ALL_KINDS,
                 results: str | os.PathLike[str] | None = None, start_at: str | None = None,
                 lane: str | None = None, routes: list[Route] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.doc = doc
        self.routes: list[Route] = list(routes or [])
        self.route_index = 0
        self.tour = Tour(doc, quiz=quiz, seed=seed, kinds=kinds, lane=lane,
                         route=self.routes[0] if self.routes else None)
        if start_at is not None:
            self.tour.restart(start_at)
        self._nudged = False
        self._ended = False
        #: The digits of a stage number typed so far (Enter goes there).
        self.typed = ""
        #: A fixed size (slides): the window is drawn at this size whatever the screen.
        self.fixed_size = False
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
        self.picker = _Picker(self)
        self.canvas.lower()  # placed by `_arrange`, under the covers (blank, keys, lists)
        self.caption_panel.lower()
        self.resize(1280, 720)
        #: The trainee's name and the results file (quiz_session.py); `results` None: no file.
        self.quiz_session = QuizSession(self, results)
        self._arrange()
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
        self.quiz_session.begin()

    def exit(self) -> None:
        """Ends the presentation (as Esc does): closes the window, which emits `closed`."""
        self.close()

    def screen_width(self) -> int:
        """The widest the window may be: its own width, never more than its screen's."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if self.fixed_size or screen is None:
            return self.width()
        return min(self.width(), screen.geometry().width())

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
    def level(self) -> tuple[str, ...]:
        """The sub-process shown: () for the top process, ('prospecting',) inside that stage."""
        return self.tour.level

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
    def route(self) -> Route | None:
        return self.tour.route

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
        text = _("Step {number} of ~{count}").format(number=self.tour.stops(),
                                                     count=self.tour.expected_steps)
        if self.typed:
            text = _("Go to stage {number} (Enter)").format(number=self.typed) + "      " + text
        if self.tour.route is not None:
            text = _("Route {number} of {count}: {name}").format(
                number=self.route_index + 1, count=len(self.routes),
                name=self.tour.route.name) + "   ·   " + text
        return text

    def stage_items(self) -> list[tuple[str, str]]:
        """The G list: '5. Qualified?' for every shape of the process shown, in flow order."""
        doc = self.tour.level_doc
        return [(f"{number}. {display_name(doc.nodes[node_id])}", node_id)
                for number, node_id in enumerate(self.tour.numbered(), start=1)]

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
            if self.keys_sheet.width() <= self.width() and \
                    self.keys_sheet.height() <= self.height():
                break
        self.keys_sheet.move(max(0, (self.width() - self.keys_sheet.width()) // 2),
                             max(0, (self.height() - self.keys_sheet.height()) // 3))
        self.keys_sheet.show()
        self.keys_sheet.raise_()

    # ------------------------------------------------------------------ actions
    def next(self) -> bool:
        if self.tour.finished and self.route_index + 1 < len(self.routes):
            self.present_route(self.route_index + 1)  # routes one after another
            return True
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

    def present_route(self, index: int) -> None:
        """Starts the `index`-th route (of `routes`) from the process's start."""
        self.route_index = index
        self.tour.route = self.routes[index]
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

    def go_to(self, node_id: str) -> bool:
        """Straight to a shape of the process shown (G list, its number, a click)."""
        done = self.tour.jump(node_id)
        if done:
            self._refresh()
        return done

    def go_to_number(self, number: int) -> bool:
        order = self.tour.numbered()
        return 1 <= number <= len(order) and self.go_to(order[number - 1])

    def click_node(self, node_id: str) -> bool:
        """A click on a shape: picks the branch leading to it, else goes there."""
        if node_id == self.tour.current:
            return False
        done = self.tour.choose_target(node_id)
        if done:
            self._refresh()
            return True
        if self.tour.quiz:  # a quiz is walked, not jumped through
            return False
        return self.go_to(node_id)

    def open_stage_list(self) -> None:
        self.picker.open("stage", _("Go to a stage: type its number or name, Enter"),
                         self.stage_items())

    def open_route_list(self) -> None:
        routes = self.doc.routes
        items = [(_("All routes, one after another"), "*")] if len(routes) > 1 else []
        items += [(f"{n}. {route.name}", str(n - 1)) for n, route in enumerate(routes, start=1)]
        items.append((_("No route: the most likely branches"), "-"))
        self.picker.open("route", _("Present a route"), items)

    def picked(self, kind: str, key: str) -> None:
        """What the G or R list picked."""
        if kind == "stage":
            self.go_to(key)
        elif key == "-":
            self.routes, self.route_index = [], 0
            self.tour.route = None
            self.tour.restart()
            self._refresh()
        else:
            self.routes = (list(self.doc.routes) if key == "*"
                           else [self.doc.routes[int(key)]])
            self.present_route(0)

    def toggle_overview(self) -> None:
        """O: the whole process (its current place still marked), the same key again: back."""
        self.canvas.set_overview(not self.canvas.overview)

    def _refresh(self, animate: bool = True, nudged: bool = False) -> None:
        self._nudged = nudged
        self.canvas.overview = False
        self.caption_panel.show_caption(caption_for(self.tour, nudged))
        self.canvas.follow(animate)
        self.canvas.update()
        self.quiz_session.refresh()

    def _arrange(self) -> None:
        """Caption beside the diagram on a wide screen, under it on a 4:3 one, at a fixed share
        of the window: placed by hand, since a layout would let the caption's text resize it."""
        width, height = max(self.width(), 1), max(self.height(), 1)
        side = width / height >= SIDE_CAPTION_RATIO
        self.caption_panel.apply_size(height, side)
        if side:
            panel = round(width * SIDE_SHARE)
            self.canvas.setGeometry(0, 0, width - panel, height)
            self.caption_panel.setGeometry(width - panel, 0, panel, height)
        else:
            panel = round(height * BOTTOM_SHARE)
            self.canvas.setGeometry(0, 0, width, height - panel)
            self.caption_panel.setGeometry(0, height - panel, width, panel)

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
        typed, self.typed = self.typed, ""
        if key in DIGIT_KEYS or key == Qt.Key.Key_0:
            digit = 0 if key == Qt.Key.Key_0 else DIGIT_KEYS[key]
            if typed or digit == 0 or not self._picking():
                self.typed = typed + str(digit)  # a stage's number, Enter goes there
                self.caption_panel.show_keys()
            else:
                self.pick(digit)
            event.accept()
            return
        if typed and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_to_number(int(typed))
            self._refresh(animate=True)
        elif key == Qt.Key.Key_Escape:
            self.exit()
        elif key in NEXT_KEYS:
            self.next()
        elif key in BACK_KEYS:
            self.back()
        elif key == Qt.Key.Key_Home:
            self.restart()
        elif key == Qt.Key.Key_G:
            self.open_stage_list()
        elif key == Qt.Key.Key_R:
            self.open_route_list()
        elif key == Qt.Key.Key_O:
            self.toggle_overview()
        else:
            if typed:
                self._refresh()
            super().keyPressEvent(event)
            return
        event.accept()

    def _picking(self) -> bool:
        """Whether a digit picks something now: a branch, or an answer of the quiz."""
        question = self.tour.question
        return (question is not None and not question.answered) or len(self.tour.options) > 1 \
            or (self.tour.quiz and self.tour.branching)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self._arrange()
        self.caption_panel.show_caption(caption_for(self.tour, self._nudged))
        if hasattr(self, "quiz_session"):  # resized once before it exists
            self.quiz_session.place()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.canvas.settle()
        event.accept()
        self.quiz_session.closing()
        if not self._ended:
            self._ended = True
            self.closed.emit()
