"""`flowedit convert IN OUT`: either side a foreign format or .yaml, --page, warnings on stderr,
exit 2 with one clear line on bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.cli.main import SUBCOMMANDS, main
from flowedit.io import load_document
from flowedit.io.formats import sniff_format

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def test_convert_is_a_subcommand() -> None:
    assert "convert" in SUBCOMMANDS


@pytest.mark.parametrize("extension", [".drawio", ".bpmn", ".mmd", ".graphml", ".dot", ".vsdx"])
def test_yaml_to_format_and_back(tmp_path: Path, extension: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"sales{extension}"
    assert main(["convert", str(SAMPLE), str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out} (20 shapes, 22 arrows, 4 lanes)\n"
    back = tmp_path / "back.yaml"
    assert main(["convert", str(out), str(back)]) == 0
    original, again = load_document(SAMPLE), load_document(back)
    assert {n.id: (n.kind, n.name, n.lane) for n in again.nodes.values()} == {
        n.id: (n.kind, n.name, n.lane) for n in original.nodes.values()}


def test_page_is_chosen_and_warnings_are_printed(tmp_path: Path, corpora: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = corpora / "drawio-diagrams" / "blog__sourdough-process.drawio"
    assert main(["convert", str(source), str(tmp_path / "b.yaml"), "--page", "2"]) == 0
    err = capsys.readouterr().err
    assert f"flowedit: {source}: the file has 2 pages" in err
    assert "page 2, 'Make sourdough loaf', was imported" in err


@pytest.mark.parametrize(("args", "message"), [
    (["missing.bpmn", "out.yaml"], "missing.bpmn: no such file"),
    ([str(SAMPLE), "out.pdfx"], "cannot export to this kind of file"),
    ([str(SAMPLE), "out.bpmn", "--page", "2"], "--page is for diagrams with several pages"),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str], args: list[str],
                                        message: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["convert", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out.yaml").exists() and not (tmp_path / "out.bpmn").exists()


def test_a_missing_page_exits_2(tmp_path: Path, corpora: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    source = corpora / "visio" / "test1.vsdx"
    assert main(["convert", str(source), str(tmp_path / "x.yaml"), "--page", "Nope"]) == 2
    assert "there is no page 'Nope'; the pages are 1: Page-1, 2: Page-2, 3: Page-3" in \
        capsys.readouterr().err


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("a.xml", b'<?xml version="1.0"?><mxfile host="x">', "drawio"),
    ("a.xml", b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">', "bpmn"),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" content="&lt;mxfile ', "drawio"),
    ("a.txt", b"flowchart LR\n A-->B", "mermaid"),
    ("a.txt", b"graph TD\n A-->B", "mermaid"),
    ("a.txt", b"digraph G { a -> b }", "dot"),
    ("a.txt", b"graph { a -- b }", "dot"),
    ("a.md", b"# Notes\n```mermaid\nflowchart LR\n```", "mermaid"),
    ("a.vsdx", b"PK\x03\x04rest", "vsdx"),
    ("a.zip", b"PK\x03\x04rest", None),
    ("a.graphml", b"<?xml version='1.0'?><graphml xmlns='x'>", "graphml"),
    ("a.txt", b"hello", None),
])
def test_sniff_format_reads_the_contents_first(name: str, head: bytes,
                                               expected: str | None) -> None:
    assert sniff_format(name, head) == expected


def test_a_mermaid_chart_is_laid_out_with_tidy_up(tmp_path: Path) -> None:
    from flowedit.layout.tidy import tidy

    source = tmp_path / "lead.mmd"
    source.write_text("flowchart LR\n  a([Lead]) --> b[Call]\n  b --> c{Fit?}\n"
                      "  c -->|yes| d[Offer]\n  c -->|no| e(((Lost)))\n  d --> f(((Won)))\n",
                      encoding="utf-8")
    out = tmp_path / "lead.yaml"
    assert main(["convert", str(source), str(out)]) == 0
    doc = load_document(out)
    tidied = tidy(doc)
    assert {n: (doc.nodes[n].x, doc.nodes[n].y) for n in tidied.positions} == \
        tidied.positions  # already where Tidy Up puts it


def test_tidy_lays_out_a_file_with_positions_and_drops_its_bends(tmp_path: Path,
                                                                corpora: Path) -> None:
    from flowedit.layout.tidy import tidy

    source = corpora / "drawio-diagrams" / "templates__flowcharts__cross_functional_flowchart_2.xml"
    plain, tidied = tmp_path / "plain.yaml", tmp_path / "tidied.yaml"
    assert main(["convert", str(source), str(plain)]) == 0
    assert main(["convert", str(source), str(tidied), "--tidy"]) == 0
    before, after = load_document(plain), load_document(tidied)
    assert any(edge.points for edge in before.edges.values())
    assert not any(edge.points for edge in after.edges.values())
    assert tidy(before).positions != {n: (before.nodes[n].x, before.nodes[n].y)
                                      for n in before.nodes}
    layout = tidy(after)
    assert layout.positions == {n: (after.nodes[n].x, after.nodes[n].y) for n in after.nodes}
