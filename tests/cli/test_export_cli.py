"""`flowedit export FILE -o OUT.png|OUT.svg|OUT.pdf` as people and scripts run it.

Exit status 0 when the file was written; 2 with one line on stderr (never a traceback) when it was
not. Most runs call `main()` in process (fast); a few start `python -m flowedit` the way a user
does, with no display, to show the command sets up headless Qt by itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase, QImage

from flowedit.cli.main import main
from flowedit.io import load_document
from flowedit.render.export import Diagram, ExportOptions, png_size

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"

CHINESE = """\
flowedit: 1
title: 销售流程
lanes:
  - {id: sales, name: 销售部}
  - {id: legal, name: 法务}
nodes:
  - {id: lead, kind: start, name: 新线索 <A&B>, lane: sales, x: 140, y: 90}
  - {id: qual, kind: decision, name: 资格审查?, lane: sales, x: 340, y: 90}
  - {id: won, kind: end, name: 赢单, lane: legal, x: 340, y: 270, outcome: won}
  - {id: lost, kind: end, name: 丢单 "no", lane: legal, x: 540, y: 270, outcome: lost}
edges:
  - {from: lead, to: qual}
  - {from: qual, to: won, label: 是}
  - {from: qual, to: lost, label: 否}
"""


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """In-process runs reuse pytest-qt's QApplication instead of making a QGuiApplication, which
    would keep later widget tests from starting."""


@pytest.fixture
def chinese(tmp_path: Path) -> Path:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.fail("no installed font can draw Chinese: install one, e.g. Debian's "
                    "fonts-noto-cjk (see 'Fonts' in README.md); .ci/run does it as root")
    path = tmp_path / "中文流程.yaml"
    path.write_text(CHINESE, encoding="utf-8")
    return path


def export(*args: str | Path) -> int:
    return main(["export", *map(str, args)])


def squash(text: str) -> str:
    """Whitespace dropped (wrapping breaks names anywhere), ligatures like 'ﬁ' spelled out."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def shown_text(path: Path) -> str:
    """The text an exported SVG or PDF shows, squashed."""
    if path.suffix == ".svg":
        root = ET.parse(path).getroot()
        assert not list(root.iter(f"{SVG}foreignObject"))
        return squash("".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


def node_names(path: Path, lane: str | None = None) -> list[str]:
    return [node.name for node in load_document(path).nodes.values()
            if lane is None or node.lane == lane]


# ---------------------------------------------------------------------------------- formats
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_every_sample_exports_in_every_format(sample: Path, fmt: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{sample.stem}.{fmt}"
    assert export(sample, "-o", out) == 0
    assert capsys.readouterr() == ("", "")
    if fmt == "png":
        image = QImage(str(out))
        expected = png_size(Diagram(load_document(sample)), ExportOptions())
        assert (image.width(), image.height()) == (expected.width(), expected.height())
    else:
        text = shown_text(out)
        for name in node_names(sample):
            assert squash(name) in text, name


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_chinese_and_markup_characters_come_out_right(chinese: Path, fmt: str,
                                                      tmp_path: Path) -> None:
    out = tmp_path / f"流程.{fmt}"
    assert export(chinese, "-o", out) == 0
    text = shown_text(out)
    for name in [*node_names(chinese), "销售部", "法务", "是", "否"]:
        assert squash(name) in text, name
    if fmt == "svg":
        assert ET.parse(out).getroot().findtext(f"{SVG}title") == "销售流程"


def test_png_options_scale_dpi_and_transparent(chinese: Path, tmp_path: Path) -> None:
    plain, big = tmp_path / "plain.png", tmp_path / "big.png"
    assert export(chinese, "-o", plain) == 0
    assert export(chinese, "-o", big, "--scale", "1.5", "--dpi", "192", "--transparent") == 0
    small, large = QImage(str(plain)), QImage(str(big))
    assert large.width() == pytest.approx(small.width() * 3, abs=2)
    assert large.height() == pytest.approx(small.height() * 3, abs=2)
    assert large.dotsPerMeterX() == round(192 / 0.0254)
    assert small.pixelColor(0, 0).alpha() == 255
    assert large.pixelColor(0, 0).alpha() == 0
    assert large.pixelColor(large.width() - 1, large.height() - 1).alpha() == 0


def test_pdf_page_option(chinese: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.pdf"
    assert export(chinese, "-o", out, "--page", "Letter") == 0
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)


def test_a_lane_export_contains_only_that_lanes_names(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "b2b-sales.yaml"
    lanes = [lane.id for lane in load_document(sample).lanes]
    for lane in lanes[:2]:
        out = tmp_path / f"{lane}.svg"
        assert export(sample, "-o", out, "--lane", lane) == 0
        text = shown_text(out)
        for name in node_names(sample, lane):
            assert squash(name) in text, name
        others = [name for name in node_names(sample) if name not in node_names(sample, lane)]
        assert others
        for name in others:
            assert squash(name) not in text, name


def test_flags_change_the_picture_only_when_asked(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(CHINESE.replace("  - {from: lead, to: qual}\n", ""), encoding="utf-8")
    plain, flagged = tmp_path / "plain.svg", tmp_path / "flagged.svg"
    assert export(broken, "-o", plain) == 0
    assert export(broken, "-o", flagged, "--flags") == 0
    assert "#d32f2f" not in plain.read_text(encoding="utf-8")
    assert "#d32f2f" in flagged.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------- bad input
def _bad_inputs(tmp_path: Path, chinese: Path) -> dict[str, tuple[list[str | Path], str]]:
    broken = tmp_path / "broken.yaml"
    broken.write_text("flowedit: 1\nnodes: [\n", encoding="utf-8")
    a_file = tmp_path / "plain-file"
    a_file.write_text("x", encoding="utf-8")
    out = tmp_path / "out.png"
    (tmp_path / "folder.png").mkdir()
    return {
        "missing file": ([tmp_path / "nope.yaml", "-o", out], "nope.yaml: no such file"),
        "broken yaml": ([broken, "-o", out], f"{broken}:3:"),
        "unknown extension": ([chinese, "-o", tmp_path / "out.jpg"],
                              "'.jpg' is not an export format"),
        "no extension": ([chinese, "-o", tmp_path / "out"], "the name has no extension"),
        "missing folder": ([chinese, "-o", tmp_path / "no" / "out.png"],
                           "folder " + str(tmp_path / "no") + " does not exist"),
        "folder is a file": ([chinese, "-o", a_file / "out.png"], "is not a folder"),
        "output is a folder": ([chinese, "-o", tmp_path / "folder.png"], "is a folder"),
        "dpi for svg": ([chinese, "-o", tmp_path / "out.svg", "--dpi", "300"],
                        "--dpi applies to PNG only"),
        "page for png": ([chinese, "-o", out, "--page", "a4"], "--page applies to PDF only"),
        "unknown lane": ([chinese, "-o", out, "--lane", "ops"],
                         "no lane 'ops'; the lanes are: sales, legal"),
        "too big": ([chinese, "-o", out, "--scale", "50", "--dpi", "2400"], "lower --scale"),
    }


@pytest.mark.parametrize("case", ["missing file", "broken yaml", "unknown extension",
                                  "no extension", "missing folder", "folder is a file",
                                  "output is a folder", "dpi for svg", "page for png",
                                  "unknown lane", "too big"])
def test_bad_input_exits_2_with_one_clear_line(case: str, chinese: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args, message = _bad_inputs(tmp_path, chinese)[case]
    before = sorted(os.listdir(tmp_path))
    assert export(*args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("flowedit: ") and err.count("\n") == 1, err
    assert message in err
    assert sorted(os.listdir(tmp_path)) == before  # nothing written, no temporary file left


@pytest.mark.parametrize("option", [["--scale", "0"], ["--scale", "lots"], ["--scale", "nan"],
                                    ["--dpi", "-3"], ["--page", "a5"], ["--bogus"], []])
def test_a_bad_option_exits_2_with_usage(option: list[str], chinese: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    output = [] if not option else ["-o", str(tmp_path / "out.pdf")]
    with pytest.raises(SystemExit) as stop:
        export(chinese, *output, *option)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "usage: flowedit export" in err and "error:" in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_exits_2(chinese: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere: let the check see what a user would
        monkeypatch.setattr(os, "access", lambda path, mode, **_: mode != os.W_OK)
    try:
        assert export(chinese, "-o", folder / "out.pdf") == 2
    finally:
        folder.chmod(0o700)
    assert "permission denied" in capsys.readouterr().err
    assert os.listdir(folder) == []


def test_a_failed_export_keeps_the_previous_file(chinese: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.png"
    out.write_bytes(b"previous")
    assert export(chinese, "-o", out, "--lane", "nope") == 2
    assert out.read_bytes() == b"previous"
    assert export(chinese, "-o", out) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert sorted(os.listdir(tmp_path)) == sorted([chinese.name, "out.png"])


# ---------------------------------------------------------------------------------- real process
def _headless_env(display: str | None = None) -> dict[str, str]:
    """No QT_QPA_PLATFORM and no display (or one nobody answers at): the command must choose
    offscreen by itself."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    if display is not None:
        env["DISPLAY"] = display
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="offscreen fallback is for Linux")
@pytest.mark.parametrize("display", [None, ":987"], ids=["no display", "stale display"])
def test_the_command_runs_headless(display: str | None, chinese: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = subprocess.run([sys.executable, "-m", "flowedit", "export", str(chinese), "-o",
                             str(out)], capture_output=True, text=True, encoding="utf-8",
                            cwd=ROOT, env=_headless_env(display), timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert squash("资格审查?") in shown_text(out)


def test_the_command_reports_a_broken_file_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("flowedit: 1\nnodes:\n  - {id: a, kind: gateway, name: A, x: 0, y: 0}\n",
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "flowedit", "export", str(broken), "-o",
                             str(tmp_path / "out.svg")], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT, env=_headless_env(), timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"flowedit: {broken}:3:")
    assert "unknown kind 'gateway'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.svg").exists()


def test_export_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "export" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["export", "--help"])
    assert stop.value.code == 0
    assert "--transparent" in capsys.readouterr().out


def test_export_with_the_metrics_overlay_shows_shares(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "samples" / "b2c-funnel.yaml"
    out = tmp_path / "metrics.svg"
    result = subprocess.run([sys.executable, "-m", "flowedit", "export", str(sample),
                             "-o", str(out), "--metrics", "--leads", "500"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "100%" in text and ("Bottleneck" in text or "Biggest leak" in text)
