"""Why a claim is (not) bound, and what holds a volume: the PV controller's reasoning, shown.

:func:`explain_claim` replays the controller's decision for a claim without writing
anything: every PV in the order the controller looks at them (access-mode groups
fewest-modes first, PVs by name inside a group), each with the checks of
``FindMatchingVolume`` in their real order and the values compared; the chosen PV;
what blocks a Pending claim; and hints about common misconceptions.
:func:`explain_volume` says what keeps a PV from being Available and the one command
that frees it. Both return frozen dataclasses with a ``text()`` rendering (the
``explain pvc NAME`` script verb prints it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import binding
from .binding import ANN_BIND_COMPLETED, ANN_SELECTED_NODE, SHORT_MODES
from .objects import annotations_of, labels_of, name_of, namespace_of, uid_of
from .quantity import human

if TYPE_CHECKING:
    from .cluster import Cluster

PV = "PersistentVolume"
PVC = "PersistentVolumeClaim"
OK, FAIL, SKIP = "✓", "✗", "·"


@dataclass(frozen=True)
class Check:
    """One check of one PV: ``ok`` is None when the controller does not evaluate it."""

    name: str
    ok: bool | None
    wanted: str
    actual: str
    detail: str = ""


@dataclass(frozen=True)
class VolumeVerdict:
    volume: str
    group: str
    outcome: str  # chosen | candidate | rejected | not-searched | pre-bound
    checks: tuple[Check, ...]
    summary: str


@dataclass(frozen=True)
class ClaimExplanation:
    namespace: str
    name: str
    phase: str
    requested: dict[str, Any] = field(hash=False)
    verdicts: tuple[VolumeVerdict, ...]
    chosen: str | None
    blocking_reason: str
    hints: tuple[str, ...]

    def text(self) -> str:
        req = self.requested
        selector = req["selector"] or "no selector"
        lines = [
            f"PersistentVolumeClaim {self.namespace}/{self.name}: {self.phase or 'Pending'}",
            f"Requests: {req['size']}, access modes {req['access_modes'] or '(none)'}, "
            f"storageClassName {_class_text(req)}, volumeMode {req['volume_mode']}, {selector}",
        ]
        if self.verdicts:
            lines.append("Volumes, in the order the PV controller considers them:")
        else:
            lines.append("Volumes: there are no PersistentVolumes.")
        for verdict in self.verdicts:
            mark = {"chosen": OK, "candidate": "~", "not-searched": SKIP,
                    "pre-bound": "~"}.get(verdict.outcome, FAIL)
            lines.append(f"  {mark} {verdict.volume} [{verdict.group or '-'}] "
                         f"{verdict.outcome}: {verdict.summary}")
            for check in verdict.checks:
                sign = SKIP if check.ok is None else (OK if check.ok else FAIL)
                line = f"      {sign} {check.name}: wanted {check.wanted}, actual {check.actual}"
                if check.detail:
                    line += f" ({check.detail})"
                lines.append(line)
        lines.append(f"Chosen: {self.chosen or 'none'}")
        if self.blocking_reason:
            lines.append(f"Blocking: {self.blocking_reason}")
        if self.hints:
            lines.append("Hints:")
            lines.extend(f"  - {hint}" for hint in self.hints)
        return "\n".join(lines)


@dataclass(frozen=True)
class VolumeExplanation:
    name: str
    phase: str
    claim: str
    holding: str
    action: str
    hints: tuple[str, ...]

    def text(self) -> str:
        lines = [f"PersistentVolume {self.name}: {self.phase or 'Pending'}"]
        if self.claim:
            lines.append(f"Claim: {self.claim}")
        lines.append(f"Holding it: {self.holding or 'nothing, it is Available'}")
        if self.action:
            lines.append(f"To free it: {self.action}")
        if self.hints:
            lines.append("Hints:")
            lines.extend(f"  - {hint}" for hint in self.hints)
        return "\n".join(lines)


def _class_text(requested: Mapping[str, Any]) -> str:
    source = requested["class_source"]
    if source == "unset":
        return "(unset)"
    return f'"{requested["storage_class"]}" ({source})'


def _modes_text(modes: Sequence[str]) -> str:
    return ",".join(SHORT_MODES.get(m, m) for m in modes) or "(none)"


def _quantity_text(obj: Mapping[str, Any], *path: str) -> str:
    current: Any = obj
    for step in path:
        current = current.get(step) if isinstance(current, Mapping) else None
    return "(none)" if current is None else str(current)


def _selector_text(selector: Any) -> str:
    if selector is None:
        return ""
    parts = [f"{k}={v}" for k, v in sorted(dict(selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or []:
        values = ",".join(str(v) for v in expr.get("values") or [])
        parts.append(f"{expr.get('key')} {expr.get('operator')} ({values})".replace(" ()", ""))
    return "selector " + (", ".join(parts) or "{} (matches everything)")


def _ref_text(ref: Mapping[str, Any]) -> str:
    if not ref.get("name"):
        return "{} (empty claimRef)"
    text = f"{ref.get('namespace') or ''}/{ref.get('name')}"
    if ref.get("uid"):
        text += f" (uid {str(ref['uid'])[:8]}…)"
    return text


def _class_source(cluster: Cluster, claim: Mapping[str, Any]) -> str:
    if binding.ANN_BETA_STORAGE_CLASS in annotations_of(claim):
        return "set"
    value = (claim.get("spec") or {}).get("storageClassName")
    if value is None:
        return "unset"
    if value == "":
        return "empty"
    uid = uid_of(claim)
    for change in cluster.store.log:
        if (change.key[0] == PVC and change.actor == "persistentvolume-controller"
                and change.reason.startswith("assign default StorageClass")
                and change.new is not None and uid_of(change.new) == uid):
            return "defaulted"
    applied = annotations_of(claim).get("kubectl.kubernetes.io/last-applied-configuration")
    if applied and '"storageClassName"' not in applied:
        return "defaulted"
    return "set"


# ---- the checks of one PV ------------------------------------------------------------------
def _volume_checks(claim: Mapping[str, Any], volume: Mapping[str, Any], searched_key: bool,
                   delay: bool) -> tuple[list[Check], bool]:
    """The controller's checks for one PV, in order; returns (checks, pre-bound)."""
    checks: list[Check] = []
    wanted_modes = binding.access_modes_of(claim)
    key = binding.access_mode_key(binding.access_modes_of(volume))
    checks.append(Check("accessModes", searched_key, f"all of {_modes_text(wanted_modes)}",
                        _modes_text(key),
                        "" if searched_key else "the volume's access-mode set lacks a "
                                                "requested mode, so its group is not searched"))
    ref = binding.claim_ref_of(volume)
    bound = ref is not None and binding.is_volume_bound_to_claim(volume, claim)
    claim_text = f"{namespace_of(claim)}/{name_of(claim)}"
    if ref is None:
        checks.append(Check("claimRef", True, f"none or {claim_text}", "none"))
    elif bound:
        checks.append(Check("claimRef", True, f"none or {claim_text}", _ref_text(ref),
                            "pre-bound to this claim"))
    else:
        same_name = (ref.get("name") == name_of(claim)
                     and (ref.get("namespace") or "") == namespace_of(claim))
        detail = ("points at an earlier claim with this name (another uid): the volume still "
                  "holds that claim" if same_name else
                  "an empty claimRef blocks the volume for every claim" if not ref.get("name")
                  else f"already bound to {ref.get('namespace') or ''}/{ref.get('name')}")
        checks.append(Check("claimRef", False, f"none or {claim_text}", _ref_text(ref), detail))
    requested = binding.requested_storage(claim)
    capacity = binding.volume_capacity(volume)
    size_detail = ""
    if capacity < requested:
        size_detail = f"{human(capacity)} < {human(requested)}"
    checks.append(Check("capacity", capacity >= requested,
                        f">= {_quantity_text(claim, 'spec', 'resources', 'requests', 'storage')}",
                        _quantity_text(volume, "spec", "capacity", "storage"), size_detail))
    checks.append(Check("volumeMode", not binding.volume_mode_mismatch(claim, volume),
                        binding.volume_mode_of(claim), binding.volume_mode_of(volume)))
    claim_vac, volume_vac = binding.vac_of(claim), binding.vac_of(volume)
    if claim_vac or volume_vac:
        checks.append(Check("volumeAttributesClass", claim_vac == volume_vac,
                            f'"{claim_vac}"', f'"{volume_vac}"'))
    deleting = binding.is_deleting(volume)
    checks.append(Check("deletion", not deleting, "not being deleted",
                        "being deleted" if deleting else "not being deleted"))
    if (volume.get("spec") or {}).get("nodeAffinity") is not None:
        checks.append(Check("nodeAffinity", None, "(scheduler only)", "set",
                            "the PV controller does not check node affinity"))
    not_checked = "not checked for a volume pre-bound to this claim"
    if delay:
        checks.append(Check("bindingMode", None if bound else False, "Immediate",
                            "WaitForFirstConsumer",
                            not_checked if bound else
                            "the PV controller leaves unbound volumes to the scheduler"))
    phase = binding.phase(volume)
    checks.append(Check("phase", None if bound else phase == binding.AVAILABLE, "Available",
                        phase or "(none)", not_checked if bound else ""))
    selector = (claim.get("spec") or {}).get("selector")
    if selector is not None:
        try:
            matches: bool | None = binding.selector_matches(selector, labels_of(volume))
        except binding.SelectorError as err:
            matches, detail = False, str(err)
        else:
            detail = ""
        labels = ",".join(f"{k}={v}" for k, v in sorted(labels_of(volume).items()))
        checks.append(Check("selector", None if bound else matches, _selector_text(selector),
                            labels or "(no labels)", not_checked if bound else detail))
    claim_cls, volume_cls = binding.claim_class(claim), binding.volume_class(volume)
    checks.append(Check("storageClass", None if bound else claim_cls == volume_cls,
                        f'"{claim_cls}"', f'"{volume_cls}"', not_checked if bound else ""))
    return checks, bound


