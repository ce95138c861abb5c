"""The About box: version, what the app simulates, and the simulator's assumptions."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

# Texts are marked for translation here and translated when shown (the About box is
# built after the translator is installed). One literal per text, so lupdate finds it.
_CONTEXT = "About"

#: Stated wherever the app shows its assumptions (interfaces.md).
ASSUMPTIONS = (
    QT_TRANSLATE_NOOP("About", "Every image pulls."),
    QT_TRANSLATE_NOOP("About", "An NFS server implied by PVs exports every path they name."),
    QT_TRANSLATE_NOOP("About", "The default cluster has two worker nodes, node-1 and node-2, labelled kubernetes.io/hostname=<name>, kubernetes.io/os=linux, kubernetes.io/arch=amd64."),  # noqa: E501
    QT_TRANSLATE_NOOP("About", "Time is simulated: commands take no time; only sleep, settle and play move the clock."),  # noqa: E501
)

SIMULATES = (
    QT_TRANSLATE_NOOP("About", "PersistentVolumes, PersistentVolumeClaims and StorageClasses, bound by the rules of Kubernetes' PV controller (the same search order, checks, events and messages)"),  # noqa: E501
    QT_TRANSLATE_NOOP("About", "pods, StatefulSets, Services and nodes: scheduling, start-up, ordered creation and scaling, garbage collection"),  # noqa: E501
    QT_TRANSLATE_NOOP("About", "NFS servers and the files on their exports"),
    QT_TRANSLATE_NOOP("About", "claim and PV protection, reclaim policies (Retain, Delete, Recycle), dynamic provisioning"),  # noqa: E501
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


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
    items = "".join(f"<li>{escape(_tr(s))}</li>" for s in SIMULATES)
    assumptions = "".join(f"<li>{escape(_tr(s))}</li>" for s in ASSUMPTIONS)
    # Literal translate calls (not _tr) so that lupdate finds these texts.
    intro = QCoreApplication.translate("About", "See how Kubernetes binds storage: a simulator that behaves like a real cluster, drawn as a live graph. Every click is a kubectl or script command; the console shows it.")  # noqa: E501
    command_line = QCoreApplication.translate(
        "About", "Command line: {script} runs a script headless; {render} writes pictures.")
    simulates = QCoreApplication.translate("About", "What it simulates")
    assumptions_title = QCoreApplication.translate("About", "Assumptions")
    command_line = escape(command_line).format(
        script="<code>python main.py script FILE</code>",
        render="<code>python main.py render FILE --out DIR</code>")
    return (
        f"<h2>pvgraph {escape(version())}</h2>"
        f"<p>{escape(intro)}</p>"
        f"<h3>{escape(simulates)}</h3><ul>{items}</ul>"
        f"<h3>{escape(assumptions_title)}</h3><ul>{assumptions}</ul>"
        f"<p>{command_line}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setMinimumSize(560, 420)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """The texts in the current language (also when the language changes while open)."""
        self.setWindowTitle(QCoreApplication.translate("Dialogs", "About pvgraph"))
        self.browser.setHtml(about_html())
