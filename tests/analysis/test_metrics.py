"""Lead-flow metrics: the worked example of docs/metrics.md to 1e-9, each rule of the model on a
small process built for it, and agreement with a brute-force simulation of single leads on random
processes (seeded, so every run sees the same processes and the same leads).
"""

from __future__ import annotations

import json
import math
import random
import time
import tracemalloc

import networkx as nx
import numpy as np
import pytest

from flowedit.analysis.metrics import MetricsError, compute_metrics
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome
from flowedit.model.generate import generate_process

#: Node kinds of `process`: won/lost are ends with that outcome, "end" one with none.
KINDS = {"start": (NodeKind.START, None), "stage": (NodeKind.STAGE, None),
         "decision": (NodeKind.DECISION, None), "won": (NodeKind.END, Outcome.WON),
         "lost": (NodeKind.END, Outcome.LOST), "end": (NodeKind.END, None)}


def process(nodes: str, edges: str, days: dict[str, float] | None = None,
            lanes: dict[str, str] | None = None) -> Document:
    """A process written compactly.

    nodes: 'id:kind' words, kind one of start, stage, decision, won, lost, end; the name is the id
           capitalized.
    edges: 'source>target' words with an optional '@share', e.g. 'ask>won@0.4'.
    days:  duration_days per node id.  lanes: lane id per node id (lanes made in first-use order).
    """
    doc = Document("Metrics test")
    days, lanes = days or {}, lanes or {}
    for lane_id in dict.fromkeys(lanes.values()):
        doc.add_lane(Lane(lane_id, lane_id.upper()))
    for word in nodes.split():
        node_id, kind = word.split(":")
        doc.add_node(Node(node_id, KINDS[kind][0], node_id.capitalize(), outcome=KINDS[kind][1],
                          duration_days=days.get(node_id), lane=lanes.get(node_id)))
    for number, word in enumerate(edges.split(), start=1):
        ends, _, share = word.partition("@")
        source, target = ends.split(">")
        doc.add_edge(Edge(f"e{number}", source, target, probability=float(share) if share
                          else None))
    return doc


def close(actual: float | None, expected: float, tolerance: float = 1e-9) -> bool:
    return actual is not None and abs(actual - expected) <= tolerance


# ------------------------------------------------------------------------ the worked example
def worked_example() -> Document:
    """docs/metrics.md: Qualify (2 days), a 50/50 decision, Proposal (5 days) that is won 60%,
    lost 20% and revised (back to Proposal) 20% of the time."""
    return process(
        "start:start qualify:stage d:decision proposal:stage n:decision won:won lost:lost",
        "start>qualify qualify>d d>proposal@0.5 d>lost@0.5 proposal>n "
        "n>won@0.6 n>lost@0.2 n>proposal@0.2",
        days={"qualify": 2, "proposal": 5})


def test_the_worked_example_to_1e_9() -> None:
    m = compute_metrics(worked_example(), leads=1000)
    visits = {"start": 1000, "qualify": 1000, "d": 1000, "proposal": 625, "n": 625, "won": 375,
              "lost": 625}
    for node_id, expected in visits.items():
        assert close(m.nodes[node_id].visits, expected), node_id
        assert close(m.nodes[node_id].share, expected / 1000), node_id
    assert close(m.nodes["qualify"].lead_days, 2000)
    assert close(m.nodes["proposal"].lead_days, 3125)
    assert close(m.ends["won"].leads, 375) and close(m.ends["lost"].leads, 625)
    assert close(m.ends["won"].share, 0.375) and m.ends["won"].outcome == "won"
    assert close(m.ends["won"].days, 8.25)
    # Lost: 500 after 2 days at the decision, 125 after 2 + 1.25 * 5 days at the second one.
    assert close(m.ends["lost"].days, (500 * 2 + 125 * 8.25) / 625)
    assert close(m.win_rate, 0.375)
    assert close(m.days_to_win, 8.25)
    assert m.dropped == 0 and m.stuck == 0
    assert m.bottleneck == "proposal"
    assert m.biggest_leak == "d" and close(m.nodes["d"].lost, 500) and close(m.nodes["n"].lost, 125)
    flows = {(e.source, e.target): e.flow for e in m.edges}
    assert close(flows["n", "proposal"], 125) and close(flows["d", "proposal"], 500)
    assert close(flows["proposal", "n"], 625) and close(flows["n", "won"], 375)


