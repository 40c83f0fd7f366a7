"""Where the corpora of real diagrams lie: beside the repository (../shared/corpora), in CI
too. Tests that need them skip with that reason when the folder is absent."""

from __future__ import annotations

from pathlib import Path

from flowedit.model.document import Document
from flowedit.model.elements import Edge, Lane, Node, NodeKind, Outcome

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def corpus_files(folder: str, *patterns: str) -> list[Path]:
    """The corpus files of a folder, for parametrizing; empty when the corpora are absent."""
    root = CORPORA / folder
    if not root.is_dir():
        return []
    found: set[Path] = set()
    for pattern in patterns:
        found.update(root.rglob(pattern))
    return sorted(found)


def file_id(path: Path) -> str:
    return str(path.relative_to(CORPORA))


def rich_document() -> Document:
    """A process with every field, loops and text that each format must escape."""
    doc = Document("Deals & <quotes> \"x\"")
    doc.add_lane(Lane("sales", "Sales; team #1"))
    doc.add_lane(Lane("legal", "Legal | review"))
    doc.add_node(Node("lead", NodeKind.START, "New lead", 100, 90, "sales"))
    doc.add_node(Node("qualify", NodeKind.STAGE, "Qualify\n(call)", 300, 90, "sales",
                      owner="Ann", description="First call <b>", duration_days=2.5))
    doc.add_node(Node("fit", NodeKind.DECISION, "Fit?", 500, 90, "sales"))
    doc.add_node(Node("contract", NodeKind.STAGE, "Contract", 500, 270, "legal",
                      outcome=Outcome.WON))
    doc.add_node(Node("won", NodeKind.END, "Won", 700, 270, "legal", outcome=Outcome.WON))
    doc.add_node(Node("lost", NodeKind.END, "Lost", 700, 90, "sales", outcome=Outcome.LOST))
    doc.add_edge(Edge("e1", "lead", "qualify"))
    doc.add_edge(Edge("e2", "qualify", "fit"))
    doc.add_edge(Edge("e3", "fit", "contract", "yes \"really\"", 0.4))
    doc.add_edge(Edge("e4", "fit", "lost", "no | not now", 0.6))
    doc.add_edge(Edge("e5", "contract", "won"))
    doc.add_edge(Edge("e6", "qualify", "qualify", "again"))
    return doc
