"""A port of Go's ``text/tabwriter`` (left-aligned, space padding, no flags).

kubectl aligns every table and every ``describe`` with it, so column widths must be
computed exactly as Go does: a cell is text terminated by a tab; the text after the
last tab of a line is not part of any column; a *column block* is a run of
consecutive lines that all have a tab-terminated cell in that column, and each block
is as wide as its widest cell plus the padding (at least ``minwidth``). A line with
fewer cells ends the block, which is why ``describe`` sections align independently.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabWriter:
    minwidth: int
    padding: int

    def format(self, text: str) -> str:
        """Align ``text`` (lines of tab-separated cells) the way Go's writer flushes it."""
        raw_lines = text.split("\n")
        # A trailing newline leaves an empty last "line" that Go never writes.
        trailing_newline = raw_lines and raw_lines[-1] == ""
        if trailing_newline:
            raw_lines.pop()
        lines = [line.split("\t") for line in raw_lines]
        out: list[str] = []
        self._format(lines, [], 0, len(lines), out)
        result = "\n".join(out)
        return result + "\n" if trailing_newline else result

    def _format(self, lines: list[list[str]], widths: list[int], line0: int, line1: int,
                out: list[str]) -> None:
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(lines[this]) - 1:
                this += 1
                continue
            # This line opens a block for `column`; lines above it are complete.
            self._write_lines(lines, widths, line0, this, out)
            line0 = this
            width = self.minwidth
            while this < line1 and column < len(lines[this]) - 1:
                width = max(width, len(lines[this][column]) + self.padding)
                this += 1
            widths.append(width)
            self._format(lines, widths, line0, this, out)
            widths.pop()
            line0 = this
        self._write_lines(lines, widths, line0, line1, out)

    @staticmethod
    def _write_lines(lines: list[list[str]], widths: list[int], line0: int, line1: int,
                     out: list[str]) -> None:
        for i in range(line0, line1):
            parts = []
            for j, cell in enumerate(lines[i]):
                parts.append(cell)
                if j < len(widths):
                    parts.append(" " * (widths[j] - len(cell)))
            out.append("".join(parts))


#: ``printers.GetNewTabWriter``: the writer of ``kubectl get`` tables.
TABLE_WRITER = TabWriter(minwidth=6, padding=3)
#: ``tabbedString`` in ``describe.go``: the writer of ``kubectl describe``.
DESCRIBE_WRITER = TabWriter(minwidth=0, padding=2)
