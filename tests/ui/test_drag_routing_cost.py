"""With orthogonal routing, each mouse move of a drag must fit in a frame on a 5,000-stage
process: the route book looks at the dragged shapes only, not at every shape and label of the
document (it did, and a drag step cost 28 ms at 5,000 stages). Counted, not timed."""

from __future__ import annotations

import pytest
from ui_helpers import at, move_held, press, release, viewport

from flowedit.model import Routing
from flowedit.render import routes as routes_module


def test_a_drag_step_looks_only_at_the_dragged_shape(window, qtbot,  # type: ignore[no-untyped-def]
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    doc = window.editor.doc
    doc.set_routing(Routing.ORTHOGONAL)
    qtbot.waitUntil(lambda: not window.editor.scene.routing_busy())
    looked_at: list[str] = []
    original = routes_module._geometry

    def counting(node):  # type: ignore[no-untyped-def]
        looked_at.append(node.id)
        return original(node)

    monkeypatch.setattr(routes_module, "_geometry", counting)
    widget = viewport(window)
    press(widget, at(window, 400, 300))  # "Demo"
    for step in range(1, 4):
        move_held(widget, at(window, 400 + 10 * step, 300 + 5 * step))
    moves = list(looked_at)
    release(widget, at(window, 430, 315))
    assert doc.nodes["stage-2"].x == pytest.approx(430, abs=12)  # the drag happened
    assert moves, "the drag steps were routed"
    assert set(moves) == {"stage-2"}
