"""GUI benchmark, offscreen, measured against bare Qt in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui.py [--objects 5000]
        [--only build|change|memory|startup ...]

1. Scene build + first full paint of a 5,000-object cluster (PVs, claims, pods,
   StatefulSets) vs the same number of plain rectangle-and-text items added to a
   scene, fitted and grabbed. Goal: ≤ 3×.
2. Applying one change (a claim binding) to the 5,000-object scene vs a 50-object
   scene. Goal: ≤ 2× and < 16 ms median.
3. Startup of ``main.py`` to the first painted frame of the demo vs a bare Qt
   window's startup (subprocesses). Goal: ≤ 3×. Where the environment forbids
   writing bytecode (PYTHONDONTWRITEBYTECODE) it is measured that way and again
   with a bytecode cache (kept in a temporary directory), as a user's starts are.
4. RSS with the 5,000-object scene shown. Goal: < 400 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

VIEW_SIZE = (1600, 1000)
#: Claims left Pending (with a matching Available PV each) so the binding can be measured.
POOL = 15


# ---- clusters --------------------------------------------------------------------------
def _meta(name, ns=True, **extra):
    meta = {"name": name, "uid": f"uid-{name}", "creationTimestamp": "2025-01-01T00:00:00Z"}
    if ns:
        meta["namespace"] = "default"
    meta.update(extra)
    return meta


def _pv(name, claim=None):
    spec = {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
            "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "nfs",
            "volumeMode": "Filesystem", "nfs": {"server": "10.0.0.1", "path": f"/exports/{name}"}}
    if claim:
        spec["claimRef"] = {"kind": "PersistentVolumeClaim", "namespace": "default",
                            "name": claim, "uid": f"uid-{claim}", "apiVersion": "v1"}
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": _meta(name, ns=False),
            "spec": spec, "status": {"phase": "Bound" if claim else "Available"}}


def _claim(name, volume=None, labels=None):
    spec = {"accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
            "volumeMode": "Filesystem", "resources": {"requests": {"storage": "1Gi"}}}
    status = {"phase": "Pending"}
    if volume:
        spec["volumeName"] = volume
        status = {"phase": "Bound", "accessModes": ["ReadWriteOnce"],
                  "capacity": {"storage": "1Gi"}}
    meta = _meta(name, labels=labels or {})
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
            "spec": spec, "status": status}


def _sts(name, replicas):
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": _meta(name),
            "spec": {"replicas": replicas, "serviceName": name,
                     "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
                     "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {
                         "accessModes": ["ReadWriteOnce"], "storageClassName": "nfs",
                         "resources": {"requests": {"storage": "1Gi"}}}}]},
            "status": {"replicas": replicas, "readyReplicas": replicas}}


def _pod(sts, ordinal, node):
    name = f"{sts}-{ordinal}"
    meta = _meta(name, labels={"app": sts},
                 ownerReferences=[{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": sts,
                                   "uid": f"uid-{sts}", "controller": True}])
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta,
            "spec": {"nodeName": node, "hostname": name, "subdomain": sts,
                     "containers": [{"name": "c", "image": "nginx"}],
                     "volumes": [{"name": "data",
                                  "persistentVolumeClaim": {"claimName": f"data-{name}"}}]},
            "status": {"phase": "Running", "podIP": f"10.1.{ordinal // 250}.{ordinal % 250}",
                       "conditions": [{"type": "Ready", "status": "True"}]}}


def _node(name):
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": _meta(name, ns=False, labels={"kubernetes.io/hostname": name}),
            "spec": {}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}}


def cluster_manifests(total: int) -> list[dict]:
    """About ``total`` objects: StatefulSets with bound pods, spare PVs, a pool to bind."""
    objs: list[dict] = [_node("node-1"), _node("node-2")]
    per_set = 4
    sets = max(1, (total - 2 * POOL - 2) // (1 + 3 * per_set + 2))
    for s in range(sets):
        name = f"app{s:04d}"
        objs.append(_sts(name, per_set))
        for i in range(per_set):
            pod = f"{name}-{i}"
            claim, pv = f"data-{pod}", f"pv-{pod}"
            objs += [_pod(name, i, f"node-{i % 2 + 1}"), _claim(claim, pv, {"app": name}),
                     _pv(pv, claim)]
    spare = total - len(objs) - 2 * POOL
    objs += [_pv(f"spare-{i:05d}") for i in range(max(0, spare))]
    objs += [_pv(f"pool-pv-{i:03d}") for i in range(POOL)]
    objs += [_claim(f"pool-claim-{i:03d}") for i in range(POOL)]
    return objs


# ---- measurements ----------------------------------------------------------------------
def ms(seconds: float) -> float:
    return seconds * 1000.0


def bare_qt_build_and_paint(count: int) -> float:
    start = time.perf_counter()
    scene = QGraphicsScene()
    columns = max(1, int(count ** 0.5))
    for i in range(count):
        rect = QGraphicsRectItem(0, 0, 180, 60)
        rect.setPos((i % columns) * 220, (i // columns) * 90)
        text = QGraphicsSimpleTextItem(f"object-{i}", rect)
        text.setPos(6, 6)
        scene.addItem(rect)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.fitInView(scene.itemsBoundingRect())
    image = view.grab()
    assert not image.isNull()
    elapsed = time.perf_counter() - start
    view.deleteLater()
    return elapsed


def ours_build_and_paint(cluster):
    """Projection, scene and view from a cluster, fitted and grabbed; returns the phases."""
    from core.graph import GraphProjection
    from gui.scene import GraphScene
    from gui.view import GraphView

    t0 = time.perf_counter()
    projection = GraphProjection(cluster)
    snapshot = projection.snapshot()
    t1 = time.perf_counter()
    scene = GraphScene()
    scene.set_motion(False, 1.0)
    scene.reset(snapshot)
    t2 = time.perf_counter()
    view = GraphView(scene)
    view.resize(*VIEW_SIZE)
    view.fit_all()
    image = view.grab()
    assert not image.isNull()
    t3 = time.perf_counter()
    phases = {"projection": t1 - t0, "scene": t2 - t1, "paint": t3 - t2}
    return t3 - t0, phases, projection, scene, view


def bind_times(cluster, projection, scene, view) -> tuple[list[float], list[float]]:
    """One claim binding at a time: (snapshot + scene.apply, then the repaint)."""
    applies, paints = [], []
    for i in range(POOL):
        before = cluster.store.last_seq
        cluster.sync_claim("default", f"pool-claim-{i:03d}")
        changes = cluster.store.changes_since(before)
        assert changes, "the claim did not bind"
        start = time.perf_counter()
        scene.apply(changes, projection.snapshot())
        scene.finish_animations()
        middle = time.perf_counter()
        view.viewport().repaint()
        applies.append(middle - start)
        paints.append(time.perf_counter() - middle)
    return applies, paints


def dispose(*objects) -> None:
    for obj in objects:
        if hasattr(obj, "close"):
            obj.close()
        if hasattr(obj, "deleteLater"):
            obj.deleteLater()
    QApplication.processEvents()
    import gc

    gc.collect()


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BARE_STARTUP = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); scene = QGraphicsScene(); scene.addText("bare Qt")
view = QGraphicsView(scene); w.setCentralWidget(view); w.resize(1600, 1000)
class P(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            o.removeEventFilter(self); QTimer.singleShot(0, done)
        return False
def done():
    print(f"PVGRAPH_FIRST_FRAME {time.time():.6f}", flush=True); app.quit()
p = P(); view.viewport().installEventFilter(p); w.show(); sys.exit(app.exec())
"""


