"""Qt signal bookkeeping shared by the panels and the canvas bars that follow one editor at a
time. No widgets here."""

from __future__ import annotations

import contextlib
import warnings


def disconnect_all(connections: list[tuple[object, object]]) -> None:
    """Undoes the given (signal, slot) connections and empties the list; a connection whose
    sender is already gone is skipped quietly."""
    for signal, slot in connections:
        with warnings.catch_warnings(), contextlib.suppress(RuntimeError, TypeError):
            warnings.simplefilter("ignore")
            signal.disconnect(slot)  # type: ignore[attr-defined]
    connections.clear()
