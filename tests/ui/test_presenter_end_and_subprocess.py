"""The end screen tells the walk (the path taken, its expected days, the hand-offs between
teams), and the presenter steps into a stage's sub-process and back out by its exit (issue 16).
samples/b2b-with-prospecting.yaml: 'Prospecting' holds a process of its own whose end 'Contact
answered' leaves by the stage's arrow to Identification."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from ui_helpers import page_down_to_the_end, start_presenter

from flowedit.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"
NESTED = ROOT / "samples" / "b2b-with-prospecting.yaml"


def test_the_end_screen_tells_the_path_its_days_and_the_hand_offs(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = start_presenter(qtbot, monkeypatch, B2B)
    page_down_to_the_end(qtbot, window)
    text = window.caption_text()
    assert ("3 hand-offs: SDR / BDR → Account Executive at Follow-up and demo; Account "
            "Executive → Finance & Legal at Contract drafting; Finance & Legal → Customer "
            "Success at Onboarding") in text
    # 10 + 2 + 5 + 90 (nurture) + 5 + 14 + 5 + 10 + 7 + 2 + 30 + 330 days along the path
    assert "Expected time along this path: about 510 days" in text
    assert ("The path taken (18 steps): Lead enters CRM → Prospecting → Identification → "
            "Qualification call → Qualified? → Nurture → Qualification call") in text
    assert window.caption_panel.summary.isVisible()


def test_a_lost_path_without_hand_offs_says_so(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = start_presenter(qtbot, monkeypatch, B2B)
    for key in (Qt.Key.Key_Right,) * 4 + (Qt.Key.Key_3,):
        qtbot.keyClick(window, key)
    assert window.current == "disqualified"
    text = window.caption_text()
    assert "No hand-off: one team all the way." in text
    assert "Expected time along this path: about 17 days" in text  # 10 + 2 + 5


def test_the_walk_steps_into_a_sub_process_and_out_by_its_exit(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = start_presenter(qtbot, monkeypatch, NESTED)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.current == "prospecting" and window.level == ()
    assert "→ steps into its sub-process (12 shapes)" in window.caption_text()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.level == ("prospecting",)
    assert window.current == "assigned"  # the sub-process's start
    assert window.canvas.title_text().endswith(" › Prospecting")
    assert window.canvas.free_area().contains(window.canvas.rect_of("assigned"))
    qtbot.keyClick(window, Qt.Key.Key_Left)  # back out to the stage
    assert (window.level, window.current) == ((), "prospecting")
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    presses = 0
    while window.level:
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        presses += 1
        assert presses < 30
    assert window.current == "identification"  # out by the exit 'Contact answered' maps to
    assert window.path[window.path.index("answered") + 1] == "identification"
    page_down_to_the_end(qtbot, window)
    assert window.current == "won"  # a clicker gets through the nested process too


def test_a_number_at_the_stage_skips_its_sub_process(qtbot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window = start_presenter(qtbot, monkeypatch, NESTED)
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.current == "prospecting"
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert (window.level, window.current) == ((), "identification")


def test_slides_one_png_per_step_at_1920_by_1080(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "deck"
    assert main(["present", str(B2B), "--slides", str(folder), "--route", "Happy path"]) == 0
    files = sorted(path.name for path in folder.iterdir())
    assert files == ["overview.png", *(f"step-{n:03d}.png" for n in range(1, 16))]
    for name in files:
        image = QImage(str(folder / name))
        assert (image.width(), image.height()) == (1920, 1080), name
    assert "wrote 15 slides and an overview" in capsys.readouterr().err
