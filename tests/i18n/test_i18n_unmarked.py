"""No user-visible English left unmarked in the Qt-free layers: an AST scan for string literals
that reach people (printed, raised, passed to a message constructor, or given as `--help` text)
without going through `_()`. The editor (flowedit/ui) is scanned once it is marked too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ["cli", "io", "analysis", "render", "model", "ui"]
#: Calls whose string arguments people read.
SINKS = {"print", "Advice", "FlowFileError", "FlowSaveError", "TreeError", "MetricsError",
         "ExportError", "ArgumentTypeError", "_Failure", "_problem", "fail", "ArgumentParser",
         "ModelError", "ValueError",
         # The editor's widgets: texts, titles, tooltips, messages, menus and buttons.
         "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle",
         "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "setTitle",
         "showMessage", "QAction", "addAction", "addMenu", "QMenu", "QLabel", "QPushButton",
         "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QDockWidget", "QMessageBox",
         "information", "warning", "critical", "question", "about", "addButton", "addItem",
         "addRow", "addTab", "setTabText", "setHorizontalHeaderLabels", "setHeaderLabels",
         "QListWidgetItem", "QTreeWidgetItem", "QTableWidgetItem", "getSaveFileName",
         "getOpenFileName", "getExistingDirectory", "setNameFilter", "setSuffix", "setPrefix",
         "setSpecialValueText", "addToolBar", "setLabelText", "setInformativeText",
         "setDetailedText", "setWindowIconText", "edit", "report", "emit", "show_message",
         "set_node_fields", "set_edge_fields", "setHtml", "setPlainText"}
#: Keyword arguments whose strings people read (argparse).
KEYWORDS = {"help", "description", "epilog"}
#: Two words of letters: a sentence, not a code, key, format or file name.
_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")
#: In the editor a single word is a label too ("&File", "Kind"), when a widget shows it.
_WORD = re.compile(r"\b(?!flowedit\b)[A-Za-z]{2,}")

#: Literals that stay English on purpose, by file: what they are.
ALLOWED: dict[str, set[str]] = {
    # Status lines for scripts and tests (FLOWEDIT_QUIT_AFTER_FIRST_PAINT), not for people.
    "flowedit/cli/present_command.py": {"flowedit: presentation painted"},
    # The start-up time for the benchmark (FLOWEDIT_QUIT_AFTER_FIRST_PAINT), not for people.
    "flowedit/ui/app.py": {"flowedit: first paint after  ms"},
    # A file name offered in the save dialog.
    "flowedit/ui/panels/funnel.py": {"funnel."},
    # A programming error (an edit naming a field the record lacks), never a person's mistake.
    "flowedit/model/document.py": {"A  has no field ; its fields are "},
    # Command lines shown as examples under `flowedit export --help`.
    "flowedit/cli/export_command.py": {
        "\n  flowedit export process.yaml -o process.png --scale 2\n  flowedit export process.yaml "
        "-o process.pdf --page a4\n  flowedit export process.yaml -o sales.svg --lane sales\n  "
        "flowedit export process.yaml -o funnel.png --metrics --leads 500\n  flowedit export "
        "process.yaml -o handout.pdf --handout\n  flowedit export process.yaml -o slide.png "
        "--title --legend --headline\n\n"},
}
#: Modules not marked yet: each one listed here is work left (docs/translating.md, "Status").
NOT_YET_MARKED: set[str] = set()


def _english(node: ast.AST, words: re.Pattern[str] = _WORDS) -> list[str]:
    """The English sentences in `node` when it is a bare literal (or an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if words.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(part.value for part in node.values
                       if isinstance(part, ast.Constant) and isinstance(part.value, str))
        return [text] if words.search(text) else []
    if isinstance(node, ast.BinOp):
        return _english(node.left, words) + _english(node.right, words)
    if isinstance(node, ast.IfExp):
        return _english(node.body, words) + _english(node.orelse, words)
    return []


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def unmarked(source: str, words: re.Pattern[str] = _WORDS) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            arguments: list[ast.expr] = []
            if _name(node.func) in SINKS:
                arguments += node.args
            arguments += [k.value for k in node.keywords if k.arg in KEYWORDS]
            found += [(node.lineno, text) for a in arguments for text in _english(a, words)]
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr in KEYWORDS for t in node.targets):
            found += [(node.lineno, text) for text in _english(node.value, words)]
    return found


def test_no_user_visible_english_is_left_unmarked() -> None:
    left = []
    for layer in LAYERS:
        for path in sorted((ROOT / "flowedit" / layer).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name in NOT_YET_MARKED:
                continue
            allowed = ALLOWED.get(name, set())
            words = _WORD if layer == "ui" else _WORDS
            left += [f"{name}:{line}: {text!r}" for line, text in
                     unmarked(path.read_text(encoding="utf-8"), words) if text not in allowed]
    assert not left, "wrap these in _() (flowedit/i18n.py):\n" + "\n".join(left)


def test_the_scan_finds_what_it_should() -> None:
    source = '''
raise FlowFileError(path, f"cannot read {path}")
print("No differences")
parser.add_argument("--x", help="the x of the shape")
parser.epilog = "see the docs " + "for more"
print(_("already marked text"))
raise FlowFileError(path, _("cannot read {path}").format(path=path))
_problem("no-start", "plain code")
print(f"flowedit: {error}")
'''
    assert sorted(line for line, _text in unmarked(source)) == [2, 3, 4, 5, 5, 8]


def _hides_the_translator(source: str) -> list[int]:
    """Lines where a module that imports `_` from flowedit.i18n binds `_` to something else
    (`a, _ = pair`, `for _ in`, `lambda _=False:`): inside that function `_("...")` would call
    the throwaway value instead of translating."""
    tree = ast.parse(source)
    imports = any(isinstance(node, ast.ImportFrom) and node.module == "flowedit.i18n"
                  and any(alias.name == "_" for alias in node.names) for node in ast.walk(tree))
    if not imports:
        return []
    # A comprehension's own variables live in the comprehension only: they hide nothing outside.
    in_comprehension = {id(name) for node in ast.walk(tree) if isinstance(node, ast.comprehension)
                        for name in ast.walk(node.target)}
    return [node.lineno for node in ast.walk(tree)
            if (isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)
                and id(node) not in in_comprehension)
            or (isinstance(node, ast.arg) and node.arg == "_")]


def test_no_module_hides_the_translation_function() -> None:
    hidden = [f"{path.relative_to(ROOT).as_posix()}:{line}"
              for path in sorted((ROOT / "flowedit").rglob("*.py"))
              for line in _hides_the_translator(path.read_text(encoding="utf-8"))]
    assert not hidden, "a throwaway `_` hides the translation function `_()`:\n" + "\n".join(
        hidden)


def test_the_hiding_check_sees_a_throwaway() -> None:
    source = "from flowedit.i18n import _\ndef f():\n    a, _ = pair()\n    return _('x')\n"
    assert _hides_the_translator(source) == [3]
    assert _hides_the_translator(source.replace("import _", "import N_")) == []
    assert _hides_the_translator("from flowedit.i18n import _\nx = [a for a, _ in pairs]\n") == []
