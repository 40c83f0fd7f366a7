"""The process checks: for every check, a process that has the problem and a close one that has
not; and the checks stay right while the process is edited (the graph they share is cached).
"""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest

from flowedit.analysis import CHECKS, Problem, Severity, check_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome

KINDS = {kind.value: kind for kind in NodeKind}


def process(nodes: str, edges: str = "", lanes: bool = False) -> Document:
    """A process written compactly.

    nodes: 'id:kind' words, e.g. 'lead:start call:stage won:end'; the name is the id.
    edges: 'source>target' words, with an optional '=label' and '@share',
           e.g. 'ask>won=Yes@0.4'; arrow ids are e1, e2, ... in order.
    lanes: put every node in one lane 'team'.
    """
    doc = Document("Test process")
    if lanes:
        doc.add_lane(Lane("team", "Team"))
    for index, word in enumerate(nodes.split()):
        node_id, kind = word.split(":")
        outcome = Outcome.WON if kind == "end" else None
        doc.add_node(Node(node_id, KINDS[kind], node_id.capitalize(), x=index * 200.0,
                          lane="team" if lanes else None, outcome=outcome))
    for number, word in enumerate(edges.split(), start=1):
        word, _, share = word.partition("@")
        ends, _, label = word.partition("=")
        source, target = ends.split(">")
        doc.add_edge(Edge(f"e{number}", source, target, label or None,
                          float(share) if share else None))
    return doc


#: A clean process: start, stage, decision with two labelled, shared branches, two ends.
GOOD = ("lead:start call:stage ask:decision won:end lost:end",
        "lead>call call>ask ask>won=Yes@0.4 ask>lost=No@0.6")


def good() -> Document:
    return process(*GOOD)


def codes(doc: Document) -> list[str]:
    return [problem.code for problem in check_document(doc)]


def only(doc: Document, code: str) -> list[Problem]:
    return [problem for problem in check_document(doc) if problem.code == code]


# ---------------------------------------------------------------------------------- every check
#: For every check: a process that has the problem, the node and arrow it must name, and a
#: process close to it that must not have it.
TRIGGERS: dict[str, tuple[Callable[[], Document], str | None, tuple[str, str] | None,
                          Callable[[], Document]]] = {
    "no-start": (lambda: process("call:stage won:end", "call>won"), None, None,
                 lambda: process("lead:start won:end", "lead>won")),
    "no-end": (lambda: process("lead:start call:stage", "lead>call call>call"), None, None,
               lambda: process("lead:start call:stage won:end", "lead>call call>won")),
    "unreachable": (lambda: process("lead:start orphan:stage won:end", "lead>won orphan>won"),
                    "orphan", None,
                    lambda: process("lead:start orphan:stage won:end", "lead>orphan orphan>won")),
    "dead-end": (lambda: process("lead:start call:stage won:end", "lead>call lead>won"), "call",
                 None, lambda: process("lead:start call:stage won:end", "lead>call call>won")),
    "decision-branches": (lambda: process("lead:start ask:decision won:end",
                                          "lead>ask ask>won=Yes"), "ask", None, good),
    "end-outgoing": (lambda: process("lead:start won:end call:stage",
                                     "lead>won won>call call>won"), "won", ("won", "call"),
                     lambda: process("lead:start call:stage won:end", "lead>call call>won")),
    "no-path-to-end": (lambda: process("lead:start a:stage won:end", "lead>a a>a lead>won"), "a",
                       None, lambda: process("lead:start a:stage won:end", "lead>a a>a a>won")),
    "unlabeled-branch": (lambda: process(GOOD[0], "lead>call call>ask ask>won ask>lost=No"),
                         "ask", ("ask", "won"), good),
    "probability-sum": (lambda: process(GOOD[0], "lead>call call>ask ask>won=Yes@0.7 "
                                                 "ask>lost=No@0.6"), "ask", None, good),
    "no-lane": (lambda: _with_lanes_but(good(), "call"), "call", None,
                lambda: process(*GOOD, lanes=True)),
    "duplicate-name": (lambda: _renamed(good(), "lost", " won "), "lost", None,
                       lambda: _renamed(good(), "lost", "Won back")),
    "unnamed": (lambda: _renamed(good(), "call", "   "), "call", None,
                lambda: _renamed(good(), "call", "-")),
    "duplicate-edge": (lambda: process(GOOD[0], GOOD[1] + " ask>won=Also"), "ask",
                       ("ask", "won"), good),
    "no-won-end": (lambda: _without_outcome(_without_outcome(good(), "won"), "lost"), None, None,
                   lambda: _without_outcome(good(), "lost")),
    "implicit-split": (lambda: process("lead:start call:stage won:end lost:end",
                                       "lead>call call>won call>lost"), "call", None,
                       lambda: process("lead:start call:stage won:end",
                                       "lead>call call>won")),
    "conflicting-outcome": (lambda: _marked(_after_sale(), "renewed", Outcome.LOST), "renewed",
                            None, lambda: _marked(_after_sale(), "renewed", None)),
    "repeated-outcome": (lambda: _after_sale(), "renewed", None,
                         lambda: _marked(_after_sale(), "renewed", None)),
}

