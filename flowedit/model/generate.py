"""Generated processes of any size, for benchmarks, tests and trying the editor on big diagrams.

A long chain of stages spread over four lanes, with a decision after every fourth stage whose "No"
branch ends lost next to it, like a long real sales process. Deterministic for a given size and
seed. No Qt.
"""

from __future__ import annotations

import random

from flowedit.model.document import Document
from flowedit.model.elements import Lane, Node, NodeKind, Outcome

_LANES = (("sdr", "SDR"), ("ae", "Account Executive"), ("legal", "Finance & Legal"),
          ("cs", "Customer Success"))
_PER_ROW = 40
_COLUMN = 190.0
_ROW = 130.0
_BLOCK = 12


def generate_process(size: int = 5000, seed: int = 1) -> Document:
    """A valid process (no errors) of exactly `size` nodes (at least 4) in four lanes."""
    size = max(size, 4)
    rng = random.Random(seed)
    rows = -(-size // (_PER_ROW * len(_LANES))) + 1
    doc = Document(f"Generated process ({size} nodes)")
    for lane_id, name in _LANES:
        doc.add_lane(Lane(lane_id, name, height=rows * _ROW + 40))
    placed = [0] * len(_LANES)

    def add(node_id: str, kind: NodeKind, name: str, lane: int, **extra: object) -> str:
        slot = placed[lane]
        placed[lane] += 1
        doc.add_node(Node(node_id, kind, name, x=140 + (slot % _PER_ROW) * _COLUMN,
                          y=lane * (rows * _ROW + 40) + 20 + _ROW / 2 + (slot // _PER_ROW) * _ROW,
                          lane=_LANES[lane][0], **extra))  # type: ignore[arg-type]
        return node_id

    with doc.transaction():
        previous = add("start", NodeKind.START, "Lead received", 0)
        number = 1
        while len(doc.nodes) < size - 1:
            lane = (number // _BLOCK) % len(_LANES)
            stage = add(f"s{number}", NodeKind.STAGE, f"Stage {number}", lane,
                        duration_days=float(rng.randint(1, 5)))
            doc.connect(previous, stage, label="Yes" if previous.startswith("d") else None,
                        probability=0.9 if previous.startswith("d") else None)
            previous = stage
            if number % 4 == 0 and len(doc.nodes) < size - 2:
                decision = add(f"d{number}", NodeKind.DECISION, f"Go on after stage {number}?",
                               lane)
                lost = add(f"lost{number}", NodeKind.END, f"Lost after stage {number}", lane,
                           outcome=Outcome.LOST)
                doc.connect(stage, decision)
                doc.connect(decision, lost, label="No", probability=0.1)
                previous = decision
            number += 1
        won = add("won", NodeKind.END, "Deal won", 0, outcome=Outcome.WON)
        decided = previous.startswith("d")
        doc.connect(previous, won, label="Yes" if decided else None,
                    probability=0.9 if decided else None)
    return doc
