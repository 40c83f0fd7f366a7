"""How big a process may be: the one list of limits that the reader checks when a file is opened
and the document checks at every edit that would cross one, so that flowedit never writes a file
it would refuse to open again. No Qt here.

The limits keep every accepted file workable: the worst file they allow (benchmarks/bench_limits.py)
is checked and measured within a minute and 1 GB; the editor opens up to EDITOR_MAX_NODES shapes
and refuses larger files with the reason. Real processes are far below.
"""

from __future__ import annotations

MAX_LANES = 500
#: 50,000 stages: the biggest process issue 13 asks to check and export. Arrows are at most twice
#: the shapes, so every accepted file stays sparse: the metrics solve it directly while the loops
#: are small and iteratively within a fixed budget when one big loop holds thousands of stages
#: (analysis/metrics.py), where a direct solve of 20,000 shapes and 200,000 random arrows once ran
#: for more than ten minutes. benchmarks/bench_limits.py measures the worst file these allow.
MAX_NODES = 50_000
MAX_EDGES = 100_000
#: Arrows leaving one shape, and arrows entering one shape: a decision has a handful of answers.
MAX_FAN = 100
#: File size in bytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Sub-processes inside sub-processes: levels below the top one. A file nests three values per
#: level, so eight levels stay within the reader's nesting limit (io/yaml_tree.py MAX_DEPTH).
MAX_LEVELS = 8

#: The editor opens at most this much: issue 11 measured it painting 5,000 shapes and 10,000
#: random arrows in under 20 s and 400 MB, while the 50,000-stage process of issue 13 was not
#: on screen after 150 s (offscreen, shared 2-core machine under load 8; 670 MB by then). Larger
#: files are still checked, measured and exported; the editor refuses them with the reason.
EDITOR_MAX_NODES = 5_000
EDITOR_MAX_EDGES = 10_000


def fits_editor(nodes: int, edges: int) -> bool:
    """Whether the editor opens a process of this size (io.load_for_editor words the refusal)."""
    return nodes <= EDITOR_MAX_NODES and edges <= EDITOR_MAX_EDGES
