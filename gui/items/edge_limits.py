"""Edge-count thresholds shared by node items and edges (no import cycle)."""

from __future__ import annotations

#: An end with more edges than this is a hub: its many-to-one edges are drawn as short
#: stubs at the other end (full length while the hub or the other end is selected).
#: Thousands of full-length edges from one StorageClass are one thick smear to the eye
#: and the most expensive thing to paint.
HUB_DEGREE = 16
