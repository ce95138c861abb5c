"""Languages: the zh_CN catalogue loads and covers every visible string of the window.

The coverage test walks every menu, action, tooltip, dock, tab, label and button of
the main window (with an object selected, a lesson open and the past on screen, so
their panels are filled) and asserts that each text is either translated (has
Chinese in it) or made only of words that stay English in a real cluster:
Kubernetes kinds and terms, object names, kubectl's own words, numbers. It checks
the catalogue, not glyph rendering (no CJK font is needed).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from core.kinds import KINDS
from core.lessons import find_lesson
from gui import i18n
from gui.settings import AppSettings
from tests.gui.conftest import shown_window

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*")

#: Words that stay English in zh_CN: Kubernetes terms, kubectl's words, key names.
KUBERNETES_TERMS = {
    "PV", "PVC", "claim", "claimRef", "pod", "Pod", "NFS", "YAML", "PNG", "SVG", "kubectl",
    "pvgraph", "Kubernetes", "Bound", "Pending", "Available", "Released", "Running", "Ready",
    "NotReady", "Terminating", "Lost", "Failed", "Succeeded", "ContainerCreating", "Warning",
    "Normal", "RWO", "ROX", "RWX", "RWOP", "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
    "ReadWriteOncePod", "Retain", "Delete", "Recycle", "Filesystem", "Block", "Immediate",
    "WaitForFirstConsumer", "OrderedReady", "Parallel", "Gi", "Mi", "Ki", "Ti", "t", "s", "m",
    "h", "ms", "x", "LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE", "get", "events", "w",
    "default", "namespace", "True", "False", "Unknown", "headless", "TCP", "app", "nginx",
    "English", "Esc", "F5", "Ctrl", "Space", "Home", "End", "Tab", "N", "IP", "class", "nfs",
    "storageclass.storage.k8s.io", "csi", "on", "www", "declared", "server", "export",
    "true", "false", "RollingUpdate", "None", "settle",
}


def allowed_words(cluster) -> set[str]:
    words = set(KUBERNETES_TERMS)
    for info in KINDS.values():
        words.update({info.kind, info.singular, info.plural, *info.short_names})
    for obj in cluster.store.all_objects():
        meta = obj.get("metadata") or {}
        for value in (meta.get("name"), meta.get("namespace"), obj.get("kind")):
            if value:
                words.update(WORD.findall(str(value)))
        spec = obj.get("spec") or {}
        for value in (spec.get("storageClassName"), spec.get("volumeName"),
                      (spec.get("nfs") or {}).get("path")):
            if value:
                words.update(WORD.findall(str(value)))
    return words


def untranslated(text: str, words: set[str]) -> bool:
    text = re.sub(r"\(&\w\)|&(?=\w)", "", text or "").strip()
    if not text or CJK.search(text):
        return False
    return any(word not in words for word in WORD.findall(text))


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for everything a person can read in the window."""
    out: list[tuple[str, str]] = [("title", window.windowTitle())]

    def menu_texts(menu: QMenu, path: str) -> None:
        out.append((f"menu {path}", menu.title()))
        for action in menu.actions():
            if action.menu() is not None:
                menu_texts(action.menu(), f"{path}/{action.menu().title()}")
            elif not action.isSeparator():
                out.append((f"menu item {path}", action.text()))
                out.append((f"tooltip {action.objectName()}", action.toolTip()))
                out.append((f"status tip {action.objectName()}", action.statusTip()))

    for action in window.menuBar().actions():
        if action.menu() is not None:
            menu_texts(action.menu(), action.menu().title())
    for action in window.findChildren(QAction):
        if action.isSeparator() or not action.objectName().startswith("action_"):
            continue
        out.append((f"action {action.objectName()}", action.text()))
        out.append((f"tooltip {action.objectName()}", action.toolTip()))
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}"
        out.append((f"tooltip of {name}", widget.toolTip()))
        if isinstance(widget, QLabel):
            out.append((name, widget.text()))
        elif isinstance(widget, QAbstractButton):
            out.append((name, widget.text()))
        elif isinstance(widget, QDockWidget):
            out.append((name, widget.windowTitle()))
        elif isinstance(widget, QTabWidget):
            out.extend((f"tab of {name}", widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            out.append((f"placeholder of {name}", widget.placeholderText()))
        if isinstance(widget, QTableWidget):
            for i in range(widget.rowCount()):
                item = widget.verticalHeaderItem(i)
                if item is not None:
                    out.append((f"row header of {name}", item.text()))
    return out


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN"), "assets/i18n/pvgraph_zh_CN.qm must load"
    yield
    i18n.install("en")


def make(qtbot, tmp_path):
    return shown_window(qtbot, tmp_path / "settings.ini")


def test_catalogue_loads_and_english_is_the_default(qtbot, tmp_path):
    assert i18n.qm_path("zh_CN").is_file()
    assert i18n.current_language() == "en"
    w = make(qtbot, tmp_path)
    assert w.actions_["open"].text() == "&Open YAML…"
    assert i18n.install("zh_CN")
    try:
        assert i18n.current_language() == "zh_CN"
        zh = make(qtbot, tmp_path)
        assert zh.actions_["open"].text() == "打开 YAML(&O)…"
        assert zh.counts_label.text().startswith("4 个 PV")
        assert not zh.grab().isNull()
    finally:
        i18n.install("en")


def test_no_untranslated_string_is_shown_in_zh_cn(qtbot, tmp_path, chinese):
    w = make(qtbot, tmp_path)
    bridge = w.bridge
    words = allowed_words(bridge.cluster)
    problems: list[str] = []

    def check(stage: str) -> None:
        words.update(allowed_words(bridge.cluster))
        for where, text in visible_texts(w):
            if untranslated(text, words):
                problems.append(f"{stage}: {where}: {text!r}")
        assert not w.grab().isNull()

    check("start")
    for kind, ns, name in (("PersistentVolumeClaim", "default", "www-web-1"),
                           ("PersistentVolume", "", "pv0002"), ("Pod", "default", "web-1"),
                           ("StatefulSet", "default", "web")):
        w.select_object(kind, ns, name)
        for tab in ("Summary", "Why"):
            w.inspector.show_tab(tab)
            check(f"{kind} {name} {tab}")
    w.errors.add_error("error: something failed")
    w.errors.add_error("error: something else failed")
    check("errors")
    for dock in (w.console_dock, w.yaml_dock):
        dock.raise_()
        check(dock.objectName())
    w.timeline.scrub_to(bridge.history.tick_count // 2, now=True)
    check("past")
    bridge.back_to_now()
    w.lesson.start(find_lesson("00-seed-walkthrough"))
    check("lesson start")
    w.lesson.next()
    check("lesson step")
    assert not problems, "untranslated in zh_CN:\n" + "\n".join(problems)


def test_language_menu_choice_is_remembered(qtbot, tmp_path):
    w = make(qtbot, tmp_path)
    names = [a.text() for a in w.actions_.language_actions]
    assert names[1:] == ["English", "简体中文"]
    assert w.actions_.language_actions[0].isChecked()  # follows the system at first
    try:
        w.actions_.language_actions[2].trigger()
        assert AppSettings(str(tmp_path / "settings.ini")).language == "zh_CN"
        # It applies at once (tests/gui/test_i18n_live.py checks the whole window).
        assert i18n.current_language() == "zh_CN"
        assert w.actions_["open"].text() == "打开 YAML(&O)…"
        again = make(qtbot, tmp_path)
        assert again.actions_.language_actions[2].isChecked()
        assert not again.grab().isNull()
    finally:
        i18n.install("en")


@pytest.mark.parametrize(("locale", "choice", "expected"), [
    ("zh_CN", "", "zh_CN"), ("zh_TW", "", "zh_CN"), ("en_US", "", "en"), ("de_DE", "", "en"),
    ("zh_CN", "en", "en"), ("en_GB", "zh_CN", "zh_CN"), ("en_GB", "klingon", "en"),
])
def test_language_from_the_system_locale_unless_chosen(locale, choice, expected, qtbot):
    assert i18n.resolve(choice, QLocale(locale)) == expected
    label = QLabel(expected)
    qtbot.addWidget(label)
    assert not label.grab().isNull()