def _first_failure(checks: Sequence[Check]) -> Check | None:
    return next((c for c in checks if c.ok is False), None)


def _failure_summary(check: Check) -> str:
    if check.name == "accessModes":
        return f"offers {check.actual}; the claim needs {check.wanted.removeprefix('all of ')}"
    if check.name == "storageClass":
        return f"class {check.actual} ≠ {check.wanted}"
    if check.detail:
        return f"{check.name}: {check.detail}"
    return f"{check.name}: wanted {check.wanted}, actual {check.actual}"


# ---- claims -------------------------------------------------------------------------------------
def explain_claim(cluster: Cluster, namespace: str, name: str) -> ClaimExplanation:
    """The PV controller's reasoning for one claim (raises ApiError NotFound if absent)."""
    from .apiserver import not_found

    store = cluster.store
    claim = store.get(PVC, namespace, name)
    if claim is None:
        raise not_found(PVC, name)
    spec = claim.get("spec") or {}
    volumes = store.list(PV)
    classes = {name_of(c): c for c in store.list("StorageClass")}
    requested = {
        "size": _quantity_text(claim, "spec", "resources", "requests", "storage"),
        "access_modes": _modes_text(binding.access_modes_of(claim)),
        "storage_class": binding.claim_class(claim),
        "class_source": _class_source(cluster, claim),
        "volume_mode": binding.volume_mode_of(claim),
        "selector": _selector_text(spec.get("selector")),
    }
    phase = binding.phase(claim)
    delay_error = ""
    try:
        delay = binding.is_delay_binding_mode(claim, classes)
    except ValueError as err:
        delay, delay_error = False, str(err)

    volume_name = str(spec.get("volumeName") or "")
    bind_completed = ANN_BIND_COMPLETED in annotations_of(claim)
    if volume_name and not bind_completed:
        verdicts, chosen = _named_volume_verdicts(claim, volumes, volume_name)
    else:
        verdicts, chosen = _search_verdicts(claim, volumes, delay,
                                            volume_name if bind_completed else None)
    blocking = _blocking_reason(cluster, claim, phase, chosen, delay, delay_error, classes)
    hints = _claim_hints(cluster, claim, verdicts, chosen, requested, delay, classes, blocking)
    return ClaimExplanation(namespace, name, phase, requested, tuple(verdicts), chosen,
                            blocking, tuple(hints))


