"""When several observers of a document fail on one change, every failure is reported, not only
the first (issue 12); every observer still hears the change."""

from __future__ import annotations

import pytest

from flowedit.model import Document, Node, NodeKind


def _failing(message: str, heard: list[str]):  # type: ignore[no-untyped-def]
    def listener(batch: object) -> None:
        heard.append(message)
        raise RuntimeError(message)
    return listener


def test_every_failing_listener_is_reported():
    doc = Document()
    heard: list[str] = []
    doc.subscribe(_failing("first", heard))
    doc.subscribe(lambda batch: heard.append("quiet"))
    doc.subscribe(_failing("second", heard))
    with pytest.raises(ExceptionGroup) as raised:
        doc.add_node(Node("a", NodeKind.START, "Lead", 0, 0))
    assert [str(error) for error in raised.value.exceptions] == ["first", "second"]
    assert heard == ["first", "quiet", "second"]


def test_one_failing_listener_raises_its_own_error():
    doc = Document()
    doc.subscribe(_failing("only", []))
    with pytest.raises(RuntimeError, match="only"):
        doc.add_node(Node("a", NodeKind.START, "Lead", 0, 0))