# issue 11: 'call' half across the bottom of its lane (tests/analysis/test_outside_lane.py)
TRIGGERS["outside-lane"] = (lambda: _in_a_lane(good(), call_y=170.0), "call", None,
                            lambda: _in_a_lane(good(), call_y=120.0))

# issue 18: sub-processes (tests/subprocess/): 'call' opens into a start -> step -> ends.
TRIGGERS["subprocess-unmapped-end"] = (lambda: _with_child(["nowhere"]), "call", None,
                                       lambda: _with_child([None]))
TRIGGERS["subprocess-unused-exit"] = (lambda: _with_child(["ask"], to_lost=True), "call",
                                      ("call", "lost"),
                                      lambda: _with_child(["ask", "lost"], to_lost=True))
TRIGGERS["subprocess-file"] = (lambda: _linked("subprocess-file"), "call", None,
                               lambda: _linked(None))
TRIGGERS["subprocess-cycle"] = (lambda: _linked("subprocess-cycle"), "call", None,
                                lambda: _linked(None))


def _child(exits: list[str | None]) -> Document:
    child = process("start:start step:stage " + " ".join(f"x{i}:end" for i in range(len(exits))),
                    "start>step " + " ".join(f"step>x{i}" for i in range(len(exits))))
    for number, exit_name in enumerate(exits):
        child.update_node(f"x{number}", exit=exit_name)
    return child


def _with_child(exits: list[str | None], to_lost: bool = False) -> Document:
    doc = good()
    if to_lost:
        doc.connect("call", "lost")
    doc.update_node("call", process=_child(exits))
    return doc


def _linked(problem: str | None) -> Document:
    doc = good()
    doc.update_node("call", subprocess="call.yaml")
    if problem is None:
        doc.linked["call"] = _child([None])
    else:
        doc.link_problems["call"] = (problem, "the sub-process file 'call.yaml' …")
    return doc


def _in_a_lane(doc: Document, call_y: float) -> Document:
    """Every shape in one 180-unit lane at y 90; 'call' at `call_y` (70 tall)."""
    doc.add_lane(Lane("team", "Team", 180.0))
    for node_id in doc.nodes:
        doc.assign_lane(node_id, "team")
        doc.move_node(node_id, doc.nodes[node_id].x, call_y if node_id == "call" else 90.0)
    return doc


def _after_sale() -> Document:
    """'Signed' is a won milestone (a stage marked won); onboarding follows, then the end
    'Renewed' (marked won, as every end of `process`)."""
    doc = process("lead:start signed:stage onboard:stage renewed:end",
                  "lead>signed signed>onboard onboard>renewed")
    return _marked(doc, "signed", Outcome.WON)


