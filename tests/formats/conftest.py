"""Fixtures of the format tests: the corpora of real diagrams beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_corpus import CORPORA


@pytest.fixture
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"the corpora of real diagrams are not at {CORPORA} (they lie beside the "
                    "repository in CI and on the team's machines)")
    return CORPORA
