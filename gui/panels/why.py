"""The WHY panel: why a claim is (not) bound, why a PV is not Available, why a pod waits.

Everything it says comes from ``core.explain`` and the objects' own conditions and
events; it only lays them out as a table a teacher can project: every PV the
controller considered, in its order, with ✓/✗ and the values compared per check.
Never colour alone: glyphs and words carry the meaning, colour only helps.

The engine's sentences (summaries, details, hints, what holds a PV, why a claim waits)
come as :class:`core.explain.Message` templates and are shown in the interface language
through ``gui.panels.explain_texts``; names, sizes, modes, commands and the Kubernetes
values inside them stay as they are. Texts are looked up when drawn, never at import,
so a language switch (``retranslate``) shows everything in the new language.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.objects import get_path, name_of, namespace_of, phase_of
from gui.panels.explain_texts import tr_message

translate = QCoreApplication.translate

# Check columns in reading order, with the header people see (English; translated
# when drawn: see :func:`column_title`).
CHECK_COLUMNS = (
    ("storageClass", QT_TRANSLATE_NOOP("WhyPanel", "class")),
    ("accessModes", QT_TRANSLATE_NOOP("WhyPanel", "access modes")),
    ("volumeMode", QT_TRANSLATE_NOOP("WhyPanel", "volume mode")),
    ("capacity", QT_TRANSLATE_NOOP("WhyPanel", "size")),
    ("selector", QT_TRANSLATE_NOOP("WhyPanel", "selector")),
    ("claimRef", "claimRef"),
    ("phase", QT_TRANSLATE_NOOP("WhyPanel", "phase")),
    ("nodeAffinity", QT_TRANSLATE_NOOP("WhyPanel", "node affinity")),
    ("bindingMode", QT_TRANSLATE_NOOP("WhyPanel", "binding mode")),
    ("deletion", QT_TRANSLATE_NOOP("WhyPanel", "deleting")),
)

# What happened to each PV (English; translated when drawn: see :func:`outcome_text`).
OUTCOME_TEXT = {
    "chosen": QT_TRANSLATE_NOOP("WhyPanel", "✓ chosen"),
    "candidate": QT_TRANSLATE_NOOP("WhyPanel", "✓ matches"),
    "rejected": QT_TRANSLATE_NOOP("WhyPanel", "✗ rejected"),
    "not-searched": QT_TRANSLATE_NOOP("WhyPanel", "– not searched"),
    "pre-bound": QT_TRANSLATE_NOOP("WhyPanel", "✓ pre-bound"),
}


def column_title(title: str) -> str:
    """A check column's header in the interface language ("claimRef" stays)."""
    return title if title == "claimRef" else translate("WhyPanel", title)


def outcome_text(outcome: str) -> str:
    english = OUTCOME_TEXT.get(outcome)
    return translate("WhyPanel", english) if english else outcome


def wanted_text(check: Any) -> str:
    return tr_message(getattr(check, "wanted_message", None), str(check.wanted or ""))


def actual_text(check: Any) -> str:
    return tr_message(getattr(check, "actual_message", None), str(check.actual or ""))


def detail_text(check: Any) -> str:
    return tr_message(getattr(check, "detail_message", None), str(check.detail or ""))


def hint_texts(explanation: Any) -> list[str]:
    """The hints in the interface language (English ones when they carry no messages)."""
    hints = list(explanation.hints or ())
    messages = list(getattr(explanation, "hint_messages", ()) or ())
    if len(messages) != len(hints):
        return hints
    return [tr_message(m, h) for m, h in zip(messages, hints)]

GOOD = QColor(46, 160, 67, 60)
BAD = QColor(215, 58, 73, 60)


