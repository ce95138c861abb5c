"""The words the graph's items write on themselves, in the interface's language.

Names, sizes, modes, classes, phases and IPs stay as Kubernetes prints them; only the
connecting words are translated (context "Items"). ``TEMPLATES`` lists every text the
items pass to :func:`words`, marked so lupdate finds them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

TEMPLATES = (
    QT_TRANSLATE_NOOP("Items", "on {node}"),
    QT_TRANSLATE_NOOP("Items", "not scheduled"),
    QT_TRANSLATE_NOOP("Items", "DNS after Ready: {dns}"),
    QT_TRANSLATE_NOOP("Items", "no modes"),
    QT_TRANSLATE_NOOP("Items", "volume {volume}"),
    QT_TRANSLATE_NOOP("Items", "got {capacity}"),
    QT_TRANSLATE_NOOP("Items", "on {server}"),
    QT_TRANSLATE_NOOP("Items", "declared: {name}"),
    QT_TRANSLATE_NOOP("Items", "implied by PVs"),
    QT_TRANSLATE_NOOP("Items", "NFS server · {count} export"),
    QT_TRANSLATE_NOOP("Items", "NFS server · {count} exports"),
    QT_TRANSLATE_NOOP("Items", "headless"),
    QT_TRANSLATE_NOOP("Items", "selects {selector}"),
    QT_TRANSLATE_NOOP("Items", "no selector"),
    QT_TRANSLATE_NOOP("Items", "{replicas} replicas · {policy}"),
    QT_TRANSLATE_NOOP("Items", "claim template: {templates}"),
    QT_TRANSLATE_NOOP("Items", "no claim templates"),
    QT_TRANSLATE_NOOP("Items", "{ready} ready"),
    QT_TRANSLATE_NOOP("Items", "no such StorageClass"),
    QT_TRANSLATE_NOOP("Items", "matching by name only"),
    QT_TRANSLATE_NOOP("Items", "no provisioner"),
    QT_TRANSLATE_NOOP("Items", "default"),
    QT_TRANSLATE_NOOP("Items", "no class"),
    QT_TRANSLATE_NOOP("Items", "claimRef {claim}"),
    # Collapsed group cards (gui.items.collapsed): counts per kind and the chip.
    QT_TRANSLATE_NOOP("Items", "{count} NFS server"),
    QT_TRANSLATE_NOOP("Items", "{count} NFS servers"),
    QT_TRANSLATE_NOOP("Items", "{count} export"),
    QT_TRANSLATE_NOOP("Items", "{count} exports"),
    QT_TRANSLATE_NOOP("Items", "{count} claim"),
    QT_TRANSLATE_NOOP("Items", "{count} claims"),
    QT_TRANSLATE_NOOP("Items", "{count} pod"),
    QT_TRANSLATE_NOOP("Items", "{count} pods"),
    QT_TRANSLATE_NOOP("Items", "{count} StatefulSet"),
    QT_TRANSLATE_NOOP("Items", "{count} StatefulSets"),
    QT_TRANSLATE_NOOP("Items", "{count} service"),
    QT_TRANSLATE_NOOP("Items", "{count} services"),
    QT_TRANSLATE_NOOP("Items", "all OK"),
    QT_TRANSLATE_NOOP("Items", "(collapsed)"),
    QT_TRANSLATE_NOOP("Items", "Double-click, click ⊞ or press C to expand"),
)


def words(text: str, **values: object) -> str:
    """``text`` translated, then filled with ``values`` (``{name}`` placeholders)."""
    translated = QCoreApplication.translate("Items", text)
    try:
        return translated.format(**values) if values else translated
    except (KeyError, IndexError, ValueError):
        # A translation that lost a placeholder: the English is better than nothing.
        return text.format(**values) if values else text
