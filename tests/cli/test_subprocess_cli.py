"""The command line across sub-processes (issue 18): `export --level`, a PDF with a page per
level and links from each stage to its sub-process's page, `diff` inside sub-processes, and
`check`/`metrics --flatten`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from flowedit.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b2b-with-prospecting.yaml"


def test_export_level_draws_the_sub_process_alone(tmp_path: Path) -> None:
    whole, inside = tmp_path / "whole.png", tmp_path / "inside.png"
    assert main(["export", str(SAMPLE), "-o", str(whole)]) == 0
    assert main(["export", str(SAMPLE), "-o", str(inside), "--level", "prospecting"]) == 0
    assert QImage(str(inside)).size() != QImage(str(whole)).size()
    svg = tmp_path / "inside.svg"
    assert main(["export", str(SAMPLE), "-o", str(svg), "--level", "prospecting"]) == 0
    text = svg.read_text(encoding="utf-8")
    assert "Cadence" in text and "Qualification call" not in text


def test_export_level_that_is_not_there_says_so(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.png"
    assert main(["export", str(SAMPLE), "-o", str(out), "--level", "prospecting/nope"]) == 2
    error = capsys.readouterr().err
    assert "--level prospecting/nope" in error and "Traceback" not in error
    assert not out.exists()


def test_a_pdf_has_a_page_per_level_and_the_stage_links_to_its_page(tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) == 2
    assert "Cadence" in reader.pages[1].extract_text()
    links = [annotation.get_object() for annotation in reader.pages[0].annotations or []]
    assert len(links) == 1
    (link,) = links
    assert link["/Subtype"] == "/Link"
    assert link["/Dest"][0].get_object() == reader.pages[1].get_object()
    # The box is where the Prospecting stage is drawn: its name is inside it.
    left, bottom, right, top = (float(v) for v in link["/Rect"])
    found = []
    reader.pages[0].extract_text(visitor_text=lambda text, cm, tm, *_: found.append(
        (text, cm[0] * tm[4] + cm[2] * tm[5] + cm[4], cm[1] * tm[4] + cm[3] * tm[5] + cm[5])))
    assert any("Prospecting" in text and left <= x <= right and bottom <= y <= top
               for text, x, y in found)


def test_a_pdf_of_a_process_without_sub_processes_has_one_page_and_no_links(
        tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    assert main(["export", str(ROOT / "samples" / "b2b-sales.yaml"), "-o", str(out)]) == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    assert not reader.pages[0].annotations


def test_diff_reports_a_change_inside_a_sub_process_with_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new.yaml"
    new.write_text(SAMPLE.read_text(encoding="utf-8").replace(
        "name: Cadence", "name: Call cadence"), encoding="utf-8")
    assert main(["diff", str(SAMPLE), str(new)]) == 0
    text = capsys.readouterr().out
    assert "Inside Complex B2B sales process with a prospecting sub-process › Prospecting:" in text
    assert "'Cadence' renamed to 'Call cadence'" in text
    assert main(["diff", str(SAMPLE), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["differences"] is True
    (level,) = data["levels"]
    assert level["level"] == ["prospecting"]
    assert level["nodes"]["changed"][0]["fields"]["name"] == ["Cadence", "Call cadence"]


def test_diff_of_equal_files_with_sub_processes_finds_none(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SAMPLE), str(SAMPLE)]) == 0
    assert capsys.readouterr().out.strip() == "No differences"


def test_metrics_flatten_lists_every_level_and_keeps_the_figures(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["metrics", str(SAMPLE), "--format", "json"]) == 0
    top = json.loads(capsys.readouterr().out)
    assert main(["metrics", str(SAMPLE), "--format", "json", "--flatten"]) == 0
    flat = json.loads(capsys.readouterr().out)
    assert "prospecting.cadence" in flat["nodes"] and "prospecting.cadence" not in top["nodes"]
    assert flat["win_rate"] == pytest.approx(top["win_rate"])


def test_check_flatten_checks_the_flattened_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--flatten", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == ""