def startup_seconds(argv: list[str], env_extra: dict[str, str | None]) -> float:
    """Wall time from spawning ``argv`` to its first painted frame (``None`` unsets a
    variable)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name, value in env_extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    start = time.time()
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0 or "PVGRAPH_FIRST_FRAME" not in result.stdout:
        raise RuntimeError(f"{argv} failed: {result.stderr[-2000:]}")
    stamp = float(result.stdout.split("PVGRAPH_FIRST_FRAME")[1].split()[0])
    return stamp - start


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def rss_of_one_scene(total: int) -> float:
    """RSS of a fresh process showing the scene (repeats in this one would add up)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.argv = ['bench_gui', "
            f"'--rss-only', '--objects', '{total}']; "
            "import runpy; runpy.run_path(" + repr(str(Path(__file__).resolve())) +
            ", run_name='__main__')")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or "RSS_MB" not in result.stdout:
        raise RuntimeError(result.stderr[-2000:])
    return float(result.stdout.split("RSS_MB")[1].split()[0])


#: The benchmark's parts, for ``--only``.
PARTS = ("build", "change", "memory", "startup")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=5000)
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--only", action="append", choices=PARTS,
                        help="run only this part (repeatable; default: all)")
    parser.add_argument("--rss-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)

    from core import Cluster

    app = QApplication.instance() or QApplication([])
    app.setQuitOnLastWindowClosed(False)
    big_objects = cluster_manifests(args.objects)
    if args.rss_only:
        cluster = Cluster.from_manifests(big_objects)
        _t, _p, projection, scene, view = ours_build_and_paint(cluster)
        view.show()
        QApplication.processEvents()
        print(f"RSS_MB {rss_mb():.1f}")
        return 0
    print(f"cluster: {len(big_objects)} objects "
          f"({sum(o['kind'] == 'PersistentVolume' for o in big_objects)} PVs, "
          f"{sum(o['kind'] == 'PersistentVolumeClaim' for o in big_objects)} claims, "
          f"{sum(o['kind'] == 'Pod' for o in big_objects)} pods, "
          f"{sum(o['kind'] == 'StatefulSet' for o in big_objects)} StatefulSets)")

    if "build" in parts:
        build_part(big_objects, args.repeat)
    if "change" in parts:
        change_part(big_objects, args.small)
    if "memory" in parts:
        # Memory, in a fresh process.
        memory = rss_of_one_scene(args.objects)
        print(f"RSS with the {len(big_objects)}-object scene shown: {memory:.0f} MB "
              f"(goal < 400 MB: {verdict(memory < 400)})")
    if "startup" in parts:
        startup_part(args.startup_runs)
    return 0


def build_part(big_objects: list[dict], repeat: int) -> None:
    """Scene build + first paint, against bare Qt, alternating."""
    from core import Cluster

    bare, ours, phases = [], [], []
    for _ in range(repeat):
        bare.append(bare_qt_build_and_paint(len(big_objects)))
        QApplication.processEvents()
        cluster = Cluster.from_manifests(big_objects)
        elapsed, phase, projection, scene, view = ours_build_and_paint(cluster)
        ours.append(elapsed)
        phases.append(phase)
        projection.close()
        dispose(view, scene)
    bare_ms, ours_ms = ms(statistics.median(bare)), ms(statistics.median(ours))
    ratio_build = ours_ms / bare_ms
    split = ", ".join(f"{k} {ms(statistics.median(p[k] for p in phases)):.0f} ms"
                      for k in ("projection", "scene", "paint"))
    print(f"build+paint  bare Qt {bare_ms:8.1f} ms   pvgraph {ours_ms:8.1f} ms   "
          f"ratio {ratio_build:5.2f}x  (goal <= 3x: {verdict(ratio_build <= 3)})")
    print(f"             pvgraph phases: {split}")


def change_part(big_objects: list[dict], small: int) -> None:
    """One binding on the big scene vs a small one."""
    from core import Cluster

    results = {}
    for label, total in (("small", small), ("big", len(big_objects))):
        cluster = Cluster.from_manifests(cluster_manifests(total) if label == "small"
                                         else big_objects)
        _e, _p, projection, scene, view = ours_build_and_paint(cluster)
        view.show()
        QApplication.processEvents()
        results[label] = bind_times(cluster, projection, scene, view)
        projection.close()
        dispose(view, scene)
    small_med = ms(statistics.median(results["small"][0]))
    big_med = ms(statistics.median(results["big"][0]))
    ratio_change = big_med / small_med if small_med else float("inf")
    print(f"one binding  {small:5d} objs {small_med:8.2f} ms   {len(big_objects)} objs "
          f"{big_med:8.2f} ms   ratio {ratio_change:5.2f}x  (goal <= 2x: "
          f"{verdict(ratio_change <= 2)}, < 16 ms: {verdict(big_med < 16)})")
    print(f"             repaint after it (fitted view): {small} objs "
          f"{ms(statistics.median(results['small'][1])):.2f} ms, {len(big_objects)} objs "
          f"{ms(statistics.median(results['big'][1])):.2f} ms")


def startup_part(runs: int) -> None:
    """Startup to the first painted frame, against a bare Qt window, alternating."""
    settings = str(Path(os.environ.get("TMPDIR", "/tmp")) / "pvgraph-bench-settings.ini")
    app_env: dict[str, str | None] = {"PVGRAPH_EXIT_AFTER_FIRST_FRAME": "1",
                                      "PVGRAPH_SETTINGS": settings}
    # The same environment as this process: if it forbids writing bytecode, every
    # start compiles the app's own sources (~1.3 MB) while bare Qt loads only
    # precompiled site-packages; said on the line, and measured both ways below.
    no_cache = bool(os.environ.get("PYTHONDONTWRITEBYTECODE")) and \
        not os.environ.get("PYTHONPYCACHEPREFIX")
    compiled = (ROOT / "core" / "__pycache__").is_dir()
    label = ("PYTHONDONTWRITEBYTECODE set; " +
             ("reads the cache `make compile` wrote" if compiled else "no bytecode cache")
             if no_cache else "as configured")
    startup_line(label, runs, {}, app_env)
    if no_cache:
        # What a user's every start after the first (or after a wheel install, which
        # byte-compiles) sees: a bytecode cache, kept out of the source tree.
        import tempfile

        with tempfile.TemporaryDirectory(prefix="pvgraph-pycache-") as cache:
            cached = {"PYTHONDONTWRITEBYTECODE": None, "PYTHONPYCACHEPREFIX": cache}
            startup_line("bytecode cached, as after any earlier start", runs, cached,
                         {**app_env, **cached})


def startup_line(label: str, runs: int, bare_env: dict[str, str | None],
                 app_env: dict[str, str | None]) -> None:
    app_argv = [sys.executable, "main.py", "--paused"]
    bare_argv = [sys.executable, "-c", BARE_STARTUP]
    # Warm-up (disk cache, font cache, settings file, bytecode where allowed), not counted.
    startup_seconds(bare_argv, bare_env)
    startup_seconds(app_argv, app_env)
    app_runs, bare_runs = [], []
    for _ in range(runs):
        bare_runs.append(startup_seconds(bare_argv, bare_env))
        app_runs.append(startup_seconds(app_argv, app_env))
    bare_start, app_start = ms(statistics.median(bare_runs)), ms(statistics.median(app_runs))
    ratio_start = app_start / bare_start
    print(f"startup      bare Qt {bare_start:8.1f} ms   main.py {app_start:8.1f} ms   "
          f"ratio {ratio_start:5.2f}x  (goal <= 3x: {verdict(ratio_start <= 3)})  [{label}]")


if __name__ == "__main__":
    sys.exit(main())
