"""Z-order, item type numbers and level-of-detail thresholds, in one place."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QGraphicsItem

Z_GROUP = -20.0
Z_EDGE = -5.0
Z_EDGE_ACTIVE = -4.0
Z_NODE = 0.0
Z_NODE_ACTIVE = 2.0
Z_LABEL = 10.0

TYPE_NODE = QGraphicsItem.UserType + 1
TYPE_EDGE = QGraphicsItem.UserType + 2
TYPE_GROUP = QGraphicsItem.UserType + 3

#: Below this zoom labels are unreadable: draw shapes and badges only (Qt's chip demo).
LOD_TEXT = 0.5
#: Below this an item is a filled rectangle in its status colour.
LOD_FLAT = 0.2
#: Below this the many-to-one edges (class, node, service) are left out.
LOD_HUB_EDGES = 0.16

#: Exports raise the level of detail items use: a picture scaled to fit a page still
#: deserves its labels when the output has the pixels (or is vectors) to show them.
_DETAIL_FLOOR = [0.0]


def detail_floor() -> float:
    return _DETAIL_FLOOR[0]


@contextmanager
def raised_detail(floor: float) -> Iterator[None]:
    previous = _DETAIL_FLOOR[0]
    _DETAIL_FLOOR[0] = floor
    try:
        yield
    finally:
        _DETAIL_FLOOR[0] = previous
