"""``kubectl get --watch`` in a script: the list, then every change until the cluster settles.

A terminal's watch runs until Ctrl-C while other terminals change the cluster. A script
has one terminal and commands take no time, so here ``get -w`` prints what the watch
would print if you started it now and pressed Ctrl-C once nothing changes any more:
the current table (unless ``--watch-only``), then runs the cluster exactly as
``settle`` does and prints one row per watch event (every write of a matching
object, its last state for a deletion), with AGE as of that event. Run the command
that changes the cluster first, then the watch.

Rows are aligned the way kubectl's tabwriter does it for a watch: it flushes after each
event and remembers the widest cell seen per column (liggitt/tabwriter
``RememberWidths``), so a later, longer STATUS widens that column from then on. The
header is printed with the first row, never again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..kinds import KindInfo
from .output import to_json, to_name, to_yaml
from .tables import table_rows

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]

MIN_WIDTH = 6
PADDING = 3


class RememberingTabWriter:
    """Go's tabwriter with ``RememberWidths``: column widths only grow across flushes."""

    def __init__(self) -> None:
        self.widths: list[int] = []

    def flush(self, rows: list[list[str]]) -> list[str]:
        columns = max((len(r) for r in rows), default=0) - 1
        for j in range(columns):
            width = max([MIN_WIDTH] + [len(r[j]) + PADDING for r in rows if j < len(r) - 1])
            if j < len(self.widths):
                self.widths[j] = max(self.widths[j], width)
            else:
                self.widths.append(width)
        return ["".join(cell.ljust(self.widths[j]) if j < len(row) - 1 else cell
                        for j, cell in enumerate(row)) for row in rows]


def _namespace_of(obj: Obj) -> str:
    return str((obj.get("metadata") or {}).get("namespace") or "")


def watch(cluster: Cluster, info: KindInfo, namespace: str | None,
          matches: Callable[[Obj], bool], initial: list[Obj], *, output: str,
          watch_only: bool, with_namespace: bool, show_labels: bool,
          headers: bool, label_columns: Sequence[str] = ()) -> str:
    """The text of ``kubectl get KIND -w`` (see the module docstring)."""
    lines: list[str] = []
    writer = RememberingTabWriter()
    printed_header = not headers

    def emit(objs: list[Obj], now_ms: int) -> None:
        nonlocal printed_header
        if not objs:
            return
        if output == "name":
            lines.extend(to_name(o) for o in objs)
            return
        if output in ("yaml", "json"):
            for obj in objs:
                if output == "yaml":
                    lines.append("---")
                lines.append((to_yaml(obj) if output == "yaml" else to_json(obj)).rstrip("\n"))
            return
        rows = table_rows(info.kind, objs, now_ms, wide=output == "wide",
                          with_namespace=with_namespace, show_labels=show_labels,
                          headers=not printed_header, label_columns=label_columns)
        printed_header = True
        lines.extend(writer.flush(rows))

    if not watch_only:
        emit(initial, cluster.clock.now_ms)
    seq = cluster.store.last_seq
    result = cluster.settle()
    for change in cluster.store.changes_since(seq):
        if change.key[0] != info.kind:
            continue
        if namespace is not None and info.namespaced and change.key[1] != namespace:
            continue
        if not any(o is not None and matches(o) for o in (change.new, change.old)):
            continue
        obj = change.new if change.new is not None else change.old
        emit([obj], change.time_ms)
    if not result.settled:
        lines.append(str(result))
    return "\n".join(lines)


__all__ = ["RememberingTabWriter", "watch"]
