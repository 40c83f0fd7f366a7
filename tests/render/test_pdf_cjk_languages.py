"""Chinese and Japanese exported in one session each keep their own CJK font.

Qt cached the engine of DejaVu Sans + the Japanese families and of DejaVu Sans + the Chinese
families under one key (the first family), so the language drawn first at a size set the Han
characters of the other: a Chinese PDF exported after a Japanese one embedded Noto Sans CJK JP.
"""

from __future__ import annotations

import re

import pytest

from flowedit.io import loads_document
from flowedit.render.export import render_bytes

ZH = "无效联系人"
JA = "見込み客"  # Han characters and kana


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Exports need a QGuiApplication for fonts."""


def _cjk_fonts(name: str) -> set[bytes]:
    text = (f"flowedit: 1\ntitle: x\nlanes:\n  - {{id: a, name: A, height: 240}}\nnodes:\n"
            f"  - {{id: n, kind: stage, name: {name}, lane: a, x: 200, y: 90}}\nedges: []\n")
    data = render_bytes(loads_document(text, "cjk.yaml"), "pdf")
    fonts = set(re.findall(rb"/BaseFont /(?:[A-Z]{6}\+)?([\w-]+)", data))
    return {font for font in fonts if b"CJK" in font}


@pytest.mark.parametrize("order", [(ZH, JA, ZH), (JA, ZH, JA)])
def test_each_language_keeps_its_font_whichever_came_first(order: tuple[str, ...]) -> None:
    for name in order:
        cjk = _cjk_fonts(name)
        wanted = b"CJKsc-" if name == ZH else b"CJKjp-"
        assert cjk and all(wanted in font for font in cjk), (name, cjk)
