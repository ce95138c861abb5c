"""A relation between two objects: styled per relation, routed between columns.

Routing: neighbours in adjacent columns get one smooth curve, side to side. An edge
that skips columns runs along the gap *between rows* (just below the right-hand
end's row; each relation has its own lane there) and changes height only in the
gaps *between columns*, so it never passes behind an object it is not connected to.
Server → export is drawn as a tree bracket.

An edge is a plain Python record, not a QGraphicsItem: a 5,000-object scene has
14,000 edges, and a Qt item each (construction, scene index, one Python ``paint``
call each per frame) cost more than everything else in the scene together. The
scene's :class:`~gui.items.edge_layer.EdgeLayer` draws them all — at overview zoom as
a few batched ``drawLines`` calls, zoomed in edge by edge from a grid index.
Records answer the few QGraphicsItem questions callers ask (``isVisible``,
``scene``, ``zValue``, ``boundingRect``, ``setOpacity``, ``toolTip``...), so
animations and the scene treat them like items.

The route, path, arrowheads and wide hit shape are built on first use and cached;
:meth:`EdgeItem.adjust` (an end moved) only computes new bounds. Geometry is done on
plain floats.
"""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF

from core.graph import GraphEdge
from gui.items.constants import TYPE_EDGE, Z_EDGE
from gui.items.edge_limits import HUB_DEGREE
from gui.theme import Theme, edge_style

#: Many-to-one relations that turn into hairballs when a big cluster is zoomed out.
HUB_RELATIONS = frozenset({"class", "scheduled", "selects", "serves"})

#: Where in the row gap (0 = bottom of the row, 1 = top of the next) each relation
#: runs when it skips columns, so edges sharing a gap do not share a line.
_LANES = {"class": 0.18, "template": 0.28, "scheduled": 0.38, "selects": 0.48, "owns": 0.28,
          "export": 0.22, "mount": 0.33, "binding": 0.43}


_NO_ENDS = ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0))
_NO_BOX = (0.0, 0.0, 0.0, 0.0)

# Pens per (theme, relation, state), keyed by the theme's identity: a frozen theme's
# equality compares ~50 fields, and a big scene asks 14,000 times.
_STYLES: dict[tuple[int, str, str], tuple] = {}


def _pens(theme: Theme, relation: str, state: str) -> tuple:
    key = (id(theme), relation, state)
    found = _STYLES.get(key)
    if found is not None and found[0] is theme:
        return found[1]
    style = edge_style(relation, state)
    pen = theme.edge_pen(style)
    thin = QPen(pen.color(), 1.0)
    thin.setCosmetic(True)
    flash = QPen(theme.color("selection"), pen.widthF() + 6 * theme.line_scale)
    flash.setCapStyle(Qt.PenCapStyle.RoundCap)
    width = pen.widthF()
    # How far a route may leave its ends' boxes (see adjust): a full edge, a stub, and
    # the row gap below the lower end.
    pads = (width + 12 * theme.line_scale + 36 * theme.scale,
            34.0 * theme.scale + width + 12 * theme.line_scale,
            2 * theme.unit - theme.item_height)
    pens = (style, pen, thin, QBrush(pen.color()), flash, pads)
    if len(_STYLES) > 512:
        _STYLES.clear()
    _STYLES[key] = (theme, pens)
    return pens


