"""Recovery copies of unsaved work, kept in the user's state folder, never beside the user's file.

One copy per open document: the document as a normal process file plus a small JSON record of
which file it belongs to (none for an untitled document) and when it was written. A clean save or
close removes the copy; a copy found at start-up means flowedit did not end cleanly. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from flowedit.io.atomic import write_atomic
from flowedit.io.flowfile import dumps_document, load_document
from flowedit.model import Document


def state_folder() -> Path:
    """Where flowedit keeps logs and recovery copies (XDG_STATE_HOME on Linux)."""
    import platformdirs  # here: the editor's first paint does not wait for it

    return Path(platformdirs.user_state_dir("flowedit", appauthor=False))


@dataclass(frozen=True)
class RecoveryCopy:
    copy_path: Path
    original: Path | None  # the user's file, or None for an untitled document
    written_at: float  # seconds since the epoch
    title: str
    #: Why the copy's record could not be read (then the file it belongs to is unknown).
    problem: str | None = None

    def load(self) -> Document:
        return load_document(self.copy_path)

    def original_written_at(self) -> float | None:
        try:
            return self.original.stat().st_mtime if self.original else None
        except OSError:
            return None


class RecoveryStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = (folder or state_folder()) / "recovery"

    def key_for(self, original: Path | None) -> str:
        """A stable name per file (so a newer copy replaces the older one); a fresh one per
        untitled document."""
        import hashlib
        import uuid

        if original is None:
            return f"untitled-{uuid.uuid4().hex[:12]}"
        digest = hashlib.sha256(str(original.resolve()).encode("utf-8", "surrogateescape"))
        return f"{original.stem[:40]}-{digest.hexdigest()[:12]}"

    def write(self, key: str, doc: Document, original: Path | None) -> Path:
        """Writes the copy atomically; raises FlowSaveError if the state folder is unwritable."""
        import json

        self.folder.mkdir(parents=True, exist_ok=True)
        copy_path = self.folder / f"{key}.yaml"
        write_atomic(copy_path, dumps_document(doc).encode("utf-8"))
        record = {"original": str(original.resolve()) if original else None,
                  "written_at": time.time(), "title": doc.title}
        write_atomic(self.folder / f"{key}.json", json.dumps(record).encode("utf-8"))
        return copy_path

    def has(self, key: str) -> bool:
        try:
            return (self.folder / f"{key}.json").exists()
        except OSError:
            return False

    def remove(self, key: str) -> None:
        for suffix in (".yaml", ".json"):
            with contextlib.suppress(OSError):  # gone already, or the folder is unusable
                os.unlink(self.folder / f"{key}{suffix}")

    def copies(self) -> list[RecoveryCopy]:
        """Every recovery copy left behind, newest first. A copy whose record cannot be read is
        still offered, with the reason as its `problem`: the work in it is not lost for want
        of knowing which file it belongs to."""
        found = []
        if not self.folder.is_dir():
            return found
        for record_path in self.folder.glob("*.json"):
            copy_path = record_path.with_suffix(".yaml")
            try:
                found.append(_read_record(record_path, copy_path))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
                unreadable = _unreadable(record_path, copy_path, error)
                if unreadable is not None:
                    found.append(unreadable)
        return sorted(found, key=lambda copy: copy.written_at, reverse=True)

    def key_of(self, copy: RecoveryCopy) -> str:
        return copy.copy_path.stem


def _read_record(record_path: Path, copy_path: Path) -> RecoveryCopy:
    import json

    record = json.loads(record_path.read_text(encoding="utf-8"))
    original = Path(record["original"]) if record.get("original") else None
    return RecoveryCopy(copy_path, original, float(record["written_at"]),
                        str(record.get("title", "")))


def _unreadable(record_path: Path, copy_path: Path, error: Exception) -> RecoveryCopy | None:
    """The copy of a broken record, dated by the copy file; None when no copy is left."""
    try:
        written_at = copy_path.stat().st_mtime
    except OSError:
        return None
    reason = error.strerror if isinstance(error, OSError) and error.strerror else (
        f"{type(error).__name__}: {error}")
    return RecoveryCopy(copy_path, None, written_at, "",
                        problem=f"its record {record_path.name} could not be read ({reason})")