def _search_verdicts(claim: Mapping[str, Any], volumes: Sequence[Mapping[str, Any]],
                     delay: bool, bound_to: str | None) -> tuple[list[VolumeVerdict], str | None]:
    groups = binding.group_volumes(volumes)
    order = binding.matching_access_mode_groups(binding.access_modes_of(claim), groups)
    winner = None
    winner_index = len(order)
    if bound_to is None:
        for i, key in enumerate(order):
            try:
                found = binding.find_matching_volume(claim, groups[key], delay_binding=delay)
            except ValueError:
                found = None
            if found is not None:
                winner, winner_index = name_of(found), i
                break
    else:
        volume = next((v for v in volumes if name_of(v) == bound_to), None)
        if volume is not None:
            winner = bound_to
            key = binding.access_mode_key(binding.access_modes_of(volume))
            winner_index = order.index(key) if key in order else len(order)
    verdicts: list[VolumeVerdict] = []
    rank = {key: i for i, key in enumerate(order)}
    ordered_keys = order + sorted((k for k in groups if k not in rank),
                                  key=lambda k: (len(k), k))
    for key in ordered_keys:
        searched = key in rank
        for volume in groups[key]:
            checks, bound = _volume_checks(claim, volume, searched, delay)
            failure = _first_failure(checks)
            vname = name_of(volume)
            if vname == winner:
                outcome = "chosen"
                summary = ("bound to this claim" if bound_to is not None else
                           "pre-bound to this claim" if bound else
                           "smallest fitting volume in the first group that has one")
            elif failure is not None:
                outcome = "rejected"
                summary = _failure_summary(failure)
            elif searched and rank[key] > winner_index:
                outcome = "not-searched"
                summary = (f"group {binding.short_modes(key)} is searched only when the "
                           f"groups with fewer modes yield nothing")
            elif bound:
                outcome = "pre-bound"
                summary = "reserved for this claim, but another volume was chosen"
            else:
                outcome = "candidate"
                summary = (f"fits, but {winner} was chosen (smaller, or first by name among "
                           f"equals)" if winner else "fits")
            verdicts.append(VolumeVerdict(vname, binding.short_modes(key), outcome,
                                          tuple(checks), summary))
    return verdicts, winner


