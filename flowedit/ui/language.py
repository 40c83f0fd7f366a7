"""The editor's language at run time: flowedit's own catalogue (flowedit.i18n) for our words, and
for Qt's own words (the Yes/No/Cancel of message boxes, the file dialog, a text field's context
menu) Qt's `qtbase_<lang>.qm` where PySide6 ships one (Chinese), else our catalogue through
`CatalogueTranslator` (Qt ships no Indonesian). The catalogue is a `.po` read at run time, so no
`.qm` has to be compiled (docs/translating.md).

Also the locale Qt formats numbers with (the Leads field: 1.000 in Indonesian) and the Chinese UI
font: Simplified Chinese must not fall back to the Japanese forms of the same characters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

from flowedit.i18n import N_, _, set_language
from flowedit.render.style import CJK_FAMILIES

#: The words of Qt's own widgets that flowedit's catalogue translates, by Qt's context. Qt asks
#: with these exact English texts (its mnemonics included).
QT_MESSAGES: dict[str, frozenset[str]] = {
    "QPlatformTheme": frozenset({
        N_("OK"), N_("Save"), N_("Save All"), N_("Open"), N_("&Yes"), N_("Yes to &All"),
        N_("&No"), N_("N&o to All"), N_("Abort"), N_("Retry"), N_("Ignore"), N_("Close"),
        N_("Cancel"), N_("Discard"), N_("Help"), N_("Apply"), N_("Reset"),
        N_("Restore Defaults")}),
    "QMessageBox": frozenset({N_("Show Details..."), N_("Hide Details...")}),
    # The context menu of a line edit (QLineEdit) and of a text box (QWidgetTextControl).
    "QLineEdit": frozenset({N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"),
                            N_("Delete"), N_("Select All")}),
    "QWidgetTextControl": frozenset({N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"),
                                     N_("&Paste"), N_("Delete"), N_("Select All")}),
    "QFileDialog": frozenset({
        N_("&Look in:"), N_("File &name:"), N_("Files of &type:"), N_("&Open"), N_("&Save"),
        N_("&Delete"), N_("&Rename"), N_("&New Folder"), N_("Show &hidden files"), N_("Back"),
        N_("Forward"), N_("Parent Directory"), N_("Create New Folder"), N_("List View"),
        N_("Detail View"), N_("Go back"), N_("Go forward"), N_("Go to the parent directory"),
        N_("Create a New Folder"), N_("Change to list view mode"),
        N_("Change to detail view mode"), N_("All Files (*)"), N_("Files"), N_("Sidebar"),
        N_("List of places and bookmarks"), N_("Save As"), N_("Directory:"),
        N_("%1 already exists.\nDo you want to replace it?")}),
    "QFileSystemModel": frozenset({N_("Name"), N_("Size"), N_("Type"), N_("Date Modified"),
                                   N_("Computer")}),
    "QAbstractFileIconProvider": frozenset({N_("Folder"), N_("Drive"), N_("File")}),
}

#: Qt locale names of flowedit's languages (number formats of spin boxes).
_QT_LOCALES = {"id": "id_ID", "zh_CN": "zh_CN"}


class CatalogueTranslator(QTranslator):
    """Answers Qt's own words (QT_MESSAGES) from flowedit's catalogue in the current language;
    everything else, and a word with no translation, is left to Qt (None: "not mine")."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        if source not in QT_MESSAGES.get(context, ()):
            return None
        text = _(source)
        return text if text != source else None

    def isEmpty(self) -> bool:
        return False


_installed: list[QTranslator] = []
_base_font: QFont | None = None
_base_locale: QLocale | None = None


def apply_language(code: str | None) -> str:
    """Speaks `code` ('id', 'zh_CN', 'en'; None or '' for the system's) from now on, Qt's own
    dialogs included. Returns the language in use. Widgets already made keep their words until
    they are retranslated (MainWindow.retranslate_ui)."""
    global _base_font, _base_locale
    language = set_language(code or None)
    if _base_locale is None:
        _base_locale = QLocale()
    # English keeps the locale Qt started with (the system's); the others get their own.
    QLocale.setDefault(QLocale(_QT_LOCALES[language]) if language in _QT_LOCALES
                       and language != "en" else _base_locale)
    app = QCoreApplication.instance()
    if app is None:
        return language
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if language != "en":
        ours = CatalogueTranslator(app)
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", folder):  # installed last: asked first
            QCoreApplication.installTranslator(qt)
            _installed.append(qt)
    if isinstance(app, QGuiApplication):
        if _base_font is None:
            _base_font = QGuiApplication.font()
        QGuiApplication.setFont(ui_font(_base_font, language))
    return language


def ui_font(base: QFont, language: str) -> QFont:
    """The window's font: under Chinese, the Simplified Chinese CJK family right after the
    usual one, so Chinese text never takes the Japanese glyphs fontconfig might pick first."""
    font = QFont(base)
    if language.startswith("zh"):
        # The family Qt really uses for Latin text (the default's name may be an alias such as
        # "Sans Serif", which fontconfig would resolve with a Japanese font for Han characters).
        font.setFamilies([QFontInfo(base).family(), *CJK_FAMILIES["zh"]])
    return font

