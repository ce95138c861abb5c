"""Shared helpers for the graph-view GUI tests (no tests here)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from core.cluster import Cluster
from core.graph import GraphProjection
from gui.scene import GraphScene
from gui.theme import LIGHT, Theme
from gui.view import GraphView
from tests.core.test_graph_fixtures import seed_cluster


class Setup:
    """A cluster, its projection, a scene (motion off) and a shown view."""

    def __init__(self, qtbot, cluster: Cluster | None = None, theme: Theme = LIGHT,
                 size=(1400, 900)) -> None:
        self.cluster = cluster or seed_cluster()
        self.projection = GraphProjection(self.cluster)
        self.scene = GraphScene(theme)
        self.scene.set_motion(False)
        self.scene.reset(self.projection.snapshot())
        self.view = GraphView(self.scene)
        qtbot.addWidget(self.view)
        self.view.resize(*size)
        self.view.show()
        self.view.fit_all()

    def sync(self, since: int) -> None:
        """Apply every change since ``since`` to the scene, as the bridge does."""
        self.scene.apply(self.cluster.store.changes_since(since), self.projection.snapshot())

    def item(self, kind: str, name: str):
        matches = [i for i in self.scene.node_items()
                   if i.node.kind == kind and i.node.name == name]
        assert len(matches) == 1, (kind, name)
        return matches[0]

    def grab(self) -> QImage:
        image = self.view.grab().toImage()
        assert not image.isNull()
        return image


def distinct_colors(image: QImage, step: int = 7) -> int:
    colors = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colors.add(image.pixel(x, y))
    return len(colors)


def render_item(item, scale: float = 1.0, margin: float = 20.0) -> QImage:
    """Paint one item's scene area into an image at ``scale``."""
    rect = item.sceneBoundingRect().adjusted(-margin, -margin, margin, margin)
    image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)),
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    item.scene().render(painter, QRectF(0, 0, image.width(), image.height()), rect)
    painter.end()
    return image


def count_color(image: QImage, color: QColor, tolerance: int = 40) -> int:
    want = (color.red(), color.green(), color.blue())
    hits = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = QColor(image.pixel(x, y))
            if abs(c.red() - want[0]) + abs(c.green() - want[1]) + abs(c.blue() - want[2]) \
                    <= tolerance:
                hits += 1
    return hits