def check_cell(check: Any, row_wants: str = "") -> tuple[str, str]:
    """Cell text and tooltip for one check: glyph and the PV's value (and what was
    wanted, when it differs from what the row header says)."""
    wanted, actual = wanted_text(check), actual_text(check)
    if check.ok is None:
        text = translate("WhyPanel", "– not checked")
    elif check.ok:
        text = f"✓ {actual}" if actual else translate("WhyPanel", "✓ ok")
    else:
        text = f"✗ {actual or translate('WhyPanel', '(none)')}"
        if wanted and wanted != row_wants:
            text += "\n" + translate("WhyPanel", "wants {value}").format(value=wanted)
    tip = translate("WhyPanel", "wanted: {wanted}\nactual: {actual}").format(
        wanted=wanted or '-', actual=actual or '-')
    if check.detail:
        tip += f"\n{detail_text(check)}"
    return text, tip


def requested_text(requested: Mapping[str, Any]) -> str:
    from gui.panels.summary import ACCESS_SHORT

    modes = requested.get("access_modes") or ""
    if not isinstance(modes, str):
        modes = ", ".join(ACCESS_SHORT.get(m, m) for m in modes)
    source = requested.get("class_source", "")
    sc = requested.get("storage_class")
    if source == "unset":
        class_text = translate("WhyPanel", "class unset")
    elif source == "empty" or sc == "":
        class_text = translate("WhyPanel", 'class "" (none)')
    elif source == "defaulted":
        class_text = translate("WhyPanel", 'class "{name}" (the default class)').format(name=sc)
    else:
        class_text = f'class "{sc}"'
    selector = requested.get("selector")
    if isinstance(selector, str):
        # core words it "selector app=x"; the label below says "selector" already.
        selector = selector.removeprefix("selector ")
    parts = [str(requested.get("size") or "?"), modes or translate("WhyPanel", "(no modes)"), class_text,
             str(requested.get("volume_mode") or "Filesystem")]
    parts.append(translate("WhyPanel", "selector {selector}").format(selector=selector) if selector
                 else translate("WhyPanel", "no selector"))
    return " · ".join(parts)