class EdgeItem:
    """One relation: its style, route and state (drawn by the scene's edge layer)."""

    TYPE = TYPE_EDGE

    # What every edge sets lives in slots; the rest are class defaults, copied into a
    # (lazily made) instance dict only by the few edges that change them. A big scene
    # builds 14,000 edges: a dict each was 14,000 more objects for the cycle collector.
    __slots__ = ("__dict__", "_arrow_brush", "_box", "_cells", "_edge", "_flash_pen", "_hub",
                 "_layer", "_line", "_pads", "_pen", "_qline", "_seq", "_source", "_stub_at",
                 "_style", "_target", "_theme", "_thin_pen")
    #: Extra room around the route (a bundle's count label).
    _label_room = 0.0
    _progress = 1.0
    _flash = 0.0
    _opacity = 1.0
    _visible = True
    _tooltip = ""
    # Built on first use (see adjust): the curve, the part shown while drawing in,
    # arrowheads, hit shape; the route's points with end tangents.
    _path: QPainterPath | None = None
    _visible_path: QPainterPath | None = None
    _arrows: list[QPolygonF] | None = None
    _hit: QPainterPath | None = None
    _routed = False
    _segments: list = []  # noqa: RUF012 - always replaced, never mutated
    _ends: tuple = _NO_ENDS
    _forward = True
    _expanded = False
    #: Hidden because an end is inside a collapsed group (set by the scene).
    folded = False

    def __init__(self, edge: GraphEdge, source, target, theme: Theme, *,
                 route: bool = True) -> None:
        self._edge = edge
        self._source = source
        self._target = target
        self._theme = theme
        # _box: (x0, y0, x1, y1) the edge may cover, in scene coordinates; _line: the
        # overview hairline (centre to centre, or a stub's line) and _qline the same as
        # a QLineF, kept: the layer's batches are rebuilt from these after any change,
        # so one change costs no new (or freed) wrappers per edge. _layer draws the
        # edge (None while not in a scene), _seq is its order there, _cells where its
        # grid index has it.
        self._box = self._line = _NO_BOX
        self._qline = self._stub_at = self._layer = self._cells = None
        self._seq = 0
        source.add_edge(self)
        target.add_edge(self)
        self._build_style()
        if route:  # a scene building thousands of edges routes them once, at the end
            self.adjust()

    def type(self) -> int:  # noqa: A003 - Qt's name
        return self.TYPE

    @property
    def edge(self) -> GraphEdge:
        return self._edge

    @property
    def source_item(self):
        return self._source

    @property
    def target_item(self):
        return self._target

    @property
    def key(self) -> tuple[str, str]:
        return self._edge.key

    def other_end(self, item):
        return self._target if item is self._source else self._source

    def detach(self) -> None:
        self._source.remove_edge(self)
        self._target.remove_edge(self)

    # ---- what callers ask of an item -------------------------------------------------
    def scene(self):
        """The scene drawing this edge (its layer's), or None."""
        layer = self._layer
        return layer.scene() if layer is not None else None

    def isVisible(self) -> bool:  # noqa: N802 - Qt's name
        return self._visible

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt's name
        visible = bool(visible)
        if visible != self._visible:
            self._visible = visible
            self._restate()

    def zValue(self) -> float:  # noqa: N802 - Qt's name
        """Edges are drawn under every object (by the layer, at this z)."""
        return Z_EDGE

    def opacity(self) -> float:
        return self._opacity

    def setOpacity(self, value: float) -> None:  # noqa: N802 - Qt's name
        value = min(1.0, max(0.0, float(value)))
        if value != self._opacity:
            resting = self._opacity >= 1.0
            self._opacity = value
            if resting != (value >= 1.0):
                self._restate()
            else:
                self.update()

    def scale(self) -> float:
        return 1.0

    def setScale(self, factor: float) -> None:  # noqa: N802 - Qt's name
        """Edges never scale (the scene resets everything an animation touched)."""

    def toolTip(self) -> str:  # noqa: N802 - Qt's name
        return self._tooltip

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._tooltip = text

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        x0, y0, x1, y1 = self._box
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def sceneBoundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.boundingRect()

    def update(self) -> None:
        """Repaint where the edge is."""
        if self._layer is not None:
            self._layer.touch(self._box)

    def _restate(self) -> None:
        """Shown or hidden, at rest or animated: the layer's batches change."""
        if self._layer is not None:
            self._layer.touch(self._box)
            self._layer.invalidate()

    @property
    def resting(self) -> bool:
        """Drawn in the layer's overview batch (not mid-animation)."""
        return self._progress >= 1.0 and self._opacity >= 1.0

    # ---- guarded setters -------------------------------------------------------------
    def set_edge(self, edge: GraphEdge) -> bool:
        if edge == self._edge:
            return False
        self._edge = edge
        self._build_style()
        self.adjust()
        return True

    def set_theme(self, theme: Theme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._build_style()
            self.adjust()

    @property
    def progress(self) -> float:
        """0..1, how much of the edge is drawn (draw-in animation)."""
        return self._progress

    def set_progress(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        if value != self._progress:
            resting = self._progress >= 1.0
            self._progress = value
            self._visible_path = None
            if resting != (value >= 1.0):
                self._restate()
            else:
                self.update()

    @property
    def flash(self) -> float:
        return self._flash

    def set_flash(self, value: float) -> None:
        value = float(value)
        if value != self._flash:
            self._flash = value
            self.update()

    # ---- style ------------------------------------------------------------------------
    def _build_style(self) -> None:
        (self._style, self._pen, self._thin_pen, self._arrow_brush, self._flash_pen,
         self._pads) = _pens(self._theme, self._edge.relation, self._edge.state)
        self._hub = self._edge.relation in HUB_RELATIONS

    def tooltip_html(self) -> str:
        s, t = self._source.node, self._target.node
        label = self._style.label or self._edge.relation
        if self._stub_at is not None:
            label += " (drawn short: select either end to see it in full)"
        return (f"<b>{escape(self._edge.relation)}</b>"
                f"{': ' + escape(self._edge.state) if self._edge.state else ''}<br>"
                f"{escape(s.name)} → {escape(t.name)}<br><i>{escape(label)}</i>")

    # ---- geometry -----------------------------------------------------------------------
    def adjust(self, placed: bool = True) -> None:
        """An end moved or changed: new bounds now, a new route when next drawn.

        ``placed=False``: the edge is not drawn yet (a big scene builds 14,000 edges),
        so there is nothing cached to drop and nothing to repaint.

        The bounds come from the two end boxes alone (the route never leaves them by
        more than a row gap and a bulge); the route, path, arrowheads and hit shape
        are built on first use — in a big cluster most edges are only ever drawn as
        hairlines at overview zoom. (Plain comparisons rather than min/max: this runs
        14,000 times while a big scene is built.)
        """
        layer = self._layer if placed else None
        if layer is not None:
            layer.touch(self._box)
        pad, reach, below = self._pads
        stub = self._stub_at = self._stub_end() if self._hub else None
        if stub is not None:
            x0, y0, x1, y1 = stub._rect
            reach += self._label_room
            self._box = (x0 - reach, y0 - reach, x1 + reach, y1 + reach)
            # The hairline is the stub itself: worked out when first drawn.
            self._line = None
        else:
            ax0, ay0, ax1, ay1 = self._source._rect
            bx0, by0, bx1, by1 = self._target._rect
            pad += self._label_room
            self._box = ((ax0 if ax0 < bx0 else bx0) - pad, (ay0 if ay0 < by0 else by0) - pad,
                         (ax1 if ax1 > bx1 else bx1) + pad,
                         (ay1 if ay1 > by1 else by1) + below + pad)
            self._line = ((ax0 + ax1) / 2, (ay0 + ay1) / 2, (bx0 + bx1) / 2, (by0 + by1) / 2)
        if placed:
            self._qline = None
            self._routed = False
            self._path = None
            self._visible_path = None
            self._arrows = None
            self._hit = None
        if layer is not None:
            layer.moved(self)

    def _stub_end(self):
        """The end a stub hangs from (the non-hub end), or None for a full edge."""
        if self._expanded:
            return None
        if len(self._source._edges) > HUB_DEGREE:
            return self._target
        if len(self._target._edges) > HUB_DEGREE:
            return self._source
        return None

    @property
    def is_stub(self) -> bool:
        return self._stub_at is not None

    @property
    def is_hub(self) -> bool:
        """A many-to-one relation (left out when a big cluster is zoomed far out)."""
        return self._hub

    def set_expanded(self, expanded: bool) -> None:
        """Full length even from a hub (while it or the other end is selected)."""
        if expanded != self._expanded:
            self._expanded = expanded
            self.adjust()

    def overview_line(self) -> QLineF:
        """The hairline drawn at overview zoom: centre to centre, or the stub."""
        line = self._qline
        if line is None:
            if self._line is None:
                self._ensure_route()
            line = self._qline = QLineF(*self._line)
        return line

    def _route_stub(self) -> None:
        theme = self._theme
        spoke = self._stub_at
        hub = self._source if spoke is self._target else self._target
        x0, y0, x1, y1 = spoke.rect_tuple
        hx = (hub.rect_tuple[0] + hub.rect_tuple[2]) / 2
        length = 34.0 * theme.scale
        if hx < x0:  # the hub is to the left: the stub leaves the left side
            tip = spoke.anchor(self, "left")
            far, angle = (tip[0] - length, tip[1]), 0.0
        elif hx > x1:
            tip = spoke.anchor(self, "right")
            far, angle = (tip[0] + length, tip[1]), math.pi
        else:  # same column: from the top
            tip, far, angle = ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y0 - length), math.pi / 2
        # Drawn from the far (hub) side into the spoke, so a draw-in grows towards it.
        self._segments = [far, (tip,)]
        self._ends = ((far[0], far[1], angle + math.pi), (tip[0], tip[1], angle))
        self._forward = spoke is self._target
        self._line = (far[0], far[1], tip[0], tip[1])
        self._qline = None
        self._routed = True

    def _ensure_route(self) -> None:
        if self._routed:
            return
        theme = self._theme
        if self._stub_at is not None:
            self._route_stub()
            return
        if self._edge.relation == "serves":
            points, forward = _bracket(self._source.rect_tuple, self._target.rect_tuple, theme)
            self._segments = [points[0]] + [(p,) for p in points[1:]]
            self._ends = ((*points[0], -math.pi / 2), (*points[-1], 0.0))
        else:
            self._segments, forward = _route(self._source, self._target, self, theme,
                                             self._edge.relation)
        self._forward = forward
        self._routed = True

    def _ensure_path(self) -> QPainterPath:
        if self._path is None:
            self._ensure_route()
            self._path = _curves(self._segments)
            theme = self._theme
            length = 9.0 * theme.line_scale + 3
            width = 7.0 * theme.line_scale + 2
            start, end = self._ends
            forward = self._forward
            arrows = []
            # The route runs from its left end; the arrow points at the edge's target.
            if self._style.arrow_target:
                arrows.append(_head(end if forward else start, length, width))
            if self._style.arrow_source:
                arrows.append(_head(start if forward else end, length, width))
            self._arrows = arrows
            self._visible_path = None
        if self._visible_path is None:
            self._cut_visible()
        return self._path

    def path(self) -> QPainterPath:
        return QPainterPath(self._ensure_path())

    def _cut_visible(self) -> None:
        path = self._path if self._path is not None else self._ensure_path()
        if self._progress >= 1.0:
            self._visible_path = path
            return
        partial = QPainterPath()
        steps = 24
        n = max(1, round(steps * self._progress))
        partial.moveTo(path.pointAtPercent(0.0))
        for i in range(1, n + 1):
            partial.lineTo(path.pointAtPercent(self._progress * i / n))
        self._visible_path = partial

    def shape(self) -> QPainterPath:
        """The wide hit area around the line (tooltips)."""
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(12.0, self._pen.widthF() + 8))
            self._hit = stroker.createStroke(self._ensure_path())
        return self._hit

    def contains_point(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self._box
        return x0 <= x <= x1 and y0 <= y <= y1 and self.shape().contains(QPointF(x, y))

    # ---- drawing (called by the layer) -------------------------------------------------------
    def paint_overview(self, painter: QPainter) -> None:
        """A hairline between the two ends (overview zoom), unless mid-draw."""
        if self._progress >= 1.0:
            painter.setPen(self._thin_pen)
            painter.drawLine(self.overview_line())

    def paint_detail(self, painter: QPainter, lod: float) -> None:
        """The styled route with its arrowheads (the painter antialiases, no brush)."""
        self._ensure_path()
        if self._flash > 0.0:
            pen = QPen(self._flash_pen)
            color = pen.color()
            color.setAlphaF(0.4 * self._flash)
            pen.setColor(color)
            painter.setPen(pen)
            painter.drawPath(self._visible_path)
        painter.setPen(self._pen)
        painter.drawPath(self._visible_path)
        if self._progress >= 1.0 and self._arrows:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._arrow_brush)
            for arrow in self._arrows:
                painter.drawPolygon(arrow)
            painter.setBrush(Qt.BrushStyle.NoBrush)


