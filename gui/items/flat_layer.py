"""One QGraphicsItem that paints every object while the view is zoomed far out.

Below ``LOD_FLAT`` an object is a filled rectangle in its status colour, yet Qt still
asks each of the 7,000 items of a big scene for its bounding rect and calls its
Python ``paint()`` one by one: that was most of a fitted scene's first paint and of
every repaint after a change. While the view is that far out (the scene's *flat
mode*, switched by the view on zoom, or guessed when a big scene is built before any
view shows it), the object items carry ``ItemHasNoContents``
(Qt skips them when painting, yet still finds them for clicks, hover, tooltips,
rubber bands and keyboard focus) and this layer draws them instead:

- plain objects at rest: one ``drawRects`` call per status colour, batched and kept
  until an object moves, shows, hides, restyles or changes state;
- the few others (selected, highlighted, mid-animation): through the item's own
  ``paint()``, with the item's transform and opacity, as Qt would have called it;
- whenever the painter is not that far out after all (an export raising the level of
  detail, a transform set behind the view's back): every object through its own
  ``paint()``. Whatever paints the scene sees the same picture as without the layer.

It sits just under the objects (above edges and group frames) and has an empty
shape: it is never hit.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem

from gui.items.constants import LOD_FLAT, Z_NODE, detail_floor
from gui.items.layer import BatchLayer

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class FlatLayer(BatchLayer):
    """Draws the scene's objects (while in flat mode), batched."""

    def __init__(self) -> None:
        super().__init__(Z_NODE - 1.0)
        self._items: dict = {}  # item → None, in the order added (= stacking order)
        # [(brush, [QRectF])] of plain items at rest, and the items painted one by one;
        # None until drawn after a change.
        self._batches: list | None = None
        self._special: list = []

    # ---- the items it draws ------------------------------------------------------------
    def items(self) -> list:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def adopt(self, item) -> None:
        """Draw ``item`` from now on (Qt no longer paints it)."""
        if item in self._items:
            return
        self._items[item] = None
        item._flat = self
        item.setFlag(_NO_CONTENTS, True)
        self.changed(item)

    def adopt_many(self, items, flagged: bool = False) -> None:
        """Draw all of ``items``; ``flagged``: they were made with ``ItemHasNoContents``
        already (a scene built while flat), so only the bookkeeping is left."""
        own = self._items
        for item in items:
            if item not in own:
                own[item] = None
                item._flat = self
                if not flagged:
                    item.setFlag(_NO_CONTENTS, True)
        self._batches = None
        self.update()

    def release(self, item) -> None:
        """Stop drawing ``item`` (removed, or flat mode ends): Qt paints it again."""
        if item not in self._items:
            return
        del self._items[item]
        self.changed(item)
        item._flat = None
        item.setFlag(_NO_CONTENTS, False)

    def release_all(self) -> None:
        for item in self._items:
            item._flat = None
            item.setFlag(_NO_CONTENTS, False)
        self._items = {}
        self._batches = None
        self._special = []
        self.update()

    def forget_all(self) -> None:
        """The scene is about to delete every item (a reset)."""
        for item in self._items:
            item._flat = None
        self._items = {}
        self._batches = None
        self._special = []

    def changed(self, item, old_box: tuple[float, float, float, float] | None = None) -> None:
        """``item``'s flat look, place or state changed: repaint where it was and is."""
        self._batches = None
        if old_box is not None:
            self._touch(old_box, item)
        self._touch(item.scene_paint_box(), item)

    def repaint(self, item) -> None:
        """Repaint ``item`` (nothing that the batches hold changed)."""
        self._touch(item.scene_paint_box(), item)

    def _touch(self, box, item) -> None:
        x0, y0, x1, y1 = box
        self.update(QRectF(x0, y0, x1 - x0, y1 - y0))

    # ---- item ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if not self._items:
            return
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        exposed = option.exposedRect
        if lod >= LOD_FLAT:
            self._paint_items(painter, self._items, exposed, widget)
            return
        if self._batches is None:
            self._batches, self._special = self._build_batches()
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, rects in self._batches:
            painter.setBrush(brush)
            painter.drawRects(rects)
        if self._special:
            self._paint_items(painter, self._special, exposed, widget)

    def _build_batches(self) -> tuple[list, list]:
        """Body rects of the plain visible items at rest, one list per brush; the rest."""
        # Keyed by the brush's identity: looks are shared per status (gui.items.base).
        batches: dict[int, tuple] = {}
        special = []
        # item.flat_special() and item.flat_rect() inline, the selection asked for once:
        # this runs over every object of a big scene on its first paint.
        scene = self.scene()
        selected = {id(i) for i in scene.selectedItems()} if scene is not None else ()
        for item in self._items:
            if not item.isVisible():
                continue
            if item._highlighted or item._unsettled or (selected and id(item) in selected):
                special.append(item)
                continue
            brush = item._look.flat
            batch = batches.get(id(brush))
            if batch is None:
                batch = batches[id(brush)] = (brush, [])
            rect = item._flat_rect
            batch[1].append(rect if rect is not None else item.flat_rect())
        return list(batches.values()), special

    def _paint_items(self, painter: QPainter, items, exposed: QRectF, widget) -> None:
        """Paint ``items`` through their own ``paint()``, as Qt would have."""
        whole = exposed.isEmpty()
        if not whole:
            ex0, ey0 = exposed.left(), exposed.top()
            ex1, ey1 = exposed.right(), exposed.bottom()
        base = painter.transform()
        option = QStyleOptionGraphicsItem()
        focus = self.scene().focusItem() if self.scene() is not None else None
        for item in items:
            if not item.isVisible():
                continue
            opacity = item.opacity()
            if opacity <= 0.0:
                continue
            if not whole:
                x0, y0, x1, y1 = item.scene_paint_box()
                if x0 > ex1 or x1 < ex0 or y0 > ey1 or y1 < ey0:
                    continue
            state = QStyle.StateFlag.State_None
            if item.isSelected():
                state |= QStyle.StateFlag.State_Selected
            if item is focus:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            option.exposedRect = item.boundingRect()
            painter.save()
            painter.setTransform(item.sceneTransform() * base)
            painter.setOpacity(opacity)
            item.paint(painter, option, widget)
            painter.restore()
