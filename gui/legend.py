"""The legend: object shapes, relation styles, and status badges with their meaning.

One :class:`Legend` paints into any QPainter — the view's corner overlay
(:class:`LegendOverlay`) and exported pictures use the same code, so what people
see on screen is what lands in the docs.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from gui.items import icons
from gui.theme import BADGE, CATEGORY_LABEL, EDGE_STYLES, Theme, edge_style

KIND_ROWS = (
    ("NFSServer", "NFS server"),
    ("NFSExport", "NFS export (directory)"),
    ("StorageClass", "StorageClass (dashed: not found)"),
    ("PersistentVolume", "PersistentVolume"),
    ("PersistentVolumeClaim", "PersistentVolumeClaim"),
    ("Pod", "Pod"),
    ("StatefulSet", "StatefulSet"),
    ("Service", "Service"),
    ("Node", "Node"),
    ("CollapsedGroup", "collapsed group (×N: N edges)"),
)

EDGE_ROWS = (
    ("binding", "bound", "bound (claimRef + volumeName)"),
    ("binding", "reserved", "reserved (PV claimRef only)"),
    ("binding", "requested", "requested (claim volumeName only)"),
    ("export", "", "NFS export → PV"),
    ("class", "", "StorageClass → PV / claim"),
    ("mount", "", "claim mounted by pod"),
    ("template", "", "claim from StatefulSet template"),
    ("owns", "", "StatefulSet owns pod"),
    ("selects", "", "Service selects pod"),
    ("scheduled", "", "pod runs on node"),
)


def _mini_body(kind: str, w: float, h: float) -> tuple[QPainterPath, QPainterPath | None]:
    if kind == "PersistentVolume":
        return icons.cylinder_body(w, h)
    if kind == "PersistentVolumeClaim":
        return icons.tag_body(w, h)
    if kind == "Service":
        return icons.stadium_body(w, h), None
    if kind == "StorageClass":
        return icons.octagon_body(w, h), None
    if kind == "NFSExport":
        return icons.folder_body(w, h), None
    if kind in ("StatefulSet", "CollapsedGroup"):
        return icons.rounded_body(w - 4, h - 4, 3), icons.stack_backs(w - 4, h - 4, 2)
    return icons.rounded_body(w, h, 3 if kind in ("Node", "NFSServer") else 5), None


class Legend:
    """Lays out and paints the legend for a theme, vertically or in three columns."""

    def __init__(self, theme: Theme, *, columns: int = 1, title: str = "Legend") -> None:
        self.theme = theme
        self.columns = columns
        self.title = title
        self._font = theme.font("legend")
        self._head_font = theme.font("group")
        fm = QFontMetricsF(self._font)
        self._row_h = max(fm.height() + 6, 22.0 * min(theme.scale, 1.4))
        self._sample_w = 58.0 * theme.scale
        self._pad = 10.0 * theme.scale
        self._head_h = QFontMetricsF(self._head_font).height() + 6
        statuses = [c for c in CATEGORY_LABEL if BADGE.get(c)]
        self._sections = [
            ("Objects", [("kind", k, label) for k, label in KIND_ROWS]),
            ("Relations", [("edge", (r, s), label) for r, s, label in EDGE_ROWS
                           if (r, s) in EDGE_STYLES]),
            ("Status (colour + badge + text)", [("status", c, CATEGORY_LABEL[c]) for c in statuses]),
        ]
        text_w = max(fm.horizontalAdvance(label) for _, rows in self._sections
                     for _, _, label in rows)
        head_w = max(QFontMetricsF(self._head_font).horizontalAdvance(t) for t, _ in self._sections)
        self._col_w = max(self._sample_w + 8 + text_w, head_w) + self._pad

    def size(self) -> QSizeF:
        heights = [self._head_h + len(rows) * self._row_h for _, rows in self._sections]
        if self.columns >= len(self._sections):
            return QSizeF(self._col_w * len(self._sections) + self._pad,
                          max(heights) + 2 * self._pad)
        return QSizeF(self._col_w + self._pad, sum(heights) + 2 * self._pad + self._pad)

    def paint(self, painter: QPainter, top_left: QPointF, *, background: bool = True) -> None:
        theme = self.theme
        size = self.size()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if background:
            painter.setPen(QPen(theme.color("border"), 1.0))
            painter.setBrush(QBrush(theme.color("surface")))
            painter.drawRoundedRect(QRectF(top_left, size), 8, 8)
        x0 = top_left.x() + self._pad
        y = top_left.y() + self._pad
        side_by_side = self.columns >= len(self._sections)
        for index, (heading, rows) in enumerate(self._sections):
            x = x0 + (index * self._col_w if side_by_side else 0.0)
            if side_by_side:
                y = top_left.y() + self._pad
            painter.setFont(self._head_font)
            painter.setPen(theme.color("text"))
            painter.drawText(QRectF(x, y, self._col_w, self._head_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, heading)
            y += self._head_h
            for what, key, label in rows:
                self._sample(painter, what, key, QRectF(x, y + 2, self._sample_w, self._row_h - 4))
                painter.setFont(self._font)
                painter.setPen(theme.color("text"))
                painter.drawText(QRectF(x + self._sample_w + 8, y, self._col_w, self._row_h),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
                y += self._row_h
            if not side_by_side:
                y += self._pad / 2
        painter.restore()

    def _sample(self, painter: QPainter, what: str, key, rect: QRectF) -> None:
        theme = self.theme
        painter.save()
        painter.translate(rect.center())
        if what == "kind":
            w, h = rect.width() * 0.62, rect.height() * 0.9
            body, deco = _mini_body(key, w, h)
            painter.translate(-rect.width() * 0.18, 0)
            pen = QPen(theme.color("border"), 1.2)
            if key == "StorageClass":
                pen.setDashPattern([3.0, 2.0])
            if key == "StatefulSet" and deco is not None:
                painter.setPen(pen)
                painter.setBrush(QBrush(theme.color("surface")))
                painter.drawPath(deco)
            painter.setPen(pen)
            painter.setBrush(QBrush(theme.color("surface")))
            painter.drawPath(body)
            if deco is not None and key != "StatefulSet":
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(deco)
            size = h * 0.8
            painter.translate(w / 2 + 4, -size / 2)
            icon_pen = QPen(theme.color("icon"), 1.2)
            painter.setPen(icon_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(icons.kind_icon(key, size))
        elif what == "edge":
            relation, state = key
            style = edge_style(relation, state)
            pen = theme.edge_pen(style)
            half = rect.width() / 2 - 4
            painter.setPen(pen)
            painter.drawLine(QPointF(-half, 0), QPointF(half, 0))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(pen.color()))
            length, width = 8.0 * theme.line_scale + 2, 6.0 * theme.line_scale + 2
            if style.arrow_target:
                painter.drawPolygon(icons.arrow_head(QPointF(half, 0), 0.0, length, width))
            if style.arrow_source:
                painter.drawPolygon(icons.arrow_head(QPointF(-half, 0), 180.0, length, width))
        elif what == "status":
            r = rect.height() * 0.32
            fill, mark = icons.badge(BADGE[key], r)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(theme.chip_fill(key)))
            chip = QRectF(-rect.width() / 2 + 2, -rect.height() / 2 + 1, rect.width() - 4,
                          rect.height() - 2)
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.setPen(QPen(theme.status_color(key), 2.0 * theme.line_scale))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.translate(-rect.width() / 2 + r + 6, 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(theme.status_color(key)))
            painter.drawPath(fill)
            if not mark.isEmpty():
                mark_pen = QPen(theme.color("surface"), 1.6)
                mark_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(mark_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(mark)
        painter.restore()


class LegendOverlay(QWidget):
    """The legend in a corner of the graph view (transparent to the mouse).

    It lays itself out for the room it has: one column when the view is tall enough,
    three side by side when it is wide, shrunk when neither fits.
    """

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self._theme = theme
        self._room = QSize(10_000, 10_000)
        self._scale = 1.0
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.fit_to(self._room)

    def fit_to(self, room: QSize) -> None:
        """Choose columns and scale so the legend fits in ``room`` (logical pixels)."""
        self._room = QSize(room)
        tall, wide = Legend(self._theme, columns=1), Legend(self._theme, columns=3)
        if tall.size().height() <= room.height():
            legend, scale = tall, 1.0
        elif wide.size().width() <= room.width() and wide.size().height() <= room.height():
            legend, scale = wide, 1.0
        else:
            options = [(min(room.width() / c.size().width(), room.height() / c.size().height()),
                        c) for c in (tall, wide)]
            scale, legend = max(options, key=lambda o: o[0])
            scale = max(0.3, min(1.0, scale))
        self._legend, self._scale = legend, scale
        size = legend.size()
        self.setFixedSize(QSize(int(size.width() * scale) + 2, int(size.height() * scale) + 2))
        self.update()

    @property
    def columns(self) -> int:
        return self._legend.columns

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.scale(self._scale, self._scale)
        self._legend.paint(painter, QPointF(0.5, 0.5))
        painter.end()
