"""The New from Template processes: every one in every language opens, passes the checks, has
the same shape as its siblings, and is really written in its language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.analysis.checks import Severity, check_document
from flowedit.io.templates import TEMPLATES, load_template, template_path
from flowedit.model import Document

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "id", "zh_CN")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Words the same in Indonesian and English business speech (GLOSSARY: kept in English).
SAME_IN_ID = {"SDR / BDR", "Account Executive", "Customer Success", "Pitch", "Social selling",
              "Negotiation"}


def _texts(doc: Document) -> list[str]:
    texts = [doc.title or ""] + [lane.name for lane in doc.lanes]
    texts += [n.name for n in doc.nodes.values()]
    texts += [e.label for e in doc.edges.values() if e.label]
    return texts


def _shape(doc: Document) -> tuple:
    nodes = sorted((n.id, n.kind, n.lane, n.outcome, n.duration_days) for n in doc.nodes.values())
    return ([lane.id for lane in doc.lanes], nodes,
            sorted((e.id, e.source, e.target, e.probability) for e in doc.edges.values()))


@pytest.mark.parametrize("template", [t.name for t in TEMPLATES])
def test_every_language_has_the_same_process(template: str) -> None:
    shapes = {lang: _shape(load_template(template, lang)) for lang in LANGUAGES}
    assert shapes["id"] == shapes["en"] and shapes["zh_CN"] == shapes["en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", [t.name for t in TEMPLATES])
def test_templates_are_finished_processes(template: str, language: str) -> None:
    doc = load_template(template, language)
    assert template_path(template, language).parent.name == language
    errors = [p for p in check_document(doc) if p.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.parametrize("template", [t.name for t in TEMPLATES])
def test_each_copy_is_written_in_its_language(template: str) -> None:
    english = _texts(load_template(template, "en"))
    chinese = _texts(load_template(template, "zh_CN"))
    indonesian = _texts(load_template(template, "id"))
    assert not any(HAN.search(t) for t in english if not t.startswith(("李", "王", "陈")))
    untranslated = [t for t in chinese if not HAN.search(t) and t not in SAME_IN_ID]
    assert untranslated == []
    same = [i for e, i in zip(english, indonesian, strict=True) if e == i and e not in SAME_IN_ID]
    assert same == []


def test_chinese_copies_avoid_the_glossarys_mistranslations() -> None:
    """GLOSSARY: 领导 is a leader, not a lead; 结束语 closing remarks; 勘探 geology;
    预售 an advance sale."""
    for template in TEMPLATES:
        doc = load_template(template.name, "zh_CN")
        text = " ".join(_texts(doc) + [n.description or "" for n in doc.nodes.values()])
        for wrong in ("领导", "结束语", "勘探", "预售", "销售渠道"):
            assert wrong not in text, (template.name, wrong)


def test_a_language_without_its_own_copy_gets_english() -> None:
    assert template_path("b2b-sales", "fr").parent.name == "en"
    assert template_path("b2b-sales", "zh").parent.name == "en"  # Traditional is not Simplified
    assert template_path("b2b-sales", "id_ID").parent.name == "id"


def test_templates_are_made_from_the_current_samples_and_tables() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
