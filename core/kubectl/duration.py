"""kubectl's ages and dates, computed from the simulated clock.

``human_duration`` is apimachinery's ``duration.HumanDuration`` (what AGE and LAST
SEEN show); ``since`` is the printers' ``translateTimestampSince``; ``rfc1123z`` is
Go's ``time.RFC1123Z`` layout used by ``describe`` for start times and conditions.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from ..clock import parse_timestamp

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")


def human_duration(ms: int) -> str:
    """``HumanDuration``: about two significant figures (``45s``, ``3m10s``, ``5h``, ``12d``)."""
    # Go converts with int(), which truncates toward zero.
    seconds = int(ms / 1000)
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    if seconds < 60 * 2:
        return f"{seconds}s"
    minutes = ms // 60_000
    if minutes < 10:
        rest = (ms // 1000) % 60
        return f"{minutes}m" if rest == 0 else f"{minutes}m{rest}s"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = ms // 3_600_000
    if hours < 8:
        rest = minutes % 60
        return f"{hours}h" if rest == 0 else f"{hours}h{rest}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rest = hours % 24
        return f"{hours // 24}d" if rest == 0 else f"{hours // 24}d{rest}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        rest = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if rest == 0 else f"{years}y{rest}d"
    return f"{hours // 24 // 365}y"


def since(stamp: object, now_ms: int) -> str:
    """``translateTimestampSince``: ``<unknown>`` for a missing or unreadable timestamp."""
    if not stamp:
        return "<unknown>"
    at = _stamp_ms(str(stamp))
    if at is None:
        return "<unknown>"
    return human_duration(now_ms - at)


@lru_cache(maxsize=4096)
def _stamp_ms(text: str) -> int | None:
    # Objects created together share a timestamp; parsing it once is enough.
    return parse_timestamp(text)


def rfc1123z(stamp: object) -> str:
    """``Mon, 02 Jan 2006 15:04:05 -0700`` for an RFC 3339 timestamp (Go's zero time if none)."""
    when = None
    if stamp:
        try:
            when = datetime.strptime(str(stamp), "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=timezone.utc)
        except ValueError:
            when = None
    if when is None:
        return "Mon, 01 Jan 0001 00:00:00 +0000"
    return (f"{_DAYS[when.weekday()]}, {when.day:02d} {_MONTHS[when.month - 1]} {when.year} "
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} +0000")
