"""Shared helpers of the calibration tests: the sample processes, small exports written by hand."""

from __future__ import annotations

from pathlib import Path

from flowedit.io import load_document
from flowedit.model import Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CRM_DATA = ROOT.parent / "shared" / "corpora" / "crm-data"


def sample(name: str) -> Document:
    return load_document(SAMPLES / name)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
