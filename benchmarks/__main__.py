"""`python -m benchmarks`: the speed goals of issue 13 as one table, each figure beside its floor
measured in the same run (a bare PySide6 window, the C YAML loader, Graphviz `neato -n2`, Dia),
the ratio, the goal and PASS/FAIL.

Why ratios: absolute times differ between machines and with the load of the moment; a floor
measured a moment before on the same machine moves with them. Everything that starts a program is
timed from outside, in a subprocess, from just before it starts until it has done its work (for a
window: until its first painted frame, see floors/first_paint.py). Peak memory is the child's max
RSS from os.wait4; this process imports no flowedit and stays small, because a child's max RSS
starts from its parent's. Editors run with QT_QPA_PLATFORM=offscreen and with HOME and the XDG
folders in a temporary folder, so the user's settings, recent files and recovery copies are never
touched.

Usage: python -m benchmarks [--quick] [--runs N] [--big N] [--only WORD]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.floors.first_paint import MARK

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).resolve().parent / "floors"
SAMPLE = ROOT / "samples" / "b2b-sales.yaml"
FRAME_MS = 16.0
TIMEOUT = 900


@dataclass
class Row:
    work: str
    value: float | None  # seconds, or MB when unit == "MB"
    floor: float | None
    floor_name: str
    goal: float | None  # the largest ratio (or, with absolute=True, value) that passes
    unit: str = "s"
    absolute: bool = False
    note: str = ""
    #: flowedit's message when it refused the work (e.g. a file over its limits).
    refused: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def verdict(self) -> str:
        if self.refused:
            return f"REFUSED: {self.refused}"
        if self.goal is None or self.value is None:
            return "—" if self.value is not None else "n/a"
        measured = self.value if self.absolute else self.ratio
        if measured is None:
            return "n/a"
        return "PASS" if measured <= self.goal else "FAIL"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "ms" or value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} s"


# ---------------------------------------------------------------------- running programs
class Failed(Exception):
    def __init__(self, argv: list[str], code: int, stderr: str) -> None:
        lines = [line for line in stderr.splitlines() if line.strip()]
        last = lines[-1] if lines else f"exit status {code}"
        self.message = re.sub(r"^flowedit: .*?:\d+:\d+: ", "", last)[:100]
        super().__init__(f"{' '.join(argv)} failed ({code}):\n{stderr[-2000:]}")


class Runner:
    def __init__(self, folder: Path, runs: int) -> None:
        self.runs = runs
        home = folder / "home"
        home.mkdir()
        self.env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home),
                        XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
                        XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                        PYTHONPATH=os.pathsep.join(
                            p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))

    def run(self, argv: list[str], until: str | None = None) -> tuple[float, float, str]:
        """(seconds, peak RSS in MB, stderr): from just before the start until exit, or until a
        stderr line contains `until`. A failure raises with the program's stderr. The output
        goes to files and the child is reaped with os.wait4, which gives its own max RSS."""
        # No recovery copies or logs left by an earlier run (the probes end without saving).
        shutil.rmtree(self.env["XDG_STATE_HOME"], ignore_errors=True)
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err_file:
            began = time.perf_counter()
            child = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=out,
                                     stderr=subprocess.PIPE if until else err_file, text=True)
            elapsed = None
            lines: list[str] = []
            if until is not None:
                assert child.stderr is not None
                for line in child.stderr:
                    lines.append(line)
                    if elapsed is None and until in line:
                        elapsed = time.perf_counter() - began
                child.stderr.close()
            _, status, usage = os.wait4(child.pid, 0)
            if elapsed is None:
                elapsed = time.perf_counter() - began
            child.returncode = code = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err_file.seek(0)
            self.last_stdout = out.read()
            err = "".join(lines) + err_file.read()
        if (until is not None and until not in err) or (until is None and code != 0):
            raise Failed(argv, code, err)
        return elapsed, usage.ru_maxrss / 1024, err

    def median(self, argv: list[str], until: str | None = None) -> tuple[float, float]:
        samples = [self.run(argv, until)[:2] for _ in range(self.runs)]
        return (statistics.median(s[0] for s in samples),
                statistics.median(s[1] for s in samples))

    def pair(self, ours: list[str], floor: list[str], until: str | None = None
             ) -> tuple[tuple[float, float], tuple[float, float]]:
        """Medians of ours and the floor, run alternately so a change of load hits both."""
        a, b = [], []
        for _ in range(self.runs):
            a.append(self.run(ours, until)[:2])
            b.append(self.run(floor, until)[:2])

        def med(s: list[tuple[float, float]]) -> tuple[float, float]:
            return statistics.median(x[0] for x in s), statistics.median(x[1] for x in s)

        return med(a), med(b)


def _import_ms(stderr: str, stop: str | None = None) -> float:
    """Sum of the top-level cumulative times of `python -X importtime`, up to the line `stop`."""
    total = 0
    for line in stderr.splitlines():
        if stop and stop in line:
            break
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\S.*)$", line)
        if match:
            total += int(match.group(2))
    return total / 1e6


# ---------------------------------------------------------------------- the items
def window_rows(runner: Runner, name: str, path: Path, nodes: int) -> list[Row]:
    py = sys.executable
    script = str(FLOORS / "first_paint.py")
    (ours, _), (bare, _) = runner.pair([py, script, str(nodes), "flowedit", str(path)],
                                       [py, script, str(nodes), "bare", str(path)], until=MARK)
    return [Row(f"window visible, {name}", ours, bare, "bare PySide6 window", 1.5)]


def import_rows(runner: Runner, path: Path, nodes: int) -> list[Row]:
    py = sys.executable
    script = str(FLOORS / "first_paint.py")
    helps, argparses, editors, bares = [], [], [], []
    for _ in range(runner.runs):
        helps.append(_import_ms(runner.run([py, "-X", "importtime", "-m", "flowedit",
                                            "--help"])[2]))
        argparses.append(_import_ms(runner.run([py, "-X", "importtime", "-c",
                                                "import argparse"])[2]))
        editors.append(_import_ms(runner.run([py, "-X", "importtime", script, str(nodes),
                                              "flowedit", str(path)], until=MARK)[2], MARK))
        bares.append(_import_ms(runner.run([py, "-X", "importtime", script, str(nodes), "bare",
                                            str(path)], until=MARK)[2], MARK))
    med = statistics.median
    return [Row("imports, flowedit --help", med(helps), med(argparses),
                "python + argparse imports", 2.0, note="-X importtime"),
            Row("imports before first paint, editor", med(editors), med(bares),
                "bare window's imports", 1.5, note="-X importtime")]


def export_rows(runner: Runner, name: str, doc_path: Path, dot: Path, dia: Path | None,
                folder: Path, memory_goal: bool) -> list[Row]:
    py = sys.executable
    out = folder / "out.svg"
    ours_argv = [py, "-m", "flowedit", "export", str(doc_path), "-o", str(out)]
    neato_argv = ["neato", "-n2", "-Tsvg", str(dot), "-o", str(folder / "n.svg")]
    try:
        ours, neato = runner.pair(ours_argv, neato_argv)
    except Failed as failure:  # e.g. over flowedit's limits: the peer's figure still counts
        if failure.args[0].split()[0] != py:
            raise
        neato = runner.median(neato_argv)
        return [Row(f"SVG export, {name}", None, neato[0], "neato -n2 -Tsvg", 2.0,
                    refused=failure.message),
                Row(f"SVG export, {name}, peak memory", None, neato[1], "neato -n2 -Tsvg",
                    2.0, unit="MB", refused=failure.message)]
    rows = [Row(f"SVG export, {name}", ours[0], neato[0], "neato -n2 -Tsvg", 2.0),
            Row(f"SVG export, {name}, peak memory", ours[1], neato[1], "neato -n2 -Tsvg",
                2.0 if memory_goal else None, unit="MB")]
    if dia is not None:
        dia_time, _ = runner.median(["dia", "-n", "-t", "svg", "-e", str(folder / "d.svg"),
                                     str(dia)])
        rows.append(Row(f"SVG export, {name}", ours[0], dia_time, "dia -t svg", 1.0))
    return rows


def png_rows(runner: Runner, name: str, doc_path: Path, dot: Path | None, folder: Path,
             scale: float = 1.0) -> list[Row]:
    """PNG export (painted in strips and streamed, render/png_stream.py) beside Graphviz's
    `neato -n2 -Tpng` of the same drawing at the same pixel size (-Gdpi: 96 × scale). No goal
    in issue 13 beyond bounded memory: information, not part of the default table."""
    py = sys.executable
    ours_argv = [py, "-m", "flowedit", "export", str(doc_path), "-o", str(folder / "out.png")]
    if scale != 1.0:
        ours_argv += ["--scale", f"{scale:g}"]
        name += f", --scale {scale:g}"
    if dot is None:
        ours = runner.median(ours_argv)
        return [Row(f"PNG export, {name}", ours[0], None, "", None),
                Row(f"PNG export, {name}, peak memory", ours[1], None, "", None, unit="MB")]
    peer_argv = ["neato", "-n2", "-Tpng", f"-Gdpi={96 * scale:g}", str(dot), "-o",
                 str(folder / "n.png")]
    ours, peer = runner.pair(ours_argv, peer_argv)
    return [Row(f"PNG export, {name}", ours[0], peer[0], "neato -n2 -Tpng", None),
            Row(f"PNG export, {name}, peak memory", ours[1], peer[1], "neato -n2 -Tpng", None,
                unit="MB")]


def check_rows(runner: Runner, name: str, path: Path) -> list[Row]:
    py = sys.executable
    floor_argv = [py, str(FLOORS / "yaml_c.py"), str(path)]
    try:
        ours, floor = runner.pair([py, "-m", "flowedit", "check", str(path)], floor_argv)
    except Failed as failure:
        if "yaml_c.py" in failure.args[0].split("\n")[0]:
            raise
        floor = runner.median(floor_argv)
        return [Row(f"check, {name}", None, floor[0], "yaml.load(CSafeLoader)", 1.5,
                    refused=failure.message)]
    return [Row(f"check, {name}", ours[0], floor[0], "yaml.load(CSafeLoader)", 1.5)]


def probe(runner: Runner, what: str, path: Path) -> list[dict[str, float]]:
    results = []
    for _ in range(runner.runs):
        runner.run([sys.executable, "-m", "benchmarks.probes", what, str(path)])
        results.append(json.loads(runner.last_stdout.strip().splitlines()[-1]))
    return results


def repaint_rows(runner: Runner, name: str, path: Path) -> list[Row]:
    results = probe(runner, "repaint", path)
    items = int(results[0]["items"])
    seconds = statistics.median(r["seconds"] for r in results)
    return [Row(f"zoomed-out full repaint, {name} ({items:,} items)", seconds, FRAME_MS / 1000,
                "one frame at 60 Hz", 1.0)]


def diagram_import_rows(runner: Runner) -> list[Row]:
    """File › Import and `flowedit convert` on the largest real diagram of each format in the
    corpora (issue 19): goal 0.5 s each; the floor is parsing the same XML with defusedxml."""
    runner.run([sys.executable, "-m", "benchmarks.bench_formats", "--largest", "--repeat",
                str(max(runner.runs, 3))])
    rows = []
    for found in json.loads(runner.last_stdout.strip().splitlines()[-1]):
        rows.append(Row(f"diagram import, {found['file']} ({found['kib']:,.0f} KiB, "
                        f"{found['shapes']} shapes)", found["seconds"], found["floor"],
                        "parse of the same file", 0.5, absolute=True))
    return rows


def outline_rows(runner: Runner, name: str, path: Path) -> list[Row]:
    results = probe(runner, "outline", path)
    seconds = statistics.median(r["seconds"] for r in results)
    edit = statistics.median(r["edit_seconds"] for r in results)
    return [Row(f"Outline update after one edit, {name}", seconds, FRAME_MS / 1000,
                "one frame at 60 Hz", 1.0),
            Row(f"the edit itself (rename), {name}", edit, FRAME_MS / 1000,
                "one frame at 60 Hz", None, note="information")]


def layout_rows(runner: Runner, size: int) -> list[Row]:
    """Issue 14's goals, from benchmarks/bench_layout.py (processor time, one run each)."""
    runner.run([sys.executable, str(ROOT / "benchmarks" / "bench_layout.py"), "--sizes",
                f"100,1000,{size}", "--tidy-sizes", "100,500,2000", "--repeat", "1",
                "--moves", "20", "--json"])
    figures = json.loads(runner.last_stdout.strip().splitlines()[-1])
    big = f"{int(figures['largest']):,} stages"
    frame = FRAME_MS / 1000
    return [
        Row(f"route all arrows, {big}", figures[f"route_all_{size}"] / 1000, None, "", None,
            note="information"),
        Row(f"drag step with routing, {big}", figures["book_step"] / 1000, frame,
            "one frame at 60 Hz", 1.0, note="median through the route book"),
        Row(f"background routing, canvas's share of a step, {big}",
            figures["background_step_max"] / 1000, frame, "one frame at 60 Hz", None,
            note="worst step; information"),
        Row("Tidy Up, 500 stages", figures["tidy_500"] / 1000, 1.0, "1 s (issue 14)", 1.0),
        Row("Tidy Up, 2,000 stages", figures["tidy_2000"] / 1000, None, "", None,
            note="information"),
    ]


