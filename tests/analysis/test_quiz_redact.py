"""What the quiz blanks out of the current stage's description while a question is open
(flowedit.analysis.quiz.redact): the names offered, and the words of a stage's name in any form."""

from __future__ import annotations

from flowedit.analysis.quiz import BLANK, redact


def test_names_and_their_words_are_blanked_but_not_the_current_stages_own() -> None:
    text = "Qualify the lead, then prepare the proposals and book a demo with 王伟."
    shown = redact(text, ["Prepare proposal", "Product demo", "王伟"], keep="Qualification call")
    assert "Qualify" in shown  # a word of the stage being discussed
    assert "proposal" not in shown.casefold() and "prepare" not in shown.casefold()
    assert "demo" not in shown and "王伟" not in shown
    assert shown.count(BLANK) == 4
    assert "lead" in shown  # too common to give anything away


def test_owners_and_teams_are_blanked_only_as_whole_names() -> None:
    text = "Research the account before the Account Executive calls."
    shown = redact(text, ["Account Executive"], words=False)
    assert shown == f"Research the account before the {BLANK} calls."
