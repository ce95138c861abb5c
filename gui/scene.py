"""``GraphScene``: maps graph snapshots to items (uid ↔ item) and stages their changes.

The scene never decides a Kubernetes rule and never reads the engine: it is given
snapshots of :mod:`core.graph` and the change records that led to them. Positions
come from :mod:`core.layout` (full on :meth:`reset` / :meth:`relayout`, incremental
on :meth:`apply`, so existing objects never move). Updates go through guarded
setters, so applying the same snapshot twice changes nothing.

With motion on, each change record is one stage (see :mod:`gui.animation`): new
objects fade in, changed ones pulse, new edges draw, removed things fade out; the
final stage reconciles the scene with the snapshot exactly. With motion off every
change is applied at once.

Groups (namespace, StatefulSet, NFS server) can be *collapsed*, a view state kept by
group id across :meth:`apply` and :meth:`reset`. A collapsed group's members stay
where they are, hidden; one card (:class:`~gui.items.collapsed.CollapsedGroupItem`)
stands in the group's first row, and edges from outside to members are drawn once
per outside object and relation (:class:`~gui.items.edge.BundleEdgeItem`). Nothing
else moves, and expanding shows the members exactly where they were.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractAnimation, QPointF, QRectF, QSequentialAnimationGroup, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsScene, QToolTip

from core.graph import PROJECTED_KINDS, GraphDelta, GraphEdge, GraphNode, GraphSnapshot
from core.layout import Group, Layout, compute_groups, compute_layout
from core.store import Change
from gui import animation
from gui.animation import Motion, MoveAll, StagePlayer
from gui.items import ITEM_CLASSES, EdgeItem, GroupItem, NodeItem, make_item
from gui.items.base import PICTURE_GENERATION, build_items
from gui.items.collapsed import CollapsedGroupItem, card_height, summarize
from gui.items.constants import LOD_FLAT
from gui.items.edge import BundleEdgeItem, build_edges
from gui.items.edge_layer import EdgeLayer
from gui.items.flat_layer import FlatLayer
from gui.theme import LIGHT, Theme

_EMPTY = GraphSnapshot((), ())
#: Room around the picture so frames and arrowheads at the border are not clipped.
SCENE_MARGIN = 80.0
#: Whether the last reset froze the heap for the cycle collector (see reset).
_FROZEN = [False]
#: Guessing flat mode (see GraphScene._guess_flat): only scenes this big, fitted into
#: a view this size (a large window; smaller ones zoom further out).
_FLAT_GUESS_MIN = 1000
_FLAT_GUESS_VIEW = (1920.0, 1200.0)


def _name_key(node: GraphNode) -> tuple[str, str, str]:
    return (node.kind, node.namespace, node.name)


#: Bundle end ids of cards: "group:" + the group id (no object id looks like that).
_CARD_PREFIX = "group:"
#: Cards sit above the frames and edges, like objects.
Z_CARD = 1.0


def _nfs_title(members: Sequence[GraphNode]) -> str:
    server = next((n for n in members if n.kind == "NFSServer"), None)
    return f"NFS server {server.name}" if server is not None else "NFS server"


class GraphScene(QGraphicsScene):
    """The graph as QGraphicsItems: one item per object, edge and group frame."""

    #: The uid of the selected object (node id for implied ones), "" when none.
    selection_changed_uid = Signal(str)
    #: A user dragged an object (its uid): it is now pinned.
    pinned_uid = Signal(str)
    #: Every queued stage has been shown.
    idle = Signal()
    #: Objects appeared, went, moved or changed status (the overview map redraws).
    picture_changed = Signal()
    #: The set of collapsed group ids changed (sorted list; a window may remember it).
    collapsed_changed = Signal(list)

    def __init__(self, theme: Theme = LIGHT, parent=None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._config = theme.layout_config()
        self._snapshot = _EMPTY
        self._items: dict[str, NodeItem] = {}
        self._by_uid: dict[str, str] = {}
        self._edges: dict[tuple[str, str], EdgeItem] = {}
        self._groups: list[GroupItem] = []
        self._group_defs: tuple[Group, ...] = ()
        # Collapsing: ids of collapsed groups (kept across resets: a view state), the
        # card of each outermost one, which collapsed group hides each member, the
        # object edges hidden with them, and the bundles drawn instead.
        self._collapsed: set[str] = set()
        self._cards: dict[str, CollapsedGroupItem] = {}
        self._rep: dict[str, str] = {}
        self._fold_edges: set[tuple[str, str]] = set()
        self._bundles: dict[tuple[str, str, str], BundleEdgeItem] = {}
        self._bundles_dirty = False
        self._bundle_news: tuple[list, list] = ([], [])
        # Removed cards, kept alive until the next change: one may be removed from
        # inside its own mouse handler.
        self._spent_cards: list[CollapsedGroupItem] = []
        # Items created ahead of their stage (hidden until their appearance is shown).
        self._unshown: set[str] = set()
        self._pinned: set[str] = set()
        # Where removed objects were, by (kind, namespace, name): a StatefulSet pod
        # recreated under the same name comes back to the same place.
        self._remembered: dict[tuple[str, str, str], QPointF] = {}
        self._planned: dict[str, QPointF] = {}
        # Items an animation may have left mid-way (opacity, scale, flash, progress).
        self._dirty: set = set()
        self._overview = False
        self._picture_cache: tuple | None = None
        self._frames_cache: tuple | None = None
        self._groups_generation = 0
        self._quiet = False
        self._selected_uid = ""
        # uids (or node ids) the lesson points at; survives animations and resets.
        self._highlighted: frozenset[str] = frozenset()
        self._move: MoveAll | None = None
        self.motion = Motion(enabled=True, speed=1.0)
        self._player = StagePlayer(self.motion, self)
        self._player.idle.connect(self.idle)
        self.setBackgroundBrush(QBrush(theme.color("background")))
        # A BSP index: a change repaints a small region, and finding the items there
        # must not ask all 20,000 items for their (Python) bounding rects. It works
        # because edges to hubs are short stubs; thousands of scene-long edges made
        # building the tree 3-4x slower than a linear scan (measured).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._selected_nodes: dict[int, NodeItem] = {}
        self.selectionChanged.connect(self._restack_selection)
        self.selectionChanged.connect(self._on_selection)
        # Every edge is a record drawn by this one item (see gui.items.edge_layer).
        self._layer = EdgeLayer()
        self.addItem(self._layer)
        # Zoomed far out (flat mode, see set_flat) this one item draws every object.
        self._flat = False
        # Flat because reset guessed a view would zoom that far out (see
        # _guess_flat), not because one did: the first view to paint or zoom decides.
        self._flat_guessed = False
        self._flat_layer = FlatLayer()
        self.addItem(self._flat_layer)

    # ---- public API -------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def snapshot(self) -> GraphSnapshot:
        return self._snapshot

    @property
    def animating(self) -> bool:
        return self._player.busy or (self._move is not None
                                     and self._move.state() == QAbstractAnimation.State.Running)

    def item_for(self, uid: str) -> NodeItem | None:
        """The item of an object by uid (or graph node id, for implied nodes)."""
        item = self._items.get(uid)
        if item is None and uid in self._by_uid:
            item = self._items.get(self._by_uid[uid])
        return item

    def edge_item(self, source: str, target: str) -> EdgeItem | None:
        return self._edges.get((source, target))

    def node_items(self) -> list[NodeItem]:
        return list(self._items.values())

    def edge_items(self) -> list[EdgeItem]:
        """The object edges (records drawn by :meth:`edge_layer`; bundles aside)."""
        return list(self._edges.values())

    def edge_layer(self) -> EdgeLayer:
        """The one item drawing every edge and bundle."""
        return self._layer

    def group_items(self) -> list[GroupItem]:
        return list(self._groups)

    def positions(self) -> dict[str, tuple[float, float]]:
        return {nid: (item.pos().x(), item.pos().y()) for nid, item in self._items.items()}

    def pinned_ids(self) -> set[str]:
        return set(self._pinned)

    def set_motion(self, enabled: bool, speed: float = 1.0) -> None:
        """Reduced motion when ``enabled`` is False: every change shows at once."""
        self.motion.set(enabled, speed)
        if not enabled:
            self.finish_animations()

    def finish_animations(self) -> None:
        """Show every queued change now (e.g. before export or a test assertion)."""
        self._player.flush()
        if self._move is not None:
            self._move.finish_now()
            self._move = None
            self._after_move()

    def reset(self, snapshot: GraphSnapshot) -> None:
        """Forget everything and draw ``snapshot`` with a fresh layout."""
        # A big scene allocates tens of thousands of objects at once: without this,
        # Python's cycle collector rescans the whole heap (the cluster's manifests
        # too) several times over, a fifth of the build. Nothing here makes cycles
        # that need collecting before the next ordinary collection.
        enabled = gc.isenabled()
        gc.disable()
        if _FROZEN[0]:
            # What the last reset froze may be garbage now: collectable again.
            gc.unfreeze()
            _FROZEN[0] = False
        try:
            self._reset(snapshot)
            if enabled and gc.get_freeze_count() == 0:
                # The scene's ~40,000 new objects live until the next reset, yet the
                # first collections after it would walk them all (and soon the whole
                # heap): 40-150 ms right after a big scene is built, measured. Frozen
                # (before the collector is back on), the cycle collector leaves them and
                # what existed before alone; the next reset unfreezes. Objects still
                # die by reference counting meanwhile.
                gc.freeze()
                _FROZEN[0] = True
        finally:
            if enabled:
                gc.enable()

    def _reset(self, snapshot: GraphSnapshot) -> None:
        self._player.flush()
        if self._move is not None:
            self._move.stop()
            self._move = None
        self.clearSelection()
        for edge in self._edges.values():
            edge.detach()
        for bundle in self._bundles.values():
            bundle.detach()
        # The layer outlives a reset (clear() would delete it); its records do not.
        self.removeItem(self._layer)
        self._layer.clear()
        self.removeItem(self._flat_layer)
        self._flat_layer.forget_all()
        self.clear()
        self._items.clear()
        self._by_uid.clear()
        self._edges.clear()
        self._groups.clear()
        self._group_defs = ()
        self._cards.clear()
        self._spent_cards.clear()
        self._rep = {}
        self._fold_edges = set()
        self._bundles.clear()
        self._bundles_dirty = False
        self._unshown.clear()
        self._selected_nodes = {}
        self._pinned.clear()
        self._remembered.clear()
        self._planned.clear()
        self._dirty.clear()
        self._snapshot = snapshot
        layout = compute_layout(snapshot, config=self._config)
        if not self._flat and self._guess_flat(layout):
            self._flat = self._flat_guessed = True
        # Build everything first and add it to the scene last: geometry changes of
        # items not yet in a scene cost nothing (no index, no repaint bookkeeping).
        # Not _add_item / _add_edge: nothing is pinned or folded yet, and this runs
        # 7,000 and 14,000 times for a big cluster (see build_items, build_edges).
        nodes, theme, flat = snapshot.nodes, self._theme, self._flat
        built = build_items(nodes, layout.positions, theme, ITEM_CLASSES, no_contents=flat)
        items, by_uid = self._items, self._by_uid
        for node, item in zip(nodes, built):
            items[node.id] = item
            if node.uid:
                by_uid[node.uid] = node.id
        highlighted = self._highlighted
        if highlighted:
            for node, item in zip(nodes, built):
                if node.id in highlighted or node.uid in highlighted:
                    item.set_highlighted(True)
        self._edges = build_edges(snapshot.edges, items, theme)
        self._layer.add_many(self._edges.values())
        self.addItem(self._layer)
        self.addItem(self._flat_layer)
        if flat:
            self._flat_layer.adopt_many(items.values(), flagged=True)
        for item in items.values():
            self.addItem(item)
        PICTURE_GENERATION[0] += 1
        self._set_groups(layout)
        self._update_scene_rect()
        self.picture_changed.emit()

    def apply(self, changes: Sequence[Change], snapshot: GraphSnapshot) -> None:
        """Bring the scene to ``snapshot``, showing ``changes`` one at a time.

        Idempotent: applying the same snapshot again changes nothing. Deltas for the
        changes come from ``snapshot.recent``; when one is missing (too old, or not
        from a projection) the scene still ends up exactly at ``snapshot``.
        Cost is proportional to what changed, not to the size of the scene.
        """
        if not self._items and not self._snapshot.nodes:
            self.reset(snapshot)
            return
        deltas: list[GraphDelta] = []
        complete = True
        for change in changes:
            if change.kind not in PROJECTED_KINDS:
                continue
            delta = snapshot.delta_for(change.seq)
            if delta is None:
                complete = False
            elif not delta.empty:
                deltas.append(delta)
        self._snapshot = snapshot
        if complete:
            touched_nodes = {n.id for d in deltas
                             for n in (*d.nodes_added, *d.nodes_changed, *d.nodes_removed)}
            touched_edges = {e.key for d in deltas
                             for e in (*d.edges_added, *d.edges_changed, *d.edges_removed)}
            new_ids = {nid for nid in touched_nodes
                       if nid not in self._items and snapshot.has_node(nid)}
        else:
            touched_nodes = touched_edges = None
            new_ids = {n.id for n in snapshot.nodes if n.id not in self._items}
        self._plan_positions(snapshot, deltas, new_ids)
        # Objects exist (hidden) as soon as the snapshot says so: callers may select
        # them before their appearance has been shown.
        for nid in sorted(new_ids):
            node = snapshot.node(nid)
            if node is not None and nid not in self._items:
                item = self._add_item(node, self._planned.get(nid, QPointF()))
                item.setVisible(False)
                self._unshown.add(nid)
                self._dirty.add(item)
        for delta in deltas:
            self._player.push(lambda animate, d=delta: self._stage(d, animate))
        self._player.push(lambda animate, s=snapshot, n=touched_nodes, e=touched_edges:
                          self._reconcile(s, n, e))

    def relayout(self, animate: bool = True) -> None:
        """A fresh full layout; pins are cleared. Moves everything in one animation."""
        self.finish_animations()
        self._pinned.clear()
        for item in self._items.values():
            item.set_pinned(False)
        layout = compute_layout(self._snapshot, config=self._config)
        moves = {}
        for nid, item in self._items.items():
            target = QPointF(*layout.positions.get(nid, (item.pos().x(), item.pos().y())))
            if target != item.pos():
                moves[item] = (item.pos(), target)
        if animate and self.motion.enabled and moves:
            self._move = MoveAll(moves, self.motion.ms(animation.MOVE_MS), self)
            self._move.finished.connect(self._after_move)
            self._move.start()
        else:
            for item, (_, end) in moves.items():
                item.setPos(end)
            self._after_move()

    def set_theme(self, theme: Theme) -> None:
        """Restyle everything; a size change (presentation) scales positions with it."""
        if theme == self._theme:
            return
        self.finish_animations()
        factor = theme.scale / self._theme.scale
        self._theme = theme
        self._config = theme.layout_config()
        self.setBackgroundBrush(QBrush(theme.color("background")))
        for item in self._items.values():
            if factor != 1.0:
                item.setPos(item.pos() * factor)
            item.set_theme(theme)
        for edge in (*self._edges.values(), *self._bundles.values()):
            edge.set_theme(theme)
        if factor != 1.0:
            self._remembered = {k: p * factor for k, p in self._remembered.items()}
        self._refresh_groups()
        self._update_scene_rect()
        self.picture_changed.emit()

    def retranslate(self) -> None:
        """The items' words in the interface's current language (called on a switch)."""
        for item in (*self._items.values(), *self._cards.values()):
            item._restyle()  # drops the laid-out label; the next paint lays it out again
            item.update()
        self._update_cards(list(self._cards))  # a card's counts are words too
        self.picture_changed.emit()

    def set_overview(self, overview: bool) -> None:
        """The view is zoomed far out: group titles switch to their scale-free labels."""
        if overview != self._overview:
            self._overview = overview
            self._groups_generation += 1
            for group in self._groups:
                group.set_overview(overview)

    @property
    def flat(self) -> bool:
        return self._flat

    def set_flat(self, flat: bool) -> None:
        """The view is zoomed out below ``LOD_FLAT``: one layer draws every object as
        its flat rectangle (see gui.items.flat_layer); objects stay where clicks,
        hover and focus find them. Any painter zoomed in further still gets every
        object in full detail, so this only decides what is fast."""
        flat = bool(flat)
        self._flat_guessed = False
        if flat == self._flat:
            return
        self._flat = flat
        if flat:
            self._flat_layer.adopt_many(self._items.values())
        else:
            self._flat_layer.release_all()

    def flat_layer(self) -> FlatLayer:
        return self._flat_layer

    def _guess_flat(self, layout: Layout) -> bool:
        """Whether a big scene built with no view yet will be shown flat.

        Items made flat get ``ItemHasNoContents`` with their other flags, in one call,
        where switching 7,000 of them once the view has fitted costs ~8 ms. A view that
        decides otherwise switches back (what switching would have cost anyway); until
        a view has decided, painting the scene any other way first undoes the guess
        (:meth:`settle_flat`), so nothing is ever drawn differently.
        """
        positions = layout.positions
        if self.views() or len(positions) < _FLAT_GUESS_MIN:
            return False
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        width = max(xs) - min(xs) + self._theme.item_width
        height = max(ys) - min(ys) + self._theme.item_height
        fit = min(_FLAT_GUESS_VIEW[0] / width, _FLAT_GUESS_VIEW[1] / height)
        return fit < LOD_FLAT

    def settle_flat(self) -> None:
        """Undo reset's guess of flat mode (see _guess_flat) unless a view confirmed it:
        called before the scene is painted by anything but a view that has zoomed."""
        if self._flat_guessed:
            self.set_flat(False)

    def render(self, *args, **kwargs) -> None:
        # Exports paint here with no view's zoom to go by: no guessed flat mode.
        self.settle_flat()
        super().render(*args, **kwargs)

    def highlighted(self) -> frozenset[str]:
        return self._highlighted

    def set_highlighted(self, uids: Iterable[str]) -> None:
        """Outline exactly these objects (uid or node id) with the lesson glow.

        Unlike the animation flash this is state, not motion: stages, reconciles and
        resets keep it, and objects that appear later under a listed uid get it too.
        """
        wanted = frozenset(uids)
        before = {id(i): i for u in self._highlighted if (i := self.item_for(u)) is not None}
        after = {id(i): i for u in wanted if (i := self.item_for(u)) is not None}
        self._highlighted = wanted
        for key, item in before.items():
            if key not in after:
                item.set_highlighted(False)
        for item in after.values():
            item.set_highlighted(True)
        self._highlight_cards()

    def _highlight_cards(self) -> None:
        # A lesson pointing at a hidden object points at the card standing for it.
        wanted = set()
        for uid in self._highlighted:
            item = self.item_for(uid)
            if item is not None and item.node_id in self._rep:
                wanted.add(self._rep[item.node_id])
        for gid, card in self._cards.items():
            card.set_highlighted(gid in wanted)

    def select_uid(self, uid: str) -> NodeItem | None:
        """Select (and focus) an object's item; "" clears the selection."""
        item = self.item_for(uid) if uid else None
        self.select_item(item)
        return item

    def select_item(self, item: NodeItem | None) -> None:
        """Select and focus exactly ``item`` (None: nothing).

        An object hidden in a collapsed group is revealed first (its groups expand):
        whatever asks for it — the event log, the inspector, a search — shows it.
        """
        if item is not None and item.node_id in self._rep \
                and not isinstance(item, CollapsedGroupItem):
            self.reveal(item.node_id)
        # One signal for the new selection, not a "" for the clearing first.
        self._quiet = True
        try:
            self.clearSelection()
            if item is not None:
                item.setSelected(True)
                self.setFocusItem(item)
        finally:
            self._quiet = False
        self._on_selection()

    # ---- collapsing groups ----------------------------------------------------------------
    def groups(self) -> tuple[Group, ...]:
        """The groups framed now (namespace, StatefulSet, NFS), collapsed or not."""
        return self._group_defs

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self._group_defs if g.id == group_id), None)

    def collapsed_groups(self) -> frozenset[str]:
        return frozenset(self._collapsed)

    def is_collapsed(self, group_id: str) -> bool:
        return group_id in self._collapsed

    def collapsed_items(self) -> list[CollapsedGroupItem]:
        """The cards shown for collapsed groups (an outermost one per nest)."""
        return list(self._cards.values())

    def card_for(self, group_id: str) -> CollapsedGroupItem | None:
        return self._cards.get(group_id)

    def card_hiding(self, uid: str) -> CollapsedGroupItem | None:
        """The card standing for an object hidden in a collapsed group (else None)."""
        item = self.item_for(uid)
        gid = self._rep.get(item.node_id) if item is not None else None
        return self._cards.get(gid) if gid is not None else None

    def bundle_items(self) -> list[BundleEdgeItem]:
        return list(self._bundles.values())

    def is_folded(self, uid: str) -> bool:
        """True when the object is hidden inside a collapsed group."""
        item = self.item_for(uid)
        return item is not None and item.node_id in self._rep

    def groups_of(self, uid: str) -> list[Group]:
        """The groups holding an object (uid or node id), innermost first."""
        item = self.item_for(uid)
        if item is None:
            return []
        nid = item.node_id
        found = [g for g in self._group_defs if nid in g.members]
        return sorted(found, key=lambda g: (-g.depth, g.id))

    def group_at(self, point: QPointF) -> Group | None:
        """The innermost group drawn at a scene point: a card, else a visible frame."""
        for gid, card in self._cards.items():
            if card.sceneBoundingRect().contains(point) \
                    and card.shape().contains(card.mapFromScene(point)):
                return self.group(gid)
        best: Group | None = None
        for frame in self._groups:
            if frame.isVisible() and frame.rect().contains(point):
                group = self.group(frame.group_id)
                if group is not None and (best is None or group.depth > best.depth):
                    best = group
        return best

    def collapse_group(self, group_id: str) -> bool:
        """Fold a group into one card; False when there is no such group or it is folded."""
        if group_id in self._collapsed or self.group(group_id) is None:
            return False
        self._collapsed.add(group_id)
        self._after_fold_change()
        return True

    def expand_group(self, group_id: str) -> bool:
        if group_id not in self._collapsed:
            return False
        self._collapsed.discard(group_id)
        self._after_fold_change()
        return True

    def toggle_group(self, group_id: str) -> bool:
        """Collapse or expand; returns True when the group is collapsed afterwards."""
        if not self.expand_group(group_id):
            self.collapse_group(group_id)
        return group_id in self._collapsed

    def expand_all(self) -> bool:
        if not self._collapsed:
            return False
        self._collapsed.clear()
        self._after_fold_change()
        return True

    def set_collapsed_groups(self, group_ids: Iterable[str]) -> None:
        """Restore a remembered set (ids of groups not drawn now apply when they are)."""
        wanted = set(group_ids)
        if wanted != self._collapsed:
            self._collapsed = wanted
            self._after_fold_change()

    def reveal(self, uid: str) -> bool:
        """Expand every collapsed group that hides this object; True if any did."""
        item = self.item_for(uid)
        if item is None or item.node_id not in self._rep:
            return False
        nid = item.node_id
        for group in self._group_defs:
            if group.id in self._collapsed and nid in group.members:
                self._collapsed.discard(group.id)
        self._after_fold_change()
        return True

    def _after_fold_change(self) -> None:
        self.finish_animations()
        self._spent_cards.clear()
        self._apply_groups(self._group_defs)
        self._update_scene_rect()
        self.picture_changed.emit()
        self.collapsed_changed.emit(sorted(self._collapsed))

    def pin(self, uid: str, pinned: bool = True) -> None:
        item = self.item_for(uid)
        if item is None:
            return
        if pinned:
            self._pinned.add(item.node_id)
        else:
            self._pinned.discard(item.node_id)
        item.set_pinned(pinned)

    def item_dragged(self, item: NodeItem) -> None:
        """Called by an item the user moved: pin it and refit the frames."""
        self.pin(item.node_id, True)
        self._refresh_groups()
        self._update_scene_rect()
        self.picture_changed.emit()
        self.pinned_uid.emit(item.uid)

    def picture_rect(self) -> QRectF:
        """What is drawn: objects and frames (what fit and export show). Edges run
        between objects; where they bulge out (a row gap, a short stub) the callers'
        margins cover them, and their bounding boxes are deliberately generous."""
        # Objects and frames are measured apart: zooming out swaps frame titles for
        # overview labels (new frame generation) and must not re-measure 7,000 objects.
        key = PICTURE_GENERATION[0]
        if self._picture_cache is None or self._picture_cache[0] != key:
            self._picture_cache = (key, self._measure_objects())
        gkey = (key, self._groups_generation)
        if self._frames_cache is None or self._frames_cache[0] != gkey:
            box = self._picture_cache[1]
            for group in self._groups:
                r = group.sceneBoundingRect()
                box = (min(box[0], r.left()), min(box[1], r.top()),
                       max(box[2], r.right()), max(box[3], r.bottom()))
            self._frames_cache = (gkey, box)
        x0, y0, x1, y1 = self._frames_cache[1]
        if x0 > x1:
            return QRectF()
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def _measure_objects(self) -> tuple[float, float, float, float]:
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        unshown = self._unshown
        # Members hidden in a collapsed group still hold their place: collapsing never
        # changes the picture's extent (nothing scrolls, an export keeps its frame).
        for nid, item in self._items.items():
            if nid in unshown:
                continue
            if item._unsettled:  # scaled mid-animation: ask Qt
                a, b, c, d = item.scene_paint_box()
            else:  # scene_paint_box() at scale 1, without two calls per item
                a, b, c, d = item._rect
                dx0, dy0, dx1, dy1 = item._geo.paint_deltas
                a, b, c, d = a + dx0, b + dy0, c + dx1, d + dy1
            if a < x0:
                x0 = a
            if b < y0:
                y0 = b
            if c > x1:
                x1 = c
            if d > y1:
                y1 = d
        for card in self._cards.values():
            r = card.sceneBoundingRect()
            x0, y0 = min(x0, r.left()), min(y0, r.top())
            x1, y1 = max(x1, r.right()), max(y1, r.bottom())
        return (x0, y0, x1, y1)

    # ---- building blocks -------------------------------------------------------------
    def _add_item(self, node: GraphNode, pos: QPointF, add: bool = True) -> NodeItem:
        item = make_item(node, self._theme, pos)
        if add:
            self.addItem(item)
            PICTURE_GENERATION[0] += 1
            if self._flat:
                self._flat_layer.adopt(item)
        self._items[node.id] = item
        if node.uid:
            self._by_uid[node.uid] = node.id
        if node.id in self._pinned:
            item.set_pinned(True)
        if self._highlighted and (node.id in self._highlighted or node.uid in self._highlighted):
            item.set_highlighted(True)
        return item

    def _remove_item(self, node_id: str) -> None:
        item = self._items.pop(node_id, None)
        if item is None:
            return
        node = item.node
        self._remembered[_name_key(node)] = item.pos()
        if node.uid and self._by_uid.get(node.uid) == node_id:
            del self._by_uid[node.uid]
        self._pinned.discard(node_id)
        self._unshown.discard(node_id)
        if self._rep.pop(node_id, None) is not None:
            self._bundles_dirty = True
        for edge in item.edges:
            if isinstance(edge, BundleEdgeItem):
                self._drop_bundle(edge)
            else:
                self._remove_edge(edge.key)
        self._flat_layer.release(item)
        if item.scene() is self:
            self.removeItem(item)
        PICTURE_GENERATION[0] += 1

    def _add_edge(self, edge: GraphEdge, route: bool = True, add: bool = True
                  ) -> EdgeItem | None:
        source = self._items.get(edge.source)
        target = self._items.get(edge.target)
        if source is None or target is None:
            return None
        item = EdgeItem(edge, source, target, self._theme, route=False)
        if self._rep and (edge.source in self._rep or edge.target in self._rep):
            # Into a collapsed group: drawn as (part of) a bundle to its card.
            item.setVisible(False)
            item.folded = True
            self._fold_edges.add(edge.key)
            self._bundles_dirty = True
        if add:
            self._layer.add(item)
        self._edges[edge.key] = item
        if route:
            source.edges_changed(item)
            target.edges_changed(item)
        return item

    def _remove_edge(self, key: tuple[str, str]) -> None:
        item = self._edges.pop(key, None)
        if item is None:
            return
        if key in self._fold_edges:
            self._fold_edges.discard(key)
            self._bundles_dirty = True
        item.detach()
        self._layer.remove(item)
        item.source_item.edges_changed()
        item.target_item.edges_changed()

    def _plan_positions(self, snapshot: GraphSnapshot, deltas: Iterable[GraphDelta],
                        new_ids: set[str]) -> None:
        """Slots for every object that will appear, before any of them is shown."""
        transient: dict[str, GraphNode] = {}
        transient_edges: list[GraphEdge] = []
        for delta in deltas:
            for node in delta.nodes_added:
                if not snapshot.has_node(node.id) and node.id not in self._items:
                    transient[node.id] = node
            transient_edges.extend(delta.edges_added)
        new_ids = set(new_ids) | set(transient)
        if not new_ids:
            return
        wanted = snapshot.node_ids()
        nodes = list(snapshot.nodes) + list(transient.values())
        node_ids = {n.id for n in nodes}
        edges = list(snapshot.edges) + [e for e in transient_edges
                                        if (e.source in transient or e.target in transient)
                                        and e.source in node_ids and e.target in node_ids]
        union = GraphSnapshot(tuple(nodes), tuple(edges))
        previous = {nid: (item.pos().x(), item.pos().y())
                    for nid, item in self._items.items() if nid in wanted}
        # Objects going away free their slot, and lend it to a namesake that arrives.
        hints = dict(self._remembered)
        for nid, item in self._items.items():
            if nid not in wanted:
                hints[_name_key(item.node)] = item.pos()
        hint_points = {n.id: (p.x(), p.y()) for n in nodes if n.id in new_ids
                       and (p := hints.get(_name_key(n))) is not None}
        pinned = {nid: previous[nid] for nid in self._pinned if nid in previous}
        layout = compute_layout(union, previous=previous, pinned=pinned, config=self._config,
                                hints=hint_points)
        for nid in new_ids:
            if nid in layout.positions:
                self._planned[nid] = QPointF(*layout.positions[nid])
        # Only the Node column moves on an addition (a closed-up column reopening).
        moves = {}
        for nid, point in previous.items():
            target = layout.positions.get(nid)
            if target is not None and target != point:
                item = self._items[nid]
                moves[item] = (item.pos(), QPointF(*target))
        if moves:
            self._player.push(lambda animate, m=moves: self._shift(m, animate))

    def _shift(self, moves, animate: bool) -> QAbstractAnimation | None:
        moves = {i: (i.pos(), end) for i, (_, end) in moves.items() if i.scene() is self}
        if animate and moves:
            return MoveAll(moves, self.motion.ms(animation.MOVE_MS))
        for item, (_, end) in moves.items():
            item.setPos(end)
        self._refresh_groups()
        return None

    # ---- stages ----------------------------------------------------------------------------
    def _stage(self, delta: GraphDelta, animate: bool) -> QAbstractAnimation | None:
        """Show one change record: appear → change → connect → disappear.

        What happens inside a collapsed group is shown on its card (a pulse) and on
        its bundles; the hidden members change without motion.
        """
        motion = self.motion
        appearing, changing, connecting, leaving = [], [], [], []
        cards: set[str] = set()
        added = []
        for node in delta.nodes_added:
            item = self._items.get(node.id)
            if item is None:
                item = self._add_item(node, self._planned.get(node.id, QPointF()))
            item.set_node(node)
            was_hidden = node.id in self._unshown or not item.isVisible()
            self._show(item)
            added.append((item, was_hidden))
        if added and self._collapsed:
            self._refresh_groups()  # a newcomer to a collapsed group folds at once
        for item, was_hidden in added:
            gid = self._rep.get(item.node_id)
            if gid is not None:
                cards.add(gid)
            elif animate and was_hidden:
                self._dirty.add(item)
                appearing.append(animation.appear(item, motion))
        for node in delta.nodes_changed:
            item = self._items.get(node.id)
            if item is None or not item.set_node(node):
                continue
            gid = self._rep.get(node.id)
            if gid is not None:
                cards.add(gid)
            elif animate and item.isVisible():
                self._dirty.add(item)
                changing.append(animation.pulse(item, motion))
        for edge in delta.edges_added:
            existing = self._edges.get(edge.key)
            if existing is not None:
                if existing.set_edge(edge) and edge.key in self._fold_edges:
                    self._bundles_dirty = True
                continue
            item = self._add_edge(edge)
            if item is not None and animate and item.isVisible():
                self._dirty.add(item)
                connecting.append(animation.draw_in(item, motion))
        for edge in delta.edges_changed:
            item = self._edges.get(edge.key)
            if item is None:
                item = self._add_edge(edge)
            elif item.set_edge(edge):
                if edge.key in self._fold_edges:
                    self._bundles_dirty = True
                elif animate:
                    self._dirty.add(item)
                    connecting.append(animation.pulse(item, motion))
        for edge in delta.edges_removed:
            item = self._edges.get(edge.key)
            if item is None:
                continue
            if animate and item.isVisible():
                self._dirty.add(item)
                leaving.append(animation.fade_out(
                    item, motion, lambda k=edge.key, i=item: self._drop_edge_if(k, i)))
            else:
                self._remove_edge(edge.key)
        for node in delta.nodes_removed:
            item = self._items.get(node.id)
            if item is None:
                continue
            gid = self._rep.get(node.id)
            if gid is not None:
                cards.add(gid)
            if animate and item.isVisible():
                self._dirty.add(item)
                leaving.append(animation.fade_out(
                    item, motion, lambda n=node.id, i=item: self._drop_item_if(n, i)))
            else:
                self._remove_item(node.id)
        if delta.nodes_added or delta.nodes_removed:
            self._refresh_groups()
            self._grow_scene_rect(self._items.get(n.id) for n in delta.nodes_added)
        elif cards:
            self._update_cards(cards)
        if self._bundles_dirty:
            self._rebuild_bundles()
        new_bundles, changed_bundles = self._take_bundle_news()
        if animate:
            for gid in sorted(cards):
                card = self._cards.get(gid)
                if card is not None:
                    self._dirty.add(card)
                    changing.append(animation.pulse(card, motion))
            for bundle in new_bundles:
                self._dirty.add(bundle)
                connecting.append(animation.draw_in(bundle, motion))
            for bundle in changed_bundles:
                self._dirty.add(bundle)
                connecting.append(animation.pulse(bundle, motion))
        phases = [animation.parallel(p) for p in (appearing, changing, connecting, leaving)]
        phases = [p for p in phases if p is not None]
        if not phases:
            return None
        if len(phases) == 1:
            return phases[0]
        group = QSequentialAnimationGroup()
        for phase in phases:
            group.addAnimation(phase)
        return group

    def _drop_edge_if(self, key: tuple[str, str], item: EdgeItem) -> None:
        if self._edges.get(key) is item:
            self._remove_edge(key)

    def _drop_item_if(self, node_id: str, item: NodeItem) -> None:
        if self._items.get(node_id) is item:
            self._remove_item(node_id)

    def _reconcile(self, snapshot: GraphSnapshot, nodes: set[str] | None = None,
                   edges: set[tuple[str, str]] | None = None) -> None:
        """Make the scene exactly ``snapshot`` (the last stage of every apply).

        ``nodes``/``edges``: the ids the batch touched (None: check everything, for
        batches whose deltas were not all known).
        """
        if snapshot is not self._snapshot:
            return  # a newer apply is queued; its own reconcile will do it
        structural = nodes is None
        cards: set[str] = set()
        if nodes is None:
            nodes = set(self._items) | snapshot.node_ids()
            edges = set(self._edges) | {e.key for e in snapshot.edges}
        assert edges is not None
        for nid in sorted(nodes):
            node = snapshot.node(nid)
            item = self._items.get(nid)
            if node is None:
                if item is not None:
                    self._remove_item(nid)
                    structural = True
                continue
            if item is None:
                item = self._add_item(node, self._planned.get(nid, QPointF()))
                structural = True
            elif nid in self._unshown:
                structural = True
            if item.set_node(node) and nid in self._rep:
                cards.add(self._rep[nid])
            self._show(item)
        for key in sorted(edges):
            edge = snapshot.edge(*key)
            item = self._edges.get(key)
            if edge is None:
                if item is not None:
                    self._remove_edge(key)
            elif item is None:
                self._add_edge(edge)
            elif item.set_edge(edge) and key in self._fold_edges:
                self._bundles_dirty = True
        # Whatever an animation touched ends at rest, animated or not.
        for item in self._dirty:
            if item.scene() is not self:
                continue
            item.setOpacity(1.0)
            item.setScale(1.0)
            item.set_flash(0.0)
            if isinstance(item, EdgeItem):
                item.set_progress(1.0)
        self._dirty.clear()
        self._planned = {k: v for k, v in self._planned.items() if k not in self._items}
        if structural:
            self._refresh_groups()
            self._update_scene_rect()
        elif cards:
            self._update_cards(cards)
        if self._bundles_dirty:
            self._rebuild_bundles()
        self._take_bundle_news()
        self.picture_changed.emit()

    # ---- groups, rect, selection --------------------------------------------------------
    def _set_groups(self, layout: Layout) -> None:
        self._apply_groups(layout.groups)

    def _refresh_groups(self) -> None:
        # Members folded into a collapsed group count: the frame keeps its size.
        unshown = self._unshown
        positions = {nid: (item.pos().x(), item.pos().y())
                     for nid, item in self._items.items() if nid not in unshown}
        self._apply_groups(compute_groups(self._snapshot, positions, self._config))

    def _apply_groups(self, groups) -> None:
        self._group_defs = tuple(groups)
        rep = self._fold_map(self._group_defs)
        depth = {g.id: g.depth for g in self._group_defs}
        existing = {(g.group_id, g.index): g for g in self._groups}
        keep: list[GroupItem] = []
        for group in self._group_defs:
            # Collapsed, or inside a collapsed group: the card stands in for the frame.
            # (A namespace around a collapsed StatefulSet keeps its frame.)
            folded = group.id in self._collapsed or (bool(rep) and any(
                depth[rep[m]] < group.depth for m in group.members if m in rep))
            for i, (x, y, w, h) in enumerate(group.rects):
                rect = QRectF(x, y, w, h)
                item = existing.pop((group.id, i), None)
                if item is None:
                    item = GroupItem(group.id, group.kind, group.title, rect, self._theme,
                                     group.depth, index=i)
                    item.set_overview(self._overview)
                    item.set_folded(folded)
                    self.addItem(item)
                    if item.overview_label is not None:
                        self.addItem(item.overview_label)
                else:
                    item.set_rect(rect)
                    item.set_theme(self._theme)
                    item.set_folded(folded)
                keep.append(item)
        for item in existing.values():
            self.removeItem(item)
            if item.overview_label is not None and item.overview_label.scene() is self:
                self.removeItem(item.overview_label)
        self._groups = keep
        self._groups_generation += 1
        if rep or self._rep or self._cards or self._bundles:
            self._fold(rep)

    def _fold_map(self, groups: Sequence[Group]) -> dict[str, str]:
        """Member node id → the outermost collapsed group hiding it."""
        if not self._collapsed:
            return {}
        rep: dict[str, str] = {}
        for group in sorted((g for g in groups if g.id in self._collapsed),
                            key=lambda g: (g.depth, g.id)):
            for member in group.members:
                rep.setdefault(member, group.id)
        return rep

    def _fold(self, rep: dict[str, str]) -> None:
        """Hide and show members, cards and edges for the fold map ``rep``."""
        old = self._rep
        self._rep = rep
        for nid in old.keys() ^ rep.keys():
            item = self._items.get(nid)
            if item is not None:
                visible = nid not in rep and nid not in self._unshown
                if item.isVisible() != visible:
                    item.setVisible(visible)
        # Cards: one per outermost collapsed group, kept (identity) while it stays so.
        defs = {g.id: g for g in self._group_defs}
        cards: dict[str, CollapsedGroupItem] = {}
        for gid in sorted(set(rep.values())):
            group = defs[gid]
            summary = self._summary(group)
            rect = self._card_rect(group, len(summary.lines))
            card = self._cards.pop(gid, None)
            if card is None:
                card = CollapsedGroupItem(gid, group.kind, rect, summary, self._theme)
                card.setZValue(Z_CARD)
                self.addItem(card)
            else:
                card.set_theme(self._theme)
                card.set_frame(rect, summary)
            cards[gid] = card
        spent = list(self._cards.values())
        self._cards = cards
        # Object edges touching a hidden member are hidden; bundles stand for them.
        hidden: set[tuple[str, str]] = set()
        for nid in rep:
            item = self._items.get(nid)
            if item is not None:
                hidden.update(e.key for e in item.edges if not isinstance(e, BundleEdgeItem))
        touched = set()
        for key in self._fold_edges ^ hidden:
            edge = self._edges.get(key)
            if edge is not None:
                edge.setVisible(key not in hidden)
                edge.folded = key in hidden
                touched.add(edge.source_item)
                touched.add(edge.target_item)
        self._fold_edges = hidden
        self._rebuild_bundles()
        if self._highlighted:
            self._highlight_cards()
        for card in spent:
            for edge in card.edges:
                if isinstance(edge, BundleEdgeItem):
                    self._drop_bundle(edge)
            if card.scene() is self:
                self.removeItem(card)
            self._spent_cards.append(card)
        # Ports spread over the visible edges only: re-spread where that changed.
        for item in touched:
            if item.scene() is self:
                item.edges_changed()

    def _summary(self, group: Group):
        members = [self._items[m].node for m in group.members if m in self._items]
        title = group.title or _nfs_title(members)
        return summarize(title, members)

    def _card_rect(self, group: Group, lines: int) -> QRectF:
        """Where a group's card goes: its first row, across its members' columns (so a
        bound PV's edge to it stays level, and edges arrive from the sides they did)."""
        x, y, w, h = group.rects[0]
        first = QRectF(x, y, w, h)
        half_w, half_h = self._theme.item_width / 2, self._theme.item_height / 2
        points = [p for m in group.members if (i := self._items.get(m)) is not None
                  and first.contains(p := i.pos())]
        if not points:
            pad = self._config.group_pad
            return QRectF(x + pad, y + pad, w - 2 * pad, self._theme.item_height)
        left = min(p.x() for p in points) - half_w
        right = max(p.x() for p in points) + half_w
        top = min(p.y() for p in points) - half_h
        width = right - left
        return QRectF(left, top, width, card_height(self._theme, width, lines))

    def _update_cards(self, group_ids: Iterable[str]) -> None:
        """A hidden member changed status: its card's summary follows."""
        defs = {g.id: g for g in self._group_defs}
        for gid in group_ids:
            card = self._cards.get(gid)
            group = defs.get(gid)
            if card is not None and group is not None:
                summary = self._summary(group)
                card.set_frame(self._card_rect(group, len(summary.lines)), summary)

    def _end_item(self, node_id: str):
        if node_id.startswith(_CARD_PREFIX):
            return self._cards.get(node_id[len(_CARD_PREFIX):])
        return self._items.get(node_id)

    def _rebuild_bundles(self) -> None:
        """One bundle per (outside object, relation, card) for the hidden edges."""
        self._bundles_dirty = False
        rep = self._rep
        want: dict[tuple[str, str, str], list[GraphEdge]] = {}
        for key in self._fold_edges:
            item = self._edges.get(key)
            if item is None:
                continue
            edge = item.edge
            src = rep.get(edge.source)
            dst = rep.get(edge.target)
            source = _CARD_PREFIX + src if src else edge.source
            target = _CARD_PREFIX + dst if dst else edge.target
            if source != target:
                want.setdefault((source, target, edge.relation), []).append(edge)
        for key in [k for k in self._bundles if k not in want]:
            self._drop_bundle(self._bundles[key])
        for key in sorted(want):
            members = tuple(sorted(want[key], key=lambda e: e.key))
            states = Counter(e.state for e in members)
            state = min(states, key=lambda st: (-states[st], st))
            edge = GraphEdge(key[0], key[1], key[2], state)
            source, target = self._end_item(key[0]), self._end_item(key[1])
            if source is None or target is None:
                continue
            bundle = self._bundles.get(key)
            if bundle is not None and (bundle.source_item is not source
                                       or bundle.target_item is not target):
                self._drop_bundle(bundle)
                bundle = None
            if bundle is None:
                bundle = BundleEdgeItem(edge, source, target, self._theme, members)
                bundle.bundle_key = key
                self._layer.add(bundle)
                self._bundles[key] = bundle
                source.edges_changed(bundle)
                target.edges_changed(bundle)
                bundle.adjust()
                self._bundle_news[0].append(bundle)
            elif bundle.set_members(edge, members):
                self._bundle_news[1].append(bundle)

    def _drop_bundle(self, bundle: BundleEdgeItem) -> None:
        key = getattr(bundle, "bundle_key", None)
        if key is not None and self._bundles.get(key) is bundle:
            del self._bundles[key]
        bundle.detach()
        self._layer.remove(bundle)
        for end in (bundle.source_item, bundle.target_item):
            if end.scene() is self:
                end.edges_changed()

    def _take_bundle_news(self) -> tuple[list[BundleEdgeItem], list[BundleEdgeItem]]:
        """Bundles created / changed since last asked (a stage animates them)."""
        created, changed = self._bundle_news
        self._bundle_news = ([], [])
        alive = set(map(id, self._bundles.values()))
        return ([b for b in created if id(b) in alive],
                [b for b in changed if id(b) in alive and b not in created])

    def _show(self, item: NodeItem) -> None:
        """The item's appearance has been shown: visible unless a collapsed group hides it."""
        nid = item.node_id
        self._unshown.discard(nid)
        visible = nid not in self._rep
        if item.isVisible() != visible:
            item.setVisible(visible)

    def _after_move(self) -> None:
        # Like the stage player: the finished MoveAll lives until the next one.
        self._spent_move = self._move
        self._move = None
        self._refresh_groups()
        self._update_scene_rect()
        self.picture_changed.emit()
        self.idle.emit()

    def _grow_scene_rect(self, items) -> None:
        rect = self.sceneRect()
        m = SCENE_MARGIN * self._theme.scale
        for item in items:
            if item is not None:
                rect = rect.united(item.sceneBoundingRect().adjusted(-m, -m, m, m))
        if rect != self.sceneRect():
            self.setSceneRect(rect)
            self._layer.set_bounds(rect)
            self._flat_layer.set_bounds(rect)

    def _update_scene_rect(self) -> None:
        rect = self.picture_rect()
        if rect.isNull():
            rect = QRectF(0, 0, 100, 100)
        m = SCENE_MARGIN * self._theme.scale  # room for edge stubs and bulges too
        self.setSceneRect(rect.adjusted(-m, -m, m, m))
        self._layer.set_bounds(self.sceneRect())
        self._flat_layer.set_bounds(self.sceneRect())

    def _restack_selection(self) -> None:
        """Selected objects come to the front and show their relations in full."""
        now = {id(i): i for i in self.selectedItems() if isinstance(i, NodeItem)}
        before = self._selected_nodes
        self._selected_nodes = now
        for key, item in before.items():
            if key not in now:
                item.selection_changed(False)
        for key, item in now.items():
            if key not in before:
                item.selection_changed(True)

    def helpEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Edges are records, not items (see gui.items.edge_layer): under no object,
        # the edge at the point gets its tooltip made now, when one is to be shown.
        point = event.scenePos()
        if not any(item.zValue() > self._layer.zValue() and item.toolTip()
                   or isinstance(item, NodeItem) for item in self.items(point)):
            edge = self._layer.edge_at(point.x(), point.y())
            if edge is not None:
                text = edge.tooltip_html()
                edge.setToolTip(text)
                QToolTip.showText(event.screenPos(), text, event.widget())
                event.setAccepted(True)
                return
        super().helpEvent(event)

    def _on_selection(self) -> None:
        if self._quiet:
            return
        uid = next((item.uid for item in self.selectedItems() if isinstance(item, NodeItem)), "")
        if uid != self._selected_uid:
            self._selected_uid = uid
            self.selection_changed_uid.emit(uid)
