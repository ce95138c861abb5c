"""One QGraphicsItem class per kind of object, plus edges and group frames."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from core.graph import GraphNode
from gui.items.base import NodeItem
from gui.items.claim import ClaimItem
from gui.items.edge import EdgeItem
from gui.items.group import GroupItem
from gui.items.nfs_export import NFSExportItem
from gui.items.nfs_server import NFSServerItem
from gui.items.node import NodeMachineItem
from gui.items.pod import PodItem
from gui.items.service import ServiceItem
from gui.items.statefulset import StatefulSetItem
from gui.items.storage_class import StorageClassItem
from gui.items.volume import VolumeItem
from gui.theme import Theme

ITEM_CLASSES: dict[str, type[NodeItem]] = {
    cls.KIND: cls
    for cls in (NFSServerItem, NFSExportItem, StorageClassItem, VolumeItem, ClaimItem, PodItem,
                StatefulSetItem, ServiceItem, NodeMachineItem)
}


def make_item(node: GraphNode, theme: Theme, pos: QPointF | None = None) -> NodeItem:
    """The item for ``node``'s kind (a plain NodeItem for kinds without their own)."""
    return ITEM_CLASSES.get(node.kind, NodeItem)(node, theme, pos)


__all__ = ["ITEM_CLASSES", "EdgeItem", "GroupItem", "NodeItem", "make_item"]