def _marked(doc: Document, node_id: str, outcome: Outcome | None) -> Document:
    doc.update_node(node_id, outcome=outcome)
    return doc


def _with_lanes_but(doc: Document, node_id: str) -> Document:
    doc.add_lane(Lane("team", "Team"))
    for other in doc.nodes:
        if other != node_id:
            doc.assign_lane(other, "team")
    return doc


def _without_outcome(doc: Document, node_id: str) -> Document:
    doc.update_node(node_id, outcome=None)
    return doc


def _renamed(doc: Document, node_id: str, name: str) -> Document:
    doc.rename_node(node_id, name)
    return doc


def test_the_good_process_has_no_problem() -> None:
    assert check_document(good()) == []


def test_an_empty_process_has_no_problem() -> None:
    assert check_document(Document()) == []


def test_every_check_is_tested_here() -> None:
    assert set(TRIGGERS) == set(CHECKS)


@pytest.mark.parametrize("code", CHECKS)
def test_each_check_finds_its_problem(code: str) -> None:
    make, node, edge, _ = TRIGGERS[code]
    found = only(make(), code)
    assert len(found) == 1, check_document(make())
    problem = found[0]
    assert problem.severity is CHECKS[code][0]
    assert problem.node == node
    assert problem.edge == edge
    assert problem.message.strip()


@pytest.mark.parametrize("code", CHECKS)
def test_each_check_stays_quiet_on_a_close_process_without_the_problem(code: str) -> None:
    _, _, _, make_fine = TRIGGERS[code]
    assert code not in codes(make_fine())


@pytest.mark.parametrize(("code", "severity"), [
    ("no-start", Severity.ERROR), ("unreachable", Severity.ERROR), ("dead-end", Severity.ERROR),
    ("decision-branches", Severity.ERROR), ("end-outgoing", Severity.ERROR),
    ("no-end", Severity.WARNING), ("no-path-to-end", Severity.WARNING),
    ("unlabeled-branch", Severity.WARNING), ("probability-sum", Severity.WARNING),
    ("no-lane", Severity.WARNING), ("duplicate-name", Severity.WARNING),
    ("unnamed", Severity.WARNING), ("duplicate-edge", Severity.WARNING),
    ("implicit-split", Severity.WARNING),
])
def test_severity_of_each_check(code: str, severity: Severity) -> None:
    assert CHECKS[code][0] is severity


# ---------------------------------------------------------------------------------- start and end
def test_without_a_start_nothing_is_called_unreachable() -> None:
    assert codes(process("call:stage won:end", "call>won")) == ["no-start"]


def test_without_any_arrows_every_non_start_is_unreachable() -> None:
    doc = process("lead:start call:stage won:end")
    assert [p.node for p in only(doc, "unreachable")] == ["call", "won"]


def test_two_stages_that_only_point_at_each_other_are_unreachable() -> None:
    doc = process("lead:start a:stage b:stage won:end", "lead>won a>b b>a")
    assert [p.node for p in only(doc, "unreachable")] == ["a", "b"]
    assert all(p.severity is Severity.ERROR for p in only(doc, "unreachable"))


def test_a_stage_reached_only_through_an_unreachable_one_is_unreachable() -> None:
    doc = process("lead:start a:stage b:stage won:end", "lead>won a>b b>won")
    assert [p.node for p in only(doc, "unreachable")] == ["a", "b"]


def test_every_start_counts_as_a_way_in() -> None:
    doc = process("web:start event:start call:stage won:end",
                  "web>won event>call call>won")
    assert only(doc, "unreachable") == []


def test_an_unreachable_message_names_the_node() -> None:
    doc = process("lead:start orphan:stage won:end", "lead>won orphan>won")
    assert "'Orphan'" in only(doc, "unreachable")[0].message


