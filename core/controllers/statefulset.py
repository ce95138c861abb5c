"""The statefulset-controller: stable names, claims from templates, ordered pods.

Modelled on Kubernetes' ``pkg/controller/statefulset`` (kubernetes-semantics.md §6):
``sync`` is ``updateStatefulSet`` — split pods into in-range replicas and condemned
ones, walk the replicas in ordinal order (stopping at the first blocking pod unless
the set is Parallel), fix claim owners for the retention policy, delete condemned pods
highest first, then roll out a changed template highest ordinal first; finally write
the status. Every create/delete is recorded as an event on the StatefulSet with the
real controller's wording.

Template history lives in ControllerRevision objects, as in Kubernetes
(``statefulset_history``).
Failed syncs are retried when something relevant changes (pods and claims are
watched) rather than on the real controller's rate-limited backoff. Decisions about
pods that did not change since the last sync are remembered rather than re-derived
(``statefulset_index``), so a sync costs what changed, not the size of the set.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .. import statefulsets as rules
from ..clock import TaskHandle
from ..errors import ApiError
from ..events import NORMAL, WARNING
from ..objects import (
    DELETE,
    Key,
    Manifest,
    get_path,
    is_deleting,
    meta,
    name_of,
    namespace_of,
    phase_of,
    uid_of,
)
from ..store import Change
from ..validation_decode import decode_check
from .base import Controller
from .statefulset_history import KIND as REVISION_KIND
from .statefulset_history import Revision, RevisionHistory
from .statefulset_index import Members, PodFacts, Progress

if TYPE_CHECKING:
    from ..cluster import Cluster

# Status fields Go omits when zero (omitempty); replicas and availableReplicas always show.
_OMIT_WHEN_ZERO = ("readyReplicas", "currentReplicas", "updatedReplicas", "observedGeneration")
_MAX_BATCH = 500


class _SyncError(Exception):
    """Stops this sync the way a returned error does (the event is already recorded)."""


class StatefulSetController(Controller):
    name = "statefulset-controller"
    watches = ("StatefulSet",)
    interests = ("StatefulSet", "Pod", "PersistentVolumeClaim", REVISION_KIND)

    def __init__(self, cluster: Cluster) -> None:
        super().__init__(cluster)
        # (namespace, parent name from the pod name) -> the pods that may belong to that set.
        self._members: dict[tuple[str, str], Members] = {}
        # StatefulSet key -> what processing concluded for its in-range pods.
        self._progress: dict[Key, Progress] = {}
        self._history = RevisionHistory(self)
        # StatefulSet key -> the timer that re-syncs it when a pod becomes Available.
        self._rechecks: dict[Key, TaskHandle] = {}
        # (namespace, pod) -> (pod uid, set spec, set uid) whose claims were last seen to
        # follow the retention policy; dropped when one of the pod's claims changes.
        self._retention_ok: dict[tuple[str, str], tuple] = {}
        # StatefulSet uid -> (spec, whether the set with that spec decodes): see _decodes.
        self._decoded: dict[str, tuple[Any, bool]] = {}

    # ---- watching ----------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        kind = change.key[0]  # not the .kind property: this runs on every write
        if kind == "StatefulSet":
            self.enqueue(change.key)
            if change.new is None and change.old is not None:
                self._history.forget(uid_of(change.old))
                self._decoded.pop(uid_of(change.old), None)
                self._progress.pop(change.key, None)
                handle = self._rechecks.pop(change.key, None)
                if handle is not None:
                    handle.cancel()
        elif kind == "Pod":
            self._pod_changed(change)
        elif kind == REVISION_KIND:
            self._history.on_change(change)
        elif kind == "PersistentVolumeClaim":
            old, new = change.old, change.new
            old_meta = old.get("metadata") if old is not None else None
            new_meta = new.get("metadata") if new is not None else None
            # Neither version names an owner (plain dicts only; this runs on every claim write).
            if (type(old_meta) is dict or old is None) and (type(new_meta) is dict or new is None) \
                    and not (old_meta and old_meta.get("ownerReferences")) \
                    and not (new_meta and new_meta.get("ownerReferences")) \
                    and not self.store.count("StatefulSet"):
                return  # the common case in storage-only clusters: nothing to wake
            for obj in (change.old, change.new):
                if obj is not None:
                    self._claim_changed(obj)

    def _pod_changed(self, change: Change) -> None:
        _, namespace, pod = change.key
        parent, ordinal = rules.parent_and_ordinal(pod)
        if parent:
            members = self._members.get((namespace, parent))
            if members is None:
                members = self._members[(namespace, parent)] = Members()
            old_facts, facts = members.update(pod, change.new)
            if change.new is None:
                self._retention_ok.pop((namespace, pod), None)
            progress = self._progress.get(("StatefulSet", namespace, parent))
            if progress is not None and ordinal >= 0:
                progress.invalidate(ordinal, pod)
                if progress.in_range(ordinal):
                    progress.note(ordinal, facts if facts is not None and
                                  facts.owner_uid == progress.uid else None)
            if old_facts is not None and facts is not None and old_facts.same_for_controller(facts):
                # Scheduled, a new IP, a status stage without a phase or readiness change:
                # nothing a sync looks at moved, so it would decide and write the same.
                return
        for obj in (change.old, change.new):
            if obj is None:
                continue
            ref = rules.controller_of(obj)
            if ref is not None and ref.get("kind") == "StatefulSet":
                self.enqueue(("StatefulSet", namespace, str(ref.get("name"))))
            elif parent and self.store.get("StatefulSet", namespace, parent) is not None:
                self.enqueue(("StatefulSet", namespace, parent))

    def _claim_changed(self, claim: Mapping[str, Any]) -> None:
        namespace = namespace_of(claim)
        for ref in rules.owner_refs(claim):
            if ref.get("kind") == "StatefulSet":
                self.enqueue(("StatefulSet", namespace, str(ref.get("name"))))
            elif ref.get("kind") == "Pod":
                parent, _ = rules.parent_and_ordinal(str(ref.get("name") or ""))
                if parent:
                    self.enqueue(("StatefulSet", namespace, parent))
        if not self.store.count("StatefulSet"):
            return  # the common case in storage-only clusters, kept cheap
        name = name_of(claim)
        for sts in self.store.list("StatefulSet", namespace):
            set_name = name_of(sts)
            for template in rules.claim_templates(sts):
                prefix = f"{name_of(template)}-{set_name}-"
                digits = name[len(prefix):]
                if name.startswith(prefix) and digits.isdigit():
                    pod_name = f"{set_name}-{digits}"
                    self._retention_ok.pop((namespace, pod_name), None)
                    key = ("StatefulSet", namespace, set_name)
                    progress = self._progress.get(key)
                    if progress is not None:
                        progress.invalidate(int(digits), pod_name)
                    self.enqueue(key)

    def _members_of(self, sts: Manifest) -> Members:
        key = (namespace_of(sts), name_of(sts))
        members = self._members.get(key)
        if members is None:
            members = self._members[key] = Members()
        return members

    # ---- the sync ----------------------------------------------------------------------
    def sync(self, key: Key) -> None:
        _, namespace, name = key
        sts = self.store.get("StatefulSet", namespace, name)
        if sts is None:
            return
        members = self._members_of(sts)
        self._adopt_and_release(sts, members)
        current, update = self._revisions(sts, members)
        try:
            self._update(key, sts, members, current, update)
        except _SyncError:
            pass
        self._write_status(key, members, current, update)
        self._history.truncate(sts, members.counts_for(uid_of(sts)).all_revisions, current,
                               update)

    def _adopt_and_release(self, sts: Manifest, members: Members) -> None:
        """ClaimPods: adopt matching orphans, release owned pods the selector no longer picks."""
        uid = uid_of(sts)
        selector = get_path(sts, "spec", "selector")
        if members.checked is None or members.checked[0] is not selector or \
                members.checked[1] != uid:
            members.attention = set(members.facts)
            members.checked = (selector, uid)
        if not members.attention:
            return
        deleting = is_deleting(sts)
        for pod_name in sorted(members.attention):
            facts = members.facts.get(pod_name)
            if facts is None or (facts.owner_uid is not None and facts.owner_uid != uid):
                members.attention.discard(pod_name)
                continue
            if facts.match is None or facts.match[0] is not selector:
                facts.match = (selector, rules.selector_matches(selector, facts.labels))
            if deleting:
                # A set being deleted neither adopts nor releases; look again later.
                continue
            members.attention.discard(pod_name)
            pod = facts.pod
            if facts.owner_uid is not None and not facts.match[1]:
                refs = [r for r in rules.owner_refs(pod) if r.get("uid") != uid]
                self.api.write(pod, {"metadata": {"ownerReferences": refs or DELETE}},
                               actor=self.name, reason="release: labels no longer match")
            elif facts.owner_uid is None and facts.match[1] and not facts.deleting:
                refs = [*rules.owner_refs(pod), rules.controller_ref(sts)]
                self.api.write(pod, {"metadata": {"ownerReferences": refs}},
                               actor=self.name, reason=f"adopt into StatefulSet {name_of(sts)}")

    def _revisions(self, sts: Manifest, members: Members) -> tuple[Revision, Revision]:
        """Current and update revisions (getStatefulSetRevisions)."""
        return self._history.revisions(sts)

    def enqueue_owner(self, namespace: str, set_uid: str) -> None:
        """A revision of the set with that uid changed."""
        sts = self.store.by_uid(set_uid)
        if sts is not None and sts.get("kind") == "StatefulSet":
            self.enqueue(("StatefulSet", namespace, name_of(sts)))

    def enqueue_namespace(self, namespace: str) -> None:
        """An orphaned revision appeared: any set there may adopt it."""
        for sts in self.store.list("StatefulSet", namespace):
            self.enqueue(("StatefulSet", namespace, name_of(sts)))

    def _progress_for(self, key: Key, sts: Manifest, members: Members,
                      update: Revision) -> Progress:
        progress = self._progress.get(key)
        spec, uid = sts.get("spec"), uid_of(sts)
        if progress is None or not progress.matches(spec, uid, update.name):
            progress = self._progress[key] = Progress(
                spec, uid, rules.start_ordinal(sts), rules.end_ordinal(sts), update.name, members)
        return progress

    def _update(self, key: Key, sts: Manifest, members: Members, current: Revision,
                update: Revision) -> None:
        """updateStatefulSet: everything but the status write."""
        uid = uid_of(sts)
        start, end = rules.start_ordinal(sts), rules.end_ordinal(sts)
        min_ready = rules.min_ready_seconds(sts)
        now = self.clock.now_ms
        progress = self._progress_for(key, sts, members, update)
        if is_deleting(sts):
            return
        monotonic = not rules.is_parallel(sts)

        def process_replica(ordinal: int) -> bool:
            facts = members.owned(ordinal, uid)
            blocked = self._process_replica(sts, facts, ordinal, monotonic, current, update,
                                            min_ready, now)
            # Remember the outcome while it cannot change by itself: the pod was not written
            # meanwhile, and it is not waiting out minReadySeconds.
            if facts is not None and not facts.waiting_out_min_ready(min_ready, now) and \
                    self.store.get("Pod", key[1], facts.name) is facts.pod:
                progress.conclude(ordinal, facts, blocked, facts.healthy(min_ready, now))
            return blocked

        if monotonic:
            for ordinal, tag in _merged(progress.todo, progress.stuck):
                if tag == "other" or process_replica(ordinal):
                    return
        else:
            self._run_parallel(list(progress.todo), process_replica)

        # Claims of condemned pods get the owners the retention policy wants (checked once
        # per pod version; ``unverified`` lists the ones not checked yet).
        def fix_claims(name: str) -> bool:
            facts = members.facts.get(name)
            if facts is None or facts.owner_uid != uid or progress.in_range(facts.ordinal):
                progress.unverified.discard(name)
                return False
            if not self._retention_matches(sts, facts) and \
                    self._update_claims_for_retention(sts, facts.pod):
                raise _SyncError
            if self.store.get("Pod", key[1], name) is facts.pod:
                progress.unverified.discard(name)
            return False

        order = sorted(progress.unverified, key=lambda n: -rules.parent_and_ordinal(n)[1])
        if self._run_for_all(order, fix_claims, monotonic):
            return

        def first_unhealthy() -> str | None:
            """The lowest unhealthy in-range pod (a missing one counts), else the lowest
            unhealthy condemned pod: only it may be deleted while unhealthy in ordered mode."""
            for ordinal, tag in _merged(progress.todo, progress.sick):
                facts = members.owned(ordinal, uid)
                if tag == "other" or facts is None or not facts.healthy(min_ready, now):
                    return rules.pod_name(name_of(sts), ordinal)
            for facts in members.outside(start, end, uid, descending=False):
                if not facts.healthy(min_ready, now):
                    return facts.name
            return None

        def process_condemned(facts: PodFacts) -> bool:
            if facts.deleting:
                return monotonic
            if monotonic and not facts.healthy(min_ready, now) and \
                    facts.name != first_unhealthy():
                return True
            self._delete_pod(sts, facts.pod, "scale down")
            return True

        condemned = members.outside(start, end, uid)
        if monotonic:
            # One pod at a time: the highest condemned pod either blocks or is deleted.
            facts = next(condemned, None)
            if facts is not None:
                process_condemned(facts)
                return
        else:
            self._run_parallel([f for f in condemned if not f.deleting], process_condemned)

        kind, partition = rules.update_strategy(sts)
        if kind == rules.ROLLING_UPDATE:
            self._roll_out(sts, members, progress, update, start + (partition or 0), min_ready, now)

    def _roll_out(self, sts: Manifest, members: Members, progress: Progress, update: Revision,
                  lowest: int, min_ready: int, now: int) -> None:
        """Replace the highest pod not at the update revision, one at a time, waiting for any
        higher pod that is not healthy. Only outdated, unsettled or unhealthy ordinals can
        stop the walk down from the top, so only those are looked at."""
        uid = uid_of(sts)
        candidates = sorted(progress.outdated | set(progress.todo) | set(progress.sick),
                            reverse=True)
        for ordinal in candidates:
            if ordinal < lowest or not progress.in_range(ordinal):
                continue
            facts = members.owned(ordinal, uid)
            if facts is None:
                return
            if facts.revision != update.name and not facts.deleting:
                self._delete_pod(sts, facts.pod, f"roll out revision {update.name}")
                return
            if not facts.healthy(min_ready, now):
                return

    def _run_for_all(self, items: list[Any], fn: Callable[[Any], bool], monotonic: bool) -> bool:
        """runForAll: ordered mode stops at the first blocking item, Parallel does them all."""
        if monotonic:
            return any(fn(item) for item in items)
        self._run_parallel(items, fn)
        return False

    @staticmethod
    def _run_parallel(items: list[Any], fn: Callable[[Any], bool]) -> None:
        """slowStartBatch: batches of 1, 2, 4, ... up to 500; an error stops after its batch."""
        index, batch = 0, 1
        while index < len(items):
            failed = False
            for item in items[index:index + batch]:
                try:
                    fn(item)
                except _SyncError:
                    failed = True
            index += batch
            if failed:
                raise _SyncError
            batch = min(batch * 2, _MAX_BATCH)

    def _process_replica(self, sts: Manifest, facts: PodFacts | None, ordinal: int,
                         monotonic: bool, current: Revision, update: Revision,
                         min_ready: int, now: int) -> bool:
        if facts is not None and facts.finished:
            # Failed or Succeeded: delete it; it is recreated once it is gone.
            if not facts.deleting:
                self._delete_pod(sts, facts.pod, f"recreate {phase_of(facts.pod)} pod")
            return True
        if facts is None:
            if rules.retention_policy(sts)[1] == rules.DELETE and self._claim_is_stale(sts, ordinal):
                # A claim still owned by the previous pod of this name: wait for the GC.
                return True
            self._create_pod(sts, ordinal, current, update)
            return monotonic
        if facts.pending:
            self._create_missing_claims(sts, facts, ordinal)
        if monotonic and not facts.healthy(min_ready, now):
            return True
        self._enforce_invariants(sts, facts)
        return False

    # ---- pods and claims -----------------------------------------------------------
    def _new_pod(self, sts: Manifest, ordinal: int, current: Revision,
                 update: Revision) -> Manifest:
        """newVersionedStatefulSetPod: below the partition a pod stays at the current revision."""
        kind, partition = rules.update_strategy(sts)
        status = sts.get("status") or {}
        start = rules.start_ordinal(sts)
        template = get_path(sts, "spec", "template", default={}) or {}
        use_current = (kind == rules.ROLLING_UPDATE and partition is None
                       and ordinal < start + int(status.get("currentReplicas") or 0)) or \
            (partition is not None and ordinal < start + partition)
        revision = current if use_current else update
        return rules.new_pod(sts, revision.template if revision.template is not None else template,
                             ordinal, revision.name)

    def _create_pod(self, sts: Manifest, ordinal: int, current: Revision,
                    update: Revision) -> None:
        """CreateStatefulPod: claims first, then the pod, then the claims' owners."""
        pod = self._new_pod(sts, ordinal, current, update)
        set_name, pod_name = name_of(sts), name_of(pod)
        errors = self._create_claims(sts, pod, ordinal)
        if errors:
            self._pod_event(sts, "create", pod_name, _aggregate(errors))
            raise _SyncError
        try:
            created = self.api.create(pod, actor=self.name, typed=self._decodes(sts),
                                      reason=f"create pod {pod_name} (ordinal {ordinal} of {set_name})")
        except ApiError as err:
            if err.reason != "AlreadyExists":
                self._pod_event(sts, "create", pod_name, err.message)
            raise _SyncError from err
        problems = self._update_claims_for_retention(sts, created)
        if problems:
            self._pod_event(sts, "update", pod_name, _aggregate(problems))
            raise _SyncError
        self._pod_event(sts, "create", pod_name, None)

    def _decodes(self, sts: Manifest) -> bool:
        """Whether the set's spec decodes, so pods and claims built from its templates do.

        A set created through the API server always does; one restored as it was
        (``Cluster.from_manifests``) is checked once per spec version, and if it does not
        decode, its pods and claims get the full check and its error on create."""
        spec, uid = sts.get("spec"), uid_of(sts)
        known = self._decoded.get(uid)
        if known is not None and known[0] is spec:
            return known[1]
        try:
            decode_check(sts)
            ok = True
        except ApiError:
            ok = False
        self._decoded[uid] = (spec, ok)
        return ok

    def _create_claims(self, sts: Manifest, pod: Manifest, ordinal: int) -> list[str]:
        """createPersistentVolumeClaims: create missing claims, reuse existing ones as is."""
        errors: list[str] = []
        for claim in rules.claims_for(sts, ordinal):
            name = name_of(claim)
            existing = self.store.get("PersistentVolumeClaim", namespace_of(claim), name)
            if existing is None:
                try:
                    self.api.create(claim, actor=self.name, typed=self._decodes(sts),
                                    reason=f"create claim {name} for pod {name_of(pod)}")
                except ApiError as err:
                    errors.append(f"failed to create PVC {name}: {err.message}")
                    if err.reason != "AlreadyExists":
                        self.event(sts, WARNING, "FailedCreate",
                                   f"create Claim {name} for Pod {name_of(pod)} in StatefulSet "
                                   f"{name_of(sts)} failed error: {err.message}")
                    continue
                self.event(sts, NORMAL, "SuccessfulCreate",
                           f"create Claim {name} Pod {name_of(pod)} in StatefulSet "
                           f"{name_of(sts)} success")
            elif is_deleting(existing):
                errors.append(f"pvc {name} is being deleted")
        return errors

    def _create_missing_claims(self, sts: Manifest, facts: PodFacts, ordinal: int) -> None:
        """createMissingPersistentVolumeClaims, for a Pending pod on every sync."""
        pod = facts.pod
        namespace = namespace_of(sts)
        present = True
        for claim_name in rules.claim_names_for(sts, ordinal):
            claim = self.store.get("PersistentVolumeClaim", namespace, claim_name)
            if claim is None or is_deleting(claim):
                present = False
                break
        if present and self._retention_matches(sts, facts):
            return
        errors = self._create_claims(sts, pod, ordinal)
        if errors:
            raise _SyncError
        problems = self._update_claims_for_retention(sts, pod)
        if problems:
            self._pod_event(sts, "update", name_of(pod), _aggregate(problems))
            raise _SyncError

    def _claim_is_stale(self, sts: Manifest, ordinal: int) -> bool:
        """PodClaimIsStale: an existing claim names a previous pod of this name as owner."""
        pod_name = rules.pod_name(name_of(sts), ordinal)
        for claim_name in rules.claim_names_for(sts, ordinal):
            claim = self.store.get("PersistentVolumeClaim", namespace_of(sts), claim_name)
            if claim is not None and rules.has_stale_pod_ref(claim, pod_name, ""):
                return True
        return False

    def _retention_matches(self, sts: Manifest, facts: PodFacts) -> bool:
        """ClaimsMatchRetentionPolicy, remembered per pod until a claim or the set changes.

        The answer reads only the pod's name and uid (not its status), the set's spec and
        uid, and the claims, whose changes drop the memo (``_claim_changed``)."""
        metadata = sts["metadata"]
        key = (metadata.get("namespace") or "", facts.name)
        seen = self._retention_ok.get(key)
        spec = sts.get("spec")
        pod_uid = uid_of(facts.pod)
        if seen is not None and seen[0] == pod_uid and seen[1] is spec and \
                seen[2] == metadata.get("uid"):
            return True
        if not self._claims_match_retention(sts, facts.pod):
            return False
        self._retention_ok[key] = (pod_uid, spec, metadata.get("uid"))
        return True

    def _claims_match_retention(self, sts: Manifest, pod: Manifest) -> bool:
        for claim_name in rules.claim_names_for(sts, rules.ordinal_of(pod)):
            claim = self.store.get("PersistentVolumeClaim", namespace_of(sts), claim_name)
            if claim is not None and not rules.claim_owner_up_to_date(claim, sts, pod):
                return False
        return True

    def _update_claims_for_retention(self, sts: Manifest, pod: Manifest) -> list[str]:
        """UpdatePodClaimForRetentionPolicy: set the claims' owners for the policy."""
        problems: list[str] = []
        for claim_name in rules.claim_names_for(sts, rules.ordinal_of(pod)):
            claim = self.store.get("PersistentVolumeClaim", namespace_of(sts), claim_name)
            if claim is None:
                continue
            if rules.has_unexpected_controller(claim, sts, pod):
                # (sic) upstream's wording, typo included.
                self.event(sts, WARNING, "ConflictingController",
                           f"PersistentVolumeClaim {claim_name} has a conflicting OwnerReference "
                           f"that acts as a manging controller, the retention policy is ignored "
                           f"for this claim")
            if rules.claim_owner_up_to_date(claim, sts, pod):
                continue
            refs = rules.retention_owner_refs(claim, sts, pod)
            try:
                self.api.write(claim, {"metadata": {"ownerReferences": refs or DELETE}},
                               actor=self.name, reason=_retention_reason(sts, pod, refs))
            except ApiError as err:
                problems.append(f"could not update claim {claim_name} for delete policy "
                                f"ownerRefs: {err.message}")
        return problems

    def _enforce_invariants(self, sts: Manifest, facts: PodFacts) -> None:
        """UpdateStatefulPod: restore identity labels and the claims' retention owners.

        A storage mismatch is left alone: a pod's volumes cannot change after creation
        (the API server refuses), so the real controller's attempt only fails.
        """
        pod = facts.pod
        # Name, parent and namespace already match (that is how the pod was found).
        identity_ok = facts.labels.get(rules.POD_NAME_LABEL) == facts.name
        retention_ok = self._retention_matches(sts, facts)
        if identity_ok and retention_ok:
            return
        if not retention_ok:
            problems = self._update_claims_for_retention(sts, pod)
            if problems:
                self._pod_event(sts, "update", name_of(pod), _aggregate(problems))
                raise _SyncError
        if not identity_ok:
            self.api.write(pod, {"metadata": {"labels": {
                rules.POD_NAME_LABEL: name_of(pod),
                rules.POD_INDEX_LABEL: str(rules.ordinal_of(pod)),
            }}}, actor=self.name, reason="restore identity labels")
        self._pod_event(sts, "update", name_of(pod), None)

    def _delete_pod(self, sts: Manifest, pod: Manifest, why: str) -> None:
        try:
            self.api.delete("Pod", namespace_of(pod), name_of(pod), actor=self.name,
                            reason=f"{why}: delete {name_of(pod)}")
        except ApiError as err:
            self._pod_event(sts, "delete", name_of(pod), err.message)
            raise _SyncError from err
        self._pod_event(sts, "delete", name_of(pod), None)

    def _pod_event(self, sts: Manifest, verb: str, pod_name: str, error: str | None) -> None:
        """recordPodEvent: ``create Pod web-0 in StatefulSet web successful`` and friends."""
        if error is None:
            self.event(sts, NORMAL, f"Successful{verb.title()}",
                       f"{verb} Pod {pod_name} in StatefulSet {name_of(sts)} successful")
        else:
            self.event(sts, WARNING, f"Failed{verb.title()}",
                       f"{verb} Pod {pod_name} in StatefulSet {name_of(sts)} failed error: {error}")

    # ---- status ------------------------------------------------------------------------
    def _write_status(self, key: Key, members: Members, current: Revision,
                      update: Revision) -> None:
        sts = self.store.get_key(key)
        if sts is None:
            return
        counts = members.counts_for(uid_of(sts))
        available, next_available = counts.available(rules.min_ready_seconds(sts),
                                                     self.clock.now_ms)
        status: dict[str, Any] = {
            "observedGeneration": int(meta(sts).get("generation") or 0),
            "replicas": counts.replicas,
            "readyReplicas": counts.ready,
            "availableReplicas": available,
            "currentReplicas": counts.live_revisions[current.name],
            "updatedReplicas": counts.live_revisions[update.name],
            "currentRevision": current.name,
            "updateRevision": update.name,
            "collisionCount": 0,
        }
        desired = rules.desired_replicas(sts)
        kind, _ = rules.update_strategy(sts)
        if kind == rules.ROLLING_UPDATE and status["updatedReplicas"] == desired and \
                status["readyReplicas"] == desired and status["replicas"] == desired:
            # completeRollingUpdate: the update revision becomes the current one.
            status["currentReplicas"] = status["updatedReplicas"]
            status["currentRevision"] = update.name
        for field in _OMIT_WHEN_ZERO:
            if not status[field]:
                del status[field]
        old = sts.get("status") or {}
        if old != status:
            changes = {**status, **{k: DELETE for k in old if k not in status}}
            self.api.write(sts, {"status": changes}, actor=self.name,
                           reason=f"status: {counts.ready}/{desired} ready")
        self._schedule_recheck(key, next_available)

    def _schedule_recheck(self, key: Key, at_ms: int | None) -> None:
        """Re-sync when a Ready pod becomes Available (minReadySeconds)."""
        handle = self._rechecks.get(key)
        if handle is not None and handle.at_ms <= self.clock.now_ms:
            handle = None
        if at_ms is None:
            return
        if handle is not None and handle.at_ms <= at_ms:
            return
        if handle is not None:
            handle.cancel()

        def fire() -> None:
            self._rechecks.pop(key, None)
            self.enqueue(key)

        self._rechecks[key] = self.clock.schedule(at_ms - self.clock.now_ms, fire,
                                                  label=f"{key[2]}: minReadySeconds elapsed")


def _aggregate(errors: list[str]) -> str:
    """utilerrors.NewAggregate's text: one error as is, several in brackets."""
    return errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"


def _retention_reason(sts: Manifest, pod: Manifest, refs: list[dict[str, Any]]) -> str:
    owners = [f"{r.get('kind')} {r.get('name')}" for r in refs
              if r.get("uid") in (uid_of(sts), uid_of(pod))]
    when_deleted, when_scaled = rules.retention_policy(sts)
    policy = f"whenDeleted={when_deleted}, whenScaled={when_scaled}"
    return f"retention policy ({policy}): owner " + (", ".join(owners) if owners else "none")


def _merged(first: list[int], second: list[int]) -> Iterator[tuple[int, str]]:
    """Two sorted ordinal lists in ascending order, each item tagged with its list
    (an ordinal is never in both); snapshots, so the lists may change while this runs."""
    return heapq.merge(((o, "todo") for o in list(first)), ((o, "other") for o in list(second)))
