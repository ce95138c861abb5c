"""Kind icons, status badges and body outlines as QPainterPaths (no image files).

Paths are built once per size and shared by every item (an item only keeps a
reference), which keeps 5,000 items cheap and paint() free of geometry work.
Icons live in a ``size``×``size`` box with its top-left at the origin; badges are
centred on the origin.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

# ---- body outlines (centred on the origin) ----------------------------------------------------


@lru_cache(maxsize=128)
def rounded_body(w: float, h: float, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(-w / 2, -h / 2, w, h), radius, radius)
    return path


@lru_cache(maxsize=64)
def cylinder_body(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    """A drum lying on its side: the outline, and the visible end cap (right)."""
    rx = min(12.0, w / 8)
    x0, x1, y0, y1 = -w / 2, w / 2, -h / 2, h / 2
    path = QPainterPath(QPointF(x0 + rx, y0))
    path.lineTo(x1 - rx, y0)
    path.arcTo(QRectF(x1 - 2 * rx, y0, 2 * rx, h), 90, -180)
    path.lineTo(x0 + rx, y1)
    path.arcTo(QRectF(x0, y0, 2 * rx, h), 270, -180)
    path.closeSubpath()
    cap = QPainterPath()
    cap.addEllipse(QRectF(x1 - 2 * rx, y0, 2 * rx, h))
    return path, cap


@lru_cache(maxsize=64)
def tag_body(w: float, h: float) -> tuple[QPainterPath, QPainterPath]:
    """A luggage tag (a claim ticket): pointed left end with a punched hole."""
    tip = min(18.0, h / 3)
    r = 6.0
    x0, x1, y0, y1 = -w / 2, w / 2, -h / 2, h / 2
    path = QPainterPath(QPointF(x0 + tip, y0))
    path.lineTo(x1 - r, y0)
    path.quadTo(x1, y0, x1, y0 + r)
    path.lineTo(x1, y1 - r)
    path.quadTo(x1, y1, x1 - r, y1)
    path.lineTo(x0 + tip, y1)
    path.lineTo(x0, 0)
    path.closeSubpath()
    hole = QPainterPath()
    hole.addEllipse(QPointF(x0 + tip * 0.75, 0), 3.2, 3.2)
    return path, hole


@lru_cache(maxsize=64)
def stadium_body(w: float, h: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(-w / 2, -h / 2, w, h), h / 2, h / 2)
    return path


@lru_cache(maxsize=64)
def octagon_body(w: float, h: float, corner: float = 14.0) -> QPainterPath:
    c = min(corner, h / 4)
    x0, x1, y0, y1 = -w / 2, w / 2, -h / 2, h / 2
    return _polygon([(x0 + c, y0), (x1 - c, y0), (x1, y0 + c), (x1, y1 - c), (x1 - c, y1),
                     (x0 + c, y1), (x0, y1 - c), (x0, y0 + c)])


@lru_cache(maxsize=64)
def folder_body(w: float, h: float) -> QPainterPath:
    tab_w, tab_h = min(48.0, w / 3), 7.0
    x0, x1, y0, y1 = -w / 2, w / 2, -h / 2, h / 2
    r = 4.0
    path = QPainterPath(QPointF(x0, y0 + r))
    path.quadTo(x0, y0, x0 + r, y0)
    path.lineTo(x0 + tab_w - tab_h, y0)
    path.lineTo(x0 + tab_w, y0 + tab_h)
    path.lineTo(x1 - r, y0 + tab_h)
    path.quadTo(x1, y0 + tab_h, x1, y0 + tab_h + r)
    path.lineTo(x1, y1 - r)
    path.quadTo(x1, y1, x1 - r, y1)
    path.lineTo(x0 + r, y1)
    path.quadTo(x0, y1, x0, y1 - r)
    path.closeSubpath()
    return path


@lru_cache(maxsize=64)
def stack_backs(w: float, h: float, offset: float) -> QPainterPath:
    """Two cards peeking out behind a StatefulSet (its replicas)."""
    path = QPainterPath()
    for k in (2, 1):
        path.addRoundedRect(QRectF(-w / 2 + k * offset, -h / 2 - k * offset, w, h), 8, 8)
    return path


# ---- kind icons (size×size box at the origin) -------------------------------------------------


def _polygon(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


@lru_cache(maxsize=64)
def kind_icon(kind: str, size: float) -> QPainterPath:
    """The outline icon that names a kind at a glance (stroked, not filled)."""
    s = size
    path = QPainterPath()
    if kind == "PersistentVolume":
        e = s * 0.22
        path.addEllipse(QRectF(s * 0.12, 0, s * 0.76, e * 2))
        path.moveTo(s * 0.12, e)
        path.lineTo(s * 0.12, s - e)
        path.arcTo(QRectF(s * 0.12, s - 2 * e, s * 0.76, 2 * e), 180, 180)
        path.lineTo(s * 0.88, e)
        path.moveTo(s * 0.12, s / 2)
        path.arcTo(QRectF(s * 0.12, s / 2 - e, s * 0.76, 2 * e), 180, 180)
    elif kind == "PersistentVolumeClaim":
        path.addPath(_polygon([(s * 0.05, s * 0.5), (s * 0.3, s * 0.18), (s * 0.95, s * 0.18),
                               (s * 0.95, s * 0.82), (s * 0.3, s * 0.82)]))
        path.addEllipse(QPointF(s * 0.3, s * 0.5), s * 0.08, s * 0.08)
        path.moveTo(s * 0.48, s * 0.42)
        path.lineTo(s * 0.82, s * 0.42)
        path.moveTo(s * 0.48, s * 0.6)
        path.lineTo(s * 0.74, s * 0.6)
    elif kind == "Pod":
        cx, top, r = s / 2, s * 0.05, s * 0.45
        dy = r * 0.5
        hexagon = [(cx, top), (cx + r, top + dy), (cx + r, top + dy + r), (cx, top + 2 * dy + r),
                   (cx - r, top + dy + r), (cx - r, top + dy)]
        path.addPath(_polygon(hexagon))
        path.moveTo(cx - r, top + dy)
        path.lineTo(cx, top + 2 * dy)
        path.lineTo(cx + r, top + dy)
        path.moveTo(cx, top + 2 * dy)
        path.lineTo(cx, top + 2 * dy + r)
    elif kind == "StatefulSet":
        for k in range(3):
            o = k * s * 0.16
            path.addRoundedRect(QRectF(s * 0.04 + o, s * 0.36 - o, s * 0.6, s * 0.6), 2, 2)
    elif kind == "Service":
        path.addEllipse(QPointF(s * 0.2, s * 0.5), s * 0.15, s * 0.15)
        for y in (0.15, 0.5, 0.85):
            path.addEllipse(QPointF(s * 0.82, s * y), s * 0.11, s * 0.11)
            path.moveTo(s * 0.35, s * 0.5)
            path.lineTo(s * 0.71, s * y)
    elif kind == "Node":
        path.addRoundedRect(QRectF(s * 0.2, s * 0.2, s * 0.6, s * 0.6), 2, 2)
        path.addRect(QRectF(s * 0.36, s * 0.36, s * 0.28, s * 0.28))
        for t in (0.35, 0.5, 0.65):
            for a, b in (((t, 0.05), (t, 0.2)), ((t, 0.8), (t, 0.95)),
                         ((0.05, t), (0.2, t)), ((0.8, t), (0.95, t))):
                path.moveTo(s * a[0], s * a[1])
                path.lineTo(s * b[0], s * b[1])
    elif kind == "StorageClass":
        for k in range(3):
            y = s * (0.22 + k * 0.26)
            path.addPath(_polygon([(s * 0.5, y - s * 0.16), (s * 0.95, y), (s * 0.5, y + s * 0.16),
                                   (s * 0.05, y)]))
    elif kind == "NFSServer":
        for k in range(3):
            y = s * (0.06 + k * 0.31)
            path.addRoundedRect(QRectF(s * 0.05, y, s * 0.9, s * 0.26), 2, 2)
            path.addEllipse(QPointF(s * 0.22, y + s * 0.13), s * 0.04, s * 0.04)
            path.moveTo(s * 0.45, y + s * 0.13)
            path.lineTo(s * 0.82, y + s * 0.13)
    elif kind == "NFSExport":
        path.moveTo(s * 0.05, s * 0.25)
        path.lineTo(s * 0.38, s * 0.25)
        path.lineTo(s * 0.48, s * 0.36)
        path.lineTo(s * 0.95, s * 0.36)
        path.lineTo(s * 0.95, s * 0.85)
        path.lineTo(s * 0.05, s * 0.85)
        path.closeSubpath()
    elif kind in ("CollapsedGroup", "ExpandedGroup"):
        # ⊞ / ⊟: the box people click to open or fold a group.
        path.addRoundedRect(QRectF(s * 0.05, s * 0.05, s * 0.9, s * 0.9), s * 0.18, s * 0.18)
        path.moveTo(s * 0.28, s * 0.5)
        path.lineTo(s * 0.72, s * 0.5)
        if kind == "CollapsedGroup":
            path.moveTo(s * 0.5, s * 0.28)
            path.lineTo(s * 0.5, s * 0.72)
    else:
        path.addRect(QRectF(0, 0, s, s))
    return path


# ---- status badges (centred on the origin, radius r) -------------------------------------------


@lru_cache(maxsize=64)
def badge(name: str, r: float) -> tuple[QPainterPath, QPainterPath]:
    """``(fill, mark)``: fill in the status colour, mark in the surface colour on top."""
    fill = QPainterPath()
    mark = QPainterPath()
    if name == "check":
        fill.addEllipse(QPointF(0, 0), r, r)
        mark.moveTo(-r * 0.5, 0)
        mark.lineTo(-r * 0.12, r * 0.42)
        mark.lineTo(r * 0.55, -r * 0.4)
    elif name == "ring":
        fill.addEllipse(QPointF(0, 0), r, r)
        fill.addEllipse(QPointF(0, 0), r * 0.55, r * 0.55)  # odd-even fill: a ring
    elif name == "hourglass":
        fill.addPath(_polygon([(-r * 0.8, -r), (r * 0.8, -r), (0, 0)]))
        fill.addPath(_polygon([(-r * 0.8, r), (r * 0.8, r), (0, 0)]))
    elif name == "diamond":
        fill.addPath(_polygon([(0, -r * 1.1), (r * 1.1, 0), (0, r * 1.1), (-r * 1.1, 0)]))
        inner = r * 0.5
        fill.addPath(_polygon([(0, -inner), (inner, 0), (0, inner), (-inner, 0)]))
    elif name == "warning":
        h = r * 2 * math.sqrt(3) / 2
        fill.addPath(_polygon([(0, -h * 0.62), (r * 1.1, h * 0.45), (-r * 1.1, h * 0.45)]))
        mark.moveTo(0, -h * 0.25)
        mark.lineTo(0, h * 0.1)
        mark.moveTo(0, h * 0.25)
        mark.lineTo(0, h * 0.27)
    elif name == "cross":
        fill.addEllipse(QPointF(0, 0), r, r)
        d = r * 0.45
        mark.moveTo(-d, -d)
        mark.lineTo(d, d)
        mark.moveTo(d, -d)
        mark.lineTo(-d, d)
    elif name == "bar":
        fill.addEllipse(QPointF(0, 0), r, r)
        mark.moveTo(-r * 0.55, 0)
        mark.lineTo(r * 0.55, 0)
    return fill, mark


def arrow_head(tip: QPointF, angle_deg: float, length: float, width: float) -> QPolygonF:
    """A filled arrowhead with its point at ``tip``, pointing along ``angle_deg``
    (QPainterPath.angleAtPercent convention: counter-clockwise, y up)."""
    a = math.radians(angle_deg)
    dx, dy = math.cos(a), -math.sin(a)
    base = QPointF(tip.x() - dx * length, tip.y() - dy * length)
    nx, ny = -dy, dx
    return QPolygonF([tip, QPointF(base.x() + nx * width / 2, base.y() + ny * width / 2),
                      QPointF(base.x() - nx * width / 2, base.y() - ny * width / 2)])
