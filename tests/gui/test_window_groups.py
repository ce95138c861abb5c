"""Collapsed groups, the window's side: remembered between runs, View menu, keys, menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from gui.app import build_window
from gui.settings import AppSettings

STS = "sts:default/web"
NS = "ns:default"


def make(qtbot, path):
    w = build_window(settings_path=str(path), motion=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def window(qtbot, settings_path):
    return make(qtbot, settings_path)


def uid(window, kind, ns, name):
    return window.bridge.cluster.get(kind, ns, name)["metadata"]["uid"]


def test_settings_keep_collapsed_groups(settings_path, qtbot):
    settings = AppSettings(settings_path)
    assert settings.collapsed_groups == []
    settings.collapsed_groups = [STS, NS, STS, ""]
    settings.sync()
    assert AppSettings(settings_path).collapsed_groups == [NS, STS]
    settings.collapsed_groups = [NS]
    assert AppSettings(settings_path).collapsed_groups == [NS]  # one item stays a list
    settings.qsettings.setValue("view/collapsed_groups", "not json [")
    assert settings.collapsed_groups == []
    settings.qsettings.setValue("view/collapsed_groups", '{"a": 1}')
    assert settings.collapsed_groups == []
    w = make(qtbot, settings_path)  # a damaged value starts with nothing folded
    assert not w.scene.collapsed_groups()
    assert not w.grab().isNull()


def test_collapsed_groups_come_back_at_the_next_start(window, qtbot, settings_path):
    window.scene.collapse_group(STS)
    assert AppSettings(settings_path).collapsed_groups == [STS]
    window.close()
    again = make(qtbot, settings_path)
    scene = again.scene
    assert scene.is_collapsed(STS)
    card = scene.card_for(STS)
    assert card is not None and card.isVisible()
    pod = scene.item_for(uid(again, "Pod", "default", "web-0"))
    assert not pod.isVisible()
    assert again.actions_["expand_all"].isEnabled()
    again.actions_["expand_all"].trigger()
    assert not scene.collapsed_groups() and pod.isVisible()
    assert AppSettings(settings_path).collapsed_groups == []
    assert not again.grab().isNull()


def test_restoring_does_not_write_the_setting_back(qtbot, settings_path, monkeypatch):
    # A group the loaded files do not draw stays remembered (it folds when it appears);
    # restoring must not rewrite the setting from the scene's echo.
    AppSettings(settings_path).collapsed_groups = [STS, "sts:other/gone"]
    writes: list[list[str]] = []
    prop = AppSettings.collapsed_groups
    monkeypatch.setattr(AppSettings, "collapsed_groups", property(
        prop.fget, lambda self, ids: (writes.append(list(ids)), prop.fset(self, ids))))
    w = make(qtbot, settings_path)
    assert w.scene.is_collapsed(STS)
    assert writes == []
    w.scene.expand_group(STS)
    assert writes == [["sts:other/gone"]]
    assert not w.grab().isNull()


def test_view_menu_collapses_the_selected_objects_innermost_group(window):
    a = window.actions_
    view_menu = window.menus["view"]
    assert a["collapse_group"] in view_menu.actions()
    assert a["expand_all"] in view_menu.actions()
    assert a["collapse_group"].shortcut().toString() == "C"
    assert a["expand_all"].shortcut().toString() == "Shift+C"
    window.scene.clearSelection()
    window.view.focus_item(None)
    assert not a["collapse_group"].isEnabled()
    assert not a["expand_all"].isEnabled()
    window.select_object("Pod", "default", "web-0")
    assert a["collapse_group"].isEnabled()
    assert a["collapse_group"].text() == "Collapse StatefulSet web"
    a["collapse_group"].trigger()
    scene = window.scene
    assert scene.collapsed_groups() == {STS}
    assert a["expand_all"].isEnabled()
    # The keyboard cursor moved onto the card: the same action unfolds it.
    assert a["collapse_group"].text() == "Expand StatefulSet web"
    a["collapse_group"].trigger()
    assert not scene.collapsed_groups()
    assert not a["expand_all"].isEnabled()
    window.select_object("PersistentVolume", "", "pv0001")  # cluster-scoped: in no group
    assert not a["collapse_group"].isEnabled()
    assert not window.grab().isNull()


def test_c_and_shift_c_are_handled_once(window, qtbot):
    scene = window.scene
    toggles: list[list[str]] = []
    scene.collapsed_changed.connect(toggles.append)
    window.select_object("Pod", "default", "web-0")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    # Twice (action and view) would fold and unfold: the group must be folded, once.
    assert scene.collapsed_groups() == {STS} and toggles == [[STS]]
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    assert not scene.collapsed_groups() and toggles == [[STS], []]
    window.select_object("Pod", "default", "web-1")
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    window.select_object("PersistentVolume", "", "pv0002")
    assert scene.collapsed_groups() == {STS}
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert not scene.collapsed_groups()
    assert toggles == [[STS], [], [STS], []]
    # Typing a "c" in the console is text, not a fold.
    window.focus_console()
    qtbot.keyClick(window.console.input, Qt.Key.Key_C)
    assert window.console.input.text() == "c" and toggles == [[STS], [], [STS], []]
    assert not window.grab().isNull()


def test_context_menu_called_directly_uses_the_point(window):
    """The window's handler passes the scene point, so frame and card entries appear
    also without the view's own right-click signal (tests, keyboard menus)."""
    shown = []
    window.popup_menu = lambda menu, at: shown.append(menu)
    scene = window.scene
    web = next(g for g in scene.group_items() if g.group_id == STS)
    point = web.rect().topLeft() + (web.rect().bottomLeft() - web.rect().topLeft()) * 0.9
    point.setX(point.x() + 4)
    window.view.context_point = None  # the view saw no right click
    window.view.centerOn(point)
    pos = window.view.mapFromScene(point)
    window._context_menu(QPoint(pos.x(), pos.y()))
    texts = [a.text() for a in shown[-1].actions()]
    assert "Collapse StatefulSet web" in texts
    next(a for a in shown[-1].actions() if a.text() == "Collapse StatefulSet web").trigger()
    card = scene.card_for(STS)
    window.view.centerOn(card)
    pos = window.view.mapFromScene(card.sceneBoundingRect().center())
    window._context_menu(QPoint(pos.x(), pos.y()))
    texts = [a.text() for a in shown[-1].actions()]
    assert "Expand StatefulSet web" in texts and "Expand all groups" in texts
    # Called with a point directly, the actions' menu needs no view state either.
    menu = window.actions_.context_menu(None, card.sceneBoundingRect().center())
    assert "Expand StatefulSet web" in [a.text() for a in menu.actions()]
    assert not window.grab().isNull()
