"""A scene-wide item that paints many things in batches and is never hit itself."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsItem

_EMPTY_SHAPE = QPainterPath()


class BatchLayer(QGraphicsItem):
    """Covers the scene rect at one z value; clicks and hovering pass through to what
    lies under it. Subclasses implement ``paint``."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        # paint() needs the exposed rectangle to draw only what is in it.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()

    def set_bounds(self, rect: QRectF) -> None:
        """What the layer covers: the scene rect."""
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def shape(self) -> QPainterPath:
        # Never hit: clicks and hovering reach the items under the layer.
        return _EMPTY_SHAPE