def test_conversion_is_the_main_incoming_arrow_over_its_source() -> None:
    m = compute_metrics(worked_example())
    assert m.nodes["start"].conversion is None
    assert close(m.nodes["qualify"].conversion, 1.0)
    # Proposal is entered from the decision (500 leads) more than from the revision (125).
    assert m.nodes["proposal"].came_from == "d" and close(m.nodes["proposal"].conversion, 0.5)
    assert m.nodes["won"].came_from == "n" and close(m.nodes["won"].conversion, 0.6)


def test_json_has_exactly_the_documented_keys() -> None:
    data = json.loads(json.dumps(compute_metrics(worked_example()).to_json(), allow_nan=False))
    assert set(data) == {"leads", "nodes", "edges", "ends", "win_rate", "days_to_win", "dropped",
                         "stuck", "bottleneck", "lanes", "biggest_leak", "deal_value",
                         "revenue_per_lead", "revenue", "days_to_win_p50", "days_to_win_p90"}
    assert data["leads"] == 1000
    assert list(data["nodes"]) == ["start", "qualify", "d", "proposal", "n", "won", "lost"]
    assert data["nodes"]["proposal"] == {"visits": 625, "share": 0.625, "lead_days": 3125}
    assert data["edges"][2] == {"from": "d", "to": "proposal", "flow": 500}
    assert data["ends"]["won"] == {"leads": 375, "share": 0.375, "outcome": "won", "days": 8.25}
    assert data["win_rate"] == 0.375 and data["bottleneck"] == "proposal"
    assert data["lanes"] == {} and data["biggest_leak"] == "d"


def test_leads_scale_every_figure_but_not_shares_or_days() -> None:
    small, big = compute_metrics(worked_example(), 10), compute_metrics(worked_example(), 1e6)
    assert close(small.nodes["proposal"].visits * 1e5, big.nodes["proposal"].visits, 1e-6)
    assert close(small.ends["won"].days, big.ends["won"].days)
    assert close(small.win_rate, big.win_rate)


# ------------------------------------------------------------------------------ the rules
def test_arrows_without_a_share_split_what_the_others_leave() -> None:
    m = compute_metrics(process("s:start ask:decision a:won b:lost c:lost",
                                "s>ask ask>a@0.4 ask>b ask>c"))
    assert close(m.ends["a"].leads, 400) and close(m.ends["b"].leads, 300)
    assert close(m.ends["c"].leads, 300) and m.dropped == 0
    m = compute_metrics(process("s:start call:stage a:won b:lost", "s>call call>a call>b"))
    assert close(m.ends["a"].leads, 500) and close(m.ends["b"].leads, 500)


def test_an_arrow_without_a_share_gets_nothing_when_the_others_give_all() -> None:
    m = compute_metrics(process("s:start ask:decision a:won b:lost", "s>ask ask>a@1 ask>b"))
    assert close(m.ends["a"].leads, 1000) and m.ends["b"].leads == 0 and m.dropped == 0
    assert m.ends["b"].days is None


def test_shares_adding_up_to_less_than_one_drop_the_rest() -> None:
    m = compute_metrics(process("s:start ask:decision a:won b:lost",
                                "s>ask ask>a@0.3 ask>b@0.5"))
    assert close(m.dropped, 200) and close(m.nodes["ask"].dropped, 200)
    assert close(m.win_rate, 0.3) and m.stuck == 0
    assert m.biggest_leak == "ask" and close(m.nodes["ask"].lost, 700)


def test_a_node_with_no_way_out_keeps_its_leads_stuck() -> None:
    m = compute_metrics(process("s:start ask:decision wait:stage a:won",
                                "s>ask ask>a@0.25 ask>wait"))
    assert close(m.stuck, 750) and close(m.nodes["wait"].stuck, 750)
    assert close(m.nodes["wait"].visits, 750) and close(m.win_rate, 0.25)


