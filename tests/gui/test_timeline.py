"""The timeline: scrubbing shows exactly the recorded past, read-only; back to now; branch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from core.graph import build_snapshot
from core.kinds import KINDS
from gui.timeline import MARGIN, bins
from tests.gui.conftest import shown_window

COMMANDS = ("kubectl scale statefulset web --replicas=3", "settle",
            "kubectl delete pvc www-web-1", "kubectl delete pod web-0", "settle")


@pytest.fixture
def window(qtbot, settings_path):
    w = shown_window(qtbot, settings_path)
    for line in COMMANDS:
        w.bridge.run_command(line)
    return w


def grab(widget) -> None:
    image = widget.grab()
    assert not image.isNull() and image.width() > 0


def state_of(cluster) -> dict:
    return {kind: cluster.store.list(kind) for kind in KINDS}


def recorded(history, k) -> dict:
    return {kind: history.objects_at(k, kind) for kind in KINDS}


def test_scrubbing_shows_exactly_the_recorded_state(window):
    bridge, strip = window.bridge, window.timeline
    history = bridge.history
    n = history.tick_count
    assert n > 50
    for k in (0, 1, n // 3, n // 2, n - 7, n // 5, n - 1):
        strip.scrub_to(k, now=True)
        assert bridge.past_seq == k
        assert state_of(bridge.cluster) == recorded(history, k)
        assert bridge.cluster.clock.now_ms == history.time_at(k)
        expected = build_snapshot(history.state_at(k).values())
        shown = {item.node_id if hasattr(item, "node_id") else item.uid
                 for item in window.scene.node_items()}
        assert {node.id for node in expected.nodes} <= shown | {""}
        assert {node.id for node in window.bridge.snapshot().nodes} == \
            {node.id for node in expected.nodes}
    grab(window)


def test_the_past_is_read_only_with_a_clear_banner(window, qtbot):
    bridge = window.bridge
    now_seq = bridge.live_cluster.store.last_seq
    window.player.play()
    window.timeline.scrub_to(now_seq // 2, now=True)
    assert not window.player.playing
    assert window.past_banner.isVisible()
    assert window.past_banner.label.text().startswith("Viewing the past — t = ")
    assert f"change {now_seq // 2} of {now_seq}" in window.past_banner.label.text()
    for name in ("delete", "new_pv", "open", "undo", "redo", "step", "settle", "play",
                 "reset", "nfs_write"):
        assert not window.actions_[name].isEnabled(), name
    assert window.actions_["back_to_now"].isEnabled()
    assert window.actions_["branch_here"].isEnabled()
    out = bridge.run_command("kubectl delete pv pv0002")
    assert out.startswith("Viewing the past")
    assert bridge.live_cluster.store.last_seq == now_seq
    grab(window)
    qtbot.mouseClick(window.past_banner.now_button, Qt.MouseButton.LeftButton)
    assert bridge.past_seq is None and not window.past_banner.isVisible()
    assert bridge.cluster is bridge.live_cluster
    assert window.actions_["undo"].isEnabled()
    grab(window)


def test_click_and_drag_on_the_strip(window, qtbot):
    strip = window.timeline
    n = strip.tick_count
    x = int(MARGIN + (strip.width() - 2 * MARGIN) * 0.25)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(x, strip.height() // 2))
    qtbot.waitUntil(lambda: window.bridge.past_seq is not None)
    first = window.bridge.past_seq
    assert abs(first - n // 4) <= max(2, n // 50)
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    assert window.bridge.past_seq == first + 1
    qtbot.keyClick(strip, Qt.Key.Key_End)
    assert window.bridge.past_seq is None
    grab(strip)


def test_branch_from_the_past_continues_from_there(window, qtbot):
    bridge = window.bridge
    history = bridge.history
    k = history.tick_count // 2
    before_branch = bridge.live_cluster.store.last_seq
    window.timeline.scrub_to(k, now=True)
    qtbot.mouseClick(window.past_banner.branch_button, Qt.MouseButton.LeftButton)
    assert bridge.past_seq is None
    stop = bridge.live_cluster.store.last_seq
    assert stop <= k
    # The branch is the recorded past at its stop point, and it is live.
    assert state_of(bridge.live_cluster) == recorded(history, stop)
    assert bridge.run_command("kubectl scale statefulset web --replicas=1").strip() == \
        "statefulset.apps/web scaled"
    assert bridge.history.tick_count > stop
    # Undo then redo of the cut: the dropped future comes back.
    bridge.undo()
    assert bridge.live_cluster.store.last_seq == stop
    assert bridge.redo()
    grab(window)
    assert before_branch > stop


def test_thousands_of_ticks_bin_per_pixel(qtbot, window):
    objects, events = bins([i % 3 == 0 for i in range(50_000)], 400)
    assert len(objects) == 400 and sum(objects) + sum(events) == 50_000
    assert max(objects) - min(objects) <= 1 and min(events) > 0
    assert bins([], 10) == ([0] * 10, [0] * 10)
    window.timeline.resize(1200, 34)
    grab(window.timeline)