class VerdictTable(QTableWidget):
    """The PVs the controller considered, one column each in its search order.

    Rows are the result, the access-mode group and one row per check; the row header
    says what the claim wants, each cell what the PV has, with ✓ or ✗.
    """

    ROW_RESULT = "result"
    ROW_GROUP = "group"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.row_keys: list[str] = []
        self._fitting = False

    def show_verdicts(self, verdicts: Any) -> None:
        present = {c.name for v in verdicts for c in v.checks}
        checks = [(key, column_title(title)) for key, title in CHECK_COLUMNS if key in present]
        checks += [(name, name) for name in sorted(present - {k for k, _ in CHECK_COLUMNS})]
        wanted: dict[str, str] = {}
        for verdict in verdicts:
            for check in verdict.checks:
                wanted.setdefault(check.name, wanted_text(check))
        self.clear()
        self.row_keys = [self.ROW_RESULT, self.ROW_GROUP] + [key for key, _ in checks]
        headers = [translate("WhyPanel", "result"), translate("WhyPanel", "access-mode group")] + [
            title + ("\n" + textwrap.fill(translate("WhyPanel", "wants {value}").format(
                value=wanted[key]), 18) if wanted.get(key) else "")
            for key, title in checks]
        self.setRowCount(len(self.row_keys))
        self.setColumnCount(len(verdicts))
        self.setVerticalHeaderLabels(headers)
        self.setHorizontalHeaderLabels([str(v.volume) for v in verdicts])
        for column, verdict in enumerate(verdicts):
            outcome = outcome_text(verdict.outcome)
            summary = tr_message(getattr(verdict, "summary_message", None),
                                 str(verdict.summary or ""))
            result = QTableWidgetItem(outcome + (f"\n{summary}" if summary else ""))
            result.setToolTip(summary)
            font = result.font()
            font.setBold(True)
            result.setFont(font)
            if verdict.outcome in ("chosen", "pre-bound", "candidate"):
                result.setBackground(QBrush(GOOD))
            elif verdict.outcome == "rejected":
                result.setBackground(QBrush(BAD))
            self.setItem(0, column, result)
            self.setItem(1, column, QTableWidgetItem(str(verdict.group or "")))
            by_name = {c.name: c for c in verdict.checks}
            for offset, (key, _title) in enumerate(checks):
                check = by_name.get(key)
                if check is None:
                    item = QTableWidgetItem(translate("WhyPanel", "– not checked"))
                else:
                    text, tip = check_cell(check, wanted.get(key, ""))
                    item = QTableWidgetItem(text)
                    item.setToolTip(tip)
                    if check.ok is True:
                        item.setBackground(QBrush(GOOD))
                    elif check.ok is False:
                        item.setBackground(QBrush(BAD))
                self.setItem(2 + offset, column, item)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width between the PVs (never narrower than a short value), then
        make every row as tall as its wrapped text and the table as tall as its rows."""
        if self._fitting or not self.columnCount():
            return
        self._fitting = True
        try:
            # Narrow enough that the seed's four PVs fit the inspector's default width
            # (cells wrap): the longest single word of a value plus the cell's padding.
            narrowest = self.fontMetrics().horizontalAdvance("Available") + 12
            width = max(narrowest, self.viewport().width() // self.columnCount())
            for column in range(self.columnCount()):
                if self.columnWidth(column) != width:
                    self.setColumnWidth(column, width)
            self.resizeRowsToContents()
            self._fit_height()
        finally:
            self._fitting = False

    def _fit_height(self) -> None:
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBar().maximum() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_columns()

    def cell_text(self, volume: str, row_key: str) -> str:
        """The text shown for ``volume`` in a row (``result``, ``group`` or a check name)."""
        for column in range(self.columnCount()):
            header = self.horizontalHeaderItem(column)
            if header is not None and header.text() == volume:
                item = self.item(self.row_keys.index(row_key), column)
                return item.text() if item else ""
        raise KeyError(volume)

    def volumes(self) -> list[str]:
        return [self.horizontalHeaderItem(c).text() for c in range(self.columnCount())]


class WhyPanel(QScrollArea):
    """Explains the selected object; ``run_command`` runs the freeing action."""

    def __init__(self, run_command: Callable[[str], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._run = run_command
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        # Word-wrapped labels and the fixed-height table must never be squeezed.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setSpacing(6)
        self.setWidget(self._body)
        #: The tables shown, for tests and screenshots.
        self.tables: list[VerdictTable] = []
        self.action_button: QPushButton | None = None
        self.texts: list[str] = []
        self._shown: tuple[Any, Mapping[str, Any] | None] | None = None

    def retranslate(self) -> None:
        """Explain the same object again, in the language installed now."""
        if self._shown is not None:
            self.show_object(*self._shown)

    # ---- building blocks -----------------------------------------------------------
    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.tables = []
        self.action_button = None
        self.texts = []
        self._shown = None

    def _label(self, text: str, *, bold: bool = False, size: float = 1.0,
               rich: bool = False) -> QLabel:
        label = QLabel(self._body)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setText(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(bold)
        if size != 1.0:
            font.setPointSizeF(font.pointSizeF() * size)
        label.setFont(font)
        self._layout.addWidget(label)
        self.texts.append(text)
        return label

    def _hints(self, explanation: Any) -> None:
        for hint in hint_texts(explanation):
            self._label(translate("WhyPanel", "→ Hint: {hint}").format(hint=hint))

    # ---- per kind ------------------------------------------------------------------
    def show_object(self, cluster, obj: Mapping[str, Any] | None) -> None:
        self.clear()
        self._shown = (cluster, obj)
        if obj is None:
            self._label(translate("WhyPanel", "Select a claim, a PV or a pod to see why it is in its "
                                         "state."))
            return
        kind = obj.get("kind")
        try:
            if kind == "PersistentVolumeClaim":
                self._claim(cluster, namespace_of(obj), name_of(obj), headline=True)
            elif kind == "PersistentVolume":
                self._volume(cluster, name_of(obj))
            elif kind == "Pod":
                self._pod(cluster, obj)
            elif kind == "StatefulSet":
                self._statefulset(cluster, obj)
            else:
                self._label(translate("WhyPanel", "{kind} {name}: nothing to explain here. The WHY "
                                             "panel explains claims, PVs, pods and "
                                             "StatefulSets.").format(kind=kind, name=name_of(obj)))
        except Exception as exc:  # an explanation bug must not hide the rest of the panel
            self._label(translate("WhyPanel", "Could not explain this object: {error}").format(
                error=f"{type(exc).__name__}: {exc}"))
            raise
        finally:
            # Spare height goes below the text, not between the lines.
            self._layout.addStretch(1)

    def _claim(self, cluster, namespace: str, name: str, *, headline: bool) -> None:
        from core.explain import explain_claim

        exp = explain_claim(cluster, namespace, name)
        phase = exp.phase or "Pending"
        glyph = "✓" if phase == "Bound" else "✗" if phase in ("Pending", "Lost") else "•"
        title = translate("WhyPanel", "{glyph} Claim {name} is {phase}").format(
            glyph=glyph, name=f"{exp.namespace}/{exp.name}", phase=phase)
        if exp.chosen and phase == "Bound":
            title += translate("WhyPanel", ", bound to {volume}").format(volume=exp.chosen)
        self._label(title, bold=True, size=1.25 if headline else 1.1)
        self._label(translate("WhyPanel", "It asks for: {request}").format(
            request=requested_text(exp.requested)))
        if exp.blocking_reason:
            self._label(translate("WhyPanel", "⚠ Why not bound: {reason}").format(
                reason=blocking_text(exp)), bold=True)
        if exp.verdicts:
            self._label(translate("WhyPanel", "PVs the controller considered, in its search order "
                                         "(smallest matching access-mode group first, then "
                                         "smallest size):"))
            table = VerdictTable(self._body)
            table.show_verdicts(exp.verdicts)
            self._layout.addWidget(table)
            self.tables.append(table)
        else:
            self._label(translate("WhyPanel", "No PV was considered (there are none, or the claim "
                                         "waits for something else first)."))
        self._hints(exp)

    def _volume(self, cluster, name: str) -> None:
        from core.explain import explain_volume

        exp = explain_volume(cluster, name)
        phase = exp.phase or "Pending"
        glyph = "✓" if phase in ("Available", "Bound") else "✗"
        headline = translate("WhyPanel", "{glyph} PV {name} is {phase}").format(
            glyph=glyph, name=exp.name, phase=phase)
        if exp.claim:
            headline += f" (claimRef → {exp.claim})"
        self._label(headline, bold=True, size=1.25)
        if exp.holding:
            self._label(translate("WhyPanel", "What holds it: {reason}").format(
                reason=holding_text(exp)))
        elif phase == "Available":
            self._label(translate("WhyPanel", "Nothing holds it: any claim that matches it can bind "
                                         "it."))
        if exp.action:
            self._label(translate("WhyPanel", "The one action that frees it:"))
            button = QPushButton(translate("WhyPanel", "▶ Run: {command}").format(command=exp.action),
                                 self._body)
            button.setToolTip(translate("WhyPanel", "Runs this command, exactly as typed in the "
                                               "console"))
            button.clicked.connect(lambda: self._run(exp.action))
            self._layout.addWidget(button)
            self.action_button = button
        self._hints(exp)

    def _pod(self, cluster, pod: Mapping[str, Any]) -> None:
        from gui.panels.summary import pod_state

        state = pod_state(pod)
        glyph = "✓" if state == "Running" else "✗" if state == "Pending" else "•"
        self._label(translate("WhyPanel", "{glyph} Pod {name} is {phase}").format(
            glyph=glyph, name=f"{namespace_of(pod)}/{name_of(pod)}", phase=state), bold=True,
            size=1.25)
        if state == "Pending" or phase_of(pod) == "Pending":
            message = scheduler_message(cluster, pod)
            if message:
                self._label(translate("WhyPanel", "⚠ Scheduler: {message}").format(message=message),
                            bold=True)
            waiting = [get_path(s, "state", "waiting") for s in
                       get_path(pod, "status", "containerStatuses", default=[]) or []]
            for w in waiting:
                if w and w.get("message"):
                    self._label(translate("WhyPanel", "Container waits: {reason}: {message}").format(
                        reason=w.get('reason'), message=w.get('message')))
        claims = [get_path(v, "persistentVolumeClaim", "claimName")
                  for v in get_path(pod, "spec", "volumes", default=[]) or []]
        for claim_name in [c for c in claims if c]:
            claim = cluster.store.get("PersistentVolumeClaim", namespace_of(pod), claim_name)
            if claim is None:
                self._label(translate("WhyPanel", '✗ Its claim "{claim}" does not exist yet.').format(
                    claim=claim_name), bold=True)
                continue
            if phase_of(claim) != "Bound":
                self._label(translate("WhyPanel", "It needs claim {claim}, which is not bound:").format(
                    claim=claim_name))
                self._claim(cluster, namespace_of(pod), claim_name, headline=False)
            else:
                volume = get_path(claim, "spec", "volumeName")
                self._label(translate("WhyPanel", "✓ Its claim {claim} is Bound to {volume}.").format(
                    claim=claim_name, volume=volume))

    def _statefulset(self, cluster, sts: Mapping[str, Any]) -> None:
        from gui.panels.summary import pod_state

        spec, status = sts.get("spec") or {}, sts.get("status") or {}
        want, ready = spec.get("replicas", 1), status.get("readyReplicas", 0)
        glyph = "✓" if ready == want else "✗"
        self._label(translate("WhyPanel", "{glyph} StatefulSet {name}: {ready} of {want} ready").format(
            glyph=glyph, name=name_of(sts), ready=ready, want=want), bold=True, size=1.25)
        pods = [p for p in cluster.store.list("Pod", namespace_of(sts))
                if any(o.get("uid") == get_path(sts, "metadata", "uid")
                       for o in get_path(p, "metadata", "ownerReferences", default=[]) or [])]
        for pod in pods:
            state = pod_state(pod)
            line = f"{'✓' if state == 'Running' else '✗'} {name_of(pod)}: {state}"
            message = scheduler_message(cluster, pod) if state == "Pending" else ""
            if message:
                line += f" — {message}"
            self._label(line)
        if len(pods) < want:
            self._label(translate("WhyPanel", "Pods are created one at a time, in order: the next "
                                         "one waits until the previous one is Running and "
                                         "Ready."))


def scheduler_message(cluster, pod: Mapping[str, Any]) -> str:
    """The scheduler's own words: the PodScheduled condition, else the last FailedScheduling."""
    for cond in get_path(pod, "status", "conditions", default=[]) or []:
        if cond.get("type") == "PodScheduled" and cond.get("status") == "False":
            return str(cond.get("message") or cond.get("reason") or "")
    events = cluster.recorder.for_object(pod)
    failed = [e for e in events if e.get("reason") == "FailedScheduling"]
    return str(failed[-1].get("message") or "") if failed else ""


def why_line(cluster, obj: Mapping[str, Any]) -> str:
    """The one sentence that says why an object is stuck ("" when it is not)."""
    kind = obj.get("kind")
    if kind == "Pod" and phase_of(obj) == "Pending":
        return scheduler_message(cluster, obj)
    if kind == "PersistentVolumeClaim" and phase_of(obj) != "Bound":
        from core.explain import explain_claim

        return blocking_text(explain_claim(cluster, namespace_of(obj), name_of(obj)))
    if kind == "PersistentVolume" and phase_of(obj) not in ("Available", "Bound"):
        from core.explain import explain_volume

        return holding_text(explain_volume(cluster, name_of(obj)))
    return ""


def blocking_text(explanation: Any) -> str:
    """Why a claim is not bound, in the interface language."""
    return tr_message(getattr(explanation, "blocking_message", None),
                      str(explanation.blocking_reason or ""))


def holding_text(explanation: Any) -> str:
    """What holds a PV, in the interface language."""
    return tr_message(getattr(explanation, "holding_message", None),
                      str(explanation.holding or ""))
