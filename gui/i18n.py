"""The interface language: English (the source texts) or Simplified Chinese.

Visible strings are wrapped with ``QCoreApplication.translate(context, text)``;
``pyside6-lupdate`` collects them into ``assets/i18n/pvgraph_zh_CN.ts`` and
``pyside6-lrelease`` compiles the ``.qm`` loaded here (through the assets helper).
Kubernetes terms, kubectl output and event messages are never translated, as in
a real cluster. The language comes from the system locale unless the user picked
one (View → Language, remembered in the settings). Picking one applies at once:
the main window shows every text again (``MainWindow.retranslate``). Qt's own
catalogue (standard buttons such as Close, text-field menus) is installed with ours
when Qt ships it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: (code, name in its own language); "" in the settings means "follow the system".
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
CATALOGUE = "pvgraph"

_state: dict[str, object] = {"language": "en", "translator": None, "qt_translator": None}


def system_language(locale: QLocale | None = None) -> str:
    """The supported language closest to the system locale (zh_* → zh_CN)."""
    name = (locale or QLocale.system()).name()
    return "zh_CN" if name.lower().startswith("zh") else "en"


def resolve(choice: str | None, locale: QLocale | None = None) -> str:
    """The language to use for a settings value ("" or unknown: the system's)."""
    codes = {code for code, _ in LANGUAGES}
    return choice if choice in codes else system_language(locale)


def qm_path(language: str):
    from assets import asset_path

    return asset_path("i18n", f"{CATALOGUE}_{language}.qm")


def install(language: str, app: QCoreApplication | None = None) -> bool:
    """Make ``language`` the interface language (replacing the one installed).

    Returns False when its catalogue is missing (the English texts stay)."""
    app = app or QCoreApplication.instance()
    for key in ("translator", "qt_translator"):
        previous = _state[key]
        if previous is not None and app is not None:
            app.removeTranslator(previous)  # type: ignore[arg-type]
        _state[key] = None
    _state["language"] = "en"
    if language == "en" or app is None:
        return language == "en"
    translator = QTranslator(app)
    path = qm_path(language)
    if not path.is_file() or not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["language"] = language
    qt_translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_translator)
        _state["qt_translator"] = qt_translator
    return True


def current_language() -> str:
    """The language whose catalogue is installed ("en" when none is)."""
    return str(_state["language"])


def caption_language() -> str:
    """The language lesson captions are shown in: the interface's."""
    return "zh" if current_language().startswith("zh") else "en"
