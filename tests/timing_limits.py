"""Wall-clock limits, checked only with `pytest --timing` (tests/conftest.py sets ENABLED).

A test's correctness checks always run; how long it took depends on the machine and its load,
so a time limit alone never fails the default run. Work is bounded by counting instead (sizes,
values visited, memory); benchmarks/ measures the times.
"""

from __future__ import annotations

ENABLED = False


def within(elapsed: float, seconds: float, what: str = "") -> None:
    """Asserts `elapsed` < `seconds` when timing limits are on."""
    if ENABLED:
        assert elapsed < seconds, f"{what or 'took'} {elapsed:.2f} s (limit {seconds} s)"
