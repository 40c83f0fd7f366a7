"""Where the corpora of real diagrams lie: beside the repository (../shared/corpora), in CI
too. Tests that need them skip with that reason when the folder is absent."""

from __future__ import annotations

from pathlib import Path

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"


def corpus_files(folder: str, *patterns: str) -> list[Path]:
    """The corpus files of a folder, for parametrizing; empty when the corpora are absent."""
    root = CORPORA / folder
    if not root.is_dir():
        return []
    found: set[Path] = set()
    for pattern in patterns:
        found.update(root.rglob(pattern))
    return sorted(found)


def file_id(path: Path) -> str:
    return str(path.relative_to(CORPORA))
