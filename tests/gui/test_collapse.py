"""Collapsible groups: every way in and out, edges bundled, nothing else moves, live changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from core.graph import GraphNode
from gui.export import export_scene
from gui.items.collapsed import CollapsedGroupItem, summarize
from gui.items.edge import BundleEdgeItem
from gui.theme import DARK, presentation
from tests.gui.conftest import shown_window
from tests.gui.test_scene_support import Setup

STS = "sts:default/web"
NS = "ns:default"


def members(s: Setup, group_id: str) -> set[str]:
    return set(s.scene.group(group_id).members)


def frame(s: Setup, group_id: str):
    return next(g for g in s.scene.group_items() if g.group_id == group_id and g.index == 0)


def view_point(s: Setup, scene_point) -> QPoint:
    s.view.centerOn(scene_point)
    return s.view.mapFromScene(scene_point)


def double_click(qtbot, s: Setup, scene_point) -> None:
    pos = view_point(s, scene_point)
    qtbot.mouseDClick(s.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # QTest's double click ends on the double-click event; a real one ends on a release.
    qtbot.mouseRelease(s.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def uid(s: Setup, kind: str, name: str, ns: str = "default") -> str:
    return s.cluster.get(kind, ns if kind not in ("PersistentVolume", "Node") else "",
                         name)["metadata"]["uid"]


def assert_folded(s: Setup, group_id: str) -> CollapsedGroupItem:
    scene = s.scene
    assert scene.is_collapsed(group_id)
    for nid in members(s, group_id):
        assert not scene.item_for(nid).isVisible(), nid
    card = scene.card_for(group_id)
    assert card is not None and card.isVisible() and card.scene() is scene
    return card


def assert_unfolded(s: Setup, group_id: str) -> None:
    scene = s.scene
    assert not scene.is_collapsed(group_id)
    assert scene.card_for(group_id) is None
    for nid in members(s, group_id):
        assert scene.item_for(nid).isVisible(), nid


# ---- the ways in and out ------------------------------------------------------------------

def test_click_on_the_title_toggle_collapses_and_the_cards_box_expands(qtbot):
    s = Setup(qtbot)
    before = s.scene.positions()
    toggle = frame(s, STS).toggle_rect()
    assert not toggle.isEmpty()
    qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view_point(s, toggle.center()))
    card = assert_folded(s, STS)
    assert not frame(s, STS).isVisible()
    s.grab()
    box = card.mapRectToScene(card.toggle_rect())
    qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view_point(s, box.center()))
    assert_unfolded(s, STS)
    assert frame(s, STS).isVisible()
    assert s.scene.positions() == before
    s.grab()


def test_double_click_on_the_title_and_on_the_card(qtbot):
    s = Setup(qtbot)
    band = frame(s, NS).title_rect()
    # Right of the toggle, on the title text.
    double_click(qtbot, s, band.center())
    card = assert_folded(s, NS)
    s.grab()
    double_click(qtbot, s, card.sceneBoundingRect().center())
    assert_unfolded(s, NS)
    s.grab()


def test_a_press_inside_a_frame_but_off_its_title_is_not_taken_by_the_frame(qtbot):
    s = Setup(qtbot)
    rect = frame(s, NS).rect()
    inside = rect.bottomLeft() + (rect.topRight() - rect.bottomLeft()) * 0.02
    assert s.view.itemAt(view_point(s, inside)) is None or \
        not hasattr(s.view.itemAt(view_point(s, inside)), "group_id")
    s.grab()


def test_keyboard_c_folds_the_innermost_group_and_shift_c_expands_all(qtbot):
    s = Setup(qtbot)
    before = s.scene.positions()
    pod = s.scene.item_for(uid(s, "Pod", "web-0"))
    s.view.setFocus()
    s.view.focus_item(pod)
    qtbot.keyClick(s.view, Qt.Key.Key_C)
    card = assert_folded(s, STS)  # innermost: the StatefulSet, not the namespace
    assert not s.scene.is_collapsed(NS)
    assert s.view.focused_item() is card
    assert s.scene.selectedItems() == [card]
    qtbot.keyClick(s.view, Qt.Key.Key_C)  # on the card: expand again
    assert_unfolded(s, STS)
    # The object the key folded is still reachable: focus moved to a member.
    assert s.view.focused_item() is not None
    s.view.focus_item(s.scene.item_for(uid(s, "PersistentVolume", "pv0001")))
    qtbot.keyClick(s.view, Qt.Key.Key_C)  # a PV is in no group: nothing happens
    assert not s.scene.collapsed_groups()
    s.scene.collapse_group(STS)
    s.scene.collapse_group(NS)
    qtbot.keyClick(s.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert not s.scene.collapsed_groups()
    assert_unfolded(s, STS)
    assert s.scene.positions() == before
    s.grab()


def test_tab_reaches_a_card_and_enter_expands_it(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(NS)
    card = s.scene.card_for(NS)
    s.view.setFocus()
    seen = [s.view.move_focus(1) for _ in range(len(s.scene.node_items()) + 2)]
    assert card in seen
    assert all(i.isVisible() for i in seen)
    s.view.focus_item(card)
    qtbot.keyClick(s.view, Qt.Key.Key_Return)
    assert_unfolded(s, NS)
    s.grab()


@pytest.fixture
def window(qtbot, settings_path):
    w = shown_window(qtbot, settings_path)
    w.bridge.run_command("settle")
    return w


def popup(window, scene_point):
    shown = []
    window.popup_menu = lambda menu, at: shown.append(menu)  # no real popup offscreen
    window.view.centerOn(scene_point)
    pos = window.view.mapFromScene(scene_point)
    # What a right click does: the view remembers the point, the window builds the menu.
    window.view.customContextMenuRequested.emit(QPoint(pos.x(), pos.y()))
    return shown[-1]


def entry(menu, text):
    return next(a for a in menu.actions() if a.text() == text)


def test_context_menu_on_a_frame_an_object_and_a_card(window):
    scene = window.scene
    web = next(g for g in scene.group_items() if g.group_id == STS)
    # Empty space inside the StatefulSet's frame (below the title, left of the objects).
    point = web.rect().topLeft() + (web.rect().bottomLeft() - web.rect().topLeft()) * 0.9
    point.setX(point.x() + 4)
    menu = popup(window, point)
    entry(menu, "Collapse StatefulSet web").trigger()
    assert scene.is_collapsed(STS)
    card = scene.card_for(STS)
    menu = popup(window, card.sceneBoundingRect().center())
    assert window.selected_id == ""  # a card is not an object
    texts = [a.text() for a in menu.actions()]
    assert "Expand StatefulSet web" in texts and "Expand all groups" in texts
    entry(menu, "Expand StatefulSet web").trigger()
    assert not scene.is_collapsed(STS)
    pv = scene.item_for(window.bridge.cluster.get("PersistentVolume", "", "pv0001")
                        ["metadata"]["uid"])
    menu = popup(window, pv.sceneBoundingRect().center())
    assert not any(a.text().startswith("Collapse") for a in menu.actions())  # in no group
    pod = scene.item_for(window.bridge.cluster.get("Pod", "default", "web-0")["metadata"]["uid"])
    menu = popup(window, pod.sceneBoundingRect().center())
    texts = [a.text() for a in menu.actions()]
    assert "Collapse StatefulSet web" in texts and "Collapse namespace default" in texts
    entry(menu, "Collapse namespace default").trigger()
    assert scene.is_collapsed(NS) and not pod.isVisible()
    menu = popup(window, scene.card_for(NS).sceneBoundingRect().center())
    entry(menu, "Expand all groups").trigger()
    assert not scene.collapsed_groups() and pod.isVisible()
    assert not window.grab().isNull()


# ---- what a collapsed group looks like ------------------------------------------------------

def test_edges_to_members_are_bundled_per_outside_object_and_relation(qtbot):
    s = Setup(qtbot)
    scene = s.scene
    inside = members(s, NS)
    touching = {e.key for e in scene.edge_items() if e.key[0] in inside or e.key[1] in inside}
    expected: dict[tuple[str, str, str], int] = {}
    for e in scene.edge_items():
        a, b = e.key
        if (a in inside) == (b in inside):
            continue  # outside-outside, or inside-inside (vanishes)
        key = ("group:" + NS if a in inside else a, "group:" + NS if b in inside else b,
               e.edge.relation)
        expected[key] = expected.get(key, 0) + 1
    scene.collapse_group(NS)
    card = scene.card_for(NS)
    for e in scene.edge_items():
        assert e.isVisible() == (e.key not in touching), e.key
    got = {b.bundle_key: b.count for b in scene.bundle_items()}
    assert got == expected
    # The seed: both claims name class "nfs"; one bundle with a count stands for them.
    assert got[("sc:nfs", "group:" + NS, "class")] == 2
    assert any(v > 1 for v in got.values())
    for bundle in scene.bundle_items():
        assert isinstance(bundle, BundleEdgeItem) and bundle.isVisible()
        assert card in (bundle.source_item, bundle.target_item)
    # No edge between members survives as a bundle (they would start and end on the card).
    assert all(b.source_item is not b.target_item for b in scene.bundle_items())
    scene.expand_group(NS)
    assert not scene.bundle_items()
    assert all(e.isVisible() for e in scene.edge_items())
    s.grab()


def test_cluster_scoped_objects_are_never_hidden_by_a_namespace(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(NS)
    for item in s.scene.node_items():
        if not item.node.namespace:
            assert item.isVisible(), item.node.name
    s.grab()


def test_the_card_says_counts_and_statuses_in_words(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(STS)
    card = s.scene.card_for(STS)
    texts = card.label_texts()
    assert texts[0] == "StatefulSet web"
    assert "2 claims: 1 Bound · 1 Pending" in texts
    assert any(t.startswith("2 pods: ") for t in texts)
    assert texts[-1] == "2 Pending"  # the chip: the most urgent status, with its count
    assert card.status_category == "pending"
    s.grab()


@pytest.mark.parametrize("statuses, chip", [
    (("Bound", "Bound"), "all OK"),
    (("Bound", "Pending", "Pending"), "2 Pending"),
    (("Lost", "Pending"), "1 Lost"),
    (("",), ""),
])
def test_summarize_names_the_most_urgent_status(statuses, chip):
    nodes = [GraphNode(f"c{i}", "PersistentVolumeClaim", f"c{i}", "ns", f"u{i}", st, ())
             for i, st in enumerate(statuses)]
    summary = summarize("namespace ns", nodes)
    assert summary.chip == chip
    assert summary.lines[0].startswith(f"{len(statuses)} claim")


def test_nothing_else_moves_and_expanding_restores_exact_positions(qtbot):
    s = Setup(qtbot)
    scene = s.scene
    pv = scene.item_for(uid(s, "PersistentVolume", "pv0002"))
    pv.setPos(pv.pos() + pv.pos() * 0.0 + type(pv.pos())(13, 7))
    scene.item_dragged(pv)  # pinned where "the user" put it
    before = scene.positions()
    picture = scene.picture_rect()
    outside = {nid: p for nid, p in before.items() if nid not in members(s, NS)}
    frames = {(g.group_id, g.index): g.rect() for g in scene.group_items()}
    scene.collapse_group(STS)
    scene.collapse_group(NS)
    assert scene.positions() == before  # hidden members keep their place too
    assert {nid: p for nid, p in scene.positions().items() if nid in outside} == outside
    assert scene.picture_rect() == picture
    scene.expand_group(NS)
    assert scene.card_for(STS) is not None  # the inner group stays collapsed
    ns_frame = next(g for g in scene.group_items() if g.group_id == NS)
    assert ns_frame.isVisible() and ns_frame.rect() == frames[(NS, 0)]
    scene.expand_all()
    assert scene.positions() == before
    assert {(g.group_id, g.index): g.rect() for g in scene.group_items()} == frames
    assert pv.pinned and pv.node_id in scene.pinned_ids()
    s.grab()


# ---- live changes while collapsed ---------------------------------------------------------------

NEW_CLAIM = """
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: scratch, namespace: default}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: nfs
  resources: {requests: {storage: 1Gi}}
