"""The model's refusals (a bad id, a number out of range) reach people through the file reader
and the editor: they speak the user's language too, with the names of fields translated."""

from __future__ import annotations

import pytest

from flowedit.i18n import set_language
from flowedit.io import FlowFileError, loads_document
from flowedit.model import Document, Lane, ModelError

BAD_ID = """\
flowedit: 1
nodes:
  - {id: "lead in", kind: start, name: Lead, x: 0, y: 0}
"""
BAD_DURATION = """\
flowedit: 1
nodes:
  - {id: call, kind: stage, name: Call, x: 0, y: 0, duration_days: -2}
"""


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Node id 'lead in' may only use letters, digits"),
    ("id", "Id Simpul 'lead in' hanya boleh memakai huruf, angka"),
    ("zh_CN", "节点 id 'lead in' 只能使用字母、数字"),
])
def test_a_bad_id_is_explained_in_the_users_language(language: str, expected: str) -> None:
    set_language(language)
    with pytest.raises(FlowFileError) as caught:
        loads_document(BAD_ID, "bad.yaml")
    assert expected in str(caught.value)
    assert "bad.yaml:3" in str(caught.value)


def test_field_names_inside_messages_are_translated_too() -> None:
    set_language("zh_CN")
    with pytest.raises(FlowFileError) as caught:
        loads_document(BAD_DURATION, "slow.yaml")
    assert "时长（天）必须介于" in str(caught.value)  # GLOSSARY: duration (days) = 时长（天）


def test_a_refused_edit_speaks_indonesian() -> None:
    set_language("id")
    doc = Document()
    doc.add_lane(Lane("sales", "Sales"))
    with pytest.raises(ModelError, match="Sudah ada lajur dengan id 'sales'"):
        doc.add_lane(Lane("sales", "Sales again"))