def test_a_loop_with_no_way_out_counts_as_stuck_once() -> None:
    """Leads entering a loop they never leave are stuck: I - Q would be singular if the loop
    were kept transient, so the loop is absorbing and each lead counts once, where it enters."""
    m = compute_metrics(process("s:start ask:decision pre:stage p:stage q:stage a:won",
                                "s>ask ask>a@0.4 ask>pre@0.6 pre>p p>q q>p",
                                days={"pre": 1, "p": 3, "q": 4}))
    assert close(m.stuck, 600) and close(m.win_rate, 0.4)
    # On the way into the loop, leads pass as anywhere else; they are stuck where they enter it.
    assert close(m.nodes["pre"].visits, 600) and m.nodes["pre"].stuck == 0
    assert close(m.nodes["pre"].lead_days, 600)
    assert close(m.nodes["p"].visits, 600) and close(m.nodes["p"].stuck, 600)
    assert m.nodes["q"].visits == 0 and m.nodes["q"].stuck == 0
    flows = {(e.source, e.target): e.flow for e in m.edges}
    assert close(flows["pre", "p"], 600) and flows["p", "q"] == 0 and flows["q", "p"] == 0
    assert close(m.ends["a"].leads + m.dropped + m.stuck, 1000)


def test_a_stage_repeating_itself_for_ever_is_stuck_but_one_that_stops_is_not() -> None:
    forever = compute_metrics(process("s:start f:stage a:won", "s>f f>f@1 f>a"))
    assert close(forever.stuck, 1000) and close(forever.win_rate, 0.0)
    stops = compute_metrics(process("s:start f:stage a:won", "s>f f>f@0.75 f>a",
                                    days={"f": 2}))
    assert stops.stuck == 0 and close(stops.nodes["f"].visits, 4000)
    assert close(stops.days_to_win, 8.0) and close(stops.nodes["f"].conversion, 1.0)


def test_shares_off_1_by_rounding_neither_drop_leads_nor_open_a_loop() -> None:
    """0.35 + 0.57 + 0.04 + 0.04 is 0.9999999999999999 in binary: still a loop with no way out."""
    assert math.fsum([0.35, 0.57, 0.04, 0.04]) < 1
    m = compute_metrics(process("s:start a:stage b:stage c:stage w:won",
                                "s>a a>a@0.35 a>b@0.57 a>c@0.04 a>c@0.04 b>a c>a"))
    assert close(m.stuck, 1000) and m.dropped == 0
    assert close(m.nodes["s"].visits, 1000) and close(m.nodes["a"].stuck, 1000)


def test_a_start_with_no_way_out_is_stuck() -> None:
    m = compute_metrics(process("s:start a:won", ""))
    assert close(m.stuck, 1000) and m.ends["a"].leads == 0 and m.win_rate == 0
    assert m.days_to_win is None and m.bottleneck is None


def test_several_starts_share_the_leads_equally() -> None:
    m = compute_metrics(process("web:start fair:start call:stage ask:decision a:won b:lost",
                                "web>call fair>ask call>ask ask>a@0.5 ask>b@0.5",
                                days={"call": 3}), leads=900)
    assert close(m.nodes["web"].visits, 450) and close(m.nodes["fair"].visits, 450)
    assert close(m.nodes["call"].visits, 450) and close(m.nodes["ask"].visits, 900)
    # Half the won leads came through the call (3 days), half straight from the fair.
    assert close(m.ends["a"].leads, 450) and close(m.days_to_win, 1.5)


def test_several_won_ends_add_up_and_average_their_days() -> None:
    m = compute_metrics(process("s:start ask:decision quick:stage slow:stage big:won small:won "
                                "no:lost", "s>ask ask>quick@0.2 ask>slow@0.3 ask>no@0.5 "
                                "quick>small slow>big", days={"quick": 1, "slow": 10}))
    assert close(m.win_rate, 0.5)
    assert close(m.ends["small"].days, 1) and close(m.ends["big"].days, 10)
    assert close(m.days_to_win, (200 * 1 + 300 * 10) / 500)


def test_no_won_end_means_no_win_rate_and_no_days_to_win() -> None:
    m = compute_metrics(process("s:start call:stage x:lost y:end", "s>call call>x call>y",
                                days={"call": 1}))
    assert m.win_rate is None and m.days_to_win is None
    assert m.ends["y"].outcome is None and close(m.ends["y"].days, 1)


