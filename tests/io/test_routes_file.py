"""Routes saved in the file (issue 16): a trainer's named walks, `routes:` at the top level.
They read, write back the same, refuse mistakes at their line, and never make a saved file
unreadable after an edit deleted the arrow a route takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.io import load_document
from flowedit.io.errors import FlowFileError
from flowedit.io.flowfile import dumps_document, loads_document
from flowedit.model.routes import Route, RouteChoice

ROOT = Path(__file__).resolve().parents[2]

BASE = """\
flowedit: 1
title: Routes
nodes:
- {id: s, kind: start, name: Lead, x: 0, y: 0}
- {id: q, kind: decision, name: Qualified?, x: 200, y: 0}
- {id: won, kind: end, name: Won, x: 400, y: 0, outcome: won}
- {id: lost, kind: end, name: Lost, x: 200, y: 150, outcome: lost}
edges:
- {id: e1, from: s, to: q}
- {id: e2, from: q, to: won, label: "Yes"}
- {id: e3, from: q, to: lost, label: Not now}
"""


def test_routes_read_by_label_target_or_id_and_round_trip() -> None:
    doc = loads_document(BASE + """\
routes:
- name: Happy path
  choices:
  - {at: q, take: "yes"}
- name: Lost
  choices:
  - {at: q, take: lost}
- name: By id
  choices:
  - {at: q, take: e3}
- name: Nothing chosen
""")
    assert doc.routes == [Route("Happy path", (RouteChoice("q", "e2"),)),
                          Route("Lost", (RouteChoice("q", "e3"),)),
                          Route("By id", (RouteChoice("q", "e3"),)),
                          Route("Nothing chosen")]
    text = dumps_document(doc)
    assert "take: Not now" in text  # written by the label a trainer reads
    assert loads_document(text) == doc
    assert dumps_document(loads_document(text)) == text


def test_the_b2b_sample_has_routes_that_round_trip() -> None:
    doc = load_document(ROOT / "samples" / "b2b-sales.yaml")
    assert [route.name for route in doc.routes] == ["Happy path", "Lost at qualification"]
    assert loads_document(dumps_document(doc)) == doc


@pytest.mark.parametrize(("routes", "line", "message"), [
    ("- name: A\n  choices:\n  - {at: qq, take: 'Yes'}\n", 15,
     "route 'A': 'at: qq' names no shape; did you mean 'q'?"),
    ("- name: A\n  choices:\n  - {at: q, take: Maybe}\n", 15,
     "route 'A': 'Maybe' is not one arrow out of 'q': write one of Yes | Not now"),
    ("- name: A\n  choices:\n  - {at: won, take: 'Yes'}\n", 15,
     "route 'A': no arrow leaves 'won', so there is nothing to take there"),
    ("- name: A\n- name: a\n", 14, "there are two routes named 'a'"),
    ("- choices: []\n", 13, "is missing the key 'name'"),
    ("- name: A\n  choices:\n  - {at: q}\n", 15, "is missing the key 'take'"),
    ("- name: A\n  pick: []\n", 14, "unknown key 'pick' in a route"),
])
def test_mistakes_in_routes_are_refused_at_their_line(routes: str, line: int,
                                                      message: str) -> None:
    with pytest.raises(FlowFileError) as caught:
        loads_document(BASE + "routes:\n" + routes, "training.yaml")
    text = str(caught.value)
    assert text.startswith(f"training.yaml:{line}:"), text
    assert message in text


def test_a_route_whose_arrow_was_deleted_still_saves_a_readable_file() -> None:
    doc = loads_document(BASE + "routes:\n- name: A\n  choices:\n  - {at: q, take: e3}\n")
    doc.disconnect("e3")
    again = loads_document(dumps_document(doc))
    assert again.routes == [Route("A")]
