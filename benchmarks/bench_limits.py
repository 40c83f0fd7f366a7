"""The worst file the limits allow: time and peak memory of `flowedit check`, `metrics`, `export`
and the editor (to its first paint) on a process of N nodes and E arrows that no real process
looks like: arrows between random stages, as many as the limits allow, so that every stage is in
one big loop. Each command runs as its own process, stopped after --timeout seconds; peak memory
is the child's maximum resident set size.

Run: python benchmarks/bench_limits.py [--nodes N] [--edges E] [--timeout S] [--only check,...]
The defaults are the limits of docs/file-format.md.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flowedit.io import save_document
from flowedit.model import Document, Edge, Node, NodeKind, Outcome
from flowedit.model.limits import MAX_EDGES, MAX_FAN, MAX_NODES


def hostile_process(nodes: int, edges: int, seed: int = 1) -> Document:
    """One start, a chain through every stage, then random arrows between stages (each stage
    keeping within the fan-out limit) and a few ends."""
    rng = random.Random(seed)
    doc = Document(f"Hostile process ({nodes} nodes, {edges} arrows)")
    ends = max(1, nodes // 100)
    stages = nodes - 1 - ends
    doc.add_node(Node("start", NodeKind.START, "Start", 0, 0))
    for i in range(stages):
        doc.add_node(Node(f"s{i}", NodeKind.STAGE, f"Stage {i}", (i % 200) * 200.0,
                          (i // 200) * 100.0 + 100, duration_days=1))
    for i in range(ends):
        doc.add_node(Node(f"end{i}", NodeKind.END, f"End {i}", i * 200.0, -200.0,
                          outcome=Outcome.WON if i % 2 else Outcome.LOST))
    out = dict.fromkeys(doc.nodes, 0)
    into = dict.fromkeys(doc.nodes, 0)
    count = 0

    def connect(source: str, target: str) -> None:
        nonlocal count
        count += 1
        out[source] += 1
        into[target] += 1
        doc.add_edge(Edge(f"e{count}", source, target))

    connect("start", "s0")
    for i in range(stages - 1):
        connect(f"s{i}", f"s{i + 1}")
    for i in range(ends):
        connect(f"s{rng.randrange(stages)}", f"end{i}")
    while count < edges:
        source, target = f"s{rng.randrange(stages)}", f"s{rng.randrange(stages)}"
        if source != target and out[source] < MAX_FAN and into[target] < MAX_FAN:
            connect(source, target)
    return doc


def measure(command: list[str], timeout: float) -> tuple[str, float, float]:
    """(outcome, seconds, peak MB) of one child process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            return (f"stopped after {timeout:.0f} s", time.monotonic() - started,
                    usage.ru_maxrss / 1024)
        time.sleep(0.05)
    seconds = time.monotonic() - started
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code
    last = (child.stderr.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    return (f"exit {code} {last[:60]}", seconds, usage.ru_maxrss / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=MAX_NODES)
    parser.add_argument("--edges", type=int, default=MAX_EDGES)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="check,metrics,export,editor")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.yaml"
        started = time.monotonic()
        save_document(hostile_process(args.nodes, args.edges), path)
        print(f"{args.nodes:,} nodes, {args.edges:,} arrows: {path.stat().st_size / 1e6:.1f} MB "
              f"written in {time.monotonic() - started:.1f} s")
        flowedit = [sys.executable, "-m", "flowedit"]
        commands = {
            "check": [*flowedit, "check", str(path)],
            "metrics": [*flowedit, "metrics", str(path)],
            "export": [*flowedit, "export", str(path), "-o", str(Path(folder) / "out.svg")],
            "editor": [*flowedit, str(path)],
        }
        for name in args.only.split(","):
            outcome, seconds, megabytes = measure(commands[name], args.timeout)
            print(f"{name:8} {seconds:7.1f} s {megabytes:8.0f} MB  {outcome}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