def test_an_ends_own_duration_counts_in_its_lead_days_not_in_its_days() -> None:
    m = compute_metrics(process("s:start call:stage a:won", "s>call call>a",
                                days={"call": 2, "a": 30}))
    assert close(m.ends["a"].days, 2) and close(m.days_to_win, 2)
    assert close(m.nodes["a"].lead_days, 30000)
    assert m.bottleneck == "call"  # an end is never the bottleneck


def test_arrows_leaving_an_end_carry_nothing() -> None:
    m = compute_metrics(process("s:start a:won call:stage b:lost", "s>a a>call call>b"))
    assert close(m.win_rate, 1.0) and m.nodes["call"].visits == 0 and m.ends["b"].leads == 0
    assert all(e.flow == 0 for e in m.edges if e.source == "a")


def test_duplicate_arrows_each_carry_their_share() -> None:
    m = compute_metrics(process("s:start call:stage a:won", "s>call call>a call>a"))
    assert [e.flow for e in m.edges if e.source == "call"] == [500, 500]
    assert close(m.ends["a"].leads, 1000)


def test_lanes_add_up_lead_days_and_count_handoffs() -> None:
    lanes = {"s": "sdr", "call": "sdr", "pitch": "ae", "a": "ae"}
    m = compute_metrics(process("s:start call:stage ask:decision pitch:stage a:won b:lost",
                                "s>call call>ask ask>pitch@0.4 ask>b@0.6 pitch>a",
                                days={"call": 1, "pitch": 5}, lanes=lanes))
    assert set(m.lanes) == {"sdr", "ae"}
    sdr, ae = m.lanes["sdr"], m.lanes["ae"]
    assert close(sdr.lead_days, 1000) and close(ae.lead_days, 2000)
    # call (sdr) -> ask (no lane) -> pitch (ae); the lost end has no lane either.
    assert close(sdr.handoffs_out, 1000) and sdr.handoffs_in == 0
    assert close(ae.handoffs_in, 400) and ae.handoffs_out == 0
    assert m.to_json()["lanes"]["ae"] == {"lead_days": 2000, "handoffs_in": 400,
                                          "handoffs_out": 0}


def test_an_empty_lane_has_zero_figures() -> None:
    doc = worked_example()
    doc.add_lane(Lane("empty", "Nobody"))
    assert compute_metrics(doc).lanes["empty"].to_json() == {
        "lead_days": 0, "handoffs_in": 0, "handoffs_out": 0}


def test_no_durations_means_no_bottleneck() -> None:
    m = compute_metrics(process("s:start a:won", "s>a"))
    assert m.bottleneck is None and m.biggest_leak is None and close(m.days_to_win, 0)


# ------------------------------------------------------------------------------ errors
def test_shares_over_100_percent_are_an_error_naming_the_node() -> None:
    doc = process("s:start ask:decision a:won b:lost", "s>ask ask>a@0.7 ask>b@0.4")
    with pytest.raises(MetricsError, match=r"'Ask' \(ask\) add up to 1\.1;"):
        compute_metrics(doc)
    with pytest.raises(ValueError):  # MetricsError is a ValueError
        compute_metrics(doc)


def test_shares_over_100_percent_by_rounding_only_are_accepted() -> None:
    m = compute_metrics(process("s:start ask:decision a:won b:lost",
                                "s>ask ask>a@0.7000000000005 ask>b@0.3"))
    assert close(m.ends["a"].leads + m.ends["b"].leads, 1000) and m.dropped == 0


def test_a_process_without_a_start_is_an_error() -> None:
    with pytest.raises(MetricsError, match="no start"):
        compute_metrics(process("call:stage a:won", "call>a"))
    with pytest.raises(MetricsError, match="no start"):
        compute_metrics(Document())


@pytest.mark.parametrize("leads", [0, -5, math.inf, math.nan, 1e13, True])
def test_the_number_of_leads_must_be_positive_and_finite(leads: float) -> None:
    with pytest.raises(MetricsError, match="leads"):
        compute_metrics(worked_example(), leads)


# ----------------------------------------------------------------------- big processes
def test_generated_process_chain_figures() -> None:
    doc = generate_process(300)
    m = compute_metrics(doc)
    decisions = sum(1 for node in doc.nodes.values() if node.kind is NodeKind.DECISION)
    stage_days = sum(node.duration_days or 0 for node in doc.nodes.values())
    assert close(m.win_rate, 0.9 ** decisions)
    assert close(m.days_to_win, stage_days, 1e-6)  # the won leads went through every stage
    assert m.dropped == 0 and m.stuck == 0
    assert close(sum(e.leads for e in m.ends.values()), 1000)
    assert m.biggest_leak == "d4"  # the first decision loses the most leads


