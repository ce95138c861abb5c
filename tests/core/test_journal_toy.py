"""A tiny deterministic world for testing the journal and history mechanics.

It does not depend on the real controllers or kubectl commands: a toy controller
turns new PVs Available (with an event) and, for PVs labelled ``delay``, finishes
them later from a timed task, so replays exercise syncs, timed work and events.
"""

from __future__ import annotations

from core.cluster import Cluster
from core.controllers.base import Controller
from core.errors import CommandError
from core.journal import Journal


class ToyController(Controller):
    name = "toy-controller"
    watches = ("PersistentVolume",)

    def sync(self, key) -> None:
        pv = self.store.get_key(key)
        if pv is None:
            return
        if (pv.get("status") or {}).get("phase") != "Available":
            pv = self.api.write(pv, {"status": {"phase": "Available"}}, actor=self.name,
                                reason="toy: available")
            self.event(pv, "Normal", "Toy", "became available")
        delay = (pv["metadata"].get("labels") or {}).get("delay")
        if delay and not (pv["metadata"].get("annotations") or {}).get("done"):
            name = pv["metadata"]["name"]

            def finish() -> None:
                current = self.store.get("PersistentVolume", "", name)
                if current is not None:
                    self.api.write(current, {"metadata": {"annotations": {"done": "yes"}}},
                                   actor=self.name, reason="toy: done")

            self.clock.schedule(int(delay), finish, label=f"finish {name}")


def toy_cluster(settings=None) -> Cluster:
    cluster = Cluster(settings)
    # Only the toy runs, so these tests do not move when the real controllers change.
    cluster.controllers = [ToyController(cluster)]
    return cluster


def _pv(name: str, delay: str = "") -> dict:
    labels = {"delay": delay} if delay else {}
    return {"apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": {"name": name, "labels": labels},
            "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                     "nfs": {"server": "nfs", "path": f"/{name}"}}}


def toy_execute(cluster: Cluster, line: str) -> str:
    """``mk NAME [DELAY_MS]``, ``rm NAME``, ``half NAME`` (creates, then fails), ``settle``,
    ``apply FILE`` (one PV name per line of the file), ``fail``, ``get`` (changes nothing)."""
    words = line.split()
    verb, args = words[0], words[1:]
    if verb == "mk":
        cluster.api.create(_pv(args[0], args[1] if len(args) > 1 else ""))
        return f"persistentvolume/{args[0]} created"
    if verb == "rm":
        cluster.api.delete("PersistentVolume", "", args[0])
        return f'persistentvolume "{args[0]}" deleted'
    if verb == "half":
        cluster.api.create(_pv(args[0]))
        raise CommandError(f"error: half of {args[0]}")
    if verb == "settle":
        return str(cluster.settle())
    if verb == "sleep":
        cluster.advance(int(args[0]))
        return ""
    if verb == "kubectl" and args[:2] == ["apply", "-f"]:
        path = cluster.script_dir / args[2]
        try:
            names = path.read_text().split()
        except OSError:
            raise CommandError(f'error: the path "{args[2]}" does not exist') from None
        for name in names:
            cluster.api.create(_pv(name))
        return "\n".join(f"persistentvolume/{n} created" for n in names)
    if verb == "fail":
        raise CommandError("error: failed")
    if verb == "get":
        return "\n".join(p["metadata"]["name"] for p in cluster.store.list("PersistentVolume"))
    raise CommandError(f"unknown command: {line}")


class ToyJournal(Journal):
    def __init__(self, settings=None, *, executor=None) -> None:
        super().__init__(settings, executor=executor or toy_execute)

    def new_cluster(self) -> Cluster:
        cluster = toy_cluster(self.settings)
        if self._base_seq is None:
            self._base_seq = cluster.store.last_seq
        return cluster


def test_toy_world_is_deterministic_and_has_timed_work():
    def run():
        cluster = toy_cluster()
        toy_execute(cluster, "mk a 5000")
        toy_execute(cluster, "settle")
        return cluster

    first, second = run(), run()
    assert [c[:6] for c in first.store.log] == [c[:6] for c in second.store.log]
    assert first.get("PersistentVolume", "", "a")["metadata"]["annotations"] == {"done": "yes"}
    assert first.clock.now_ms == 5000
