"""Every modal question the app asks, as one function each.

Actions call these through the module (``dialogs.ask_open_files(...)``), so tests
replace them with ``monkeypatch.setattr(gui.dialogs, "ask_open_files", ...)`` and
no modal dialog ever blocks a test.

The dialog classes are imported when a question is asked: nothing here is on
screen at start, and each Qt class costs time to load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

YAML_FILTER = "Kubernetes manifests (*.yaml *.yml *.json);;All files (*)"


def ask_open_files(parent: QWidget | None) -> list[str]:
    """YAML files to apply, or [] when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    paths, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("Dialogs", "Apply YAML files"), "",
        QCoreApplication.translate("Dialogs", "Kubernetes manifests (*.yaml *.yml *.json);;All files (*)"))
    return list(paths)


def ask_save_path(parent: QWidget | None, fmt: str) -> str | None:
    """Where to export the picture (``fmt`` is png or svg), or None."""
    from PySide6.QtWidgets import QFileDialog

    filters = {"png": QCoreApplication.translate("Dialogs", "PNG image (*.png)"),
               "svg": QCoreApplication.translate("Dialogs", "SVG drawing (*.svg)")}
    title = QCoreApplication.translate("Dialogs", "Export the graph as {fmt}").format(fmt=fmt.upper())
    path, _ = QFileDialog.getSaveFileName(parent, title,
                                          f"pvgraph.{fmt}", filters[fmt])
    if not path:
        return None
    return path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}"


def _themed(dialog: QDialog, parent: QWidget | None) -> QDialog:
    """Dialogs are windows of their own: give them the main window's theme."""
    if parent is not None:
        dialog.setPalette(parent.palette())
    return dialog


def ask_new_pv(parent: QWidget | None, cluster) -> str | None:
    """YAML for a new PV from the short form, or None."""
    from PySide6.QtWidgets import QDialog

    from gui.dialogs.forms import NewPVDialog

    dialog = _themed(NewPVDialog(cluster, parent), parent)
    try:
        return dialog.yaml_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_new_claim(parent: QWidget | None, cluster) -> str | None:
    """YAML for a new claim from the short form, or None."""
    from PySide6.QtWidgets import QDialog

    from gui.dialogs.forms import NewClaimDialog

    dialog = _themed(NewClaimDialog(cluster, parent), parent)
    try:
        return dialog.yaml_text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_nfs_write(parent: QWidget | None, servers: list[str], server: str,
                  path: str) -> tuple[str, str, str] | None:
    """(server, path, text) for ``nfs write``, or None."""
    from PySide6.QtWidgets import QDialog

    from gui.dialogs.forms import NfsWriteDialog

    dialog = _themed(NfsWriteDialog(servers, server, path, parent), parent)
    try:
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def show_about(parent: QWidget | None) -> QDialog:
    """The About box, shown without blocking; returns it (tests close it)."""
    from gui.dialogs.about import AboutDialog

    dialog = _themed(AboutDialog(parent), parent)
    dialog.setModal(False)
    dialog.show()
    return dialog
