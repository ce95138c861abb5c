"""Workload benchmark: a StatefulSet scaled 0 → N → 0 with claims and static PVs.

Usage (from the repository root)::

    .venv/bin/python bench/bench_workloads.py [--sizes 250,500,1000] [--repeats 3]
        [--policy OrderedReady|Parallel] [--profile N]

For each N, in one run:

* ``sts up`` — a fresh cluster with N static hostPath PVs (no class, RWO, 1Gi, Retain) and a
  headless Service and a StatefulSet ``web`` (``replicas: 0``, one volumeClaimTemplate
  ``www``, ``storageClassName: ""``) already created and settled; then ``replicas`` is set
  to N and the cluster settled: N pods created in order, N claims bound to the N PVs, N
  pods Running and Ready;
* ``sts down`` — ``replicas`` back to 0 and settled: the pods go one by one (OrderedReady)
  and the claims stay (retention policy Retain, as by default);
* ``storage`` — ``bench_engine``'s storage-only run for the same number of claims (N PVs
  and N claims of mixed classes created, then settled), with its generator and functions.

Only the engine's time is measured: every manifest is parsed before the clock starts and
the timed part is ``cluster.settle()`` (plus the one API write that changes ``replicas``).
Both wall time and process CPU time (``time.process_time``, steadier on a shared 2-core
machine) are printed, as medians over the repeats.

Pods: the two default nodes allow 110 pods each with a /24 pod CIDR, too few for 1,000
replicas, so the benchmark keeps the two default nodes and raises their capacity with
``SimSettings(node_max_pods=N, node_cidr_mask_size=21)`` (2,046 pod IPs per node).

Goals (issue 3): ``sts up + down`` within 3× of ``storage`` for the same N, and growing
near-linearly from 250 to 1,000 replicas (at most 4.5× for 4× N).
``--profile N`` prints a cProfile of one scale up + down at size N instead.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import bench_engine  # noqa: E402

from core import Cluster  # noqa: E402
from core.objects import evolve  # noqa: E402
from core.settings import SimSettings  # noqa: E402


def generate(n: int, policy: str) -> str:
    """YAML text: n static PVs, a headless Service and a StatefulSet with 0 replicas."""
    docs = [f"""apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-{i:06d}
spec:
  capacity:
    storage: 1Gi
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath:
    path: /mnt/disks/pv-{i:06d}
""" for i in range(n)]
    docs.append("""apiVersion: v1
kind: Service
metadata:
  name: nginx
  namespace: default
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
    - port: 80
      name: web
""")
    docs.append(f"""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: default
spec:
  serviceName: nginx
  replicas: 0
  podManagementPolicy: {policy}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: ""
        resources:
          requests:
            storage: 1Gi
