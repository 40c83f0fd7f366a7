"""BPMN exports validate against the OMG XSDs shipped in the corpora (offline, with xmlschema)
and carry DI for every shape, lane and flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_corpus import CORPORA, rich_document

from flowedit.io import load_document
from flowedit.io.formats import write_format

xmlschema = pytest.importorskip("xmlschema", reason="xmlschema validates BPMN exports "
                                                    "(pip install -e '.[test]')")
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml"))


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    path = CORPORA / "bpmn-miwg" / "schemas" / "BPMN20.xsd"
    if not path.is_file():
        pytest.skip(f"the OMG BPMN schemas are not at {path.parent}")
    return xmlschema.XMLSchema(str(path))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_bpmn_export_validates_against_the_omg_schema(schema, sample: Path) -> None:  # type: ignore[no-untyped-def]
    data = write_format(load_document(sample), "x.bpmn")[1]
    errors = list(schema.iter_errors(data.decode()))
    assert errors == []


def test_bpmn_export_of_odd_text_and_fields_validates(schema) -> None:  # type: ignore[no-untyped-def]
    text = write_format(rich_document(), "x.bpmn")[1].decode()
    assert list(schema.iter_errors(text)) == []
    doc = rich_document()
    for element in (*(f'bpmnElement="N_{n}"' for n in doc.nodes),
                    *(f'bpmnElement="F_{e}"' for e in doc.edges),
                    *(f'bpmnElement="L_{lane.id}"' for lane in doc.lanes)):
        assert element in text  # DI for each


def test_the_schema_check_can_fail(schema) -> None:  # type: ignore[no-untyped-def]
    text = write_format(rich_document(), "x.bpmn")[1].decode()
    broken = text.replace("<sequenceFlow ", "<sequenceFlowX ", 1).replace(
        "</sequenceFlow>", "</sequenceFlowX>", 1)
    assert list(schema.iter_errors(broken))