def test_five_thousand_stages_solve_in_little_memory() -> None:
    """A dense solution of the 5000-state chain would need 200 MB for its matrix alone; the
    sparse one needs a few MB. Memory is a bound the machine's load does not change (the time
    is in benchmarks/bench_metrics.py and test_five_thousand_stages_solve_quickly)."""
    doc = generate_process(5000)
    compute_metrics(doc)
    tracemalloc.start()
    try:
        result = compute_metrics(doc)
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert close(result.win_rate, compute_metrics(doc).win_rate)
    assert peak_mb < 40, f"peak {peak_mb:.1f} MB"


@pytest.mark.timing
def test_five_thousand_stages_solve_quickly() -> None:
    """The benchmark aims at 0.5 s; this generous bound only catches a dense or simulated
    solution sneaking in."""
    doc = generate_process(5000)
    compute_metrics(doc)
    started = time.perf_counter()
    compute_metrics(doc)
    assert time.perf_counter() - started < 2.0


# ----------------------------------------------------------------- random processes
def random_process(seed: int) -> Document:
    """A small random process: mostly forward arrows with some going back (loops, also ones with
    no way out), dead ends, drop-outs, several starts, arrows with and without shares, lanes and
    lane-less nodes, at least one won and one lost end."""
    rng = random.Random(seed)
    doc = Document(f"Random process {seed}")
    lanes = ["one", "two"]
    for lane_id in lanes:
        doc.add_lane(Lane(lane_id, lane_id))
    middle = [NodeKind.STAGE] * rng.randint(3, 9) + [NodeKind.DECISION] * rng.randint(1, 4)
    rng.shuffle(middle)
    starts, ends = rng.choice([1, 1, 2, 3]), rng.randint(2, 4)
    kinds = [NodeKind.START] * starts + middle + [NodeKind.END] * ends
    outcomes = [Outcome.WON, Outcome.LOST]
    for number, kind in enumerate(kinds):
        outcome = None
        if kind is NodeKind.END:
            outcome = outcomes.pop(0) if outcomes else rng.choice([Outcome.WON, Outcome.LOST, None])
        doc.add_node(Node(f"n{number}", kind, f"Node {number}", outcome=outcome,
                          lane=rng.choice([*lanes, None]),
                          duration_days=rng.choice([None, 0.0, 1.0, 2.5, 5.0, 10.0])))
    ids = list(doc.nodes)
    for position, node_id in enumerate(ids):
        kind = doc.nodes[node_id].kind
        count = {NodeKind.START: rng.choice([0, 1, 1, 1, 1, 1, 1, 1, 1, 2]),
                 NodeKind.STAGE: rng.choice([0, 1, 1, 1, 1, 1, 1, 2, 2, 2]),
                 NodeKind.DECISION: rng.randint(2, 3),
                 NodeKind.END: rng.choice([0] * 15 + [1])}[kind]
        later = [n for n in ids[max(position + 1, starts):position + 4]]
        anywhere = [n for n in ids if doc.nodes[n].kind is not NodeKind.START
                    and (n != node_id or kind is NodeKind.STAGE)]
        for share in _random_shares(rng, count):
            target = rng.choice(later if later and rng.random() < 0.7 else anywhere)
            doc.add_edge(Edge(doc.new_edge_id(), node_id, target, probability=share))
    return doc


def _random_shares(rng: random.Random, count: int) -> list[float | None]:
    if not count:
        return []
    mode = rng.choice(["none"] * 3 + ["some"] * 2 + ["all"] * 2 + ["drop"])
    if mode == "none":
        return [None] * count
    weights = [rng.uniform(0.05, 1.0) for _ in range(count)]
    total = {"some": rng.uniform(0.2, 1.0), "all": 1.0, "drop": rng.uniform(0.4, 0.95)}[mode]
    shares: list[float | None] = [total * w / sum(weights) for w in weights]
    if mode == "some":
        shares[rng.randrange(count)] = None
        given = math.fsum(s for s in shares if s is not None)
        shares = [None if s is None else s * min(1.0, total / given) for s in shares]
    return shares