def test_a_loop_with_no_exit_has_no_path_to_end() -> None:
    doc = process("lead:start ask:decision a:stage b:stage won:end",
                  "lead>ask ask>won=Yes ask>a=No a>b b>a")
    found = only(doc, "no-path-to-end")
    assert [p.node for p in found] == ["a", "b"]
    assert all(p.severity is Severity.WARNING for p in found)
    assert "ask" not in [p.node for p in found]


def test_a_stage_looping_on_itself_with_no_exit_has_no_path_to_end() -> None:
    doc = process("lead:start ask:decision wait:stage won:end",
                  "lead>ask ask>won=Yes ask>wait=No wait>wait")
    assert [p.node for p in only(doc, "no-path-to-end")] == ["wait"]
    assert only(doc, "dead-end") == []


def test_a_loop_with_an_exit_is_fine() -> None:
    doc = process("lead:start wait:stage won:end", "lead>wait wait>wait wait>won")
    assert "no-path-to-end" not in codes(doc)
    assert "dead-end" not in codes(doc)


def test_a_dead_end_is_not_also_reported_as_having_no_path_to_end() -> None:
    doc = process("lead:start call:stage won:end", "lead>call lead>won")
    assert "dead-end" in codes(doc)
    assert "no-path-to-end" not in codes(doc)


def test_no_path_to_end_is_not_reported_when_there_is_no_end_at_all() -> None:
    doc = process("lead:start a:stage b:stage", "lead>a a>b b>a")
    assert codes(doc) == ["no-end"]


def test_unreachable_nodes_are_not_also_said_to_have_no_path_to_end() -> None:
    doc = process("lead:start a:stage b:stage won:end", "lead>won a>b b>a")
    assert only(doc, "no-path-to-end") == []


def test_an_end_reached_only_from_an_end_counts_as_finishing() -> None:
    doc = process("lead:start won:end after:end", "lead>won won>after")
    assert "no-path-to-end" not in codes(doc)
    assert [p.code for p in check_document(doc)] == ["end-outgoing"]


# ---------------------------------------------------------------------------------- shapes
@pytest.mark.parametrize(("nodes", "edges"), [
    ("lead:start x:start won:end", "lead>won"),
    ("lead:start x:stage won:end", "lead>x lead>won"),
    ("lead:start x:decision won:end", "lead>x lead>won"),
], ids=["start", "stage", "decision"])
def test_a_start_stage_or_decision_without_way_out_is_a_dead_end(nodes: str, edges: str) -> None:
    doc = process(nodes, edges)
    found = only(doc, "dead-end")
    assert [p.node for p in found] == ["x"]
    assert found[0].severity is Severity.ERROR


def test_an_end_without_way_out_is_no_dead_end() -> None:
    assert only(good(), "dead-end") == []


def test_a_decision_with_no_branch_is_a_dead_end_with_too_few_branches() -> None:
    doc = process("lead:start ask:decision won:end", "lead>ask lead>won")
    found = only(doc, "decision-branches")
    assert [p.node for p in found] == ["ask"]
    assert "no way out" in found[0].message
    assert [p.node for p in only(doc, "dead-end")] == ["ask"]


def test_a_decision_with_one_branch_has_too_few_branches() -> None:
    doc = process("lead:start ask:decision won:end", "lead>ask ask>won=Yes")
    found = only(doc, "decision-branches")
    assert [p.node for p in found] == ["ask"]
    assert "only one way out" in found[0].message
    assert only(doc, "dead-end") == []


def test_a_decision_with_two_branches_to_the_same_node_has_enough() -> None:
    doc = process("lead:start ask:decision won:end", "lead>ask ask>won=Yes ask>won=No")
    assert only(doc, "decision-branches") == []
    assert [p.edge for p in only(doc, "duplicate-edge")] == [("ask", "won")]


def test_each_arrow_leaving_an_end_is_reported_with_its_id() -> None:
    doc = process("lead:start won:end a:stage b:stage", "lead>won won>a won>b a>won b>won")
    found = only(doc, "end-outgoing")
    assert [(p.node, p.edge, p.edge_id) for p in found] == [("won", ("won", "a"), "e2"),
                                                          ("won", ("won", "b"), "e3")]