def _named_volume_verdicts(claim: Mapping[str, Any], volumes: Sequence[Mapping[str, Any]],
                           volume_name: str) -> tuple[list[VolumeVerdict], str | None]:
    verdicts = []
    chosen = None
    for volume in volumes:
        key = binding.short_modes(binding.access_mode_key(binding.access_modes_of(volume)))
        if name_of(volume) != volume_name:
            verdicts.append(VolumeVerdict(name_of(volume), key, "not-searched", (),
                                          f"the claim names {volume_name} in spec.volumeName"))
            continue
        ref = binding.claim_ref_of(volume)
        checks = [Check("claimRef", ref is None or binding.is_volume_bound_to_claim(volume, claim),
                        f"none or {namespace_of(claim)}/{name_of(claim)}",
                        "none" if ref is None else _ref_text(ref))]
        reason = binding.check_volume_satisfy_claim(volume, claim)
        checks += [
            Check("deletion", not binding.is_deleting(volume), "not being deleted",
                  "being deleted" if binding.is_deleting(volume) else "not being deleted"),
            Check("capacity", reason != "requested PV is too small",
                  f">= {_quantity_text(claim, 'spec', 'resources', 'requests', 'storage')}",
                  _quantity_text(volume, "spec", "capacity", "storage")),
            Check("storageClass", binding.claim_class(claim) == binding.volume_class(volume),
                  f'"{binding.claim_class(claim)}"', f'"{binding.volume_class(volume)}"'),
            Check("volumeMode", not binding.volume_mode_mismatch(claim, volume),
                  binding.volume_mode_of(claim), binding.volume_mode_of(volume)),
            Check("accessModes", binding.check_access_modes(claim, volume),
                  f"all of {_modes_text(binding.access_modes_of(claim))}",
                  _modes_text(binding.access_modes_of(volume))),
            Check("phase", None, "any", binding.phase(volume) or "(none)",
                  "not checked when the claim names its volume"),
        ]
        failure = _first_failure(checks)
        if failure is None:
            chosen = volume_name
            verdicts.append(VolumeVerdict(volume_name, key, "chosen", tuple(checks),
                                          "named by the claim in spec.volumeName"))
        else:
            verdicts.append(VolumeVerdict(volume_name, key, "rejected", tuple(checks),
                                          reason and f"Cannot bind to requested volume: {reason}"
                                          or _failure_summary(failure)))
    return verdicts, chosen


