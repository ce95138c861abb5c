"""A fingerprint of everything the engine writes in the workload benchmark.

Usage (from the repository root)::

    .venv/bin/python bench/fingerprint.py [N]

Runs ``bench_workloads``' scenario (a StatefulSet scaled 0 → N → 0, default N=100) and prints
the number of change records and a hash of every record: sequence, simulated time, action,
key, the object written, actor and reason. A speed change to the engine must leave it
identical: same writes, in the same order, at the same simulated times.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_engine  # noqa: E402
import bench_workloads  # noqa: E402


def fingerprint(n: int) -> tuple[int, str]:
    docs = bench_engine.parse(bench_workloads.generate(n, "OrderedReady"))
    cluster = bench_workloads.new_cluster(n, docs)
    bench_workloads.scale(cluster, n)
    bench_workloads.scale(cluster, 0)
    digest = hashlib.sha256()
    for change in cluster.store.log:
        digest.update(json.dumps([change.seq, change.time_ms, change.action, change.key,
                                  change.new, change.actor, change.reason],
                                 sort_keys=True, default=str).encode())
    return len(cluster.store.log), digest.hexdigest()[:16]


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    count, value = fingerprint(size)
    print(f"N={size}: {count} changes, fingerprint {value}")
