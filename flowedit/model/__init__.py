"""The process document: lanes, nodes and edges as plain Python. No Qt here."""

from flowedit.model.document import Change, Document
from flowedit.model.elements import (
    DEFAULT_SIZES,
    OUTCOME_KINDS,
    Colour,
    Edge,
    Lane,
    Measured,
    ModelError,
    Node,
    NodeKind,
    Outcome,
    Routing,
    is_milestone,
)

__all__ = [
    "DEFAULT_SIZES",
    "OUTCOME_KINDS",
    "Change",
    "Colour",
    "Document",
    "Edge",
    "Lane",
    "Measured",
    "ModelError",
    "Node",
    "NodeKind",
    "Outcome",
    "Routing",
    "is_milestone",
]
