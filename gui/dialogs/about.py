"""The About box: version, what the app simulates, and the simulator's assumptions."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

#: Stated wherever the app shows its assumptions (interfaces.md).
ASSUMPTIONS = (
    "Every image pulls.",
    "An NFS server implied by PVs exports every path they name.",
    "The default cluster has two worker nodes, node-1 and node-2, labelled "
    "kubernetes.io/hostname=<name>, kubernetes.io/os=linux, kubernetes.io/arch=amd64.",
    "Time is simulated: commands take no time; only sleep, settle and play move the clock.",
)

SIMULATES = (
    "PersistentVolumes, PersistentVolumeClaims and StorageClasses, bound by the rules of "
    "Kubernetes' PV controller (the same search order, checks, events and messages)",
    "pods, StatefulSets, Services and nodes: scheduling, start-up, ordered creation and "
    "scaling, garbage collection",
    "NFS servers and the files on their exports",
    "claim and PV protection, reclaim policies (Retain, Delete, Recycle), dynamic provisioning",
)


def version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        try:
            return dist_version("pvgraph")
        except PackageNotFoundError:
            pass
    except ImportError:  # pragma: no cover - stdlib always has it
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(), re.MULTILINE)
    except OSError:
        match = None
    return match.group(1) if match else "dev"


def about_html() -> str:
    items = "".join(f"<li>{escape(s)}</li>" for s in SIMULATES)
    assumptions = "".join(f"<li>{escape(s)}</li>" for s in ASSUMPTIONS)
    return (
        f"<h2>pvgraph {escape(version())}</h2>"
        "<p>See how Kubernetes binds storage: a simulator that behaves like a real cluster, "
        "drawn as a live graph. Every click is a kubectl or script command; the console "
        "shows it.</p>"
        f"<h3>What it simulates</h3><ul>{items}</ul>"
        f"<h3>Assumptions</h3><ul>{assumptions}</ul>"
        "<p>Command line: <code>python main.py script FILE</code> runs a script headless; "
        "<code>python main.py render FILE --out DIR</code> writes pictures.</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "About pvgraph"))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(about_html())
        self.browser.setOpenExternalLinks(False)
        self.browser.setMinimumSize(560, 420)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
