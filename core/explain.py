"""Why a claim is (not) bound, and what holds a volume: the PV controller's reasoning, shown.

:func:`explain_claim` replays the controller's decision for a claim without writing
anything: every PV in the order the controller looks at them (access-mode groups
fewest-modes first, PVs by name inside a group), each with the checks of
``FindMatchingVolume`` in their real order and the values compared; the chosen PV;
what blocks a Pending claim; and hints about common misconceptions.
:func:`explain_volume` says what keeps a PV from being Available and the one command
that frees it. Both return frozen dataclasses with a ``text()`` rendering (the
``explain pvc NAME`` script verb prints it).

Every sentence is also kept as a :class:`Message` (an English template and its values)
next to the English field, so a user interface can show it in another language without
the engine knowing about translation: the GUI looks each template up in its catalogue.
Templates are written as literal strings in :func:`msg` calls (the GUI's list of them,
``gui/panels/explain_texts.py``, is checked against this file). Names, sizes, modes and
the Kubernetes values quoted in a sentence are parameters and are never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from . import binding
from .binding import ANN_BIND_COMPLETED, ANN_SELECTED_NODE, SHORT_MODES
from .objects import annotations_of, labels_of, name_of, namespace_of, uid_of
from .quantity import human

if TYPE_CHECKING:
    from .cluster import Cluster

PV = "PersistentVolume"
PVC = "PersistentVolumeClaim"
OK, FAIL, SKIP = "✓", "✗", "·"
#: How list parameters are joined in English (the GUI translates this text too).
LIST_SEPARATOR = ", "

ParamValue = Union[str, "Message", tuple[Union[str, "Message"], ...]]


@dataclass(frozen=True)
class Message:
    """One English sentence as a ``str.format`` template with named values.

    ``text()`` is the English. ``render(translate)`` formats ``translate(template)``
    (and each nested message's) with the same values: values are names, sizes and
    modes, or nested messages, or tuples of them (a list joined with ``separator``).
    """

    template: str
    params: tuple[tuple[str, ParamValue], ...] = ()

    def text(self) -> str:
        return self.render(_english)

    def render(self, translate: Callable[[str], str], separator: str = LIST_SEPARATOR) -> str:
        values = {key: _render_value(value, translate, separator) for key, value in self.params}
        translated = translate(self.template)
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            # A translation whose placeholders do not fit must not hide the sentence.
            return self.template.format(**values)


def _english(template: str) -> str:
    return template


def _render_value(value: ParamValue, translate: Callable[[str], str], separator: str) -> str:
    if isinstance(value, Message):
        return value.render(translate, separator)
    if isinstance(value, tuple):
        return separator.join(_render_value(v, translate, separator) for v in value)
    return str(value)


def msg(template: str, **params: ParamValue) -> Message:
    """A message; ``template`` must be a literal string (the translation lists rely on it)."""
    return Message(template, tuple(params.items()))


Text = str | Message


def _text(value: Text) -> str:
    return value.text() if isinstance(value, Message) else value


def _message(value: Text) -> Message | None:
    return value if isinstance(value, Message) else None


@dataclass(frozen=True)
class Check:
    """One check of one PV: ``ok`` is None when the controller does not evaluate it."""

    name: str
    ok: bool | None
    wanted: str
    actual: str
    detail: str = ""
    #: The worded fields as messages (None: a plain value, or no template).
    wanted_message: Message | None = None
    actual_message: Message | None = None
    detail_message: Message | None = None


def _check(name: str, ok: bool | None, wanted: Text, actual: Text, detail: Text = "") -> Check:
    return Check(name, ok, _text(wanted), _text(actual), _text(detail), _message(wanted),
                 _message(actual), _message(detail))


@dataclass(frozen=True)
class VolumeVerdict:
    volume: str
    group: str
    outcome: str  # chosen | candidate | rejected | not-searched | pre-bound
    checks: tuple[Check, ...]
    summary: str
    summary_message: Message | None = None


def _verdict(volume: str, group: str, outcome: str, checks: Sequence[Check],
             summary: Text) -> VolumeVerdict:
    return VolumeVerdict(volume, group, outcome, tuple(checks), _text(summary), _message(summary))


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
    blocking_message: Message | None = None
    hint_messages: tuple[Message, ...] = ()

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
    #: ``action`` is a command and stays as typed; it has no message.
    holding_message: Message | None = None
    hint_messages: tuple[Message, ...] = ()

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


def _modes_value(modes: Sequence[str]) -> Text:
    return ",".join(SHORT_MODES.get(m, m) for m in modes) or msg("(none)")


def _modes_text(modes: Sequence[str]) -> str:
    return _text(_modes_value(modes))


def _quantity_value(obj: Mapping[str, Any], *path: str) -> Text:
    current: Any = obj
    for step in path:
        current = current.get(step) if isinstance(current, Mapping) else None
    return msg("(none)") if current is None else str(current)


def _quantity_text(obj: Mapping[str, Any], *path: str) -> str:
    return _text(_quantity_value(obj, *path))


def _selector_value(selector: Any) -> Text:
    if selector is None:
        return ""
    parts = [f"{k}={v}" for k, v in sorted(dict(selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or []:
        values = ",".join(str(v) for v in expr.get("values") or [])
        parts.append(f"{expr.get('key')} {expr.get('operator')} ({values})".replace(" ()", ""))
    if not parts:
        return msg("selector {empty} (matches everything)", empty="{}")
    return msg("selector {requirements}", requirements=", ".join(parts))


def _selector_text(selector: Any) -> str:
    return _text(_selector_value(selector))


def _ref_value(ref: Mapping[str, Any]) -> Text:
    if not ref.get("name"):
        return msg("{empty} (empty claimRef)", empty="{}")
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
    checks.append(_check("accessModes", searched_key,
                         msg("all of {modes}", modes=_modes_value(wanted_modes)),
                         _modes_value(key),
                         "" if searched_key else msg("the volume's access-mode set lacks a "
                                                     "requested mode, so its group is not "
                                                     "searched")))
    ref = binding.claim_ref_of(volume)
    bound = ref is not None and binding.is_volume_bound_to_claim(volume, claim)
    wanted_ref = msg("none or {claim}", claim=f"{namespace_of(claim)}/{name_of(claim)}")
    if ref is None:
        checks.append(_check("claimRef", True, wanted_ref, msg("none")))
    elif bound:
        checks.append(_check("claimRef", True, wanted_ref, _ref_value(ref),
                             msg("pre-bound to this claim")))
    else:
        same_name = (ref.get("name") == name_of(claim)
                     and (ref.get("namespace") or "") == namespace_of(claim))
        detail = (msg("points at an earlier claim with this name (another uid): the volume "
                      "still holds that claim") if same_name else
                  msg("an empty claimRef blocks the volume for every claim")
                  if not ref.get("name") else
                  msg("already bound to {claim}",
                      claim=f"{ref.get('namespace') or ''}/{ref.get('name')}"))
        checks.append(_check("claimRef", False, wanted_ref, _ref_value(ref), detail))
    requested = binding.requested_storage(claim)
    capacity = binding.volume_capacity(volume)
    size_detail = ""
    if capacity < requested:
        size_detail = f"{human(capacity)} < {human(requested)}"
    checks.append(_check("capacity", capacity >= requested, _wanted_size(claim),
                         _quantity_value(volume, "spec", "capacity", "storage"), size_detail))
    checks.append(_check("volumeMode", not binding.volume_mode_mismatch(claim, volume),
                         binding.volume_mode_of(claim), binding.volume_mode_of(volume)))
    claim_vac, volume_vac = binding.vac_of(claim), binding.vac_of(volume)
    if claim_vac or volume_vac:
        checks.append(_check("volumeAttributesClass", claim_vac == volume_vac,
                             f'"{claim_vac}"', f'"{volume_vac}"'))
    checks.append(_deletion_check(volume))
    if (volume.get("spec") or {}).get("nodeAffinity") is not None:
        checks.append(_check("nodeAffinity", None, msg("(scheduler only)"), msg("set"),
                             msg("the PV controller does not check node affinity")))
    not_checked = msg("not checked for a volume pre-bound to this claim")
    if delay:
        checks.append(_check("bindingMode", None if bound else False, "Immediate",
                             "WaitForFirstConsumer",
                             not_checked if bound else
                             msg("the PV controller leaves unbound volumes to the scheduler")))
    phase = binding.phase(volume)
    checks.append(_check("phase", None if bound else phase == binding.AVAILABLE, "Available",
                         phase or msg("(none)"), not_checked if bound else ""))
    selector = (claim.get("spec") or {}).get("selector")
    if selector is not None:
        try:
            matches: bool | None = binding.selector_matches(selector, labels_of(volume))
        except binding.SelectorError as err:
            matches, detail = False, str(err)  # the API server's words: not translated
        else:
            detail = ""
        labels = ",".join(f"{k}={v}" for k, v in sorted(labels_of(volume).items()))
        checks.append(_check("selector", None if bound else matches, _selector_value(selector),
                             labels or msg("(no labels)"), not_checked if bound else detail))
    claim_cls, volume_cls = binding.claim_class(claim), binding.volume_class(volume)
    checks.append(_check("storageClass", None if bound else claim_cls == volume_cls,
                         f'"{claim_cls}"', f'"{volume_cls}"', not_checked if bound else ""))
    return checks, bound


def _wanted_size(claim: Mapping[str, Any]) -> Text:
    size = _quantity_value(claim, "spec", "resources", "requests", "storage")
    return f">= {size}" if isinstance(size, str) else msg(">= {size}", size=size)


def _deletion_check(volume: Mapping[str, Any]) -> Check:
    deleting = binding.is_deleting(volume)
    return _check("deletion", not deleting, msg("not being deleted"),
                  msg("being deleted") if deleting else msg("not being deleted"))


def _first_failure(checks: Sequence[Check]) -> Check | None:
    return next((c for c in checks if c.ok is False), None)


def _failure_summary(check: Check) -> Message:
    actual = check.actual_message or check.actual
    if check.name == "accessModes":
        wanted_modes = dict(check.wanted_message.params)["modes"] if check.wanted_message \
            else check.wanted.removeprefix("all of ")
        return msg("offers {modes}; the claim needs {wanted}", modes=actual, wanted=wanted_modes)
    if check.name == "storageClass":
        return msg("class {actual} ≠ {wanted}", actual=check.actual, wanted=check.wanted)
    if check.detail:
        return msg("{check}: {detail}", check=check.name,
                   detail=check.detail_message or check.detail)
    return msg("{check}: wanted {wanted}, actual {actual}", check=check.name,
               wanted=check.wanted_message or check.wanted, actual=actual)


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
    blocking_text = _text(blocking)
    hints = _claim_hints(cluster, claim, verdicts, chosen, requested, delay, classes,
                         blocking_text)
    return ClaimExplanation(namespace, name, phase, requested, tuple(verdicts), chosen,
                            blocking_text, tuple(h.text() for h in hints), _message(blocking),
                            tuple(hints))


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
            summary: Message
            if vname == winner:
                outcome = "chosen"
                summary = (msg("bound to this claim") if bound_to is not None else
                           msg("pre-bound to this claim") if bound else
                           msg("smallest fitting volume in the first group that has one"))
            elif failure is not None:
                outcome = "rejected"
                summary = _failure_summary(failure)
            elif searched and rank[key] > winner_index:
                outcome = "not-searched"
                summary = msg("group {modes} is searched only when the groups with fewer modes "
                              "yield nothing", modes=binding.short_modes(key))
            elif bound:
                outcome = "pre-bound"
                summary = msg("reserved for this claim, but another volume was chosen")
            else:
                outcome = "candidate"
                summary = (msg("fits, but {volume} was chosen (smaller, or first by name among "
                               "equals)", volume=winner) if winner else msg("fits"))
            verdicts.append(_verdict(vname, binding.short_modes(key), outcome, checks, summary))
    return verdicts, winner


def _named_volume_verdicts(claim: Mapping[str, Any], volumes: Sequence[Mapping[str, Any]],
                           volume_name: str) -> tuple[list[VolumeVerdict], str | None]:
    verdicts = []
    chosen = None
    for volume in volumes:
        key = binding.short_modes(binding.access_mode_key(binding.access_modes_of(volume)))
        if name_of(volume) != volume_name:
            verdicts.append(_verdict(name_of(volume), key, "not-searched", (),
                                     msg("the claim names {volume} in spec.volumeName",
                                         volume=volume_name)))
            continue
        ref = binding.claim_ref_of(volume)
        checks = [_check("claimRef", ref is None or binding.is_volume_bound_to_claim(volume, claim),
                         msg("none or {claim}", claim=f"{namespace_of(claim)}/{name_of(claim)}"),
                         msg("none") if ref is None else _ref_value(ref))]
        reason = binding.check_volume_satisfy_claim(volume, claim)
        checks += [
            _deletion_check(volume),
            _check("capacity", reason != "requested PV is too small", _wanted_size(claim),
                   _quantity_value(volume, "spec", "capacity", "storage")),
            _check("storageClass", binding.claim_class(claim) == binding.volume_class(volume),
                   f'"{binding.claim_class(claim)}"', f'"{binding.volume_class(volume)}"'),
            _check("volumeMode", not binding.volume_mode_mismatch(claim, volume),
                   binding.volume_mode_of(claim), binding.volume_mode_of(volume)),
            _check("accessModes", binding.check_access_modes(claim, volume),
                   msg("all of {modes}", modes=_modes_value(binding.access_modes_of(claim))),
                   _modes_value(binding.access_modes_of(volume))),
            _check("phase", None, msg("any"), binding.phase(volume) or msg("(none)"),
                   msg("not checked when the claim names its volume")),
        ]
        failure = _first_failure(checks)
        if failure is None:
            chosen = volume_name
            verdicts.append(_verdict(volume_name, key, "chosen", checks,
                                     msg("named by the claim in spec.volumeName")))
        else:
            # ``reason`` is the PV controller's own wording (binding.check_volume_satisfy_claim).
            verdicts.append(_verdict(volume_name, key, "rejected", checks,
                                     msg("Cannot bind to requested volume: {reason}",
                                         reason=reason) if reason
                                     else _failure_summary(failure)))
    return verdicts, chosen


def _blocking_reason(cluster: Cluster, claim: Mapping[str, Any], phase: str,
                     chosen: str | None, delay: bool, delay_error: str,
                     classes: Mapping[str, Mapping[str, Any]]) -> Text:
    """Why the claim is not bound ("" when it is). Sentences that quote an event keep
    the event's reason and words in the template, so a translation can quote them and
    explain them (``kubectl describe`` shows the English)."""
    spec = claim.get("spec") or {}
    volume_name = str(spec.get("volumeName") or "")
    if ANN_BIND_COMPLETED in annotations_of(claim):
        if phase == "Lost":
            if not volume_name:
                return msg("ClaimLost: Bound claim has lost reference to PersistentVolume.")
            volume = cluster.store.get(PV, "", volume_name)
            if volume is None:
                return msg('ClaimLost: its PersistentVolume "{volume}" no longer exists',
                           volume=volume_name)
            return msg('ClaimMisbound: PersistentVolume "{volume}" is bound to another claim',
                       volume=volume_name)
        return ""
    if volume_name:
        volume = cluster.store.get(PV, "", volume_name)
        if volume is None:
            return msg('the claim names volume "{volume}" (spec.volumeName), which does not '
                       "exist; it stays Pending until it does", volume=volume_name)
        ref = binding.claim_ref_of(volume)
        if ref is not None and not binding.is_volume_bound_to_claim(volume, claim):
            return msg('FailedBinding: volume "{volume}" already bound to a different claim.',
                       volume=volume_name)
        reason = binding.check_volume_satisfy_claim(volume, claim) if ref is None else None
        if reason:
            return msg('VolumeMismatch: Cannot bind to requested volume "{volume}": {reason}',
                       volume=volume_name, reason=reason)
        return msg("volume {volume} fits; the PV controller binds it on its next sync",
                   volume=volume_name)
    if delay_error:
        return msg("{error} (the PV controller cannot decide how to bind)", error=delay_error)
    if chosen:
        return msg("volume {volume} matches; the PV controller binds it on its next sync",
                   volume=chosen)
    if not binding.claim_has_class(claim):
        default = binding.default_storage_class(classes.values())
        if default is not None:
            return msg('no PersistentVolume matches; the PV controller will set the default '
                       'StorageClass "{storage_class}" on its next sync',
                       storage_class=name_of(default))
    if delay and ANN_SELECTED_NODE not in annotations_of(claim):
        pods = binding.pods_using_claim(cluster.store.list("Pod", namespace_of(claim)),
                                        name_of(claim))
        waiting = [name_of(p) for p in pods if not binding.is_pod_terminated(p)
                   and not (p.get("spec") or {}).get("nodeName")]
        if len(waiting) == 1:
            return msg("WaitForPodScheduled: waiting for pod {pods} to be scheduled",
                       pods=waiting[0])
        if waiting:
            return msg("WaitForPodScheduled: waiting for pods {pods} to be scheduled",
                       pods=",".join(waiting))
        return msg("WaitForFirstConsumer: waiting for first consumer to be created before "
                   "binding")
    class_name = binding.claim_class(claim)
    if class_name:
        storage_class = classes.get(class_name)
        if storage_class is None:
            return msg("no PersistentVolume matches and provisioning failed: ProvisioningFailed: "
                       'storageclass.storage.k8s.io "{storage_class}" not found',
                       storage_class=class_name)
        from .controllers import provisioner as nfs_provisioner
        from .controllers.pv_controller import MIGRATED_PROVISIONERS

        provisioner = str(storage_class.get("provisioner") or "")
        if provisioner not in MIGRATED_PROVISIONERS and provisioner.startswith("kubernetes.io/"):
            return msg("no PersistentVolume matches and provisioning failed: ProvisioningFailed: "
                       "no volume plugin matched name: {provisioner}", provisioner=provisioner)
        external = MIGRATED_PROVISIONERS.get(provisioner, provisioner)
        if nfs_provisioner.serves(external):
            if spec.get("selector") is not None:
                return msg("no PersistentVolume matches and provisioning failed: "
                           'ProvisioningFailed: failed to provision volume with StorageClass '
                           '"{storage_class}": claim Selector is not supported',
                           storage_class=class_name)
            return msg("no PersistentVolume matches; the external provisioner '{provisioner}' "
                       "is creating one (ExternalProvisioning)", provisioner=external)
        return msg("no PersistentVolume matches; waiting for the external provisioner "
                   "'{provisioner}' (ExternalProvisioning), which does not run in this "
                   "simulated cluster", provisioner=external)
    return msg("FailedBinding: no persistent volumes available for this claim and no storage "
               "class is set")


def _claim_hints(cluster: Cluster, claim: Mapping[str, Any], verdicts: Sequence[VolumeVerdict],
                 chosen: str | None, requested: Mapping[str, Any], delay: bool,
                 classes: Mapping[str, Mapping[str, Any]], blocking: str) -> list[Message]:
    hints: list[Message] = []
    modes = binding.access_modes_of(claim)
    mode_rejects = [v for v in verdicts if v.outcome == "rejected"
                    and _first_failure(v.checks) is not None
                    and _first_failure(v.checks).name == "accessModes"]  # type: ignore[union-attr]
    if mode_rejects:
        names = tuple(msg("{volume} ({modes})", volume=v.volume,
                          modes=v.group or msg("no modes")) for v in mode_rejects)
        hints.append(msg("Access modes are matched as a set: a volume must offer every mode the "
                         "claim asks for ({modes}); {volumes} cannot serve it, however large or "
                         "free.", modes=_modes_value(modes), volumes=names))
    if binding.RWO in modes:
        hints.append(msg("ReadWriteOnce means one node at a time, not one pod: pods on the same "
                         "node can share the volume (ReadWriteOncePod is the one-pod mode)."))
    if chosen:
        volume = cluster.store.get(PV, "", chosen)
        if volume is not None and binding.volume_capacity(volume) > binding.requested_storage(
                claim):
            hints.append(msg("A claim gets the whole volume: this claim asks for {size} but "
                             "{volume} has {capacity}; the rest cannot be used by any other "
                             "claim.", size=requested["size"], volume=chosen,
                             capacity=_quantity_value(volume, "spec", "capacity", "storage")))
    source = requested["class_source"]
    default = binding.default_storage_class(classes.values())
    if source == "unset":
        if default is not None:
            hints.append(msg('storageClassName is unset, so the default StorageClass '
                             '"{storage_class}" applies; write storageClassName: "" to bind a '
                             "class-less static volume.", storage_class=name_of(default)))
        else:
            hints.append(msg('storageClassName is unset and there is no default StorageClass: '
                             'the claim matches only class-less volumes, like storageClassName: '
                             '"". Unlike "", an unset class is filled in once a default class '
                             "exists."))
    elif source == "empty":
        hints.append(msg('storageClassName: "" means "no class": only volumes without a class '
                         "match, nothing is provisioned, and no default class is ever "
                         "applied."))
    elif source == "defaulted" and default is not None:
        hints.append(msg('The class "{storage_class}" was filled in by default; it no longer '
                         "matches class-less static volumes.",
                         storage_class=requested["storage_class"]))
    class_rejects = [v for v in verdicts if v.outcome == "rejected"
                     and _first_failure(v.checks) is not None
                     and _first_failure(v.checks).name == "storageClass"]  # type: ignore[union-attr]
    if class_rejects:
        hints.append(msg('Class names must be equal to match: {volumes}, the claim wants '
                         '"{storage_class}".',
                         volumes=tuple(msg("{volume} has {storage_class}", volume=v.volume,
                                           storage_class=_first_failure(v.checks).actual)  # type: ignore[union-attr]
                                       for v in class_rejects),
                         storage_class=requested["storage_class"]))
    class_name = binding.claim_class(claim)
    if class_name and class_name not in classes:
        hints.append(msg('No StorageClass object "{storage_class}" exists. Static volumes of '
                         "that class can still bind (only the names are compared), but nothing "
                         "can be provisioned for it.", storage_class=class_name))
    for verdict in verdicts:
        failure = _first_failure(verdict.checks)
        if failure is None or failure.name != "claimRef":
            continue
        volume = cluster.store.get(PV, "", verdict.volume)
        if volume is not None and binding.phase(volume) == "Released":
            policy = (volume.get("spec") or {}).get("persistentVolumeReclaimPolicy")
            hints.append(msg("{volume} is Released: its {policy} policy keeps the data and the "
                             "old claimRef, so it is never reused automatically — clear its "
                             "spec.claimRef to make it Available.", volume=verdict.volume,
                             policy=str(policy)))
    if delay and blocking.startswith(("WaitForFirstConsumer", "WaitForPodScheduled")):
        hints.append(msg("WaitForFirstConsumer is not a failure: the volume is chosen when a "
                         "pod using the claim is scheduled, on a node that suits both."))
    for verdict in verdicts:
        failure = _first_failure(verdict.checks)
        if failure is not None and failure.name == "capacity" and (
                "Gi" in failure.wanted) != ("Gi" in failure.actual):
            hints.append(msg("Binary and decimal units differ: 1Gi is 1073741824 bytes, 1G is "
                             "1000000000 bytes, so a 1G volume cannot hold a 1Gi claim."))
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
    hints: list[Message] = []
    holding: Text = ""
    action = ""
    if binding.is_deleting(volume):
        holding = (msg("being deleted; the pv-protection finalizer keeps it while it is Bound")
                   if phase == "Bound" else msg("being deleted"))
        if phase == "Bound" and claim_text:
            action = f"kubectl delete pvc {ref['name']} -n {ref.get('namespace') or 'default'}"  # type: ignore[index]
    elif phase == "Available":
        if ref is not None:
            hints.append(msg("It is Available but reserved for {claim}: only that claim can "
                             "bind it.", claim=claim_text or msg("no claim (empty claimRef)")))
    elif phase == "Bound":
        holding = msg("bound to claim {claim}", claim=claim_text)
        if ref is not None:
            action = f"kubectl delete pvc {ref.get('name')} -n {ref.get('namespace') or 'default'}"
        hints.append(
            msg("Deleting the claim makes the volume Released; with the {policy} policy its "
                "data stays and it is not reused until an admin clears its claimRef.",
                policy=policy) if policy == "Retain" else
            msg("Deleting the claim makes the volume Released; with the {policy} policy the "
                "reclaim policy then applies.", policy=policy))
    elif phase == "Released":
        claim = None
        if ref is not None:
            claim = cluster.store.get(PVC, str(ref.get("namespace") or ""), str(ref.get("name") or ""))
        uid = str((ref or {}).get("uid") or "")
        if claim is not None and uid_of(claim) != uid:
            holding = msg("claimRef still holds the deleted claim {claim} (uid {uid}…); a claim "
                          "with that name exists now, but it is a different object",
                          claim=claim_text, uid=uid[:8])
        else:
            holding = msg("claimRef still holds the deleted claim {claim} (uid {uid}…)",
                          claim=claim_text, uid=uid[:8])
        if policy == "Retain":
            holding = msg("{holding}; the Retain policy keeps it Released", holding=holding)
            action = _patch_claimref(name)
            hints.append(msg("Retain keeps the data: nothing clears the claimRef automatically. "
                             "Removing spec.claimRef makes the volume Available to any matching "
                             "claim (removing only claimRef.uid reserves it for that claim "
                             "name)."))
        elif policy == "Delete":
            provisioner = annotations_of(volume).get(binding.ANN_DYNAMICALLY_PROVISIONED)
            holding = msg("{holding}; waiting for its deleter ({deleter}) to remove it",
                          holding=holding, deleter=provisioner or msg("external"))
        elif policy == "Recycle":
            holding = msg("{holding}; the recycler is scrubbing it", holding=holding)
    elif phase == "Failed":
        message = str((volume.get("status") or {}).get("message") or "")
        # The status message is the PV controller's (English, as kubectl shows it).
        holding = (msg("reclaiming failed: {message}", message=message) if message
                   else msg("reclaiming failed"))
        action = _patch_claimref(name)
        hints.append(msg("Failed volumes keep their data; clearing the claimRef makes the volume "
                         "Available again (set persistentVolumeReclaimPolicy: Retain first to "
                         "stop retries), or delete the PV object."))
    else:
        holding = msg("the PV controller has not synced it yet")
    if volume_source_is_nfs(volume) and phase in ("Released", "Failed"):
        hints.append(msg("Deleting an NFS PV object never deletes the files on the server."))
    return VolumeExplanation(name, phase, claim_text, _text(holding), action,
                             tuple(h.text() for h in hints), _message(holding), tuple(hints))


def volume_source_is_nfs(volume: Mapping[str, Any]) -> bool:
    return (volume.get("spec") or {}).get("nfs") is not None
