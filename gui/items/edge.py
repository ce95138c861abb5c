"""A relation between two objects: styled per relation, routed between columns.

Routing: neighbours in adjacent columns get one smooth curve, side to side. An edge
that skips columns runs along the gap *between rows* (just below the right-hand
end's row; each relation has its own lane there) and changes height only in the
gaps *between columns*, so it never passes behind an object it is not connected to.
Server → export is drawn as a tree bracket.

The path, arrowheads and the wide hit shape are rebuilt in :meth:`adjust` (called
when an end moves) and cached; ``paint()`` draws them as they are. Geometry is done
on plain floats: a 5,000-object scene routes 15,000 edges.
"""

from __future__ import annotations

import math
from functools import lru_cache
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from core.graph import GraphEdge
from gui.items.constants import LOD_FLAT, LOD_HUB_EDGES, TYPE_EDGE, detail_floor
from gui.items.edge_limits import HUB_DEGREE
from gui.theme import Theme, edge_style

#: Many-to-one relations that turn into hairballs when a big cluster is zoomed out.
HUB_RELATIONS = frozenset({"class", "scheduled", "selects", "serves"})

#: Where in the row gap (0 = bottom of the row, 1 = top of the next) each relation
#: runs when it skips columns, so edges sharing a gap do not share a line.
_LANES = {"class": 0.18, "template": 0.28, "scheduled": 0.38, "selects": 0.48, "owns": 0.28,
          "export": 0.22, "mount": 0.33, "binding": 0.43}


_NO_ENDS = ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0))
_EMPTY_RECT = QRectF()
_NO_LINE = (QPointF(), QPointF())


@lru_cache(maxsize=128)
def _pens(theme: Theme, relation: str, state: str) -> tuple:
    style = edge_style(relation, state)
    pen = theme.edge_pen(style)
    thin = QPen(pen.color(), 1.0)
    thin.setCosmetic(True)
    flash = QPen(theme.color("selection"), pen.widthF() + 6 * theme.line_scale)
    flash.setCapStyle(Qt.PenCapStyle.RoundCap)
    return style, pen, thin, QBrush(pen.color()), flash


class EdgeItem(QGraphicsItem):
    TYPE = TYPE_EDGE

    # Defaults as class attributes, not set in __init__: attribute writes on a Qt
    # wrapper are slow, and a big scene builds 14,000 edges. Instances override them.
    _progress = 1.0
    _flash = 0.0
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
    _bounds = _EMPTY_RECT
    _line = _NO_LINE
    _expanded = False
    _stub_at = None
    #: Hidden because an end is inside a collapsed group (set by the scene).
    folded = False

    def __init__(self, edge: GraphEdge, source, target, theme: Theme, *,
                 route: bool = True) -> None:
        super().__init__()
        self._edge = edge
        self._source = source
        self._target = target
        self._theme = theme
        # No z and no hover events set here (two Qt calls for each of 14,000 edges): the
        # scene stacks edges under objects, and sets an edge's tooltip when asked for it.
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
            self._progress = value
            self._visible_path = None
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
        (self._style, self._pen, self._thin_pen, self._arrow_brush,
         self._flash_pen) = _pens(self._theme, self._edge.relation, self._edge.state)
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

        ``placed=False``: the item is not in a scene yet, so there is no old geometry
        to invalidate and nothing to repaint (a big scene builds 14,000 edges).

        The bounds come from the two end boxes alone (the route never leaves them by
        more than a row gap and a bulge); the route, path, arrowheads and hit shape
        are built on first use — in a big cluster most edges are only ever drawn as
        hairlines at overview zoom.
        """
        if placed:
            self.prepareGeometryChange()
        theme = self._theme
        stub = self._stub_at = self._stub_end()
        if stub is not None:
            self._adjust_stub(placed)
            return
        ax0, ay0, ax1, ay1 = self._source.rect_tuple
        bx0, by0, bx1, by1 = self._target.rect_tuple
        pad = self._pen.widthF() + 12 * theme.line_scale + 36 * theme.scale
        below = 2 * theme.unit - theme.item_height
        x0, x1 = min(ax0, bx0), max(ax1, bx1)
        y0, y1 = min(ay0, by0), max(ay1, by1) + below
        self._bounds = QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
        self._line = (QPointF((ax0 + ax1) / 2, (ay0 + ay1) / 2),
                      QPointF((bx0 + bx1) / 2, (by0 + by1) / 2))
        if placed:
            # (A new edge still has the class defaults: nothing cached to drop.)
            self._routed = False
            self._path = None
            self._visible_path = None
            self._arrows = None
            self._hit = None
            self.update()

    def _stub_end(self):
        """The end a stub hangs from (the non-hub end), or None for a full edge."""
        if not self._hub or self._expanded:
            return None
        if len(self._source._edges) > HUB_DEGREE:
            return self._target
        if len(self._target._edges) > HUB_DEGREE:
            return self._source
        return None

    @property
    def is_stub(self) -> bool:
        return self._stub_at is not None

    def set_expanded(self, expanded: bool) -> None:
        """Full length even from a hub (while it or the other end is selected)."""
        if expanded != self._expanded:
            self._expanded = expanded
            self.adjust()

    def _adjust_stub(self, placed: bool = True) -> None:
        """A stub's bounds: the spoke's box widened by a stub length on both sides.

        Where exactly it leaves (which side, which port) is worked out when it is
        first drawn (:meth:`_route_stub`): a big cluster has thousands of stubs, and
        at overview zoom none of them is drawn at all.
        """
        theme = self._theme
        x0, y0, x1, y1 = self._stub_at.rect_tuple
        reach = 34.0 * theme.scale + self._pen.widthF() + 12 * theme.line_scale
        self._bounds = QRectF(x0 - reach, y0 - reach, x1 - x0 + 2 * reach, y1 - y0 + 2 * reach)
        if placed or self._routed:
            self._routed = False
            self._path = None
            self._visible_path = None
            self._arrows = None
            self._hit = None
        if placed:
            self.update()

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
        self._line = (QPointF(*far), QPointF(*tip))
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

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(12.0, self._pen.widthF() + 8))
            self._hit = stroker.createStroke(self._ensure_path())
        return self._hit

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        if lod < LOD_HUB_EDGES and self._hub:
            return
        if lod < LOD_FLAT:
            # Overview: a hairline between the two centres says enough, cheaply.
            if self._progress >= 1.0:
                if self._stub_at is not None:
                    self._ensure_route()
                painter.setPen(self._thin_pen)
                painter.drawLine(*self._line)
            return
        self._ensure_path()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
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

    def __init__(self, edge: GraphEdge, source, target, theme: Theme,
                 members: tuple[GraphEdge, ...]) -> None:
        self._members = members
        super().__init__(edge, source, target, theme, route=False)
        self._label_font = theme.font("chip")

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
        if len(members) != len(self._members):
            self.prepareGeometryChange()
        self._members = members
        if edge != self._edge:
            self.set_edge(edge)
        else:
            self.update()
        return shown

    def set_theme(self, theme: Theme) -> None:
        super().set_theme(theme)
        self._label_font = theme.font("chip")

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        if len(self._members) < 2:
            return self._bounds
        # Room for the count label around the middle of a short stub.
        m = 22.0 * self._theme.scale
        return self._bounds.adjusted(-m, -m, m, m)

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

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        super().paint(painter, option, widget)
        if len(self._members) < 2 or self._progress < 1.0:
            return
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        if lod < LOD_FLAT or self._path is None:
            return
        text = f"×{len(self._members)}"
        font = self._label_font
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
