"""One QGraphicsItem that draws every edge of a scene.

Per-edge Qt items were the bulk of a big scene: 14,000 of them to construct, to index
in the scene's BSP tree, and to call ``paint()`` on one by one in Python. The layer
holds plain :class:`~gui.items.edge.EdgeItem` records instead and draws them

- at overview zoom (below ``LOD_FLAT``): as hairlines, in one ``drawLines`` call per
  colour for the edges at rest (cached until an edge changes), plus whatever is
  mid-animation, one by one;
- zoomed in: edge by edge in the order they were added (as separate items would
  stack), only those whose box meets the exposed area, found through a grid index.

It sits at ``Z_EDGE`` (under every object, above group frames) and has an empty shape:
clicks, hover and rubber bands go to what is under it; the scene asks
:meth:`edge_at` for tooltips. An edge that changes asks the layer to repaint its box
(:meth:`touch`); many changes at once become one full repaint.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from gui.items.constants import LOD_FLAT, LOD_HUB_EDGES, Z_EDGE, detail_floor
from gui.items.layer import BatchLayer

#: Grid cell size (scene units) of the index used to find the edges in an area.
CELL = 400.0
#: Past this many separate repaint requests before the next paint, repaint it all.
MAX_TOUCHES = 48



def _cells(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (int(x0 // CELL), int(y0 // CELL), int(x1 // CELL), int(y1 // CELL))


class EdgeLayer(BatchLayer):
    """Draws the scene's edges (records), batched."""

    def __init__(self) -> None:
        super().__init__(Z_EDGE)
        self._records: dict = {}  # record → None, in the order added (= stacking order)
        self._next_seq = 0
        # Overview batches: [(pen, [QLineF])] for plain and for hub edges at rest;
        # None until drawn after a change.
        self._plain: list | None = None
        self._hubs: list | None = None
        self._moving: list = []
        self._grid: dict[tuple[int, int], set] | None = None
        self._touches = 0

    # ---- records -----------------------------------------------------------------------
    def records(self) -> list:
        return list(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def add(self, record) -> None:
        self._add(record)
        self._plain = self._hubs = None
        record.update()

    def add_many(self, records) -> None:
        """Edges of a scene being built: no repaint per edge (call ``update()`` once)."""
        # Locals, one write back: attribute access on a Qt wrapper is not cheap, and a
        # big scene adds 14,000 records here.
        seq, layer, store, grid = self._next_seq, self, self._records, self._grid
        for record in records:
            record._layer = layer
            record._seq = seq
            seq += 1
            store[record] = None
            if grid is not None:
                self._index(record)
        self._next_seq = seq
        self._plain = self._hubs = None

    def _add(self, record) -> None:
        record._layer = self
        record._seq = self._next_seq
        self._next_seq += 1
        self._records[record] = None
        if self._grid is not None:
            self._index(record)

    def remove(self, record) -> None:
        if record not in self._records:
            return
        del self._records[record]
        self.touch(record._box)
        self._unindex(record)
        record._layer = None
        self._plain = self._hubs = None

    def clear(self) -> None:
        for record in self._records:
            record._layer = None
            record._cells = None
        self._records = {}
        self._grid = None
        self._plain = self._hubs = None
        self.update()

    def invalidate(self) -> None:
        """An edge showed, hid, started or stopped animating: rebuild the batches."""
        self._plain = self._hubs = None

    def moved(self, record) -> None:
        """A record has new bounds (it repainted its old box already)."""
        self._plain = self._hubs = None
        if self._grid is not None:
            cells = _cells(record._box)
            if cells != record._cells:
                self._unindex(record)
                self._index(record, cells)
        self.touch(record._box)

    # ---- grid index ----------------------------------------------------------------------
    def _index(self, record, cells=None) -> None:
        cx0, cy0, cx1, cy1 = record._cells = cells or _cells(record._box)
        grid = self._grid
        for i in range(cx0, cx1 + 1):
            for j in range(cy0, cy1 + 1):
                bucket = grid.get((i, j))
                if bucket is None:
                    grid[(i, j)] = {record}
                else:
                    bucket.add(record)

    def _unindex(self, record) -> None:
        cells, record._cells = record._cells, None
        if cells is None or self._grid is None:
            return
        cx0, cy0, cx1, cy1 = cells
        grid = self._grid
        for i in range(cx0, cx1 + 1):
            for j in range(cy0, cy1 + 1):
                bucket = grid.get((i, j))
                if bucket is not None:
                    bucket.discard(record)

    def _ensure_grid(self) -> dict:
        if self._grid is None:
            self._grid = {}
            for record in self._records:
                self._index(record)
        return self._grid

    def records_in(self, rect: QRectF) -> list:
        """Records whose box meets ``rect``, in stacking order."""
        grid = self._ensure_grid()
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        cx0, cy0, cx1, cy1 = _cells((x0, y0, x1, y1))
        found = set()
        if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > len(grid):
            buckets = grid.values()
        else:
            buckets = [b for i in range(cx0, cx1 + 1) for j in range(cy0, cy1 + 1)
                       if (b := grid.get((i, j)))]
        for bucket in buckets:
            found.update(bucket)
        hits = [r for r in found
                if r._box[0] <= x1 and r._box[2] >= x0 and r._box[1] <= y1 and r._box[3] >= y0]
        hits.sort(key=lambda r: r._seq)
        return hits

    def edge_at(self, x: float, y: float):
        """The topmost visible edge whose hit area holds the scene point, or None."""
        for record in reversed(self.records_in(QRectF(x, y, 0.0, 0.0))):
            if record._visible and record.contains_point(x, y):
                return record
        return None

    # ---- repaint requests ----------------------------------------------------------------
    def touch(self, box: tuple[float, float, float, float]) -> None:
        """Repaint a scene area (an edge's old or new box)."""
        n = self._touches
        if n > MAX_TOUCHES:
            return
        if n == 0:
            QTimer.singleShot(0, self._reset_touches)
        self._touches = n + 1
        if n == MAX_TOUCHES:
            self.update()
        else:
            x0, y0, x1, y1 = box
            self.update(QRectF(x0, y0, x1 - x0, y1 - y0))

    def _reset_touches(self) -> None:
        self._touches = 0

    # ---- item ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        self._touches = 0
        if not self._records:
            return
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        exposed = option.exposedRect
        whole = exposed.isEmpty() or exposed.contains(self._bounds) \
            or exposed.width() * exposed.height() > 0.25 * self._bounds.width() \
            * self._bounds.height()
        if lod < LOD_FLAT:
            self._paint_overview(painter, lod, None if whole else exposed)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        records = self._records if whole and exposed.isEmpty() else self.records_in(
            exposed if not exposed.isEmpty() else self._bounds)
        for record in records:
            if not record._visible:
                continue
            opacity = record._opacity
            if opacity < 1.0:
                if opacity <= 0.0:
                    continue
                painter.setOpacity(opacity)
                record.paint_detail(painter, lod)
                painter.setOpacity(1.0)
            else:
                record.paint_detail(painter, lod)

    def _paint_overview(self, painter: QPainter, lod: float, exposed: QRectF | None) -> None:
        hubs = lod >= LOD_HUB_EDGES
        if exposed is not None:
            # A small change at overview zoom: just the edges there.
            for record in self.records_in(exposed):
                if record._visible and (hubs or not record._hub) and record._opacity > 0.0:
                    painter.setOpacity(record._opacity)
                    record.paint_overview(painter)
            painter.setOpacity(1.0)
            return
        if self._plain is None:
            self._plain, self._moving = self._batches(hub=False)
            self._hubs = None
        if hubs and self._hubs is None:
            self._hubs = self._batches(hub=True)[0]
        for batches in ((self._plain, self._hubs) if hubs else (self._plain,)):
            for pen, lines in batches:
                painter.setPen(pen)
                painter.drawLines(lines)
        # Mid-animation edges are not batched: drawn as they are now.
        for record in self._moving:
            if (hubs or not record._hub) and record._opacity > 0.0:
                painter.setOpacity(record._opacity)
                record.paint_overview(painter)
                painter.setOpacity(1.0)

    def _batches(self, hub: bool) -> tuple[list, list]:
        """Hairlines of the visible edges at rest, one list per pen; and the others."""
        batches: dict[int, tuple] = {}
        moving = []
        for record in self._records:
            if not record._visible:
                continue
            if record._progress < 1.0 or record._opacity < 1.0:
                if not hub:  # (every animated edge, collected once)
                    moving.append(record)
                continue
            if record._hub is not hub:
                continue
            pen = record._thin_pen
            batch = batches.get(id(pen))
            if batch is None:
                batch = batches[id(pen)] = (pen, [])
            line = record._qline  # overview_line() inline: every edge, on a first paint
            batch[1].append(line if line is not None else record.overview_line())
        return list(batches.values()), moving