def build_edges(edges, items: dict, theme: Theme) -> dict:
    """Records for the edges of a scene being built, by key, with their bounds.

    What ``EdgeItem(edge, source, target, theme, route=False)`` and then ``adjust(
    placed=False)`` on each do, in two plain loops: a big scene builds 14,000 edges,
    and calls, attribute look-ups and a style look-up per edge were most of their cost.
    ``items`` (node id → item) must be fresh: no edges, ports not yet spread. Edges
    with an end missing from ``items`` are left out.
    """
    new = object.__new__
    cls = EdgeItem
    styles: dict[tuple[str, str], tuple] = {}
    built: dict = {}
    get = items.get
    for edge in edges:
        source = get(edge.source)
        target = get(edge.target)
        if source is None or target is None:
            continue
        record = new(cls)
        relation, state = edge.relation, edge.state
        style = styles.get((relation, state))
        if style is None:
            style = styles[(relation, state)] = (*_pens(theme, relation, state),
                                                 relation in HUB_RELATIONS)
        (record._style, record._pen, record._thin_pen, record._arrow_brush, record._flash_pen,
         record._pads, record._hub) = style
        record._edge = edge
        record._source = source
        record._target = target
        record._theme = theme
        record._qline = record._stub_at = record._layer = record._cells = None
        record._box = record._line = _NO_BOX
        record._seq = 0
        source._edges[id(record)] = record
        target._edges[id(record)] = record
        built[(edge.source, edge.target)] = record
    # Bounds once every edge is attached: whether an edge is a stub depends on its
    # ends' degrees (see EdgeItem.adjust, which this repeats for a fresh edge).
    rects = {nid: item._rect for nid, item in items.items()}
    degree = {nid: len(item._edges) for nid, item in items.items()}
    for (sid, tid), record in built.items():
        pad, reach, below = record._pads
        if record._hub and (degree[sid] > HUB_DEGREE or degree[tid] > HUB_DEGREE):
            stub = record._stub_at = record._target if degree[sid] > HUB_DEGREE \
                else record._source
            x0, y0, x1, y1 = stub._rect
            record._box = (x0 - reach, y0 - reach, x1 + reach, y1 + reach)
            record._line = None
        else:
            ax0, ay0, ax1, ay1 = rects[sid]
            bx0, by0, bx1, by1 = rects[tid]
            record._box = ((ax0 if ax0 < bx0 else bx0) - pad, (ay0 if ay0 < by0 else by0) - pad,
                           (ax1 if ax1 > bx1 else bx1) + pad,
                           (ay1 if ay1 > by1 else by1) + below + pad)
            record._line = ((ax0 + ax1) / 2, (ay0 + ay1) / 2, (bx0 + bx1) / 2, (by0 + by1) / 2)
    return built