@pytest.mark.parametrize("kind", ["start", "stage"])
def test_a_start_or_stage_with_several_ways_out_is_an_implicit_split(kind: str) -> None:
    doc = process(f"x:{kind} lead:start won:end lost:end", "lead>x x>won x>lost")
    found = only(doc, "implicit-split")
    assert [p.node for p in found] == ["x"]
    assert "2 ways" in found[0].message


def test_a_decision_with_several_ways_out_is_no_implicit_split() -> None:
    assert only(good(), "implicit-split") == []


def test_a_stage_repeating_itself_with_one_way_on_is_no_implicit_split() -> None:
    doc = process("lead:start wait:stage won:end lost:end", "lead>wait wait>wait wait>won")
    assert only(doc, "implicit-split") == []
    doc.connect("wait", "lost")
    found = only(doc, "implicit-split")
    assert [p.node for p in found] == ["wait"]
    assert "2 ways" in found[0].message


def test_no_lane_only_when_the_document_has_lanes() -> None:
    assert only(good(), "no-lane") == []
    doc = good()
    doc.add_lane(Lane("team", "Team"))
    assert [p.node for p in only(doc, "no-lane")] == list(doc.nodes)


# ---------------------------------------------------------------------------------- arrows
@pytest.mark.parametrize("label", [None, "", "   "])
def test_a_branch_without_label_is_reported(label: str | None) -> None:
    doc = good()
    doc.update_edge("e3", label=label)
    found = only(doc, "unlabeled-branch")
    assert [(p.node, p.edge, p.edge_id) for p in found] == [("ask", ("ask", "won"), "e3")]


def test_an_unlabeled_arrow_from_a_stage_is_fine() -> None:
    doc = good()
    assert doc.edges["e2"].label is None
    assert only(doc, "unlabeled-branch") == []


def test_a_second_arrow_the_same_way_is_a_duplicate_and_the_other_way_is_not() -> None:
    doc = process("lead:start a:stage b:stage won:end",
                  "lead>a a>b b>a b>won a>b")
    found = only(doc, "duplicate-edge")
    assert [(p.node, p.edge, p.edge_id) for p in found] == [("a", ("a", "b"), "e5")]


# ---------------------------------------------------------------------------------- shares
@pytest.mark.parametrize(
    ("shares", "warned"),
    [
        ((0.7, 0.6), True),  # more than 100%
        ((0.5, 0.4), True),  # all given, less than 100%
        ((0.0, 0.0), True),  # all given, nothing goes anywhere
        ((0.4, 0.6), False),  # all given, exactly 100%
        ((0.1 + 0.2, 0.7), False),  # 100% give or take rounding
        ((1 / 3, 1 / 3, 1 / 3), False),
        ((1.0, 0.0), False),
        ((0.4, None), False),  # some not given: the rest may go that way
        ((0.9, None), False),
        ((0.8, 0.5, None), True),  # ... but never more than 100%
        ((None, None), False),
    ],
)
def test_probability_sum(shares: tuple[float | None, ...], warned: bool) -> None:
    ends = " ".join(f"end{index}:end" for index in range(len(shares)))
    arrows = " ".join(f"ask>end{index}=B{index}" + ("" if share is None else f"@{share!r}")
                      for index, share in enumerate(shares))
    doc = process(f"lead:start ask:decision {ends}", f"lead>ask {arrows}")
    assert [edge.probability for edge in doc.edges.values()][1:] == list(shares)
    found = only(doc, "probability-sum")
    assert [p.node for p in found] == (["ask"] if warned else [])
    if warned:
        assert found[0].severity is Severity.WARNING


def test_a_share_on_an_arrow_leaving_a_stage_is_checked_too() -> None:
    doc = process("lead:start call:stage won:end", "lead>call@0.5 call>won")
    found = only(doc, "probability-sum")
    assert [p.node for p in found] == ["lead"]
    assert "50%" in found[0].message


