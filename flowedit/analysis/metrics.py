"""Lead-flow metrics: where the leads of a sales process go, how long they take, where they leak.

The process is read as an absorbing Markov chain (docs/metrics.md has the full model):

- Leads enter at the start nodes, shared equally between them.
- A lead leaves a node along one of its arrows. An arrow's `probability` is the share that takes
  it; arrows without one share equally what the given ones leave. When every arrow has one and
  they add up to less than 1, the rest drops out of the process at that node ("dropped").
- Absorbing states: ends (a lead that reaches one has finished; arrows leaving an end carry
  nothing), dead ends (a start, stage or decision with no arrow out keeps its leads: "stuck"),
  drop-outs, and loops with no way out: closed classes of nodes that no arrow with a positive
  share leaves and from which none leads to an end, a dead end or a drop-out. Leads would circle
  there forever, so every such node is made absorbing and the leads entering the loop count as
  stuck where they enter it (each lead once).
- Everything else is transient. Expected visits v solve (I - Q)^T v = s, with Q the transient
  part of the transition matrix and s the leads put on each start; one sparse LU factorization
  (scipy.sparse.linalg.splu) answers that and the expected days per end, which solve the same
  system with the lead-days w_i = v_i * d_i on the right: days_e = (N^T w)^T R_e / v_e. A few
  thousand stages take milliseconds; there is no simulation and no dense inverse.
- Milestones (stages with an outcome) are passed like any stage. A lead counts as won the first
  time it reaches a won milestone or won end: the win rate and days to win come from one more
  solve with the won milestones absorbing (only when there are some).

Pure numpy/scipy and Python, no Qt.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import breadth_first_order, connected_components
from scipy.sparse.linalg import splu

from flowedit.analysis.checks import label
from flowedit.analysis.deal_figures import days_to_win_quantiles, win_chance_from, won_value
from flowedit.analysis.rollup import RolledUp, roll_up
from flowedit.i18n import _, format_general, format_number
from flowedit.model import Document, Edge, Node, NodeKind, Outcome, is_milestone

DEFAULT_LEADS = 1000.0
#: More leads than this only overflow the figures; no CRM has them.
MAX_LEADS = 1e12
#: Shares on a node's arrows may add up to at most 1 + this, and sums this close to 1 count as 1
#: (rounding in hand-written files).
PROBABILITY_TOLERANCE = 1e-9
#: Fewer leads than this (the smallest normal float) reaching an end give no meaningful days:
#: at such sizes both sides of the division have lost their precision.
_MEASURABLE = sys.float_info.min


class MetricsError(ValueError):
    """A document whose numbers cannot be computed; the message says which node and why."""


@dataclass(frozen=True, slots=True)
class NodeMetrics:
    """What happens at one node. `to_json` gives visits, share and lead_days; the rest is for the
    text table and the editor."""

    visits: float  # expected visits (a lead that loops through twice counts twice)
    share: float  # visits / leads
    lead_days: float  # visits * duration_days
    #: Leads taking the main incoming arrow / visits of that arrow's source; None for a start
    #: or a node nothing flows into. The main incoming arrow is the one carrying the most leads
    #: (the first in the document on a tie); a stage's loop to itself is never it.
    conversion: float | None = None
    came_from: str | None = None  # source of the main incoming arrow
    dropped: float = 0.0  # leads dropping out of the process here
    stuck: float = 0.0  # leads kept here: a dead end, or entering a loop with no way out here
    lost: float = 0.0  # leads leaving here for a lost end, plus those dropping out here

    def to_json(self) -> dict[str, Any]:
        return {"visits": self.visits, "share": self.share, "lead_days": self.lead_days}


@dataclass(frozen=True, slots=True)
class EdgeMetrics:
    id: str
    source: str
    target: str
    flow: float  # expected number of leads that go along the arrow (loops counted each time)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "flow": self.flow}


@dataclass(frozen=True, slots=True)
class EndMetrics:
    leads: float  # expected leads finishing here
    share: float  # leads / all leads
    outcome: str | None  # "won", "lost" or None
    #: Expected days from entering the process to arriving here, for the leads that finish
    #: here (the end's own duration is not added); None when no lead gets here.
    days: float | None

    def to_json(self) -> dict[str, Any]:
        return {"leads": self.leads, "share": self.share, "outcome": self.outcome,
                "days": self.days}


@dataclass(frozen=True, slots=True)
class LaneMetrics:
    lead_days: float  # lead_days of the lane's nodes together
    handoffs_in: float  # leads arriving along arrows from another lane or from no lane
    handoffs_out: float  # leads leaving along arrows to another lane or to no lane

    def to_json(self) -> dict[str, Any]:
        return {"lead_days": self.lead_days, "handoffs_in": self.handoffs_in,
                "handoffs_out": self.handoffs_out}


@dataclass(frozen=True, slots=True)
class Metrics:
    leads: float
    nodes: dict[str, NodeMetrics]  # every node, in document order
    edges: list[EdgeMetrics]  # every arrow, in document order
    ends: dict[str, EndMetrics]  # every end, in document order
    win_rate: float | None  # share reaching a won end; None when no end is won
    days_to_win: float | None  # expected days of the leads that are won; None when none are
    dropped: float  # leads dropping out at nodes whose shares add up to less than 1
    stuck: float  # leads kept at dead ends or caught in loops with no way out
    bottleneck: str | None  # the non-end node with the most lead_days; None if all are 0
    lanes: dict[str, LaneMetrics]  # every lane, in document order
    biggest_leak: str | None  # the node losing most leads to lost ends and drop-outs
    #: Every milestone (a stage with an outcome), in document order: the leads reaching it for
    #: the first time (before any other node with the same outcome) and their days until then.
    milestones: dict[str, EndMetrics] = field(default_factory=dict)
    #: Stages whose days and arrow probabilities were computed from their sub-process
    #: (analysis/rollup.py), by stage id: the figures above use these.
    from_subprocess: dict[str, RolledUp] = field(default_factory=dict)
    #: What a won deal is worth on average (the `value` of the won shapes, weighted by the leads
    #: won at each); None unless every won shape leads reach has a value.
    deal_value: float | None = None
    revenue_per_lead: float | None = None  # win rate x deal value
    #: Median and P90 of the days to win, exact under the model (analysis/deal_figures.py).
    days_to_win_p50: float | None = None
    days_to_win_p90: float | None = None
    #: The open deals' amounts x their stage's chance to be won, when open deals were given.
    pipeline_forecast: float | None = None

    @property
    def revenue(self) -> float | None:
        """The revenue of all `leads`: revenue per lead x leads."""
        return None if self.revenue_per_lead is None else self.revenue_per_lead * self.leads

    def to_json(self) -> dict[str, Any]:
        return {
            "leads": self.leads,
            "nodes": {node_id: node.to_json() for node_id, node in self.nodes.items()},
            "edges": [edge.to_json() for edge in self.edges],
            "ends": {end_id: end.to_json() for end_id, end in self.ends.items()},
            "win_rate": self.win_rate,
            "days_to_win": self.days_to_win,
            "dropped": self.dropped,
            "stuck": self.stuck,
            "bottleneck": self.bottleneck,
            "lanes": {lane_id: lane.to_json() for lane_id, lane in self.lanes.items()},
            "biggest_leak": self.biggest_leak,
            # Only for processes with milestones, so older files give the same JSON as before.
            **({"milestones": {node_id: milestone.to_json()
                               for node_id, milestone in self.milestones.items()}}
               if self.milestones else {}),
            **({"from_subprocess": {node_id: figures.to_json()
                                    for node_id, figures in self.from_subprocess.items()}}
               if self.from_subprocess else {}),
            "deal_value": self.deal_value,
            "revenue_per_lead": self.revenue_per_lead,
            "revenue": self.revenue,
            "days_to_win_p50": self.days_to_win_p50,
            "days_to_win_p90": self.days_to_win_p90,
            **({"pipeline_forecast": self.pipeline_forecast}
               if self.pipeline_forecast is not None else {}),
        }


def compute_metrics(doc: Document, leads: float = DEFAULT_LEADS) -> Metrics:
    """The expected flow of `leads` leads through `doc`; MetricsError if it cannot be computed
    (no start, or shares on a node's arrows adding up to more than 1). Stages with a
    sub-process take their days and probabilities from it (analysis/rollup.py)."""
    return compute_metrics_at(doc, leads, 0)


def compute_metrics_at(doc: Document, leads: float, depth: int) -> Metrics:
    """compute_metrics of a process `depth` levels below the top one."""
    leads = check_leads(leads)
    rolled: dict[str, RolledUp] = {}
    if doc.has_subprocesses():
        doc, rolled = roll_up(doc, depth)
    flow = _solve_flow(doc, leads)
    won_leads, won_days = _won(flow)
    win_rate = won_leads / flow.leads if flow.any_won else None
    is_won = np.array([node.outcome is Outcome.WON for node in flow.nodes], dtype=bool)
    valued = won_value(flow.first[Outcome.WON][0], [node.value for node in flow.nodes], is_won)
    deal_value = valued[1] / valued[0] if valued else None
    p50 = p90 = None
    if win_rate and won_leads >= _MEASURABLE:
        p50, p90 = days_to_win_quantiles(
            flow.source_list, flow.target_list, flow.share, flow.initial / flow.leads,
            flow.duration, flow.is_end, is_won, win_rate)
    return Metrics(
        leads=flow.leads,
        nodes=_node_metrics(flow),
        edges=[EdgeMetrics(e.id, e.source, e.target, flow.flow_list[k])
               for k, e in enumerate(flow.edges)],
        ends=_end_metrics(flow),
        win_rate=win_rate,
        days_to_win=won_days / won_leads if won_leads >= _MEASURABLE else None,
        dropped=float(flow.dropped_at.sum()),
        stuck=float(flow.stuck_at.sum()),
        bottleneck=_largest(flow.nodes, np.where(flow.is_end, 0.0, flow.lead_days)),
        lanes=_lanes(doc, flow.nodes, flow.source_list, flow.target_list,
                     flow.lead_days.tolist(), flow.flow_list),
        biggest_leak=_largest(flow.nodes, flow.lost_at),
        milestones=_milestone_metrics(flow),
        from_subprocess=rolled,
        deal_value=deal_value,
        revenue_per_lead=None if valued is None else valued[1] / flow.leads,
        days_to_win_p50=p50,
        days_to_win_p90=p90,
    )


@dataclass(frozen=True, slots=True)
class _Flow:
    """The solved chain of one computation, node by node in document order: what the figures of
    `Metrics` are read from."""

    leads: float
    nodes: list[Node]
    edges: list[Edge]
    source_list: list[int]
    target_list: list[int]
    is_end: np.ndarray
    visits: np.ndarray
    flow_list: list[float]
    arrival_days: np.ndarray
    lead_days: np.ndarray
    dropped_at: np.ndarray
    stuck_at: np.ndarray
    lost_at: np.ndarray
    #: outcome -> (leads first reaching each node with that outcome, their lead-days on the way)
    first: dict[Outcome, tuple[np.ndarray, np.ndarray]]
    any_won: bool
    share: np.ndarray  # of each arrow, as the chain reads it
    initial: np.ndarray  # leads starting at each node
    duration: np.ndarray  # days per visit of each node


def _solve_flow(doc: Document, leads: float) -> _Flow:
    """Solves the process as a chain for `leads` leads entering evenly at its starts."""
    nodes = list(doc.nodes.values())
    edges = list(doc.edges.values())
    index = {node.id: i for i, node in enumerate(nodes)}
    n = len(nodes)
    starts = [i for i, node in enumerate(nodes) if node.kind is NodeKind.START]
    if not starts:
        raise MetricsError(_("The process has no start node: add a Start shape where leads come "
                             "in (e.g. 'Lead received'); without one no lead enters the "
                             "process"))

    source_list = [index[edge.source] for edge in edges]
    target_list = [index[edge.target] for edge in edges]
    share, drop = _shares(nodes, edges, source_list)
    source = np.array(source_list, dtype=np.intp)
    target = np.array(target_list, dtype=np.intp)
    is_end = np.array([node.kind is NodeKind.END for node in nodes], dtype=bool)
    duration = np.array([node.duration_days or 0.0 for node in nodes], dtype=float)
    initial = np.zeros(n)
    initial[starts] = leads / len(starts)
    chain = _Chain(source, target, share, drop, initial, duration)
    transient, visits, flow, arrival_days = chain.solve(is_end)
    dropped_at = np.where(transient, visits * drop, 0.0)
    is_lost = np.array([node.outcome is Outcome.LOST for node in nodes], dtype=bool)
    return _Flow(
        leads=leads, nodes=nodes, edges=edges, source_list=source_list, target_list=target_list,
        is_end=is_end, visits=visits, flow_list=flow.tolist(), arrival_days=arrival_days,
        lead_days=visits * duration, dropped_at=dropped_at,
        stuck_at=np.where(~transient & ~is_end, visits, 0.0),
        lost_at=dropped_at + np.bincount(source, weights=np.where(is_lost[target], flow, 0.0),
                                         minlength=n),
        first={outcome: _first_reached(chain, nodes, is_end, outcome, visits, arrival_days)
               for outcome in Outcome},
        any_won=any(node.outcome is Outcome.WON for node in nodes),
        share=share, initial=initial, duration=duration,
    )


def _node_metrics(flow: _Flow) -> dict[str, NodeMetrics]:
    visit_list = flow.visits.tolist()
    conversion = _conversion(flow.nodes, flow.edges, flow.source_list, flow.target_list,
                             visit_list, flow.flow_list)
    return {
        node.id: NodeMetrics(visits_here, visits_here / flow.leads, days_here, *converted,
                             *leaving)
        for node, visits_here, days_here, converted, *leaving in zip(
            flow.nodes, visit_list, flow.lead_days.tolist(), conversion,
            flow.dropped_at.tolist(), flow.stuck_at.tolist(), flow.lost_at.tolist(), strict=True)
    }


def _end_metrics(flow: _Flow) -> dict[str, EndMetrics]:
    ends = {}
    for i, node in enumerate(flow.nodes):
        if node.kind is NodeKind.END:
            arrived = float(flow.visits[i])
            days = float(flow.arrival_days[i]) / arrived if arrived >= _MEASURABLE else None
            outcome = node.outcome.value if node.outcome is not None else None
            ends[node.id] = EndMetrics(arrived, arrived / flow.leads, outcome, days)
    return ends


def _milestone_metrics(flow: _Flow) -> dict[str, EndMetrics]:
    milestones = {}
    for i, node in enumerate(flow.nodes):
        if is_milestone(node):
            reached, reached_days = flow.first[node.outcome]
            arrived = float(reached[i])
            days = float(reached_days[i]) / arrived if arrived >= _MEASURABLE else None
            milestones[node.id] = EndMetrics(arrived, arrived / flow.leads, node.outcome.value,
                                             days)
    return milestones


def _won(flow: _Flow) -> tuple[float, float]:
    """(leads that first reach a won shape, their lead-days on the way), over all won shapes."""
    won_reached, won_reached_days = flow.first[Outcome.WON]
    won_leads = won_days = 0.0
    for i, node in enumerate(flow.nodes):
        if node.outcome is Outcome.WON:
            won_leads += float(won_reached[i])
            won_days += float(won_reached_days[i])
    return won_leads, won_days


class _Chain:
    """The process as an absorbing Markov chain, solved for a given set of absorbing nodes."""

    def __init__(self, source: np.ndarray, target: np.ndarray, share: np.ndarray,
                 drop: np.ndarray, initial: np.ndarray, duration: np.ndarray) -> None:
        self.source, self.target, self.share, self.drop = source, target, share, drop
        self.initial, self.duration = initial, duration
        self.has_out = np.zeros(len(initial), dtype=bool)
        self.has_out[source] = True

    def solve(self, is_end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(transient nodes, visits, flow per arrow, lead-days before arrival) when the nodes of
        `is_end` finish a lead. For an absorbing node, visits are the leads arriving there and
        the lead-days are those they spent on the way (days_e = that / visits_e)."""
        source, target, share, duration = self.source, self.target, self.share, self.duration
        n = len(is_end)
        transient = _transient(source, target, share, self.drop, is_end, self.has_out)
        t_nodes = np.flatnonzero(transient)
        t_index = np.full(n, -1, dtype=np.intp)
        t_index[t_nodes] = np.arange(len(t_nodes))
        from_transient = transient[source] & (share > 0)
        visits = np.zeros(n)
        towards = np.zeros(n)  # z = N^T w on transient nodes (see the module docstring)
        if len(t_nodes):
            inner = from_transient & transient[target]
            size = len(t_nodes)
            # (I - Q)^T: row = target, column = source; duplicate arrows add up.
            matrix = sp.csc_matrix(
                (np.concatenate([np.ones(size), -share[inner]]),
                 (np.concatenate([np.arange(size), t_index[target[inner]]]),
                  np.concatenate([np.arange(size), t_index[source[inner]]]))),
                shape=(size, size))
            solver = _solver(matrix)
            v = np.maximum(solver(self.initial[t_nodes]), 0.0)
            visits[t_nodes] = v
            towards[t_nodes] = solver(v * duration[t_nodes])
        flow = np.where(from_transient, visits[source] * share, 0.0)
        absorbing = ~transient
        into = np.bincount(target[from_transient], weights=flow[from_transient], minlength=n)
        visits[absorbing] = self.initial[absorbing] + into[absorbing]
        arrival_days = np.bincount(target[from_transient],
                                   weights=towards[source[from_transient]] * share[from_transient],
                                   minlength=n)
        return transient, visits, flow, arrival_days


#: A direct (LU) solve while the sum of the squared sizes of the loops (strongly connected blocks
#: of transient nodes) stays below this: LU fill grows with those squares, and one big loop of
#: 20,000 random stages once ran for more than ten minutes. 5,000 stages in one loop still
#: solve directly, as before.
DIRECT_LIMIT = 25_000_000
#: Beyond it, an iterative solve that touches at most this many matrix entries (seconds: 50,000
#: stages in one random loop need about 6,000 sweeps of 150,000 entries);
#: when that is not enough, the figures are not computed and MetricsError says why.
ITERATIVE_BUDGET = 2_000_000_000
#: Largest relative residual an iterative solution may leave.
_TOLERANCE = 1e-10
_CHECK_EVERY = 25


def _solver(matrix: sp.csc_matrix) -> Callable[[np.ndarray], np.ndarray]:
    """Solves `matrix` x = b, directly for small loops and iteratively within a work budget for
    big ones, so that every file the limits accept gets figures or a reason, in bounded time and
    memory (issue 11)."""
    _count, block = connected_components(matrix, directed=True, connection="strong")
    sizes = np.bincount(block).astype(np.float64)
    if float((sizes * sizes).sum()) <= DIRECT_LIMIT:
        try:
            return splu(matrix).solve
        except RuntimeError as error:  # cannot happen for a proper transient set
            raise MetricsError(_("The flow of leads through the process cannot be solved: "
                                 "{reason}").format(reason=error)) from None
    largest = int(sizes.max())
    operator = matrix.tocsr()
    # Jacobi sweeps x <- P x + c with P = I - D^-1 A and c = D^-1 b: the expected visits summed
    # step by step (a Neumann series), which converges for an absorbing chain. D, the diagonal of
    # A = I - Q^T, is 1 - (share of a node's arrows back to itself), never 0 on a transient node.
    # Each sweep is one pass over the arrows, so the budget bounds the time; memory stays a few
    # vectors. (Krylov solvers took longer here: GMRES needs BLAS calls per step, BiCGSTAB broke
    # down on a single start.)
    inverse_diagonal = 1.0 / operator.diagonal()
    sweep = (sp.identity(operator.shape[0], format="csr")
             - sp.diags(inverse_diagonal, format="csr") @ operator).tocsr()
    sweep.eliminate_zeros()
    sweeps = max(1, ITERATIVE_BUDGET // max(1, sweep.nnz + operator.shape[0]))

    def solve(rhs: np.ndarray) -> np.ndarray:
        scale = float(np.abs(rhs).sum())
        if scale == 0.0:
            return np.zeros_like(rhs)
        constant = rhs * inverse_diagonal
        x = constant.copy()
        done = 0
        while done < sweeps:
            for _sweep in range(min(_CHECK_EVERY, sweeps - done)):
                x = sweep @ x
                x += constant
            done += _CHECK_EVERY
            if float(np.abs(rhs - operator @ x).sum()) <= _TOLERANCE * scale:
                return x
        raise MetricsError(_(
            "figures not computed: one loop holds {stages} stages, and leads circle it too "
            "long to work out their flow within {budget} steps of arithmetic; give the loop's "
            "arrows probabilities that let leads leave it, or split the process").format(
                stages=f"{largest:,}", budget=f"{ITERATIVE_BUDGET:,}"))

    return solve


def _first_reached(chain: _Chain, nodes: list[Node], is_end: np.ndarray, outcome: Outcome,
                   visits: np.ndarray, arrival_days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(leads, their lead-days on the way) first reaching each node with `outcome`.

    A milestone (a stage with an outcome) is passed like any stage, perhaps several times round a
    loop; a lead counts as won (or lost) the first time it reaches any node with that outcome. So
    the chain is solved once more with those milestones absorbing: what arrives at each of them,
    or at an end with that outcome, arrives there first. Without such milestones that is the
    process itself, and its figures are returned unchanged.
    """
    marked = np.array([is_milestone(node) and node.outcome is outcome for node in nodes],
                      dtype=bool)
    if not marked.any():
        return visits, arrival_days
    _transient, reached, _flow, reached_days = chain.solve(is_end | marked)
    return reached, reached_days


def check_leads(leads: float) -> float:
    """The number of leads as a float; MetricsError unless above 0 and at most MAX_LEADS."""
    if isinstance(leads, bool) or not isinstance(leads, int | float):
        raise MetricsError(_("The number of leads must be a number"))
    value = float(leads)
    if not (math.isfinite(value) and 0 < value <= MAX_LEADS):
        raise MetricsError(_("The number of leads must be more than 0 and at most {most}, not "
                             "{leads}").format(most=format_number(MAX_LEADS, 0), leads=leads))
    return value


def _shares(nodes: list[Node], edges: list[Edge],
            source: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(share of each arrow, share dropping out at each node), in document order."""
    share = np.zeros(len(edges))
    drop = np.zeros(len(nodes))
    outgoing: dict[int, list[int]] = {}
    for k, i in enumerate(source):
        outgoing.setdefault(i, []).append(k)
    for i, arrows in outgoing.items():
        given = [edges[k].probability for k in arrows]
        total = math.fsum(p for p in given if p is not None)
        if total > 1 + PROBABILITY_TOLERANCE:
            raise MetricsError(
                _("The shares of leads leaving {node} ({id}) add up to {total}; together they "
                  "cannot be more than 1 (100%)").format(node=label(nodes[i]), id=nodes[i].id,
                                                         total=format_general(total, 10)))
        # Within the tolerance of 1 (0.1 + 0.2 + 0.7 in binary): exactly 1, so that rounding
        # neither drops a few leads nor lets them out of a loop that has no way out.
        whole = abs(total - 1) <= PROBABILITY_TOLERANCE
        scale = 1.0 / total if whole else 1.0
        rest = 0.0 if whole else max(0.0, 1.0 - total)
        missing = given.count(None)
        for k, p in zip(arrows, given, strict=True):
            share[k] = p * scale if p is not None else rest / missing
        if not missing:
            drop[i] = rest
    return share, drop


def _transient(source: np.ndarray, target: np.ndarray, share: np.ndarray, drop: np.ndarray,
               is_end: np.ndarray, has_out: np.ndarray) -> np.ndarray:
    """Nodes leads pass through: not ends, with an arrow out, and not in a loop with no way out.

    A loop with no way out is a closed class of the chain: nodes from which arrows with a positive
    share lead neither to an end, nor to a node with no arrow out, nor to a drop-out, and which
    (unlike a node on the way into such a loop) no arrow with a positive share leaves. The
    others are absorbing.
    """
    n = len(is_end)
    candidate = ~is_end & has_out
    exits = np.flatnonzero(is_end | ~has_out | (candidate & (drop > 0)))
    used = candidate[source] & (share > 0)
    # Arrows reversed, plus a virtual node n pointing at every exit: what it reaches can exit.
    rows = np.concatenate([target[used], np.full(len(exits), n)])
    cols = np.concatenate([source[used], exits])
    graph = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + 1, n + 1))
    reaches = np.zeros(n + 1, dtype=bool)
    reaches[breadth_first_order(graph, n, directed=True, return_predecessors=False)] = True
    never = candidate & ~reaches[:n]
    if not never.any():
        return candidate
    # Arrows from nodes that never finish only lead to such nodes. Their strongly connected
    # components that no arrow leaves are the loops with no way out.
    inside = used & never[source]
    _count, component = connected_components(
        sp.csr_matrix((np.ones(int(inside.sum())), (source[inside], target[inside])),
                      shape=(n, n)), directed=True, connection="strong")
    leaving = inside & (component[source] != component[target])
    closed = never & ~np.isin(component, component[source[leaving]])
    return candidate & ~closed


def _conversion(nodes: list[Node], edges: list[Edge], source: list[int], target: list[int],
                visits: list[float], flow: list[float]) -> list[tuple[float | None, str | None]]:
    """(conversion from the stage before, that stage) for every node; see NodeMetrics."""
    best: dict[int, int] = {}  # node -> its main incoming arrow
    for k, (s, t) in enumerate(zip(source, target, strict=True)):
        if s != t and (t not in best or flow[k] > flow[best[t]]):
            best[t] = k
    result: list[tuple[float | None, str | None]] = []
    for i, node in enumerate(nodes):
        k = best.get(i)
        if k is None or node.kind is NodeKind.START:
            result.append((None, None))
            continue
        before = visits[source[k]]
        result.append((flow[k] / before if before > 0 else None, edges[k].source))
    return result


def _largest(nodes: list[Node], values: np.ndarray) -> str | None:
    """The id of the node with the largest positive value (the first on a tie), or None."""
    if not len(values):
        return None
    best = int(np.argmax(values))
    return nodes[best].id if values[best] > 0 else None


def _lanes(doc: Document, nodes: list[Node], source: list[int], target: list[int],
           lead_days: list[float], flow: list[float]) -> dict[str, LaneMetrics]:
    """Per lane: its nodes' lead-days, and the leads crossing its border along arrows. An arrow
    between a node in a lane and a node in none crosses the lane's border; "no lane" itself is
    not a lane and gets no entry."""
    days = {lane.id: 0.0 for lane in doc.lanes}
    handoffs_in = dict.fromkeys(days, 0.0)
    handoffs_out = dict.fromkeys(days, 0.0)
    for i, node in enumerate(nodes):
        if node.lane is not None:
            days[node.lane] = days.get(node.lane, 0.0) + lead_days[i]
    lane_of = [node.lane for node in nodes]
    for s, t, leads in zip(source, target, flow, strict=True):
        source_lane, target_lane = lane_of[s], lane_of[t]
        if source_lane == target_lane:
            continue
        if source_lane is not None:
            handoffs_out[source_lane] = handoffs_out.get(source_lane, 0.0) + leads
        if target_lane is not None:
            handoffs_in[target_lane] = handoffs_in.get(target_lane, 0.0) + leads
    return {lane_id: LaneMetrics(days[lane_id], handoffs_in.get(lane_id, 0.0),
                                 handoffs_out.get(lane_id, 0.0)) for lane_id in days}


def pipeline_forecast(doc: Document, open_amounts: dict[str, float]) -> float:
    """The expected revenue of open deals: each deal's amount x the chance that a lead in its
    shape is won in the end under the model (`open_amounts`: node id -> amount of the open
    deals there). MetricsError when the shares cannot be read."""
    if doc.has_subprocesses():
        doc, _rolled = roll_up(doc, 0)
    nodes = list(doc.nodes.values())
    edges = list(doc.edges.values())
    index = {node.id: i for i, node in enumerate(nodes)}
    source = [index[edge.source] for edge in edges]
    target = [index[edge.target] for edge in edges]
    share, _drop = _shares(nodes, edges, source)
    chance = win_chance_from(
        source, target, share, np.array([node.kind is NodeKind.END for node in nodes]),
        np.array([node.outcome is Outcome.WON for node in nodes]))
    return float(sum(amount * chance[index[node_id]]
                     for node_id, amount in open_amounts.items()))
