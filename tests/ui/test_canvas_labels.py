"""On the canvas, arrow labels move out of the way as shapes move (issue 11): dragging a shape
next to another never leaves a label hidden under either, and an arrow added back the other way
is drawn beside the first, not on top of it."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QLineF
from ui_helpers import at, drag, hover, viewport

from flowedit.render.shapes import node_rect


def _labels_clear_of_shapes(window) -> list[str]:  # type: ignore[no-untyped-def]
    scene = window.editor.scene
    hidden = []
    for edge_id, item in scene.edge_items.items():
        if item.label_rect.isEmpty():
            continue
        for node in scene.doc.nodes.values():
            if item.label_rect.intersects(node_rect(node)):
                hidden.append(f"{edge_id} under {node.id}")
    for (one, a), (other, b) in itertools.combinations(scene.edge_items.items(), 2):
        if not a.label_rect.isEmpty() and a.label_rect.intersects(b.label_rect):
            hidden.append(f"{one} on {other}")
    return hidden


def test_dragging_a_shape_close_keeps_the_label_in_sight(qtbot, window) -> None:
    doc = window.editor.doc
    doc.update_edge("e1", label="Memenuhi syarat prospek")
    doc.update_edge("e2", label="Perlu demo")
    assert _labels_clear_of_shapes(window) == []
    # Qualify (400, 100) dragged next to "Lead in" (150, 100): 40 units between them
    drag(viewport(window), at(window, 400, 100), at(window, 330, 100))
    qtbot.waitUntil(lambda: doc.nodes["stage-1"].x < 400, timeout=2000)
    assert _labels_clear_of_shapes(window) == []


def test_an_arrow_back_is_drawn_beside_the_first(qtbot, window) -> None:
    doc = window.editor.doc
    scene = window.editor.scene
    before = scene.edge_items["e2"].route
    assert before is not None
    # from Demo's right handle back up to Qualify
    demo = doc.nodes["stage-2"]
    handle = (demo.x + demo.size[0] / 2, demo.y)
    hover(viewport(window), at(window, demo.x, demo.y))  # the shape shows its handles
    hover(viewport(window), at(window, *handle))
    drag(viewport(window), at(window, *handle), at(window, 400, 100))
    qtbot.waitUntil(lambda: len(doc.edges) == 6, timeout=2000)
    back = scene.edge_items[next(e for e in doc.edges if e not in
                                 {"e1", "e2", "e3", "e4", "e5"})].route
    there = scene.edge_items["e2"].route
    assert back is not None and there is not None
    # both vertical, Qualify above Demo: they run side by side, 14 units apart
    assert abs(back.start.x() - there.end.x()) >= 10, (QLineF(there.start, there.end),
                                                       QLineF(back.start, back.end))
