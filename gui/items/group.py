"""A frame around a group (namespace, StatefulSet, NFS server) with its title.

A titled frame can be collapsed: a ⊟ box before the title (click it) or a
double-click on the title folds the group into one card
(:mod:`gui.items.collapsed`). Only the title band takes mouse presses; the rest
of the frame lets them through, so dragging empty space still pans the view.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from gui.items import icons
from gui.items.constants import LOD_FLAT, LOD_TEXT, TYPE_GROUP, Z_GROUP, Z_LABEL, detail_floor
from gui.theme import Theme

_COLORS = {
    "namespace": ("frame_namespace", "frame_namespace_border"),
    "statefulset": ("frame_set", "frame_set_border"),
    "nfs": ("frame_nfs", "frame_nfs_border"),
}


@lru_cache(maxsize=64)
def _style(theme: Theme, kind: str) -> tuple:
    """Brush, pen, font and its metrics of a kind of frame: shared by all its frames
    (a big cluster has hundreds; new font metrics cost ~15 µs before they answer)."""
    fill, border = _COLORS.get(kind, _COLORS["namespace"])
    pen = QPen(theme.color(border), 1.2 * theme.line_scale)
    if kind == "statefulset":
        pen.setStyle(Qt.PenStyle.DashLine)
    font = theme.font("group")
    fm = QFontMetricsF(font)
    return (QBrush(theme.color(fill)), pen, font, fm, fm.ascent(), fm.height(),
            QPen(theme.color("frame_title"), 1.2 * theme.line_scale), theme.color("frame_title"))


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
        #: Titled frames fold into a card (NFS frames have no title to click).
        self.collapsible = bool(title)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton if self.collapsible
                                     else Qt.MouseButton.NoButton)
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
        (self._brush, self._pen, self._font, fm, ascent, height, self._toggle_pen,
         self._title_color) = _style(theme, self.kind)
        left = self._rect.left() + 10 * theme.scale
        self._toggle = QRectF()
        if self.collapsible:
            size = ascent
            self._toggle = QRectF(left, self._rect.top() + 4 + ascent - size + 1, size, size)
            self._toggle_icon = icons.kind_icon("ExpandedGroup", round(size, 1))
            left += size + 5 * theme.scale
        self._title_pos = QPointF(left, self._rect.top() + 4 + ascent)
        self._title_width = fm.horizontalAdvance(self._title)
        self._band = QRectF(self._rect.left(), self._rect.top(),
                            min(self._rect.width(), left - self._rect.left()
                                + self._title_width + 10 * theme.scale),
                            height + 8)
        self.setToolTip(f"{self._title} — click ⊟ or double-click the title to collapse"
                        if self.collapsible else self._title)
        if self.overview_label is not None:
            self.overview_label.set_theme(theme)
            self.overview_label.setPos(self._rect.topLeft())

    def set_overview(self, overview: bool) -> None:
        """Zoomed far out: show the scale-free title instead of the painted one."""
        self._overview = overview
        if self.overview_label is not None:
            self.overview_label.setVisible(overview and self.isVisible())
        self.update()

    def set_folded(self, folded: bool) -> None:
        """Hidden while its group (or one around it) is collapsed into a card."""
        if folded == self.isVisible():
            self.setVisible(not folded)
            if self.overview_label is not None:
                self.overview_label.setVisible(self._overview and not folded)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect.adjusted(-2, -2, 2, 2)

    def shape(self) -> QPainterPath:
        # Hit-testing sees the title band only: a press anywhere else inside the frame
        # reaches the view (panning) or the objects, as if the frame were not there.
        path = QPainterPath()
        if self.collapsible:
            path.addRect(self._band)
        return path

    def toggle_rect(self) -> QRectF:
        """The ⊟ box before the title (scene coordinates), empty for untitled frames."""
        return QRectF(self._toggle)

    def title_rect(self) -> QRectF:
        """The title band that takes clicks (scene coordinates)."""
        return QRectF(self._band) if self.collapsible else QRectF()

    # The fold happens on release: hiding the item that grabbed the mouse before its
    # release arrives would leave the release with nobody to take it.
    _armed = False

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.collapsible and self._toggle.adjusted(-4, -4, 4, 4).contains(event.pos()):
            event.accept()
            self._armed = True
            return
        event.ignore()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.collapsible and self._band.contains(event.pos()):
            event.accept()
            self._armed = True
            return
        event.ignore()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.accept()
        if self._armed:
            self._armed = False
            self._collapse()

    def _collapse(self) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "collapse_group"):
            scene.collapse_group(self.group_id)

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
            if self.collapsible and lod >= LOD_TEXT:
                painter.setPen(self._toggle_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.translate(self._toggle.topLeft())
                painter.drawPath(self._toggle_icon)
                painter.translate(-self._toggle.topLeft())


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