def _blocking_reason(cluster: Cluster, claim: Mapping[str, Any], phase: str,
                     chosen: str | None, delay: bool, delay_error: str,
                     classes: Mapping[str, Mapping[str, Any]]) -> str:
    spec = claim.get("spec") or {}
    volume_name = str(spec.get("volumeName") or "")
    if ANN_BIND_COMPLETED in annotations_of(claim):
        if phase == "Lost":
            if not volume_name:
                return "ClaimLost: Bound claim has lost reference to PersistentVolume."
            volume = cluster.store.get(PV, "", volume_name)
            if volume is None:
                return f'ClaimLost: its PersistentVolume "{volume_name}" no longer exists'
            return (f'ClaimMisbound: PersistentVolume "{volume_name}" is bound to another '
                    f"claim")
        return ""
    if volume_name:
        volume = cluster.store.get(PV, "", volume_name)
        if volume is None:
            return (f'the claim names volume "{volume_name}" (spec.volumeName), which does not '
                    f"exist; it stays Pending until it does")
        ref = binding.claim_ref_of(volume)
        if ref is not None and not binding.is_volume_bound_to_claim(volume, claim):
            return f'FailedBinding: volume "{volume_name}" already bound to a different claim.'
        reason = binding.check_volume_satisfy_claim(volume, claim) if ref is None else None
        if reason:
            return f'VolumeMismatch: Cannot bind to requested volume "{volume_name}": {reason}'
        return f"volume {volume_name} fits; the PV controller binds it on its next sync"
    if delay_error:
        return f"{delay_error} (the PV controller cannot decide how to bind)"
    if chosen:
        return f"volume {chosen} matches; the PV controller binds it on its next sync"
    if not binding.claim_has_class(claim):
        default = binding.default_storage_class(classes.values())
        if default is not None:
            return (f'no PersistentVolume matches; the PV controller will set the default '
                    f'StorageClass "{name_of(default)}" on its next sync')
    if delay and ANN_SELECTED_NODE not in annotations_of(claim):
        pods = binding.pods_using_claim(cluster.store.list("Pod", namespace_of(claim)),
                                        name_of(claim))
        waiting = [name_of(p) for p in pods if not binding.is_pod_terminated(p)
                   and not (p.get("spec") or {}).get("nodeName")]
        if waiting:
            return (f"WaitForPodScheduled: waiting for pod{'s' if len(waiting) > 1 else ''} "
                    f"{','.join(waiting)} to be scheduled")
        return "WaitForFirstConsumer: waiting for first consumer to be created before binding"
    class_name = binding.claim_class(claim)
    if class_name:
        storage_class = classes.get(class_name)
        prefix = "no PersistentVolume matches and provisioning failed: ProvisioningFailed: "
        if storage_class is None:
            return f'{prefix}storageclass.storage.k8s.io "{class_name}" not found'
        from .controllers import provisioner as nfs_provisioner
        from .controllers.pv_controller import MIGRATED_PROVISIONERS

        provisioner = str(storage_class.get("provisioner") or "")
        if provisioner not in MIGRATED_PROVISIONERS and provisioner.startswith("kubernetes.io/"):
            return f"{prefix}no volume plugin matched name: {provisioner}"
        external = MIGRATED_PROVISIONERS.get(provisioner, provisioner)
        if nfs_provisioner.serves(external):
            if spec.get("selector") is not None:
                return (f'{prefix}failed to provision volume with StorageClass "{class_name}": '
                        f"claim Selector is not supported")
            return (f"no PersistentVolume matches; the external provisioner '{external}' is "
                    f"creating one (ExternalProvisioning)")
        return (f"no PersistentVolume matches; waiting for the external provisioner "
                f"'{external}' (ExternalProvisioning), which does not run in this simulated "
                f"cluster")
    return ("FailedBinding: no persistent volumes available for this claim and no storage "
            "class is set")