# ---------------------------------------------------------------------- the table
def print_table(rows: list[Row], header: str) -> None:
    table = [("work", "flowedit", "floor / peer, same run", "ratio", "goal", "result")]
    for row in rows:
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        goal = "—" if row.goal is None else (
            f"≤ {_fmt(row.goal, row.unit)}" if row.absolute else f"≤ {row.goal:g}×")
        table.append((row.work, _fmt(row.value, row.unit),
                      f"{_fmt(row.floor, row.unit)} {row.floor_name}" if row.floor else
                      row.floor_name, ratio, goal, row.verdict))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    print(header)
    for index, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="1 run and smaller processes (1,000 / 5,000 stages): a smoke test")
    parser.add_argument("--runs", type=int, help="runs per figure (default 3, --quick 1)")
    parser.add_argument("--big", type=int,
                        help="stages of the big process (default 50,000 as in issue 13, "
                             "--quick 5,000)")
    parser.add_argument("--only", action="append", default=[],
                        help="only the items whose name contains WORD (window, import, export, "
                             "check, repaint, outline, layout, diagram; png, which is not in "
                             "the default table); repeatable")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    medium, big = (1000, 5000) if args.quick else (5000, 50000)
    big = args.big or big
    wanted = [w.lower() for w in args.only]

    def want(word: str) -> bool:
        if word == "png":  # information only: not in the default table
            return any(w in word for w in wanted)
        return not wanted or any(w in word for w in wanted)

    neato = shutil.which("neato")
    dia = shutil.which("dia")
    load_before = _load()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="flowedit-bench-") as name:
        folder = Path(name)
        runner = Runner(folder, runs)
        # An installed flowedit has its bytecode (pip compiles it); a checkout run with
        # PYTHONDONTWRITEBYTECODE=1 would compile every module again in every timed run.
        compileall.compile_dir(ROOT / "flowedit", quiet=1)
        # Written by a child: this process must stay small (see floors/peer_files.py).
        subprocess.run([sys.executable, "-m", "benchmarks.floors.peer_files", str(folder),
                        str(medium), str(big)], env=runner.env, cwd=ROOT, check=True)
        files = {size: folder / f"process-{size}.yaml" for size in (medium, big)}
        b2b_nodes = SAMPLE.read_text(encoding="utf-8").count("\n    kind:")
        mid, large = f"{medium:,} stages", f"{big:,} stages"
        mid_dia = files[medium].with_suffix(".dia") if dia else None
        steps: list[tuple[str, str, Callable[[], list[Row]]]] = [
            ("window", "window visible, the B2B sample",
             lambda: window_rows(runner, "the B2B sample", SAMPLE, b2b_nodes)),
            ("window", f"window visible, {mid}",
             lambda: window_rows(runner, mid, files[medium], medium)),
            ("import", "imports", lambda: import_rows(runner, SAMPLE, b2b_nodes)),
            ("export", f"SVG export, {mid}", lambda: export_rows(
                runner, mid, files[medium], files[medium].with_suffix(".dot"), mid_dia, folder,
                False)),
            ("export", f"SVG export, {large}", lambda: export_rows(
                runner, large, files[big], files[big].with_suffix(".dot"), None, folder, True)),
            ("check", f"check, {large}", lambda: check_rows(runner, large, files[big])),
            ("png", f"PNG export, {mid}", lambda: png_rows(
                runner, mid, files[medium],
                files[medium].with_suffix(".dot") if neato else None, folder)),
            # 1:1 the big process would be 7,684 × 163,480 pixels: over what PNG viewers
            # open (65,535 a side), so refused with the largest --scale that fits, 0.4.
            ("png", f"PNG export, {large}", lambda: png_rows(
                runner, large, files[big], files[big].with_suffix(".dot") if neato else None,
                folder, scale=0.4 if big > 20_000 else 1.0)),
            ("repaint", f"zoomed-out full repaint, {mid}",
             lambda: repaint_rows(runner, mid, files[medium])),
            ("outline", f"Outline update after one edit, {mid}",
             lambda: outline_rows(runner, mid, files[medium])),
            ("layout", f"routing and Tidy Up, {mid}", lambda: layout_rows(runner, medium)),
            ("diagram", "diagram import, largest corpus files",
             lambda: diagram_import_rows(runner)),
        ]
        for word, label, step in steps:
            if not want(word):
                continue
            if word == "export" and not neato:
                print("graphviz is not installed (benchmarks/setup.sh): export skipped",
                      file=sys.stderr)
                continue
            print(f"… {word}", file=sys.stderr, flush=True)
            try:
                rows += step()
            except Failed as failure:
                if not failure.args[0].startswith(sys.executable):
                    raise  # a floor or peer failed: the benchmark itself is broken
                rows.append(Row(label, None, None, "", None, refused=failure.message))
    print_table(rows, f"flowedit speed, issue 13 — medians of {runs} run(s); "
                      f"load average before {load_before}, after {_load()}; "
                      f"{os.cpu_count()} cores" + ("" if dia else "; Dia not installed"))
    return 1 if any(row.verdict == "FAIL" or row.refused for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
