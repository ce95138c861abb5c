"""A StatefulSet's template history as ControllerRevision objects (``pkg/controller/history``).

What the statefulset-controller does with revisions, as upstream's
``getStatefulSetRevisions`` and ``truncateHistory`` do it:

* every template a set has run gets a ControllerRevision ``<set>-<hash>`` in the set's
  namespace: ``data`` is the patch ``{"spec":{"template":{...,"$patch":"replace"}}}``,
  ``revision`` a number one higher than any before it, labels the template's labels plus
  ``controller.kubernetes.io/hash``, annotations the set's, and a controller
  ownerReference to the set (so the garbage collector deletes it with the set);
* going back to an older template (``kubectl rollout undo``, or patching it back)
  reuses that template's revision and gives it the next number, rather than creating
  a new one;
* orphaned revisions whose labels match a set's selector are adopted (after
  ``kubectl delete sts --cascade=orphan`` and a re-create);
* after each sync, revisions no pod uses and that are neither the current nor the
  update revision are deleted, oldest first, beyond ``revisionHistoryLimit`` (10).

The controller asks on every sync; the answer is remembered until the set's template,
its revisions or the status' currentRevision change, so a sync of an unchanged set
costs a few lookups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .. import statefulsets as rules
from ..errors import ApiError
from ..objects import Manifest, get_path, meta, name_of, namespace_of, uid_of
from ..store import Change, Store

if TYPE_CHECKING:
    from .statefulset import StatefulSetController

KIND = "ControllerRevision"
HASH_LABEL = "controller.kubernetes.io/hash"


class Revision:
    """One revision as the controller uses it: its name, number and pod template.

    ``template`` is None for a revision known by name only (a set loaded with a status
    naming a revision that is not in the store): pods at it are made from today's
    template.
    """

    __slots__ = ("name", "number", "template")

    def __init__(self, name: str, number: int, template: Mapping[str, Any] | None) -> None:
        self.name = name
        self.number = number
        self.template = template


def template_patch(template: Mapping[str, Any]) -> dict[str, Any]:
    """The revision's ``data``: getPatch's ``{"spec":{"template":{...,"$patch":"replace"}}}``."""
    return {"spec": {"template": {**dict(template), "$patch": "replace"}}}


def revision_template(revision: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The pod template a ControllerRevision holds, or None when its data has none."""
    template = get_path(revision, "data", "spec", "template")
    if not isinstance(template, Mapping):
        return None
    return {k: v for k, v in template.items() if k != "$patch"}


def revision_number(revision: Mapping[str, Any]) -> int:
    value = revision.get("revision")
    return value if type(value) is int else 0


def controlled_revisions(store: Store, sts: Mapping[str, Any]) -> list[Manifest]:
    """The set's history as kubectl reads it (controlledHistoryV1): revisions in its
    namespace that its selector picks and that it controls, oldest number first."""
    uid = uid_of(sts)
    selector = get_path(sts, "spec", "selector")
    found = [r for r in store.list(KIND, namespace_of(sts))
             if _controller_uid(r) == uid
             and rules.selector_matches(selector, meta(r).get("labels") or {})]
    return sorted(found, key=revision_number)