def reference_shares(doc: Document) -> tuple[dict[str, float], dict[str, float]]:
    """The rules of the issue, written out plainly: (share per arrow id, drop-out per node)."""
    share: dict[str, float] = {}
    drop: dict[str, float] = {}
    for node_id in doc.nodes:
        arrows = [doc.edges[e] for e in doc.out_edges(node_id)]
        given = [a.probability for a in arrows if a.probability is not None]
        rest = max(0.0, 1.0 - sum(given))
        missing = len(arrows) - len(given)
        for arrow in arrows:
            share[arrow.id] = arrow.probability if arrow.probability is not None else (
                rest / missing)
        drop[node_id] = rest if arrows and not missing else 0.0
    return share, drop


def simulate(doc: Document, leads: int, seed: int, max_steps: int = 1500) -> dict[str, object]:
    """Follows `leads` single leads through the process, all at once (numpy), step by step.

    Per lead: the visits to every node, the arrows taken, the days spent (duration of every
    node left, ends excluded), and how it finished: at an end, dropped out, or stuck (at a node
    with no way out, or still going round after `max_steps`).
    """
    rng = np.random.default_rng(seed)
    ids = list(doc.nodes)
    index = {node_id: i for i, node_id in enumerate(ids)}
    edge_ids = list(doc.edges)
    share, drop = reference_shares(doc)
    width = max([len(doc.out_edges(n)) for n in ids] + [0]) + 1
    choice_edge = np.full((len(ids), width), -1)  # -1: drop out
    cumulative = np.full((len(ids), width), 2.0)
    for i, node_id in enumerate(ids):
        arrows = doc.out_edges(node_id)
        options = [(edge_ids.index(a), share[a]) for a in arrows] + [(-1, drop[node_id])]
        running = 0.0
        for column, (k, p) in enumerate(options):
            running += p
            choice_edge[i, column] = k
            cumulative[i, column] = running
        cumulative[i, len(options) - 1] = 1.0  # rounding must not leave a gap before 1
    target = np.array([index[doc.edges[e].target] for e in edge_ids] + [0])
    duration = np.array([doc.nodes[n].duration_days or 0.0 for n in ids])
    is_end = np.array([doc.nodes[n].kind is NodeKind.END for n in ids])
    no_way = np.array([not doc.out_edges(n) for n in ids]) & ~is_end

    starts = [index[n] for n in ids if doc.nodes[n].kind is NodeKind.START]
    assert leads % len(starts) == 0
    state = np.array(starts * (leads // len(starts)))
    visits = np.zeros((leads, len(ids)), dtype=np.int32)
    taken = np.zeros((leads, len(edge_ids) + 1), dtype=np.int32)
    days = np.zeros(leads)
    finish = np.full(leads, -1)  # node index of the end, or -1
    dropped = np.zeros(leads, dtype=bool)
    stuck = np.zeros(leads, dtype=bool)
    active = np.arange(leads)
    for _ in range(max_steps):
        if not len(active):
            break
        here = state[active]
        visits[active, here] += 1
        ended = is_end[here]
        finish[active[ended]] = here[ended]
        stuck[active[no_way[here]]] = True
        going = ~ended & ~no_way[here]
        active, here = active[going], here[going]
        days[active] += duration[here]
        column = np.argmax(rng.random(len(active))[:, None] < cumulative[here], axis=1)
        edge = choice_edge[here, column]
        dropped[active[edge < 0]] = True
        moving = edge >= 0
        taken[active[moving], edge[moving]] += 1
        state[active[moving]] = target[edge[moving]]
        active = active[moving]
    stuck[active] = True  # still going round
    return {"visits": visits, "taken": taken[:, :-1], "days": days, "finish": finish,
            "dropped": dropped, "stuck": stuck, "ids": ids, "edge_ids": edge_ids}


def closed_loops(doc: Document) -> set[str]:
    """Nodes of loops that leads never leave: no arrow with a positive share leads from them to
    an end, a node with no way out or a drop-out, and none leaves the loop. The simulation's
    leads go round there for ever."""
    share, drop = reference_shares(doc)
    graph = nx.DiGraph()
    graph.add_nodes_from(doc.nodes)
    graph.add_node("EXIT")
    for node_id, node in doc.nodes.items():
        if node.kind is NodeKind.END or not doc.out_edges(node_id) or drop[node_id] > 0:
            graph.add_edge(node_id, "EXIT")
        else:
            graph.add_edges_from((doc.edges[e].source, doc.edges[e].target)
                                 for e in doc.out_edges(node_id) if share[e] > 0)
    never = set(doc.nodes) - nx.ancestors(graph, "EXIT")
    return set().union(*nx.attracting_components(graph.subgraph(never)))


def agrees(model: float | None, samples: np.ndarray) -> bool:
    """The model's expectation within 5 standard errors of the simulated mean (plus 5 / n, so
    that an event too rare to be seen in the sample is no failure)."""
    n = len(samples)
    if model is None:
        return False
    return abs(model - samples.mean()) <= 5 * samples.std() / math.sqrt(n) + 5 / n


SEEDS = list(range(20))
LEADS = 24_000  # divisible by 1, 2 and 3 starts


@pytest.mark.parametrize("seed", SEEDS)
def test_agrees_with_a_simulation_of_single_leads(seed: int) -> None:
    doc = random_process(seed)
    m = compute_metrics(doc, leads=1.0)
    sim = simulate(doc, LEADS, seed)
    circling = closed_loops(doc)
    for i, node_id in enumerate(sim["ids"]):
        if node_id not in circling:
            assert agrees(m.nodes[node_id].visits, sim["visits"][:, i]), node_id
    for k, edge in enumerate(doc.edges.values()):
        if edge.source not in circling:
            assert agrees(m.edges[k].flow, sim["taken"][:, k]), edge
    won = np.zeros(LEADS, dtype=bool)
    for end_id, end in m.ends.items():
        here = sim["finish"] == sim["ids"].index(end_id)
        assert agrees(end.leads, here.astype(float)), end_id
        if here.sum() >= 200:
            assert agrees(end.days, sim["days"][here]), end_id
        if end.outcome == "won":
            won |= here
    assert agrees(m.dropped, sim["dropped"].astype(float))
    assert agrees(m.stuck, sim["stuck"].astype(float))
    if m.win_rate is not None:
        assert agrees(m.win_rate, won.astype(float))
    if won.sum() >= 200:
        assert agrees(m.days_to_win, sim["days"][won])


def test_the_random_processes_cover_every_case() -> None:
    """Loops, closed loops, dead ends and drop-outs all occur among the simulated processes."""
    figures = [compute_metrics(random_process(seed)) for seed in SEEDS]
    docs = [random_process(seed) for seed in SEEDS]
    assert any(m.dropped > 0 for m in figures)
    assert any(m.stuck > 0 for m in figures)
    assert any(closed_loops(doc) for doc in docs)
    assert any(not nx.is_directed_acyclic_graph(_graph(doc)) for doc in docs)
    assert any(len([n for n in doc.nodes.values() if n.kind is NodeKind.START]) > 1
               for doc in docs)


def _graph(doc: Document) -> nx.DiGraph:
    return nx.DiGraph([(e.source, e.target) for e in doc.edges.values()])


@pytest.mark.parametrize("seed", range(200))
def test_every_lead_is_accounted_for(seed: int) -> None:
    """Leads in = leads at ends + dropped + stuck, and at every node leads in = leads out."""
    doc = random_process(1000 + seed)
    m = compute_metrics(doc, leads=500)
    total = sum(e.leads for e in m.ends.values()) + m.dropped + m.stuck
    assert close(total, 500, 1e-6)
    starts = [n for n in doc.nodes.values() if n.kind is NodeKind.START]
    for node_id, node in doc.nodes.items():
        came_in = sum(m.edges[k].flow for k, e in enumerate(doc.edges.values())
                      if e.target == node_id)
        came_in += 500 / len(starts) if node.kind is NodeKind.START else 0
        went_out = sum(m.edges[k].flow for k, e in enumerate(doc.edges.values())
                       if e.source == node_id)
        here = m.nodes[node_id]
        assert close(here.visits, came_in, 1e-6), node_id
        if node.kind is not NodeKind.END and not here.stuck:
            assert close(went_out + here.dropped, here.visits, 1e-6), node_id
