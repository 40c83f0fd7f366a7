"""`flowedit metrics` lines up its columns for Chinese names too (issue 11).

A Chinese character takes two terminal columns; the table counted one, so every figure after a
Chinese name sat left of the figures above and below it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from flowedit.cli.common import display_width, shortened
from flowedit.cli.main import main

PROCESS = """\
flowedit: 1
title: 销售流程
lanes:
  - {id: mk, name: 市场部, height: 200}
  - {id: xs, name: Sales reps, height: 200}
nodes:
  - {id: lead, kind: start, name: 新线索, lane: mk, x: 140, y: 90}
  - {id: check, kind: stage, name: 资格审查, lane: mk, x: 340, y: 90, duration_days: 2}
  - {id: demo, kind: stage, name: Product demo, lane: xs, x: 540, y: 290, duration_days: 5}
  - {id: bad, kind: end, name: 无效联系人, lane: mk, x: 540, y: 90, outcome: lost}
  - {id: won, kind: end, name: Won, lane: xs, x: 740, y: 290, outcome: won}
edges:
  - {from: lead, to: check}
  - {from: check, to: bad, probability: 0.4}
  - {from: check, to: demo, probability: 0.6}
  - {from: demo, to: won}
"""


def _columns(line: str) -> list[int]:
    """The terminal column where each cell of a table line ends."""
    ends, column = [], 0
    for index, char in enumerate(line):
        column += display_width(char)
        if char != " " and (index + 1 == len(line) or line[index + 1] == " "):
            ends.append(column)
    return ends


def test_the_stage_and_end_tables_line_up_in_a_terminal(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "zh.yaml"
    path.write_text(PROCESS, encoding="utf-8")
    assert main(["metrics", str(path)]) == 0
    out = capsys.readouterr().out
    tables = [block.splitlines() for block in out.split("\n\n")[1:3]]
    for table in tables:
        _header, rule, *rows = table
        right_edges = _columns(rule)
        for row in rows:
            # the figures (right-aligned, from the third column on) end where the rule does
            assert _columns(row)[-3:] == right_edges[-3:], f"\n{rule}\n{row}"
        starts = {display_width(row[:row.index(cell)]) for row in rows
                  for cell in row.split("  ")[1:2] if cell.strip()}
        assert len(starts) == 1, f"the second column starts at columns {starts}:\n" + "\n".join(
            table)


def test_a_long_chinese_name_is_shortened_to_the_width_not_the_count() -> None:
    name = "产品演示与跟进" * 5
    short = shortened(name, 20)
    assert display_width(short) <= 20 and short.endswith("…")
    assert all(unicodedata.east_asian_width(char) == "W" for char in short[:-1])
