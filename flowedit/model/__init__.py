"""The process document: lanes, nodes and edges as plain Python. No Qt here."""

from flowedit.model.document import Change, Document
from flowedit.model.elements import (
    DEFAULT_SIZES,
    Colour,
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
    "Colour",
    "Document",
    "Edge",
    "Lane",
    "ModelError",
    "Node",
    "NodeKind",
    "Outcome",
]
