"""A recovery copy whose small record is unreadable is still offered, saying why the file it
belongs to is unknown, instead of being skipped silently (issue 12)."""

from __future__ import annotations

from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document


def test_a_copy_with_a_broken_record_is_offered_with_the_reason(tmp_path):
    store = RecoveryStore(tmp_path)
    store.write("kept", Document("Kept"), None)
    store.write("broken", Document("Broken"), None)
    (store.folder / "broken.json").write_text("{not json", encoding="utf-8")
    copies = {store.key_of(copy): copy for copy in store.copies()}
    assert set(copies) == {"kept", "broken"}
    assert copies["kept"].problem is None
    broken = copies["broken"]
    assert broken.original is None and "broken.json" in (broken.problem or "")
    assert broken.load().title == "Broken"


def test_a_record_without_its_copy_offers_nothing(tmp_path):
    store = RecoveryStore(tmp_path)
    store.write("gone", Document("Gone"), None)
    (store.folder / "gone.yaml").unlink()
    (store.folder / "gone.json").write_text("{not json", encoding="utf-8")
    assert store.copies() == []