""")
    return "---\n".join(docs)


def new_cluster(n: int, docs: list[dict[str, Any]]) -> Cluster:
    cluster = Cluster(SimSettings(node_max_pods=max(110, n), node_cidr_mask_size=21))
    if cluster.store.get("Namespace", "", "default") is None:
        cluster.api.create({"apiVersion": "v1", "kind": "Namespace",
                            "metadata": {"name": "default"}})
    for doc in docs:
        cluster.api.create(doc)
    result = cluster.settle()
    if not result.settled:
        raise SystemExit(f"setup did not settle: {result}")
    return cluster


def scale(cluster: Cluster, replicas: int) -> None:
    sts = cluster.store.get("StatefulSet", "default", "web")
    assert sts is not None
    cluster.api.update(evolve(sts, {"spec": {"replicas": replicas}}), actor="kubectl",
                       reason=f"scale to {replicas}")
    result = cluster.settle()
    if not result.settled:
        raise SystemExit(f"scale to {replicas} did not settle: {result}")


def check_up(cluster: Cluster, n: int) -> str:
    pods = [p for p in cluster.store.iter_kind("Pod")
            if any(c.get("type") == "Ready" and c.get("status") == "True"
                   for c in (p.get("status") or {}).get("conditions") or [])]
    claims = [c for c in cluster.store.iter_kind("PersistentVolumeClaim")
              if (c.get("status") or {}).get("phase") == "Bound"]
    if len(pods) != n or len(claims) != n:
        raise SystemExit(f"scale up incomplete: {len(pods)} pods Ready, {len(claims)} claims "
                         f"Bound of {n}")
    return f"{len(pods)} pods Ready, {len(claims)} claims Bound"


def check_down(cluster: Cluster, n: int) -> None:
    pods = cluster.store.count("Pod")
    if pods:
        raise SystemExit(f"scale down incomplete: {pods} pods left")


def run_workload(n: int, docs: list[dict[str, Any]]) -> dict[str, float]:
    cluster = new_cluster(n, docs)
    gc.collect()
    t0 = bench_engine.clocks()
    scale(cluster, n)
    t1 = bench_engine.clocks()
    check_up(cluster, n)
    sim_up = cluster.now_ms
    scale(cluster, 0)
    t2 = bench_engine.clocks()
    check_down(cluster, n)
    return {"up": t1[0] - t0[0], "up_cpu": t1[1] - t0[1],
            "down": t2[0] - t1[0], "down_cpu": t2[1] - t1[1],
            "sim_up_s": sim_up / 1000, "sim_down_s": (cluster.now_ms - sim_up) / 1000,
            "changes": cluster.store.last_seq}


def run_storage(n: int) -> dict[str, float]:
    docs = bench_engine.parse(bench_engine.generate(n))
    gc.collect()
    (create_s, create_c), (settle_s, settle_c), _cluster = bench_engine.run_engine(docs)
    return {"storage": create_s + settle_s, "storage_cpu": create_c + settle_c}


def measure(n: int, repeats: int, policy: str) -> dict[str, float]:
    docs = bench_engine.parse(generate(n, policy))
    samples: dict[str, list[float]] = {}
    for _ in range(repeats):
        for result in (run_workload(n, docs), run_storage(n)):
            for key, value in result.items():
                samples.setdefault(key, []).append(value)
        gc.collect()
    row = {"n": n, **{k: statistics.median(v) for k, v in samples.items()}}
    row["sts"] = row["up"] + row["down"]
    row["sts_cpu"] = row["up_cpu"] + row["down_cpu"]
    print(f"{n:>6} {row['up']:>7.2f} {row['down']:>7.2f} {row['sts']:>7.2f} {row['sts_cpu']:>8.2f} "
          f"{row['storage']:>8.2f} {row['storage_cpu']:>8.2f} "
          f"{row['sts'] / row['storage']:>7.2f} {row['sts_cpu'] / row['storage_cpu']:>8.2f}   "
          f"sim {row['sim_up_s']:.0f}s up / {row['sim_down_s']:.0f}s down, "
          f"{int(row['changes'])} changes", flush=True)
    return row


def profile(n: int, policy: str) -> None:
    import cProfile
    import pstats

    cluster = new_cluster(n, bench_engine.parse(generate(n, policy)))
    profiler = cProfile.Profile()
    profiler.enable()
    scale(cluster, n)
    scale(cluster, 0)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--policy", choices=("OrderedReady", "Parallel"), default="OrderedReady")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.policy)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"StatefulSet {args.policy}, 2 nodes with node_max_pods=max(110, N) and /21 pod "
          f"CIDRs; medians of {args.repeats} runs; seconds (wall unless marked cpu)")
    print(f"{'N':>6} {'up':>7} {'down':>7} {'sts':>7} {'sts cpu':>8} {'storage':>8} "
          f"{'stor cpu':>8} {'ratio':>7} {'cpu ratio':>8}")
    rows = {n: measure(n, args.repeats, args.policy) for n in sizes}
    for n, row in rows.items():
        ratio = row["sts"] / row["storage"]
        cpu = row["sts_cpu"] / row["storage_cpu"]
        print(f"goal: N={n}: sts (up+down) <= 3 x storage-only: {ratio:.2f} wall, {cpu:.2f} cpu "
              f"{'(met)' if cpu <= 3 else '(NOT met)'}")
    if len(sizes) > 1:
        lo, hi = rows[min(sizes)], rows[max(sizes)]
        factor = max(sizes) / min(sizes)
        growth = hi["sts"] / lo["sts"]
        cpu = hi["sts_cpu"] / lo["sts_cpu"]
        limit = 4.5 * factor / 4
        print(f"goal: growth {min(sizes)} -> {max(sizes)} ({factor:g}x N) <= {limit:.2f}x: "
              f"{growth:.2f}x wall, {cpu:.2f}x cpu {'(met)' if cpu <= limit else '(NOT met)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
