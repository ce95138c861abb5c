"""A frame around a group (namespace, StatefulSet, NFS server) with its title."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui.items.constants import LOD_FLAT, TYPE_GROUP, Z_GROUP, Z_LABEL, detail_floor
from gui.theme import Theme

_COLORS = {
    "namespace": ("frame_namespace", "frame_namespace_border"),
    "statefulset": ("frame_set", "frame_set_border"),
    "nfs": ("frame_nfs", "frame_nfs_border"),
}


class GroupItem(QGraphicsItem):
    """One rectangle of a group (a group cut across stripes has one per stripe)."""

    TYPE = TYPE_GROUP

    def __init__(self, group_id: str, kind: str, title: str, rect: QRectF, theme: Theme,
                 depth: int = 0, index: int = 0) -> None:
        super().__init__()
        self.group_id = group_id
        #: Which rectangle of the group (one per stripe it spans).
        self.index = index
        self._overview = False
        self.kind = kind
        self._title = title
        self._rect = QRectF(rect)
        self._theme = theme
        self.setZValue(Z_GROUP + depth)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # A namespace's name stays readable when zoomed far out (it is how people find
        # their way in a big cluster): a label above everything that ignores the
        # view's scale. The scene adds it next to the frame.
        self.overview_label: OverviewLabel | None = None
        if kind == "namespace" and title:
            self.overview_label = OverviewLabel(title, theme)
            self.overview_label.setVisible(False)
        self._build()

    def type(self) -> int:  # noqa: A003 - Qt's name
        return self.TYPE

    @property
    def title(self) -> str:
        return self._title

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_rect(self, rect: QRectF) -> None:
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self._build()

    def set_theme(self, theme: Theme) -> None:
        if theme != self._theme:
            self._theme = theme
            self._build()
            self.update()

    def _build(self) -> None:
        theme = self._theme
        fill, border = _COLORS.get(self.kind, _COLORS["namespace"])
        self._brush = QBrush(theme.color(fill))
        self._pen = QPen(theme.color(border), 1.2 * theme.line_scale)
        if self.kind == "statefulset":
            self._pen.setStyle(Qt.PenStyle.DashLine)
        self._font = theme.font("group")
        fm = QFontMetricsF(self._font)
        self._title_pos = QPointF(self._rect.left() + 10 * theme.scale,
                                  self._rect.top() + 4 + fm.ascent())
        self._title_width = fm.horizontalAdvance(self._title)
        self._title_color = theme.color("frame_title")
        self.setToolTip(self._title)
        if self.overview_label is not None:
            self.overview_label.set_theme(theme)
            self.overview_label.setPos(self._rect.topLeft())

    def set_overview(self, overview: bool) -> None:
        """Zoomed far out: show the scale-free title instead of the painted one."""
        if self.overview_label is not None:
            self.overview_label.setVisible(overview)
        self._overview = overview
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = max(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()),
                  detail_floor())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= LOD_FLAT)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        radius = 10.0 * self._theme.scale
        painter.drawRoundedRect(self._rect, radius, radius)
        # Titles stay readable further out than item labels: they orient the viewer.
        if self._title and lod * self._font.pixelSize() >= 4.5 and not self._overview:
            painter.setFont(self._font)
            painter.setPen(self._title_color)
            painter.drawText(self._title_pos, self._title)


class OverviewLabel(QGraphicsItem):
    """A title drawn at a fixed screen size, above everything (ItemIgnoresTransformations)."""

    def __init__(self, text: str, theme: Theme) -> None:
        super().__init__()
        self._text = text
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(Z_LABEL)
        self.set_theme(theme)

    @property
    def text(self) -> str:
        return self._text

    def set_theme(self, theme: Theme) -> None:
        self.prepareGeometryChange()
        self._font = theme.font("group")
        fm = QFontMetricsF(self._font)
        # Hangs just inside the frame's top-left corner (never clipped at the top).
        self._rect = QRectF(2, 2, fm.horizontalAdvance(self._text) + 12, fm.height() + 4)
        self._baseline = QPointF(8, 4 + fm.ascent())
        fill = QColor(theme.color("surface"))
        fill.setAlpha(225)
        self._fill = QBrush(fill)
        self._pen = QPen(theme.color("frame_namespace_border"), 1.0)
        self._color = theme.color("frame_title")
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(self._color)
        painter.drawText(self._baseline, self._text)
