"""Engine benchmark: N static PVs and N claims, applied and settled.

Usage (from the repository root)::

    .venv/bin/python bench/bench_engine.py [--sizes 5000,10000,20000] [--repeats 3] [--profile N]

For each N it generates the same YAML text once (N PersistentVolumes and N claims of
mixed classes, access modes and sizes; deterministic), then measures, in the same run:

* ``parse`` — ``yaml.CSafeLoader`` parsing that text (the yardstick);
* ``create`` — ``cluster.api.create`` of every object (PVs first, then claims);
* ``settle`` — ``cluster.settle()``: every PV goes Available, every claim is bound or
  reported (FailedBinding / ProvisioningFailed).

PVs are hostPath volumes by default; ``--source nfs`` makes them NFS volumes on 250
servers, which also exercises the simulated NFS servers.

It prints medians over the repeats and the ratios the project aims at: at N = 10,000
``settle`` at most 0.5 × ``parse``; from 5,000 to 20,000 ``settle`` growing at most 4.5×.
Ratios are given for wall time and for process CPU time (steadier on a busy machine).
``--profile N`` prints a cProfile of one create+settle at size N instead.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import Cluster  # noqa: E402

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SIZES = ("500Mi", "1Gi", "1Gi", "2Gi", "5Gi", "10Gi", "20Gi")
MODES = (("ReadWriteOnce",), ("ReadWriteOnce",), ("ReadOnlyMany",), ("ReadWriteMany",),
         ("ReadWriteOnce", "ReadOnlyMany"))
CLASSES = ("", "gold", "silver", "nfs")


def volume_source(kind: str, i: int) -> str:
    if kind == "nfs":
        return (f"  nfs:\n    server: 10.0.{i % 250 // 50}.{i % 50}\n"
                f"    path: /exports/pv-{i:06d}\n")
    return f"  hostPath:\n    path: /mnt/disks/pv-{i:06d}\n"


def generate(n: int, seed: int = 42, source: str = "hostPath") -> str:
    """YAML text of n PVs and n claims of mixed classes, access modes and sizes."""
    rng = random.Random(seed)
    docs: list[str] = []
    for i in range(n):
        modes = "".join(f"\n    - {m}" for m in rng.choice(MODES))
        docs.append(f"""apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-{i:06d}
  labels:
    tier: {rng.choice(("fast", "slow"))}
spec:
  capacity:
    storage: {rng.choice(SIZES)}
  volumeMode: Filesystem
  accessModes:{modes}
  persistentVolumeReclaimPolicy: Retain
  storageClassName: "{rng.choice(CLASSES)}"
{volume_source(source, i)}""")
    for i in range(n):
        modes = "".join(f"\n    - {m}" for m in rng.choice(MODES))
        docs.append(f"""apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-{i:06d}
  namespace: default
spec:
  accessModes:{modes}
  storageClassName: "{rng.choice(CLASSES)}"
  volumeMode: Filesystem
  resources:
    requests:
      storage: {rng.choice(SIZES)}
""")
    return "---\n".join(docs)


def parse(text: str) -> list[dict[str, Any]]:
    return [d for d in yaml.load_all(text, Loader=LOADER) if d]


def new_cluster() -> Cluster:
    cluster = Cluster()
    if cluster.store.get("Namespace", "", "default") is None:
        cluster.api.create({"apiVersion": "v1", "kind": "Namespace",
                            "metadata": {"name": "default"}})
    cluster.settle()
    return cluster


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def run_engine(docs: list[dict[str, Any]]) -> tuple[tuple[float, float], tuple[float, float],
                                                      Cluster]:
    """(create wall, cpu), (settle wall, cpu) and the cluster."""
    cluster = new_cluster()
    start = clocks()
    for doc in docs:
        cluster.api.create(doc)
    created = clocks()
    result = cluster.settle()
    settled = clocks()
    if not result.settled:
        raise SystemExit(f"settle did not finish: {result}")
    return ((created[0] - start[0], created[1] - start[1]),
            (settled[0] - created[0], settled[1] - created[1]), cluster)


def summary(cluster: Cluster) -> str:
    claims = cluster.store.list("PersistentVolumeClaim")
    bound = sum(1 for c in claims if (c.get("status") or {}).get("phase") == "Bound")
    return f"{bound}/{len(claims)} claims bound"


def measure(n: int, repeats: int, source: str) -> dict[str, float]:
    text = generate(n, source=source)
    samples: dict[str, list[float]] = {k: [] for k in (
        "parse", "create", "settle", "parse_cpu", "create_cpu", "settle_cpu")}
    note = ""
    for _ in range(repeats):
        gc.collect()
        start = clocks()
        docs = parse(text)
        end = clocks()
        samples["parse"].append(end[0] - start[0])
        samples["parse_cpu"].append(end[1] - start[1])
        gc.collect()
        (create_s, create_c), (settle_s, settle_c), cluster = run_engine(docs)
        samples["create"].append(create_s)
        samples["create_cpu"].append(create_c)
        samples["settle"].append(settle_s)
        samples["settle_cpu"].append(settle_c)
        note = summary(cluster)
        del cluster, docs
    row = {"n": n, **{k: statistics.median(v) for k, v in samples.items()}}
    print(f"{n:>8} {row['parse']:>8.3f} {row['create']:>8.3f} {row['settle']:>8.3f} "
          f"{row['settle'] / row['parse']:>13.2f} {row['settle_cpu'] / row['parse_cpu']:>17.2f} "
          f"{(row['create'] + row['settle']) / row['parse']:>14.2f}   {note}", flush=True)
    return row


def profile(n: int, source: str) -> None:
    import cProfile
    import pstats

    docs = parse(generate(n, source=source))
    cluster = new_cluster()
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        cluster.api.create(doc)
    cluster.settle()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--source", choices=("hostPath", "nfs"), default="hostPath",
                        help="volume source of the PVs (nfs also exercises the NFS servers)")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.source)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"loader: {LOADER.__name__}; PV source {args.source}; medians of {args.repeats} runs; "
          f"times in seconds")
    print(f"{'N':>8} {'parse':>8} {'create':>8} {'settle':>8} {'settle/parse':>13} "
          f"{'cpu settle/parse':>17} {'(create+settle)':>14}")
    rows = {n: measure(n, args.repeats, args.source) for n in sizes}
    if 10_000 in rows:
        ratio = rows[10_000]["settle"] / rows[10_000]["parse"]
        cpu = rows[10_000]["settle_cpu"] / rows[10_000]["parse_cpu"]
        print(f"goal: settle at N=10,000 <= 0.5 x parse: {ratio:.2f} wall, {cpu:.2f} cpu "
              f"{'(met)' if ratio <= 0.5 else '(NOT met)'}")
    if 5_000 in rows and 20_000 in rows:
        growth = rows[20_000]["settle"] / rows[5_000]["settle"]
        cpu = rows[20_000]["settle_cpu"] / rows[5_000]["settle_cpu"]
        print(f"goal: settle growth 5k -> 20k <= 4.5x: {growth:.2f}x wall, {cpu:.2f}x cpu "
              f"{'(met)' if growth <= 4.5 else '(NOT met)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
