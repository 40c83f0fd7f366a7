"""The processes File › New from Template offers, in each language they are written in
(flowedit/templates/<language>/, made by tools/make_templates.py). A language without its own
copy gets the English one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flowedit.i18n import N_, _, current_language
from flowedit.io.flowfile import load_document
from flowedit.model import Document

FOLDER = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class Template:
    name: str
    title: str  # marked for translation; shown through _()


TEMPLATES = (
    Template("b2c-funnel", N_("B2C sales funnel")),
    Template("b2b-sales", N_("B2B sales process with lanes")),
    Template("retail-store", N_("Retail store process")),
    Template("prospecting", N_("Prospecting sub-flow")),
)


def template_path(name: str, language: str | None = None) -> Path:
    """The copy in `language` (default: the current one), else the English copy."""
    language = language or current_language()
    for candidate in (language, language.split("_")[0], "en"):
        path = FOLDER / candidate / f"{name}.yaml"
        if path.is_file():
            return path
    raise KeyError(name)


def load_template(name: str, language: str | None = None) -> Document:
    return load_document(template_path(name, language))


def shown_title(template: Template) -> str:
    return _(template.title)
