"""Which problems the editor folds into one hint while a process is still being drawn."""

from flowedit.analysis import check_document
from flowedit.analysis.drawing import while_drawing
from flowedit.model import Document, Node, NodeKind, Outcome


def chain(end_connected: bool) -> Document:
    doc = Document("Being drawn")
    doc.add_node(Node("start", NodeKind.START, "Lead in", x=0, y=0))
    previous = "start"
    for number in range(1, 6):
        doc.add_node(Node(f"s{number}", NodeKind.STAGE, f"Step {number}", x=200 * number, y=0))
        doc.connect(previous, f"s{number}")
        previous = f"s{number}"
    doc.add_node(Node("won", NodeKind.END, "Won", x=1400, y=0, outcome=Outcome.WON))
    doc.add_node(Node("old", NodeKind.STAGE, "Old step", x=0, y=300))
    doc.connect("old", "s2")
    if end_connected:
        doc.connect(previous, "won")
    return doc


def test_before_an_end_is_reached_the_unfinished_problems_are_folded() -> None:
    doc = chain(end_connected=False)
    problems = check_document(doc)
    split = while_drawing(doc, problems)
    assert not split.has_end
    assert [(p.code, p.node) for p in split.shown] == [("unreachable", "old")]
    assert {p.code for p in split.folded} == {"dead-end", "unreachable", "no-path-to-end"}
    assert split.frontier == ["s5"]
    assert len(split.shown) + len(split.folded) == len(problems), "nothing is dropped"


def test_once_an_end_is_reached_everything_shows() -> None:
    doc = chain(end_connected=True)
    problems = check_document(doc)
    split = while_drawing(doc, problems)
    assert split.has_end and split.shown == problems and not split.folded


def test_a_start_alone_is_a_drawing_just_begun() -> None:
    doc = Document()
    doc.add_node(Node("start", NodeKind.START, "Lead in", x=0, y=0))
    split = while_drawing(doc, check_document(doc))
    assert split.shown == [] and split.frontier == ["start"]