def _claim_hints(cluster: Cluster, claim: Mapping[str, Any], verdicts: Sequence[VolumeVerdict],
                 chosen: str | None, requested: Mapping[str, Any], delay: bool,
                 classes: Mapping[str, Mapping[str, Any]], blocking: str) -> list[str]:
    hints: list[str] = []
    modes = binding.access_modes_of(claim)
    mode_rejects = [v for v in verdicts if v.outcome == "rejected"
                    and _first_failure(v.checks) is not None
                    and _first_failure(v.checks).name == "accessModes"]  # type: ignore[union-attr]
    if mode_rejects:
        names = ", ".join(f"{v.volume} ({v.group or 'no modes'})" for v in mode_rejects)
        hints.append(f"Access modes are matched as a set: a volume must offer every mode the "
                     f"claim asks for ({_modes_text(modes)}); {names} cannot serve it, however "
                     f"large or free.")
    if binding.RWO in modes:
        hints.append("ReadWriteOnce means one node at a time, not one pod: pods on the same "
                     "node can share the volume (ReadWriteOncePod is the one-pod mode).")
    if chosen:
        volume = cluster.store.get(PV, "", chosen)
        if volume is not None and binding.volume_capacity(volume) > binding.requested_storage(
                claim):
            hints.append(f"A claim gets the whole volume: this claim asks for "
                         f"{requested['size']} but {chosen} has "
                         f"{_quantity_text(volume, 'spec', 'capacity', 'storage')}; the rest "
                         f"cannot be used by any other claim.")
    source = requested["class_source"]
    default = binding.default_storage_class(classes.values())
    if source == "unset":
        if default is not None:
            hints.append(f'storageClassName is unset, so the default StorageClass '
                         f'"{name_of(default)}" applies; write storageClassName: "" to bind a '
                         f"class-less static volume.")
        else:
            hints.append('storageClassName is unset and there is no default StorageClass: the '
                         'claim matches only class-less volumes, like storageClassName: "". '
                         "Unlike \"\", an unset class is filled in once a default class exists.")
    elif source == "empty":
        hints.append('storageClassName: "" means "no class": only volumes without a class '
                     "match, nothing is provisioned, and no default class is ever applied.")
    elif source == "defaulted" and default is not None:
        hints.append(f'The class "{requested["storage_class"]}" was filled in by default; it '
                     f"no longer matches class-less static volumes.")
    class_rejects = [v for v in verdicts if v.outcome == "rejected"
                     and _first_failure(v.checks) is not None
                     and _first_failure(v.checks).name == "storageClass"]  # type: ignore[union-attr]
    if class_rejects:
        hints.append("Class names must be equal to match: "
                     + ", ".join(f"{v.volume} has {_first_failure(v.checks).actual}"  # type: ignore[union-attr]
                                 for v in class_rejects)
                     + f', the claim wants "{requested["storage_class"]}".')
    class_name = binding.claim_class(claim)
    if class_name and class_name not in classes:
        hints.append(f'No StorageClass object "{class_name}" exists. Static volumes of that '
                     f"class can still bind (only the names are compared), but nothing can be "
                     f"provisioned for it.")
    for verdict in verdicts:
        failure = _first_failure(verdict.checks)
        if failure is None or failure.name != "claimRef":
            continue
        volume = cluster.store.get(PV, "", verdict.volume)
        if volume is not None and binding.phase(volume) == "Released":
            policy = (volume.get("spec") or {}).get("persistentVolumeReclaimPolicy")
            hints.append(f"{verdict.volume} is Released: its {policy} policy keeps the data and "
                         f"the old claimRef, so it is never reused automatically — clear its "
                         f"spec.claimRef to make it Available.")
    if delay and blocking.startswith(("WaitForFirstConsumer", "WaitForPodScheduled")):
        hints.append("WaitForFirstConsumer is not a failure: the volume is chosen when a pod "
                     "using the claim is scheduled, on a node that suits both.")
    for verdict in verdicts:
        failure = _first_failure(verdict.checks)
        if failure is not None and failure.name == "capacity" and (
                "Gi" in failure.wanted) != ("Gi" in failure.actual):
            hints.append("Binary and decimal units differ: 1Gi is 1073741824 bytes, 1G is "
                         "1000000000 bytes, so a 1G volume cannot hold a 1Gi claim.")
            break
    return hints