def test_the_message_says_how_much_the_shares_add_up_to() -> None:
    doc = process(GOOD[0], "lead>call call>ask ask>won=Yes@0.7 ask>lost=No@0.6")
    assert "130%" in only(doc, "probability-sum")[0].message


# ---------------------------------------------------------------------------------- names
@pytest.mark.parametrize("second", ["Call", "call", "CALL", "  call ", "Call\t"])
def test_names_that_differ_only_in_case_or_spaces_are_duplicates(second: str) -> None:
    doc = good()
    doc.rename_node("ask", second)
    found = only(doc, "duplicate-name")
    assert [p.node for p in found] == ["ask"]
    assert "call" in found[0].message and "ask" in found[0].message


def test_three_nodes_with_one_name_give_two_duplicates() -> None:
    doc = good()
    doc.rename_node("won", "Call")
    doc.rename_node("lost", "call")
    assert [p.node for p in only(doc, "duplicate-name")] == ["won", "lost"]


@pytest.mark.parametrize("name", ["", " ", "\n\t"])
def test_a_node_without_name_is_unnamed_and_named_by_its_id(name: str) -> None:
    doc = good()
    doc.rename_node("call", name)
    found = only(doc, "unnamed")
    assert [p.node for p in found] == ["call"]
    assert "call" in found[0].message
    # Messages about it name the node by its kind and id instead of an empty name.
    doc.rename_node("won", "")
    assert only(doc, "duplicate-name") == []


def test_messages_name_an_unnamed_node_by_kind_and_id() -> None:
    doc = process("lead:start call:stage won:end", "lead>call lead>won")
    doc.rename_node("call", "")
    assert "the unnamed stage (call)" in only(doc, "dead-end")[0].message


# ---------------------------------------------------------------------------------- order, json
def test_errors_come_first_then_document_order() -> None:
    doc = process("lead:start a:stage b:stage won:end",
                  "lead>a lead>won a>b")  # b: dead end (error); lead: split (warning)
    doc.rename_node("won", "A")  # duplicate name (warning) on 'won'
    problems = check_document(doc)
    severities = [p.severity for p in problems]
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    order = list(doc.nodes)
    assert [order.index(p.node) for p in warnings] == sorted(order.index(p.node)
                                                           for p in warnings)
    assert problems[0].code == "dead-end"


def test_document_wide_problems_come_first_within_their_severity() -> None:
    doc = process("call:stage a:stage", "call>a")
    assert codes(doc) == ["no-start", "dead-end", "no-end"]


def test_problem_to_json() -> None:
    doc = process("lead:start won:end a:stage", "lead>won won>a a>won")
    problem = only(doc, "end-outgoing")[0]
    assert problem.to_json() == {"code": "end-outgoing", "severity": "error", "node": "won",
                                 "edge": ["won", "a"], "message": problem.message}
    assert only(doc, "end-outgoing")[0].to_json()["edge"] == ["won", "a"]
    assert check_document(process("a:stage"))[0].to_json()["edge"] is None


# ---------------------------------------------------------------------------------- after edits
def test_connecting_an_unreachable_node_makes_it_reachable() -> None:
    doc = process("lead:start orphan:stage won:end", "lead>won orphan>won")
    assert "unreachable" in codes(doc)
    assert "unreachable" in codes(doc)  # checked twice: the second answer may be cached
    doc.connect("lead", "orphan")
    assert "unreachable" not in codes(doc)


def test_disconnecting_makes_nodes_unreachable() -> None:
    doc = good()
    assert codes(doc) == []
    doc.disconnect("e1")
    assert [p.node for p in only(doc, "unreachable")] == ["call", "ask", "won", "lost"]


def test_reconnecting_an_arrow_is_seen() -> None:
    doc = process("lead:start orphan:stage won:end", "lead>won orphan>won")
    assert "unreachable" in codes(doc)
    doc.update_edge("e2", source="lead", target="orphan")
    assert only(doc, "unreachable") == []
    assert [p.node for p in only(doc, "dead-end")] == ["orphan"]


