"""A handout a trainee can read (issue 16): the diagram printed with no text below 7 pt (checked
with `pdftotext -bbox` and with the font sizes pypdf reports), each shape numbered as its section,
the numbers linked to the sections, bookmarks, "Then" items giving the section number, durations
kept on one line, room for notes, and a section per sub-process level."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from flowedit.io import load_document
from flowedit.render.export import ExportOptions
from flowedit.render.handout import render_handout

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"
NESTED = ROOT / "samples" / "b2b-with-prospecting.yaml"
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a QGuiApplication: pytest-qt's."""


def diagram_pages(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        if float(page.mediabox.width) < float(page.mediabox.height):
            break
        count += 1
    return count


def bbox_words(pdf: Path, first: int, last: int) -> list[tuple[str, float, float, float]]:
    """(word, xMin, yMin, height) of the words `pdftotext -bbox` finds on pages first..last."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils")
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(first), "-l", str(last), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for element in ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out)).iter():
        if element.tag.endswith("word"):
            y_min, y_max = float(element.get("yMin")), float(element.get("yMax"))
            words.append(((element.text or "").strip(), float(element.get("xMin")), y_min,
                          y_max - y_min))
    return words


def font_sizes(reader: PdfReader, count: int) -> list[tuple[str, float]]:
    """(text, size in points as printed) of every piece of text on the first `count` pages."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            scale *= math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
            found.append((text.strip(), size * scale))

    for page in reader.pages[:count]:
        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("page", ["a4", "letter"])
def test_the_diagram_prints_no_text_below_7_points(tmp_path: Path, sample: Path,
                                                   page: str) -> None:
    doc = load_document(sample)
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_handout(doc, ExportOptions(page=page)))
    reader = PdfReader(pdf)
    count = diagram_pages(reader)
    assert count >= 1
    words = bbox_words(pdf, 1, count)
    assert words
    # Lane names are written upwards: their box's height is their length (pypdf below
    # measures them as well)
    upright = {word for lane in doc.lanes for word in lane.name.split()}
    small = [(word, round(height, 2)) for word, _x, _y, height in words
             if height < 7.0 and word not in upright]
    assert not small, small
    sizes = font_sizes(reader, count)
    assert sizes
    tiny = [(text, round(size, 2)) for text, size in sizes if size < 7.0 - 1e-6]
    assert not tiny, tiny


def test_shapes_carry_their_section_numbers_linked_to_the_sections(tmp_path: Path) -> None:
    doc = load_document(B2B)
    data = render_handout(doc)
    reader = PdfReader(io.BytesIO(data))
    count = diagram_pages(reader)
    titles: dict[str, int] = {}

    def walk(items) -> None:  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles[item.title] = reader.get_destination_page_number(item)

    walk(reader.outline)
    assert titles["Diagram"] == 0
    assert "The main path: from the start to a won deal" in titles
    assert titles["5. Qualified?"] >= count
    assert len([title for title in titles if re.match(r"\d+\. ", title)]) == len(doc.nodes)
    diagram_words = {word for page in reader.pages[:count]
                     for word in page.extract_text().split()}
    assert {str(n) for n in range(1, len(doc.nodes) + 1)} <= diagram_words
    linked: dict[int, set[int]] = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            if link.get("/Subtype") == "/Link" and "/Dest" in link:
                target = reader.get_page_number(link["/Dest"][0].get_object())
                linked.setdefault(index, set()).add(target)
    assert titles["5. Qualified?"] in set().union(*(linked.get(i, set()) for i in range(count)))
    sections = set().union(*(targets for page, targets in linked.items() if page >= count))
    assert titles["7. Prepare proposal"] in sections  # "Then: → Prepare proposal (section 7)"


def test_then_gives_the_section_number_and_durations_stay_on_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(render_handout(load_document(B2B)))
    reader = PdfReader(pdf)
    count = diagram_pages(reader)
    text = " ".join(unicodedata.normalize("NFKC", page.extract_text())
                    for page in reader.pages[count:])
    text = " ".join(text.split())
    assert "→ Prepare proposal (section 7)" in text
    assert "If 'Not yet' → Nurture (40%) (section 16)" in text
    assert text.count("Notes") == 20
    words = bbox_words(pdf, count + 1, len(reader.pages))
    for index, (word, _x, y, _h) in enumerate(words):
        if word == "about" and index + 2 < len(words) and words[index + 2][0].startswith("day"):
            phrase = words[index:index + 3]
            assert {round(w[2]) for w in phrase} == {round(y)}, phrase


def test_a_section_per_sub_process_level() -> None:
    data = render_handout(load_document(NESTED))
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
                    for page in reader.pages[diagram_pages(reader):])
    assert "Inside 2. Prospecting: its sub-process" in text
    assert "2.1. Target account assigned" in text
    assert re.search(r"2\.\d+\. Research", text)
    assert text.index("21. ") < text.index("2.1. Target account assigned")