# ---- volumes ---------------------------------------------------------------------------------------
def _patch_claimref(name: str) -> str:
    return f"kubectl patch pv {name} -p '{{\"spec\":{{\"claimRef\":null}}}}'"


def explain_volume(cluster: Cluster, name: str) -> VolumeExplanation:
    """What keeps a PV from being Available, and the one command that frees it."""
    from .apiserver import not_found

    volume = cluster.store.get(PV, "", name)
    if volume is None:
        raise not_found(PV, name)
    phase = binding.phase(volume)
    ref = binding.claim_ref_of(volume)
    claim_text = ""
    if ref is not None and ref.get("name"):
        claim_text = f"{ref.get('namespace') or ''}/{ref.get('name')}"
    policy = str((volume.get("spec") or {}).get("persistentVolumeReclaimPolicy") or "")
    hints: list[str] = []
    holding, action = "", ""
    if binding.is_deleting(volume):
        holding = ("being deleted; the pv-protection finalizer keeps it while it is Bound"
                   if phase == "Bound" else "being deleted")
        if phase == "Bound" and claim_text:
            action = f"kubectl delete pvc {ref['name']} -n {ref.get('namespace') or 'default'}"  # type: ignore[index]
    elif phase == "Available":
        if ref is not None:
            hints.append(f"It is Available but reserved for {claim_text or 'no claim (empty claimRef)'}"
                         f": only that claim can bind it.")
    elif phase == "Bound":
        holding = f"bound to claim {claim_text}"
        if ref is not None:
            action = f"kubectl delete pvc {ref.get('name')} -n {ref.get('namespace') or 'default'}"
        hints.append(f"Deleting the claim makes the volume Released; with the {policy} policy "
                     + ("its data stays and it is not reused until an admin clears its claimRef."
                        if policy == "Retain" else "the reclaim policy then applies."))
    elif phase == "Released":
        claim = None
        if ref is not None:
            claim = cluster.store.get(PVC, str(ref.get("namespace") or ""), str(ref.get("name") or ""))
        uid = str((ref or {}).get("uid") or "")
        if claim is not None and uid_of(claim) != uid:
            holding = (f"claimRef still holds the deleted claim {claim_text} (uid {uid[:8]}…); a "
                       f"claim with that name exists now, but it is a different object")
        else:
            holding = f"claimRef still holds the deleted claim {claim_text} (uid {uid[:8]}…)"
        if policy == "Retain":
            holding += "; the Retain policy keeps it Released"
            action = _patch_claimref(name)
            hints.append("Retain keeps the data: nothing clears the claimRef automatically. "
                         "Removing spec.claimRef makes the volume Available to any matching "
                         "claim (removing only claimRef.uid reserves it for that claim name).")
        elif policy == "Delete":
            provisioner = annotations_of(volume).get(binding.ANN_DYNAMICALLY_PROVISIONED)
            holding += (f"; waiting for its deleter ({provisioner or 'external'}) to remove it")
        elif policy == "Recycle":
            holding += "; the recycler is scrubbing it"
    elif phase == "Failed":
        message = str((volume.get("status") or {}).get("message") or "")
        holding = f"reclaiming failed: {message}" if message else "reclaiming failed"
        action = _patch_claimref(name)
        hints.append("Failed volumes keep their data; clearing the claimRef makes the volume "
                     "Available again (set persistentVolumeReclaimPolicy: Retain first to stop "
                     "retries), or delete the PV object.")
    else:
        holding = "the PV controller has not synced it yet"
    if volume_source_is_nfs(volume) and phase in ("Released", "Failed"):
        hints.append("Deleting an NFS PV object never deletes the files on the server.")
    return VolumeExplanation(name, phase, claim_text, holding, action, tuple(hints))


def volume_source_is_nfs(volume: Mapping[str, Any]) -> bool:
    return (volume.get("spec") or {}).get("nfs") is not None
