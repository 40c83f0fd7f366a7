"""Processes with sub-processes for the tests of tests/subprocess: a small one to check by hand,
and random ones (from a seed) for the properties."""

from __future__ import annotations

import random

from flowedit.model import Document, Node, NodeKind, Outcome


def hand_example(exit_days: tuple[float, float] = (0.0, 2.0)) -> Document:
    """Lead in -> Negotiation -> Deal won ('signed') or Deal lost ('walked away').

    Negotiation's sub-process: Start -> Talks (4 days) -> Agreed? -> 30% 'Signed' (after
    `exit_days[0]` more days of paperwork) or 70% 'Walked away' (after `exit_days[1]` days)."""
    child = Document("Negotiation")
    child.add_node(Node("start", NodeKind.START, "Start", x=100, y=100))
    child.add_node(Node("talks", NodeKind.STAGE, "Talks", x=300, y=100, duration_days=4))
    child.add_node(Node("agreed", NodeKind.DECISION, "Agreed?", x=500, y=100))
    child.add_node(Node("paper", NodeKind.STAGE, "Paperwork", x=700, y=100,
                        duration_days=exit_days[0]))
    child.add_node(Node("debrief", NodeKind.STAGE, "Debrief", x=700, y=250,
                        duration_days=exit_days[1]))
    child.add_node(Node("signed", NodeKind.END, "Signed", x=900, y=100))
    child.add_node(Node("walked", NodeKind.END, "Walked away", x=900, y=250))
    child.connect("start", "talks")
    child.connect("talks", "agreed")
    child.connect("agreed", "paper", "Yes", 0.3)
    child.connect("agreed", "debrief", "No", 0.7)
    child.connect("paper", "signed")
    child.connect("debrief", "walked")
    doc = Document("Deals")
    doc.add_node(Node("lead", NodeKind.START, "Lead in", x=100, y=100))
    doc.add_node(Node("nego", NodeKind.STAGE, "Negotiation", x=300, y=100, duration_days=99,
                      process=child))
    doc.add_node(Node("won", NodeKind.END, "Deal won", x=500, y=100, outcome=Outcome.WON))
    doc.add_node(Node("lost", NodeKind.END, "Deal lost", x=500, y=250, outcome=Outcome.LOST))
    doc.connect("lead", "nego", edge_id="in")
    doc.connect("nego", "won", "signed", 0.5, edge_id="to-won")
    doc.connect("nego", "lost", "walked away", 0.5, edge_id="to-lost")
    return doc


def random_process(rng: random.Random, depth: int = 0, exits: list[str] | None = None,
                   title: str = "Random") -> Document:
    """A random process: a start, a few stages and decisions joined at random (loops included,
    shares given or not, some leads dropping out), won and lost ends. Up to `depth` levels of
    stages get random sub-processes. With `exits`, its ends name them as their exit (some name
    nothing, and are left unmapped)."""
    doc = Document(title)
    doc.add_node(Node("start", NodeKind.START, "Start", x=100, y=100))
    middle = [f"m{i}" for i in range(rng.randint(1, 5))]
    for number, node_id in enumerate(middle):
        kind = NodeKind.DECISION if rng.random() < 0.3 else NodeKind.STAGE
        doc.add_node(Node(node_id, kind, f"Step {number}", x=300 + 200 * number, y=100,
                          duration_days=float(rng.randint(0, 6)) if kind is NodeKind.STAGE
                          else None))
    ends = []
    for number in range(rng.randint(2, 3)):
        end_id = f"end{number}"
        exit_name = None
        if exits is not None:
            exit_name = rng.choice([*exits, "nowhere"]) if rng.random() < 0.2 else \
                exits[number % len(exits)]
        doc.add_node(Node(end_id, NodeKind.END, f"End {number}", x=300, y=300 + 100 * number,
                          outcome=None if exits is not None else
                          (Outcome.WON if number == 0 else Outcome.LOST), exit=exit_name))
        ends.append(end_id)
    doc.connect("start", middle[0])
    for node_id in middle:
        kind = doc.nodes[node_id].kind
        choices = [n for n in middle + ends if not (n == node_id and kind is not NodeKind.STAGE)]
        targets = rng.sample(choices, k=min(len(choices), rng.randint(1, 3)))
        if kind is NodeKind.DECISION and len(targets) < 2:
            targets = rng.sample(choices, k=min(len(choices), 2))
        given = rng.random() < 0.5
        weights = [rng.random() for _ in targets]
        scale = rng.uniform(0.7, 1.0) / sum(weights)
        for target, weight in zip(targets, weights, strict=True):
            doc.connect(node_id, target, probability=round(weight * scale, 3) if given else None)
    if depth > 0:
        for node_id in middle:
            node = doc.nodes[node_id]
            if node.kind is NodeKind.STAGE and rng.random() < 0.6:
                targets = [doc.edges[e].target for e in doc.out_edges(node_id)]
                child = random_process(rng, depth - 1, targets, title=node.name)
                doc.update_node(node_id, process=child)
    return doc
