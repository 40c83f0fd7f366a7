"""How big a process may be: the one list of limits that the reader checks when a file is opened
and the document checks at every edit that would cross one, so that flowedit never writes a file
it would refuse to open again. No Qt here.

The limits keep every accepted file workable: the worst file they allow (benchmarks/bench_limits.py)
is checked, measured and opened within a minute and a few hundred MB. Real processes are far below.
"""

from __future__ import annotations

MAX_LANES = 500
#: Measured with benchmarks/bench_limits.py: 5,000 shapes joined by 10,000 random arrows (every
#: stage in one big loop) are checked in 2 s, their metrics computed in 3 s, and the editor paints
#: them in under 20 s and 400 MB; at 20,000 shapes and 200,000 arrows the metrics ran for more
#: than ten minutes and the editor grew past 13 GB.
MAX_NODES = 5_000
MAX_EDGES = 10_000
#: Arrows leaving one shape, and arrows entering one shape: a decision has a handful of answers.
MAX_FAN = 100
#: File size in bytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Sub-processes inside sub-processes: levels below the top one. A file nests three values per
#: level, so eight levels stay within the reader's nesting limit (io/yaml_tree.py MAX_DEPTH).
MAX_LEVELS = 8
