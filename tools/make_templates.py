"""Writes flowedit/templates/<language>/<name>.yaml (File › New from Template) from the samples and
the translation tables in tools/template_text_*.py. Run it after changing a sample or a table:

    python tools/make_templates.py           # rewrites the templates
    python tools/make_templates.py --check   # exit 1 when they are out of date

Each table row holds one text in the source's language and its translations; a row whose first
text starts with "<field>:" applies only to that field (the same word can be a lane and a role).
"""

from __future__ import annotations

import argparse
import copy
import importlib
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from flowedit.io.flowfile import dumps_document, loads_document  # noqa: E402

LANGUAGES = ("en", "id", "zh_CN")
TEXT_FIELDS = ("title", "name", "owner", "description", "label")
#: name: (sample, language of the sample, table module)
SOURCES = {
    "b2c-funnel": ("samples/b2c-funnel.yaml", "en", "template_text_b2c"),
    "b2b-sales": ("samples/b2b-sales.yaml", "en", "template_text_b2b"),
    "retail-store": ("samples/retail-store.yaml", "id", "template_text_retail"),
    "prospecting": ("samples/b2b-with-prospecting.yaml", "en", "template_text_prospecting"),
}


def _key(text: str) -> str:
    return " ".join(text.split())


def _source(name: str) -> dict[str, Any]:
    sample, _language, _table = SOURCES[name]
    data = yaml.safe_load((ROOT / sample).read_text(encoding="utf-8"))
    if name != "prospecting":
        return data
    # The sample's Prospecting sub-process on its own: exits become outcomes of its own.
    stage = next(n for n in data["nodes"] if n["id"] == "prospecting")
    inner = {"flowedit": 1, **stage["process"]}
    for node in inner["nodes"]:
        if node.pop("exit", None) == "identification":
            node["outcome"] = "won"
    return inner


def translated(name: str, language: str) -> str:
    _sample, source_language, table = SOURCES[name]
    rows = importlib.import_module(table).TEXTS
    column = {lang: i for i, lang in enumerate(
        [source_language] + [x for x in LANGUAGES if x != source_language])}[language]
    lookup = {_key(row[0]): row[column] for row in rows}
    missing: list[str] = []

    def walk(value: Any, field: str | None = None) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, field) for v in value]
        if isinstance(value, str) and field in TEXT_FIELDS:
            found = lookup.get(f"{field}:{_key(value)}", lookup.get(_key(value)))
            if found is None:
                missing.append(value)
                return value
            return found
        return value

    data = walk(copy.deepcopy(_source(name)))
    data["routing"] = "orthogonal"  # what File › New gives too
    if missing:
        raise SystemExit(f"{table}: no translation for {missing!r}")
    doc = loads_document(yaml.safe_dump(data, allow_unicode=True), f"{name}.yaml")
    return dumps_document(doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the New from Template processes.")
    parser.add_argument("--check", action="store_true", help="only report whether they are current")
    options = parser.parse_args(argv)
    stale = []
    for name in SOURCES:
        for language in LANGUAGES:
            path = ROOT / "flowedit" / "templates" / language / f"{name}.yaml"
            text = translated(name, language)
            if options.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(path.relative_to(ROOT).as_posix())
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python tools/make_templates.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