def test_changing_a_kind_is_seen() -> None:
    doc = process("lead:start call:stage", "lead>call")
    assert set(codes(doc)) == {"no-end", "dead-end"}
    doc.update_node("call", kind=NodeKind.END)
    assert codes(doc) == ["no-won-end"]
    doc.update_node("call", outcome=Outcome.WON)
    assert codes(doc) == []
    doc.update_node("call", kind=NodeKind.START, outcome=None)
    assert set(codes(doc)) == {"no-end", "dead-end"}
    doc.update_node("lead", kind=NodeKind.STAGE)
    assert "unreachable" in codes(doc)


def test_adding_and_removing_nodes_is_seen() -> None:
    doc = good()
    assert codes(doc) == []
    doc.add_node(Node("orphan", NodeKind.STAGE, "Orphan"))
    assert [p.node for p in only(doc, "unreachable")] == ["orphan"]
    doc.remove_node("orphan")
    assert codes(doc) == []
    doc.remove_node("lead")
    assert codes(doc)[0] == "no-start"


def test_adding_an_exit_to_a_loop_is_seen() -> None:
    doc = process("lead:start ask:decision a:stage b:stage won:end",
                  "lead>ask ask>won=Yes ask>a=No a>b b>a")
    assert only(doc, "no-path-to-end")
    doc.update_edge("e5", target="won")
    assert only(doc, "no-path-to-end") == []


def test_renaming_and_moving_are_seen_by_the_checks_that_read_them() -> None:
    doc = good()
    assert codes(doc) == []
    doc.rename_node("lost", "Won")
    assert codes(doc) == ["duplicate-name"]
    doc.move_node("lost", 1, 1)
    doc.rename_node("lost", "Lost")
    assert codes(doc) == []


def test_two_documents_with_the_same_version_are_checked_each_on_its_own() -> None:
    joined = process("lead:start won:end", "lead>won")
    apart = process("lead:start won:end orphan:stage")
    assert joined.structure_version == apart.structure_version
    for _ in range(2):
        assert codes(joined) == []
        assert "unreachable" in codes(apart)


def test_a_new_document_in_the_place_of_a_dropped_one_is_checked_afresh() -> None:
    for round_number in range(8):
        if round_number % 2:
            doc = process("lead:start won:end", "lead>won")
            assert codes(doc) == []
        else:
            doc = process("lead:start won:end orphan:stage")
            assert "unreachable" in codes(doc)
        del doc
        gc.collect()


def test_no_path_to_end_says_whether_leads_circle_or_run_into_a_dead_end() -> None:
    doc = Document()
    for node_id, kind in (("s", NodeKind.START), ("loop-a", NodeKind.STAGE),
                          ("loop-b", NodeKind.STAGE), ("stuck", NodeKind.STAGE),
                          ("e", NodeKind.END)):
        doc.add_node(Node(node_id, kind, node_id))
    doc.add_node(Node("d", NodeKind.DECISION, "d?"))
    doc.connect("s", "d")
    doc.connect("d", "loop-a", label="Yes")
    doc.connect("d", "stuck", label="No")
    doc.connect("loop-a", "loop-b")
    doc.connect("loop-b", "loop-a")
    messages = {p.node: p.message for p in check_document(doc) if p.code == "no-path-to-end"}
    assert "round in circles" in messages["loop-a"] and "round in circles" in messages["d"]
    assert "e" not in messages
    doc2 = Document()
    doc2.add_node(Node("s", NodeKind.START, "s"))
    doc2.add_node(Node("x", NodeKind.STAGE, "x"))
    doc2.add_node(Node("e", NodeKind.END, "e"))
    doc2.connect("s", "x")
    messages = {p.node: p.message for p in check_document(doc2) if p.code == "no-path-to-end"}
    assert "no way out" in messages["s"] and "circles" not in messages["s"]