"""


def test_new_members_join_the_collapsed_group_hidden(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(NS)
    card = s.scene.card_for(NS)
    before = s.scene.positions()
    seq = s.cluster.store.last_seq
    s.cluster.apply_manifests(NEW_CLAIM, "scratch.yaml")
    s.cluster.settle()
    s.sync(seq)
    scratch = s.scene.item_for(uid(s, "PersistentVolumeClaim", "scratch"))
    assert scratch is not None and not scratch.isVisible()
    assert s.scene.is_folded(scratch.uid)
    assert s.scene.card_for(NS) is card  # identity kept
    assert any(t.startswith("3 claims") for t in card.label_texts())
    assert ("sc:nfs", "group:" + NS, "class") in {b.bundle_key for b in s.scene.bundle_items()}
    bundle = next(b for b in s.scene.bundle_items() if b.bundle_key[2] == "class")
    assert bundle.count == 3
    # Old objects did not move; the newcomer took a free slot.
    assert {k: v for k, v in s.scene.positions().items() if k in before} == before
    s.scene.expand_group(NS)
    assert scratch.isVisible()
    s.grab()


def test_members_change_and_go_while_collapsed_and_the_card_shows_it(qtbot):
    s = Setup(qtbot)
    s.scene.set_motion(True, 8.0)
    s.scene.collapse_group(NS)
    card = s.scene.card_for(NS)
    seq = s.cluster.store.last_seq
    s.cluster.run("kubectl delete pod web-0")
    s.sync(seq)
    qtbot.waitUntil(lambda: card.flash > 0, timeout=3000)  # the change pulses the card
    qtbot.waitUntil(lambda: not s.scene.animating, timeout=5000)
    seq = s.cluster.store.last_seq
    s.cluster.settle()
    s.sync(seq)
    qtbot.waitUntil(lambda: not s.scene.animating, timeout=10000)
    assert s.scene.card_for(NS) is card
    snapshot_pods = [n for n in s.projection.snapshot().nodes if n.kind == "Pod"]
    shown = next(t for t in card.label_texts() if "pod" in t)
    assert shown.startswith(f"{len(snapshot_pods)} pod")
    for node in snapshot_pods:
        assert not s.scene.item_for(node.id).isVisible()
    # Deleting a claim for good: its item goes, the bundle from its PV goes with it.
    seq = s.cluster.store.last_seq
    s.cluster.run("kubectl delete statefulset web")
    s.cluster.run("kubectl delete pvc www-web-1")
    s.cluster.settle()
    s.sync(seq)
    qtbot.waitUntil(lambda: not s.scene.animating, timeout=10000)
    assert s.scene.item_for("uid-www-web-1") is None
    for bundle in s.scene.bundle_items():
        assert bundle.source_item.scene() is s.scene and bundle.target_item.scene() is s.scene
    s.scene.finish_animations()
    assert card.flash == 0.0
    s.grab()


def test_state_survives_apply_reset_and_theme(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(STS)
    seq = s.cluster.store.last_seq
    s.cluster.settle()
    s.sync(seq)
    assert_folded(s, STS)
    s.scene.reset(s.projection.snapshot())  # undo / redo / reset of the same cluster
    assert_folded(s, STS)
    s.scene.set_theme(presentation(DARK))
    card = assert_folded(s, STS)
    assert card.theme == s.scene.theme
    s.scene.expand_all()
    assert_unfolded(s, STS)
    s.grab()


# ---- selecting a hidden object expands its groups ------------------------------------------------

def test_selecting_a_hidden_member_expands_its_groups(qtbot):
    s = Setup(qtbot)
    s.scene.collapse_group(STS)
    s.scene.collapse_group(NS)
    claim = uid(s, "PersistentVolumeClaim", "www-web-1")
    signals = []
    s.scene.selection_changed_uid.connect(signals.append)
    item = s.scene.select_uid(claim)
    assert item.isVisible() and item.isSelected()
    assert not s.scene.collapsed_groups()
    assert signals == [claim]
    s.grab()


def test_the_event_log_and_inspector_path_reveals_hidden_objects(window):
    scene = window.scene
    scene.collapse_group(NS)
    pod = window.bridge.cluster.get("Pod", "default", "web-1")["metadata"]["uid"]
    window.select_id(pod)  # what the event log and the inspector's links call
    assert not scene.is_collapsed(NS)
    assert scene.item_for(pod).isVisible() and window.selected_id == pod
    assert not window.grab().isNull()


# ---- pictures ---------------------------------------------------------------------------------

def _white(image: QImage) -> int:
    white = QColor("#ffffff").rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == white)


def _render(scene, rect: QRectF) -> QImage:
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    return image


def test_export_draws_the_card_not_the_hidden_members(qtbot, tmp_path):
    s = Setup(qtbot)
    scene = s.scene
    pod = scene.item_for(uid(s, "Pod", "web-1"))  # second row: not under the card
    where = pod.sceneBoundingRect()
    shown = _white(_render(scene, where))
    expanded = export_scene(scene, tmp_path / "expanded.png")
    scene.collapse_group(STS)
    assert _white(_render(scene, where)) < shown / 4  # the pod's white body is gone
    card = scene.card_for(STS)
    assert _white(_render(scene, card.sceneBoundingRect())) > 100  # the card is drawn
    collapsed = export_scene(scene, tmp_path / "collapsed.png", title="collapsed")
    a, b = QImage(str(expanded)), QImage(str(collapsed))
    assert a.width() == b.width()  # same picture extent: nothing moved
    assert scene.is_collapsed(STS)  # exporting keeps the view state
    s.grab()


def test_a_lesson_highlight_on_a_hidden_object_shows_on_its_card(qtbot):
    s = Setup(qtbot)
    claim = uid(s, "PersistentVolumeClaim", "www-web-1")
    s.scene.set_highlighted([claim])
    s.scene.collapse_group(STS)
    card = s.scene.card_for(STS)
    assert card.highlighted
    s.scene.set_highlighted([])
    assert not card.highlighted
    s.grab()