class RevisionHistory:
    """The statefulset-controller's view of ControllerRevisions, kept by the watch."""

    def __init__(self, controller: StatefulSetController) -> None:
        self._controller = controller
        self._store = controller.store
        self._api = controller.api
        # set uid -> revision name -> revision object (revisions the set controls)
        self._owned: dict[str, dict[str, Manifest]] = {}
        # namespace -> names of revisions without a controller (adoption candidates)
        self._orphans: dict[str, set[str]] = {}
        # set uid -> (template object, status currentRevision, owned-dict version, answer)
        self._memo: dict[str, tuple[Any, str, int, tuple[Revision, Revision]]] = {}
        self._versions: dict[str, int] = {}
        # revision object -> its Revision view (objects are never changed, only replaced)
        self._views: dict[int, tuple[Manifest, Revision]] = {}

    # ---- the watch ---------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        old, new = change.old, change.new
        _, namespace, name = change.key
        if old is not None:
            owner = _controller_uid(old)
            if owner:
                owned = self._owned.get(owner)
                if owned is not None and owned.pop(name, None) is not None:
                    if owned:
                        self._bump(owner)
                    else:  # its last revision went (with the set, usually): forget the set
                        del self._owned[owner]
                        self._versions.pop(owner, None)
            else:
                self._orphans.get(namespace, set()).discard(name)
            self._views.pop(id(old), None)
        if new is not None:
            owner = _controller_uid(new)
            if owner:
                self._owned.setdefault(owner, {})[name] = new
                self._bump(owner)
                self._controller.enqueue_owner(namespace, owner)
            else:
                self._orphans.setdefault(namespace, set()).add(name)
                self._controller.enqueue_namespace(namespace)

    def forget(self, set_uid: str) -> None:
        """The set is gone: its revisions stay in the store for the garbage collector."""
        self._memo.pop(set_uid, None)
        self._versions.pop(set_uid, None)

    def _bump(self, owner: str) -> None:
        self._versions[owner] = self._versions.get(owner, 0) + 1

    def owned(self, sts: Manifest) -> list[Manifest]:
        """The set's revisions, oldest first (SortControllerRevisions: number, then name)."""
        return sorted(self._owned.get(uid_of(sts), {}).values(),
                      key=lambda r: (revision_number(r), name_of(r)))

    def _view(self, revision: Manifest) -> Revision:
        cached = self._views.get(id(revision))
        if cached is not None and cached[0] is revision:
            return cached[1]
        view = Revision(name_of(revision), revision_number(revision), revision_template(revision))
        self._views[id(revision)] = (revision, view)
        return view

    # ---- getStatefulSetRevisions ---------------------------------------------------------
    def revisions(self, sts: Manifest) -> tuple[Revision, Revision]:
        """(current, update) revisions of the set, creating or renumbering the update one."""
        uid = uid_of(sts)
        template = get_path(sts, "spec", "template", default={}) or {}
        status = sts.get("status") or {}
        current_name = str(status.get("currentRevision") or "")
        memo = self._memo.get(uid)
        if memo is not None and memo[0] is template and memo[1] == current_name \
                and memo[2] == self._versions.get(uid, 0):
            return memo[3]
        self._adopt_orphans(sts)
        history = self.owned(sts)
        update = self._update_revision(sts, template, history)
        current_obj = self._owned.get(uid, {}).get(current_name)
        if current_obj is not None:
            current = self._view(current_obj)
        elif current_name and current_name != update.name and status.get("updateRevision"):
            # Known by name only (a loaded set): pods at it are made from today's template.
            current = Revision(current_name, 0, None)
        else:
            current = update
        answer = (current, update)
        self._memo[uid] = (template, current_name, self._versions.get(uid, 0), answer)
        return answer

    def _update_revision(self, sts: Manifest, template: Mapping[str, Any],
                         history: list[Manifest]) -> Revision:
        data = template_patch(template)
        equal = [r for r in history if r.get("data") == data]
        if equal and equal[-1] is history[-1]:
            return self._view(history[-1])
        number = revision_number(history[-1]) + 1 if history else 1
        name = self._controller.name
        if equal:
            # Back to an older template: that revision becomes the newest (rollback).
            stored = self._api.write(equal[-1], {"revision": number}, actor=name,
                                     reason=f"revision {name_of(equal[-1])} is current again: "
                                            f"renumbered {revision_number(equal[-1])} → {number}")
            return self._view(stored)
        status = sts.get("status") or {}
        loaded_name = None
        if not history and status.get("updateRevision") and \
                status.get("observedGeneration") == meta(sts).get("generation"):
            # A set loaded with its status (from a real cluster, say) keeps its revision
            # name, so its pods are not rolled because hashes were computed differently.
            loaded_name = str(status["updateRevision"])
        collisions = int(status.get("collisionCount") or 0)
        while True:
            revision = self._new_revision(sts, template, data, number, collisions, loaded_name)
            try:
                stored = self._api.create(revision, actor=name, typed=True,
                                          reason=f"record template as revision {number} of "
                                                 f"StatefulSet {name_of(sts)}")
            except ApiError as err:
                if err.reason != "AlreadyExists" or loaded_name:
                    raise
                existing = self._store.get(KIND, namespace_of(sts), name_of(revision))
                if existing is not None and existing.get("data") == data and \
                        _controller_uid(existing) == uid_of(sts):
                    return self._view(existing)
                collisions += 1  # a hash collision: the next name (CreateControllerRevision)
                continue
            return self._view(stored)

    @staticmethod
    def _new_revision(sts: Manifest, template: Mapping[str, Any], data: dict[str, Any],
                      number: int, collisions: int, name: str | None) -> Manifest:
        """NewControllerRevision + newRevision: labels, annotations, owner, name from hash."""
        digest = rules.revision_hash(template, collisions)
        labels = {**dict(get_path(template, "metadata", "labels", default={}) or {}),
                  HASH_LABEL: digest}
        metadata: dict[str, Any] = {
            "name": name or rules.revision_name_for(name_of(sts), digest),
            "namespace": namespace_of(sts),
            "labels": labels,
            "ownerReferences": [rules.controller_ref(sts)],
        }
        annotations = meta(sts).get("annotations")
        if annotations:
            metadata["annotations"] = dict(annotations)
        return {"apiVersion": "apps/v1", "kind": KIND, "metadata": metadata, "data": data,
                "revision": number}

    # ---- ClaimRevisions ---------------------------------------------------------------------
    def _adopt_orphans(self, sts: Manifest) -> None:
        namespace = namespace_of(sts)
        orphans = self._orphans.get(namespace)
        if not orphans or meta(sts).get("deletionTimestamp"):
            return
        selector = get_path(sts, "spec", "selector")
        for name in sorted(orphans):
            revision = self._store.get(KIND, namespace, name)
            if revision is None or _controller_uid(revision) or meta(revision).get(
                    "deletionTimestamp"):
                continue
            if rules.selector_matches(selector, meta(revision).get("labels") or {}):
                refs = [*(meta(revision).get("ownerReferences") or []), rules.controller_ref(sts)]
                self._api.write(revision, {"metadata": {"ownerReferences": refs}},
                                actor=self._controller.name,
                                reason=f"adopt into StatefulSet {name_of(sts)}")

    # ---- truncateHistory ------------------------------------------------------------------
    def truncate(self, sts: Manifest, pod_revisions: Mapping[str, int], current: Revision,
                 update: Revision) -> None:
        """Delete the oldest revisions nothing uses beyond ``revisionHistoryLimit``."""
        owned = self._owned.get(uid_of(sts))
        if not owned:
            return
        limit = get_path(sts, "spec", "revisionHistoryLimit")
        limit = 10 if limit is None else int(limit)
        if limit < 0 or len(owned) <= limit:
            # A negative limit keeps everything (truncateHistory returns early); the
            # common case is one revision, which nothing can put over the limit.
            return
        live = {current.name, update.name} | {r for r, n in pod_revisions.items() if n > 0}
        spare = [r for r in self.owned(sts) if name_of(r) not in live]
        for revision in spare[:max(0, len(spare) - limit)]:
            self._api.delete(KIND, namespace_of(sts), name_of(revision),
                             actor=self._controller.name,
                             reason=f"revision history limit {limit}: delete revision "
                                    f"{revision_number(revision)}")


def _controller_uid(obj: Mapping[str, Any]) -> str:
    for ref in meta(obj).get("ownerReferences") or ():
        if isinstance(ref, Mapping) and ref.get("controller") is True:
            return str(ref.get("uid") or "")
    return ""
