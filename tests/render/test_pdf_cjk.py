"""Chinese names in a PDF export come out of `pdftotext` exactly as written (issue 11).

CJK fonts share one glyph between 无 and the Kangxi radical ⽆, and Qt's PDF maps the glyph back to
the radical: "⽆效联系⼈" was extracted and a search for 无效联系人 failed. The text is compared
byte for byte, with no Unicode normalisation. Chinese is also set in the Simplified Chinese font,
not the Japanese one Qt picks by default.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flowedit.io import loads_document
from flowedit.render import style
from flowedit.render.export import render_bytes
from flowedit.render.handout import render_handout
from flowedit.render.pdf_text import restore_han

PDFTOTEXT = shutil.which("pdftotext")
NAMES = ("无效联系人", "产品演示与跟进", "合格吗？", "成交")
PROCESS = """\
flowedit: 1
title: 销售流程
lanes:
  - {id: xs, name: 销售代表, height: 240}
nodes:
  - {id: lead, kind: start, name: 新线索, lane: xs, x: 140, y: 90}
  - {id: ok, kind: decision, name: 合格吗？, lane: xs, x: 340, y: 90}
  - {id: bad, kind: end, name: 无效联系人, lane: xs, x: 340, y: 200, outcome: lost}
  - {id: demo, kind: stage, name: 产品演示与跟进, lane: xs, x: 560, y: 90}
  - {id: won, kind: end, name: 成交, lane: xs, x: 760, y: 90, outcome: won}
edges:
  - {from: lead, to: ok}
  - {from: ok, to: bad, label: 否}
  - {from: ok, to: demo, label: 是}
  - {from: demo, to: won}
"""


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Exports need a QGuiApplication for fonts."""


def _pdftotext(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    return subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (Debian: poppler-utils) is not "
                                              "installed; .ci/run installs it")
@pytest.mark.parametrize("handout", [False, True])
def test_pdftotext_returns_the_exact_chinese_names(tmp_path: Path, handout: bool) -> None:
    doc = loads_document(PROCESS, "zh.yaml")
    data = render_handout(doc) if handout else render_bytes(doc, "pdf")
    lines = {line.strip() for line in _pdftotext(data, tmp_path).splitlines()}
    for name in NAMES:
        assert name in lines, f"{name!r} not extracted; got {sorted(lines)}"


def test_chinese_is_set_in_the_simplified_chinese_font() -> None:
    data = render_bytes(loads_document(PROCESS, "zh.yaml"), "pdf")
    fonts = set(re.findall(rb"/BaseFont /(?:[A-Z]{6}\+)?([\w-]+)", data))
    cjk = {font for font in fonts if b"CJK" in font}
    assert cjk, f"no CJK font in {fonts}"
    assert all(re.search(rb"CJKsc-", font) for font in cjk), cjk


@pytest.mark.parametrize(("text", "language"), [
    ("无效联系人", "zh"), ("Lead 产品", "zh"), ("見込み客", "ja"), ("カード", "ja"),
    ("잠재 고객", "ko"), ("Lead", None), ("Прospect", None)])
def test_the_cjk_language_follows_the_script(text: str, language: str | None) -> None:
    assert style.cjk_language(text) == language


def test_a_radical_that_was_really_written_is_kept() -> None:
    cmap = (b"begincmap\n1 beginbfchar\n<0003> <2F46>\nendbfchar\n1 beginbfrange\n"
            b"<0001> <0002> [<2F08> <2F46>]\nendbfrange\nendcmap")
    assert restore_han(cmap, "无人") == cmap.replace(b"<2F08>", b"<4EBA>").replace(
        b"<2F46>", b"<65E0>")
    assert restore_han(cmap, "⽆") == cmap
