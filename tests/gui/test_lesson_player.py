"""Lesson mode: keys and buttons move the lesson, the caption follows, time stays paused."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.lessons import find_lesson, lesson_paths
from gui import i18n, lesson_player

SEED = "00-seed-walkthrough"


def grab(window) -> None:
    image = window.grab()
    assert not image.isNull() and image.width() > 0


def start(window, lesson_id: str = SEED):
    window.lesson.start(find_lesson(lesson_id))
    return window.lesson.runner


def test_keys_move_the_lesson_even_with_the_graph_focused(window, qtbot):
    runner = start(window)
    bar = window.lesson_bar
    assert bar.isVisible()
    assert bar.caption.text() == runner.lesson.title.text("en")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert runner.position == 1
    first = bar.caption.text()
    assert first.startswith("An NFS server at 192.168.6.189")
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert runner.position == 2
    assert bar.caption.text() != first and "four PVs" in bar.caption.text()
    assert bar.counter.text() == f"Step 2 of {runner.step_count}"
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    assert runner.position == 1 and bar.caption.text() == first
    # Back rebuilt the cluster: the window shows the runner's new one.
    assert window.bridge.live_cluster is runner.cluster
    assert window.bridge.cluster.store.count("PersistentVolume") == 0
    qtbot.keyClick(window.view, Qt.Key.Key_Home)
    assert runner.position == 0 and window.bridge.cluster.store.count("NFSServer") == 0
    grab(window)


def test_buttons_and_the_space_key_is_not_play_in_a_lesson(window, qtbot):
    runner = start(window)
    qtbot.mouseClick(window.lesson_bar.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.lesson_bar.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.lesson_bar.next_button, Qt.MouseButton.LeftButton)
    assert runner.position == 3 and runner.current_step.snapshot == "web-1-pending"
    pvs = window.bridge.cluster.store.count("PersistentVolume")
    assert pvs == 4
    assert not window.lesson_bar.back_button.isHidden()
    qtbot.mouseClick(window.lesson_bar.back_button, Qt.MouseButton.LeftButton)
    assert runner.position == 2
    qtbot.mouseClick(window.lesson_bar.restart_button, Qt.MouseButton.LeftButton)
    assert runner.position == 0
    assert not window.actions_["lesson_back"].isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert runner.position == 1 and not window.player.playing
    window.actions_["lesson_leave"].trigger()
    assert not window.lesson_bar.isVisible() and not window.lesson.active
    # Outside a lesson Space plays again.
    assert window.actions_["play"].shortcut().toString() == "Space"
    assert window.actions_["lesson_next"].shortcuts() == []
    grab(window)


def test_the_clock_is_paused_between_steps(window):
    runner = start(window)
    window.player.play()
    window.lesson.next()
    assert not window.player.playing
    now = window.bridge.cluster.clock.now_ms
    seq = window.bridge.cluster.store.last_seq
    # Nothing runs between steps: only the next step's own settle/sleep move time.
    window.player.play()
    window.lesson.next()
    assert not window.player.playing
    assert runner.position == 2
    assert window.bridge.cluster.store.last_seq > seq
    assert window.bridge.cluster.clock.now_ms >= now
    assert window.time_bar.work_label.text().startswith("paused")
    grab(window)


def test_objects_the_step_touched_are_highlighted(window):
    runner = start(window)
    for _ in range(3):
        window.lesson.next()
    touched = runner.touched_uids()
    web1 = window.bridge.cluster.get("Pod", "default", "web-1")["metadata"]["uid"]
    assert web1 in touched and window.lesson.highlighted == touched
    lit = [uid for uid in touched if window.scene.item_for(uid) is not None]
    assert lit and all(window.scene.item_for(uid).highlighted for uid in lit)
    pv = window.bridge.cluster.get("PersistentVolume", "", "pv0002")["metadata"]["uid"]
    assert pv not in touched and not window.scene.item_for(pv).highlighted
    window.lesson.next()
    assert window.lesson.highlighted == runner.touched_uids()
    grab(window)


def test_gallery_lists_bundled_lessons_and_opens_the_chosen_one(window, monkeypatch, qtbot):
    seen = {}

    def fake(parent, infos, lang):
        gallery = lesson_player.LessonGallery(infos, lang, parent)
        qtbot.addWidget(gallery)
        seen["rows"] = gallery.list.count()
        seen["first"] = gallery.list.item(0).text()
        assert not gallery.grab().isNull()
        return infos[2].path

    monkeypatch.setattr(lesson_player, "ask_lesson", fake)
    window.actions_["lesson_gallery"].trigger()
    assert seen["rows"] == len(lesson_paths()) and seen["rows"] >= 11
    assert seen["first"].startswith(find_lesson(SEED).title.text("en"))
    assert window.lesson.active and window.lesson.lesson.id == "02-wait-for-first-consumer"
    grab(window)


def test_lesson_from_a_file_and_a_broken_file(window, monkeypatch, tmp_path):
    good = tmp_path / "mine.txt"
    good.write_text("# title: Mine\nsay Hello class\nkubectl get pv\nsay Bye\n")
    monkeypatch.setattr(lesson_player, "ask_lesson_file", lambda parent: str(good))
    window.actions_["lesson_open"].trigger()
    assert window.lesson.lesson.title.text("en") == "Mine"
    window.lesson.next()
    assert window.lesson_bar.caption.text() == "Hello class"
    bad = tmp_path / "bad.txt"
    bad.write_text("say.zh 没有英文\n")
    window.lesson.open_path(bad)
    assert window.lesson.lesson.title.text("en") == "Mine"  # nothing replaced
    assert any("bad.txt" in m for m in window.errors.messages())
    grab(window)


def test_caption_follows_the_interface_language(window, qtbot):
    runner = start(window)
    window.lesson.next()
    english = window.lesson.caption()
    assert i18n.install("zh_CN")
    try:
        assert i18n.caption_language() == "zh"
        chinese = window.lesson.caption()
        assert chinese != english and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
        assert runner.lesson.steps[0].caption.text("zh") == chinese
    finally:
        i18n.install("en")
    assert window.lesson.caption() == english
    grab(window)
