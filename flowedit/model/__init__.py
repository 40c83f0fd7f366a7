"""The process document: lanes, nodes and edges as plain Python. No Qt here."""

from flowedit.model.document import Change, Document
from flowedit.model.elements import (
    DEFAULT_SIZES,
    Edge,
    Lane,
    ModelError,
    Node,
    NodeKind,
    Outcome,
)

__all__ = [
    "DEFAULT_SIZES",
    "Change",
    "Document",
    "Edge",
    "Lane",
    "ModelError",
    "Node",
    "NodeKind",
    "Outcome",
]