def _head(end: tuple[float, float, float], length: float, width: float) -> QPolygonF:
    """An arrowhead at ``(x, y, angle)`` pointing along ``angle`` (radians, y down)."""
    x, y, a = end
    dx, dy = math.cos(a), math.sin(a)
    bx, by = x - dx * length, y - dy * length
    nx, ny = -dy * width / 2, dx * width / 2
    return QPolygonF([QPointF(x, y), QPointF(bx + nx, by + ny), QPointF(bx - nx, by - ny)])


def _polyline(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    for p in points[1:]:
        path.lineTo(*p)
    return path


def _curves(segments: list) -> QPainterPath:
    """``segments[0]`` is the start point; then lines ``(p,)`` and cubics ``(c1, c2, p)``."""
    path = QPainterPath(QPointF(*segments[0]))
    for seg in segments[1:]:
        if len(seg) == 1:
            path.lineTo(*seg[0])
        else:
            (ax, ay), (bx, by), (px, py) = seg
            path.cubicTo(ax, ay, bx, by, px, py)
    return path


def _route(source, target, edge, theme: Theme, relation: str) -> tuple[list, bool]:
    """Segments from the left end to the right end, and whether the source is the start."""
    sx0, sy0, sx1, sy1 = source.rect_tuple
    tx0, ty0, tx1, ty1 = target.rect_tuple
    forward = sx0 + sx1 <= tx0 + tx1
    left_item, right_item = (source, target) if forward else (target, source)
    lx0, ly0, lx1, ly1 = left_item.rect_tuple
    rx0, ry0, rx1, ry1 = right_item.rect_tuple
    gap_x = rx0 - lx1
    if gap_x < 8:
        # Same column (or dragged on top): bottom of the upper to top of the lower.
        if ly0 + ly1 <= ry0 + ry1:
            upper, lower, forward = left_item, right_item, left_item is source
        else:
            upper, lower, forward = right_item, left_item, right_item is source
        ux0, uy0, ux1, uy1 = upper.rect_tuple
        wx0, wy0, wx1, wy1 = lower.rect_tuple
        if wy0 - uy1 < 4:
            p0, p3 = (ux1, (uy0 + uy1) / 2), (wx1, (wy0 + wy1) / 2)
            bulge = 30.0 * theme.scale
            segs = [p0, ((p0[0] + bulge, p0[1]), (p3[0] + bulge, p3[1]), p3)]
            _set_ends(edge, segs, (p0[0] + bulge, p0[1]), (p3[0] + bulge, p3[1]))
            return segs, forward
        p0, p3 = ((ux0 + ux1) / 2, uy1), ((wx0 + wx1) / 2, wy0)
        dy = (p3[1] - p0[1]) / 2
        c1, c2 = (p0[0], p0[1] + dy), (p3[0], p3[1] - dy)
        segs = [p0, (c1, c2, p3)]
        _set_ends(edge, segs, c1, c2)
        return segs, forward
    p0 = left_item.anchor(edge, "right")
    p3 = right_item.anchor(edge, "left")
    column_gap = theme.column_pitch - theme.item_width
    # Export → PV skips the StorageClass column, but the layout keeps classes off the
    # rows of exports: a direct curve is clearer there than a detour.
    if gap_x <= column_gap * 1.6 or relation == "export":
        dx = gap_x / 2
        c1, c2 = (p0[0] + dx, p0[1]), (p3[0] - dx, p3[1])
        segs = [p0, (c1, c2, p3)]
        _set_ends(edge, segs, c1, c2)
        return segs, forward
    # Skips a column: along the row gap just below the right-hand end's row (status
    # chips hang into the gap *above* a row), changing height only in column gaps.
    row_gap = 2 * theme.unit - theme.item_height
    channel = ry1 + row_gap * _LANES.get(relation, 0.3)
    turn = min(column_gap / 2, gap_x / 4)
    q1 = (p0[0] + turn, channel)
    q2 = (p3[0] - turn, channel)
    c1 = (p0[0] + turn * 0.9, p0[1])
    c4 = (p3[0] - turn * 0.9, p3[1])
    segs = [p0, (c1, (p0[0] + turn * 0.1, channel), q1), (q2,),
            ((p3[0] - turn * 0.1, channel), c4, p3)]
    _set_ends(edge, segs, c1, c4)
    return segs, forward


def _set_ends(edge, segs: list, first_control, last_control) -> None:
    """Remember both ends with their tangent angles (for arrowheads)."""
    p0, p3 = segs[0], segs[-1][-1]
    start_angle = math.atan2(p0[1] - first_control[1], p0[0] - first_control[0]) \
        if first_control != p0 else math.pi
    end_angle = math.atan2(p3[1] - last_control[1], p3[0] - last_control[0]) \
        if last_control != p3 else 0.0
    edge._ends = ((p0[0], p0[1], start_angle), (p3[0], p3[1], end_angle))


def _bracket(server, export, theme: Theme) -> tuple[list, bool]:
    """Server → export as a tree line down the left side of the column."""
    sx0, sy0, sx1, sy1 = server
    ex0, ey0, ex1, ey1 = export
    x = min(min(sx0, ex0) + 8.0 * theme.scale, ex0 - 4.0)
    y = (ey0 + ey1) / 2
    points = [(x, sy1), (x, y), (ex0, y)]
    return points, True


class BundleEdgeItem(EdgeItem):
    """The edges between a collapsed group and one outside object, of one relation.

    Drawn once, like any edge of that relation (so the legend still reads), with a
    count ("×3") when it stands for several; its tooltip lists them.
    """

    bundle_key: tuple[str, str, str] | None = None

    def __init__(self, edge: GraphEdge, source, target, theme: Theme,
                 members: tuple[GraphEdge, ...]) -> None:
        self._members = members
        super().__init__(edge, source, target, theme, route=False)
        self._label_font = theme.font("chip")
        self._label_room = self._room()

    @property
    def members(self) -> tuple[GraphEdge, ...]:
        return self._members

    @property
    def count(self) -> int:
        return len(self._members)

    def set_members(self, edge: GraphEdge, members: tuple[GraphEdge, ...]) -> bool:
        """Returns True when what the bundle shows changed (state or count)."""
        if members == self._members and edge == self._edge:
            return False
        shown = (edge.state, len(members)) != (self._edge.state, len(self._members))
        grows = (len(members) < 2) != (len(self._members) < 2)
        self._members = members
        self._label_room = self._room()
        if edge != self._edge:
            self.set_edge(edge)
        elif grows:
            self.adjust()  # room for the count label, or none
        else:
            self.update()
        return shown

    def set_theme(self, theme: Theme) -> None:
        self._label_font = theme.font("chip")
        if theme != self._theme:
            self._theme = theme
            self._label_room = self._room()
            self._build_style()
            self.adjust()

    def _room(self) -> float:
        # Room for the count label around the middle of a short stub.
        return 22.0 * self._theme.scale if len(self._members) >= 2 else 0.0

    def _label_point(self) -> QPointF:
        """A little way out from the card's end: in the gap beside the card, where the
        bundle is plainly the card's (the middle of a long route may pass behind objects)."""
        path = self._path
        card = self._source if self._source.KIND == "CollapsedGroup" else self._target
        x0, y0, x1, y1 = card.rect_tuple
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        start, end = path.pointAtPercent(0.0), path.pointAtPercent(1.0)
        near_end = (end.x() - cx) ** 2 + (end.y() - cy) ** 2 < (start.x() - cx) ** 2 \
            + (start.y() - cy) ** 2
        length = path.length()
        if length <= 0:
            return start
        offset = min(length / 2, 34.0 * self._theme.scale)
        at = length - offset if near_end else offset
        return path.pointAtPercent(path.percentAtLength(at))

    def tooltip_html(self) -> str:
        rows = "".join(f"<li>{escape(e.source.split('/')[-1])} → "
                       f"{escape(e.target.split('/')[-1])}"
                       f"{': ' + escape(e.state) if e.state else ''}</li>"
                       for e in self._members[:12])
        more = f"<li>… {len(self._members) - 12} more</li>" if len(self._members) > 12 else ""
        return (f"<b>{escape(self._edge.relation)}</b> × {len(self._members)} "
                f"(to objects inside a collapsed group)<ul>{rows}{more}</ul>")

    def paint_detail(self, painter: QPainter, lod: float) -> None:
        super().paint_detail(painter, lod)
        if len(self._members) < 2 or self._progress < 1.0 or self._path is None:
            return
        text = f"×{len(self._members)}"
        font = self._label_font
        painter.save()
        painter.setFont(font)
        metrics = painter.fontMetrics()
        w = metrics.horizontalAdvance(text) + 10 * self._theme.scale
        h = metrics.height() + 2 * self._theme.scale
        at = self._label_point()
        rect = QRectF(at.x() - w / 2, at.y() - h / 2, w, h)
        painter.setPen(QPen(self._pen.color(), 1.2 * self._theme.line_scale))
        painter.setBrush(QBrush(self._theme.color("surface")))
        painter.drawRoundedRect(rect, h / 2, h / 2)
        painter.setPen(self._theme.color("text"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
