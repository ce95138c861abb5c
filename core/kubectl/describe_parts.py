"""The building blocks of ``kubectl describe`` (``describe.go``): the prefix writer, the
multi-line label/annotation/toleration lists, volume sources, containers and the
Events section. Layout facts carried over: two spaces per level, one tabwriter with
padding 2 over the whole text (flushed before an Events table), values that are
empty still get their tab (so ``Claim:`` lines end in spaces, as kubectl's do).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .duration import rfc1123z, since
from .fields import ANN_LAST_APPLIED, as_list, meta, qty, section, spec, str_map
from .tabwriter import DESCRIBE_WRITER

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]
MAX_ANNOTATION_LEN = 140


class PrefixWriter:
    """``prefixWriter`` over a tabwriter: ``write(level, text)`` indents by two spaces a level.

    ``aligned=False`` is ``describe.NewPrefixWriter`` over a plain buffer (kubectl's
    ``rollout history --revision`` prints that way): tabs stay tabs.
    """

    def __init__(self, *, aligned: bool = True) -> None:
        self._aligned = aligned
        self._done: list[str] = []
        self._pending: list[str] = []

    def write(self, level: int, text: str) -> None:
        self._pending.append("  " * level + text)

    def write_line(self, text: str = "") -> None:
        self._pending.append(text + "\n")

    def flush(self) -> None:
        if self._pending:
            text = "".join(self._pending)
            self._done.append(DESCRIBE_WRITER.format(text) if self._aligned else text)
            self._pending = []

    def text(self) -> str:
        self.flush()
        return "".join(self._done)


def go_value(value: Any) -> str:
    """Go's ``%v`` for JSON-like values."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def print_bool(value: Any) -> str:
    return "True" if value is True else "False"


def print_bool_ptr(value: Any) -> str:
    return "<unset>" if value is None else print_bool(value)


def labels_multiline(w: PrefixWriter, title: str, labels: Any, *, initial_indent: str = "",
                     inner_indent: str = "\t") -> None:
    """``printLabelsMultilineWithIndent``."""
    w.write(0, f"{initial_indent}{title}:{inner_indent}")
    pairs = str_map(labels)
    if not pairs:
        w.write_line("<none>")
        return
    for i, key in enumerate(sorted(pairs)):
        if i:
            w.write(0, initial_indent)
            w.write(0, inner_indent)
        w.write(0, f"{key}={pairs[key]}\n")


def annotations_multiline(w: PrefixWriter, title: str, annotations: Any) -> None:
    """``printAnnotationsMultiline``: last-applied-configuration hidden, long values wrapped."""
    w.write(0, f"{title}:\t")
    pairs = str_map(annotations)
    keys = sorted(k for k in pairs if k != ANN_LAST_APPLIED)
    if not keys:
        w.write_line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = pairs[key]
        if value.endswith("\n"):
            value = value[:-1]
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for line in value.split("\n"):
                shown = line if len(line) <= MAX_ANNOTATION_LEN - 2 else (
                    line[:MAX_ANNOTATION_LEN - 2] + "...")
                w.write(0, f"\t  {shown}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def tolerations_multiline(w: PrefixWriter, title: str, tolerations: Any) -> None:
    """``printTolerationsMultilineWithIndent``."""
    w.write(0, f"{title}:\t")
    items = [t for t in as_list(tolerations) if isinstance(t, Mapping)]
    if not items:
        w.write_line("<none>")
        return
    items.sort(key=lambda t: str(t.get("key") or ""))
    for i, toleration in enumerate(items):
        if i:
            w.write(0, "")
            w.write(0, "\t")
        key = str(toleration.get("key") or "")
        value = str(toleration.get("value") or "")
        effect = str(toleration.get("effect") or "")
        text = key
        if value:
            text += f"={value}"
        if effect:
            text += f":{effect}"
        if toleration.get("operator") == "Exists" and not value:
            text += " op=Exists" if key or effect else "op=Exists"
        if toleration.get("tolerationSeconds") is not None:
            text += f" for {int(toleration['tolerationSeconds'])}s"
        w.write(0, text + "\n")


def taints_multiline(w: PrefixWriter, title: str, taints: Any) -> None:
    w.write(0, f"{title}:\t")
    items = [t for t in as_list(taints) if isinstance(t, Mapping)]
    if not items:
        w.write_line("<none>")
        return
    items.sort(key=lambda t: f"{t.get('effect') or ''},{t.get('key') or ''}")
    for i, taint in enumerate(items):
        if i:
            w.write(0, "")
            w.write(0, "\t")
        value = f"={taint['value']}" if taint.get("value") else ""
        w.write(0, f"{taint.get('key') or ''}{value}:{taint.get('effect') or ''}\n")


def names_multiline(w: PrefixWriter, title: str, names: list[str]) -> None:
    """``printPodsMultiline``: sorted names, one per line."""
    w.write(0, f"{title}:\t")
    if not names:
        w.write_line("<none>")
        return
    for i, name in enumerate(sorted(names)):
        if i:
            w.write(0, "")
            w.write(0, "\t")
        w.write(0, f"{name}\n")


# ---- volume sources ---------------------------------------------------------------------
def _nfs(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
               f"    Server:\t{source.get('server') or ''}\n"
               f"    Path:\t{source.get('path') or ''}\n"
               f"    ReadOnly:\t{go_value(bool(source.get('readOnly')))}\n")


def _host_path(source: Obj, w: PrefixWriter) -> None:
    kind = "<none>" if source.get("type") is None else str(source.get("type"))
    w.write(2, "Type:\tHostPath (bare host directory volume)\n"
               f"    Path:\t{source.get('path') or ''}\n"
               f"    HostPathType:\t{kind}\n")


def _local(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n"
               f"    Path:\t{source.get('path') or ''}\n")


def _csi_attributes(w: PrefixWriter, attributes: Any) -> None:
    w.write(2, "VolumeAttributes:\t")
    pairs = str_map(attributes)
    if not pairs:
        w.write_line("<none>")
        return
    for i, key in enumerate(sorted(pairs)):
        if i:
            w.write(2, "")
            w.write(2, "\t")
        line = f"{key}={pairs[key]}"
        w.write(2, (line[:MAX_ANNOTATION_LEN] + "...") if len(line) > MAX_ANNOTATION_LEN
                else line)
        w.write(0, "\n")


def _csi(source: Obj, w: PrefixWriter, *, persistent: bool) -> None:
    text = ("Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
            f"    Driver:\t{source.get('driver') or ''}\n"
            f"    FSType:\t{source.get('fsType') or ''}\n")
    if persistent:
        text += f"    VolumeHandle:\t{source.get('volumeHandle') or ''}\n"
    text += f"    ReadOnly:\t{go_value(bool(source.get('readOnly')))}\n"
    w.write(2, text)
    _csi_attributes(w, source.get("volumeAttributes"))


def _claim(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the "
               "same namespace)\n"
               f"    ClaimName:\t{source.get('claimName') or ''}\n"
               f"    ReadOnly:\t{go_value(bool(source.get('readOnly')))}\n")


def _empty_dir(source: Obj, w: PrefixWriter) -> None:
    limit = source.get("sizeLimit")
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
               f"    Medium:\t{source.get('medium') or ''}\n"
               f"    SizeLimit:\t{qty(limit) if limit else '<unset>'}\n")


def _config_map(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
               f"    Name:\t{source.get('name') or ''}\n"
               f"    Optional:\t{go_value(source.get('optional') is True)}\n")


def _secret(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tSecret (a volume populated by a Secret)\n"
               f"    SecretName:\t{source.get('secretName') or ''}\n"
               f"    Optional:\t{go_value(source.get('optional') is True)}\n")


#: kubectl 1.32 prints a projected source's ``optional`` (a ``*bool``) with ``%v``: ``<nil>``
#: when unset, else the pointer's address (fixed to ``Optional: <bool>`` only in 1.33).
#: The address differs every run in a real cluster; this one is a plausible constant.
_GO_POINTER = "0xc000a1b2c7"


def _go_bool_ptr(value: Any) -> str:
    return "<nil>" if value is None else _GO_POINTER


def _projected(source: Obj, w: PrefixWriter) -> None:
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
    for item in as_list(source.get("sources")):
        if not isinstance(item, Mapping):
            continue
        if isinstance(item.get("secret"), Mapping):
            w.write(2, f"SecretName:\t{item['secret'].get('name') or ''}\n"
                       f"    SecretOptionalName:\t{_go_bool_ptr(item['secret'].get('optional'))}\n")
        elif isinstance(item.get("downwardAPI"), Mapping):
            w.write(2, "DownwardAPI:\ttrue\n")
        elif isinstance(item.get("configMap"), Mapping):
            config_map = item["configMap"]
            w.write(2, f"ConfigMapName:\t{config_map.get('name') or ''}\n"
                       f"    ConfigMapOptional:\t{_go_bool_ptr(config_map.get('optional'))}\n")
        elif isinstance(item.get("serviceAccountToken"), Mapping):
            # Defaulting fills expirationSeconds (3600) before kubectl ever reads it.
            seconds = item["serviceAccountToken"].get("expirationSeconds")
            w.write(2, f"TokenExpirationSeconds:\t{int(seconds if seconds is not None else 3600)}\n")


def pv_source(pv_spec: Obj, w: PrefixWriter) -> None:
    """The ``Source:`` section of a PersistentVolume."""
    if isinstance(pv_spec.get("hostPath"), Mapping):
        _host_path(pv_spec["hostPath"], w)
    elif isinstance(pv_spec.get("nfs"), Mapping):
        _nfs(pv_spec["nfs"], w)
    elif isinstance(pv_spec.get("local"), Mapping):
        _local(pv_spec["local"], w)
    elif isinstance(pv_spec.get("csi"), Mapping):
        _csi(pv_spec["csi"], w, persistent=True)
    else:
        w.write(1, "<unknown>\n")


def volumes(w: PrefixWriter, items: Any, space: str) -> None:
    """``describeVolumes`` for a pod or pod template."""
    entries = [v for v in as_list(items) if isinstance(v, Mapping)]
    if not entries:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    for volume in entries:
        w.write(1, f"{' ' if space else ''}{volume.get('name') or ''}:\n")
        if isinstance(volume.get("hostPath"), Mapping):
            _host_path(volume["hostPath"], w)
        elif isinstance(volume.get("emptyDir"), Mapping):
            _empty_dir(volume["emptyDir"], w)
        elif isinstance(volume.get("secret"), Mapping):
            _secret(volume["secret"], w)
        elif isinstance(volume.get("configMap"), Mapping):
            _config_map(volume["configMap"], w)
        elif isinstance(volume.get("nfs"), Mapping):
            _nfs(volume["nfs"], w)
        elif isinstance(volume.get("persistentVolumeClaim"), Mapping):
            _claim(volume["persistentVolumeClaim"], w)
        elif isinstance(volume.get("projected"), Mapping):
            _projected(volume["projected"], w)
        elif isinstance(volume.get("csi"), Mapping):
            _csi(volume["csi"], w, persistent=False)
        else:
            w.write(1, "<unknown>\n")


# ---- containers ------------------------------------------------------------------------------
def _ports(ports: list[Obj], key: str) -> str:
    return ", ".join(f"{int(p.get(key) or 0)}/{p.get('protocol') or 'TCP'}" for p in ports)


def _container_state(w: PrefixWriter, title: str, state: Obj) -> None:
    if "running" in state:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(section(state, 'running').get('startedAt'))}\n")
    elif "waiting" in state:
        w.write(2, f"{title}:\tWaiting\n")
        reason = section(state, "waiting").get("reason")
        if reason:
            w.write(3, f"Reason:\t{reason}\n")
    elif "terminated" in state:
        term = section(state, "terminated")
        w.write(2, f"{title}:\tTerminated\n")
        if term.get("reason"):
            w.write(3, f"Reason:\t{term['reason']}\n")
        if term.get("message"):
            w.write(3, f"Message:\t{term['message']}\n")
        w.write(3, f"Exit Code:\t{int(term.get('exitCode') or 0)}\n")
        if int(term.get("signal") or 0) > 0:
            w.write(3, f"Signal:\t{int(term['signal'])}\n")
        w.write(3, f"Started:\t{rfc1123z(term.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{rfc1123z(term.get('finishedAt'))}\n")
    else:
        w.write(2, f"{title}:\tWaiting\n")


def _resources(w: PrefixWriter, resources: Any, level: int) -> None:
    for title in ("limits", "requests"):
        values = section(resources if isinstance(resources, Mapping) else {}, title)
        if values:
            w.write(level, f"{title.capitalize()}:\n")
            for name in sorted(values):
                w.write(level + 1, f"{name}:\t{qty(values[name])}\n")


def _probe(probe: Obj) -> str:
    attrs = (f"delay={int(probe.get('initialDelaySeconds') or 0)}s "
             f"timeout={int(probe.get('timeoutSeconds') or 1)}s "
             f"period={int(probe.get('periodSeconds') or 10)}s "
             f"#success={int(probe.get('successThreshold') or 1)} "
             f"#failure={int(probe.get('failureThreshold') or 3)}")
    if isinstance(probe.get("exec"), Mapping):
        command = " ".join(str(c) for c in as_list(probe["exec"].get("command")))
        return f"exec [{command}] {attrs}"
    if isinstance(probe.get("httpGet"), Mapping):
        get = probe["httpGet"]
        scheme = str(get.get("scheme") or "HTTP").lower()
        return f"http-get {scheme}://{get.get('host') or ''}:{get.get('port')}{get.get('path') or ''} {attrs}"
    if isinstance(probe.get("tcpSocket"), Mapping):
        sock = probe["tcpSocket"]
        return f"tcp-socket {sock.get('host') or ''}:{sock.get('port')} {attrs}"
    return f"unknown {attrs}"


def _field_value(pod: Obj | None, path: str) -> str:
    """``fieldpath.ExtractFieldPathAsString`` for the fields pods usually pass down."""
    if pod is None:
        return ""
    current: Any = pod
    for part in path.split("."):
        current = current.get(part) if isinstance(current, Mapping) else None
    return "" if current is None or isinstance(current, (Mapping, list)) else str(current)


def _env_var(w: PrefixWriter, var: Obj, pod: Obj | None) -> None:
    name = var.get("name") or ""
    source = var.get("valueFrom")
    if not isinstance(source, Mapping):
        for i, line in enumerate(str(var.get("value") or "").split("\n")):
            w.write(3, f"{name}:\t{line}\n" if i == 0 else f"\t{line}\n")
        return
    if isinstance(source.get("fieldRef"), Mapping):
        ref = source["fieldRef"]
        path = str(ref.get("fieldPath") or "")
        w.write(3, f"{name}:\t{_field_value(pod, path)} ({ref.get('apiVersion') or 'v1'}:{path})\n")
    elif isinstance(source.get("resourceFieldRef"), Mapping):
        w.write(3, f"{name}:\t ({source['resourceFieldRef'].get('resource') or ''})\n")
    elif isinstance(source.get("secretKeyRef"), Mapping):
        ref = source["secretKeyRef"]
        w.write(3, f"{name}:\t<set to the key '{ref.get('key')}' in secret '{ref.get('name')}'>\t"
                   f"Optional: {go_value(ref.get('optional') is True)}\n")
    elif isinstance(source.get("configMapKeyRef"), Mapping):
        ref = source["configMapKeyRef"]
        w.write(3, f"{name}:\t<set to the key '{ref.get('key')}' of config map "
                   f"'{ref.get('name')}'>\tOptional: {go_value(ref.get('optional') is True)}\n")


def containers(w: PrefixWriter, label: str, items: Any, statuses: Any, space: str,
               pod: Obj | None = None) -> None:
    """``describeContainers``: one block per container; state only when a status exists."""
    defs = [c for c in as_list(items) if isinstance(c, Mapping)]
    by_name = {str(s.get("name")): s for s in as_list(statuses) if isinstance(s, Mapping)}
    w.write(0, f"{space}{label}:{' <none>' if not defs else ''}\n")
    for container in defs:
        current = by_name.get(str(container.get("name")))
        w.write(1, f"{' ' if space else ''}{container.get('name') or ''}:\n")
        if current is not None:
            w.write(2, f"Container ID:\t{current.get('containerID') or ''}\n")
        w.write(2, f"Image:\t{container.get('image') or ''}\n")
        if current is not None:
            w.write(2, f"Image ID:\t{current.get('imageID') or ''}\n")
        ports = [p for p in as_list(container.get("ports")) if isinstance(p, Mapping)]
        port_text = _ports(ports, "containerPort")
        host_text = _ports(ports, "hostPort")
        w.write(2, f"Ports:\t{port_text}\n" if "," in port_text
                else f"Port:\t{port_text or '<none>'}\n")
        w.write(2, f"Host Ports:\t{host_text}\n" if "," in host_text
                else f"Host Port:\t{host_text or '<none>'}\n")
        for title, key in (("Command", "command"), ("Args", "args")):
            if as_list(container.get(key)):
                w.write(2, f"{title}:\n")
                for part in as_list(container.get(key)):
                    for line in str(part).split("\n"):
                        w.write(3, f"{line}\n")
        if current is not None:
            _container_state(w, "State", section(current, "state"))
            if section(section(current, "lastState"), "terminated"):
                _container_state(w, "Last State", section(current, "lastState"))
            w.write(2, f"Ready:\t{print_bool(current.get('ready'))}\n")
            w.write(2, f"Restart Count:\t{int(current.get('restartCount') or 0)}\n")
        _resources(w, container.get("resources"), 2)
        for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"),
                           ("Startup", "startupProbe")):
            if isinstance(container.get(key), Mapping):
                w.write(2, f"{title}:\t{_probe(container[key])}\n")
        env = [e for e in as_list(container.get("env")) if isinstance(e, Mapping)]
        w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
        for var in env:
            _env_var(w, var, pod)
        mounts = sorted((m for m in as_list(container.get("volumeMounts"))
                         if isinstance(m, Mapping)), key=lambda m: str(m.get("mountPath") or ""))
        w.write(2, f"Mounts:{'' if mounts else chr(9) + '<none>'}\n")
        for mount in mounts:
            flags = ["ro" if mount.get("readOnly") else "rw"]
            if mount.get("subPath"):
                flags.append(f'path="{mount["subPath"]}"')
            w.write(3, f"{mount.get('mountPath')} from {mount.get('name')} ({','.join(flags)})\n")


def pod_template(w: PrefixWriter, template: Any) -> None:
    """``DescribePodTemplate``."""
    w.write(0, "Pod Template:\n")
    if not isinstance(template, Mapping):
        w.write(1, "<unset>")
        return
    template_meta = meta(template)
    template_spec = spec(template)
    labels_multiline(w, "  Labels", template_meta.get("labels"))
    if str_map(template_meta.get("annotations")):
        annotations_multiline(w, "  Annotations", template_meta.get("annotations"))
    if template_spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{template_spec['serviceAccountName']}\n")
    if as_list(template_spec.get("initContainers")):
        containers(w, "Init Containers", template_spec.get("initContainers"), None, "  ")
    containers(w, "Containers", template_spec.get("containers"), None, "  ")
    volumes(w, template_spec.get("volumes"), "  ")
    if template_spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{template_spec['priorityClassName']}\n")
    labels_multiline(w, "  Node-Selectors", template_spec.get("nodeSelector"))
    tolerations_multiline(w, "  Tolerations", template_spec.get("tolerations"))


# ---- events ------------------------------------------------------------------------------------
def events_for(cluster: Cluster, obj: Obj, *, match_kind: bool = True) -> list[Obj]:
    """The Events ``describe`` finds for ``obj`` (by involved name, namespace, kind, uid)."""
    name = str(meta(obj).get("name") or "")
    namespace = str(meta(obj).get("namespace") or "")
    kind = str(obj.get("kind") or "")
    uid = str(meta(obj).get("uid") or "")
    found = []
    for event in cluster.store.list("Event"):
        ref = section(event, "involvedObject")
        if str(ref.get("name") or "") != name:
            continue
        if str(ref.get("namespace") or "") != namespace:
            continue
        if match_kind and str(ref.get("kind") or "") != kind:
            continue
        ref_uid = str(ref.get("uid") or "")
        if uid and ref_uid and ref_uid != uid and not (kind == "Node" and ref_uid == name):
            continue
        found.append(event)
    return found


def _event_time(event: Obj) -> str:
    return str(event.get("lastTimestamp") or event.get("eventTime") or "")


def events_section(w: PrefixWriter, cluster: Cluster, events: list[Obj]) -> None:
    """``DescribeEvents``: ages aggregated like ``12s (x3 over 45s)``, oldest first."""
    if not events:
        w.write(0, "Events:\t<none>\n")
        return
    w.flush()
    now = cluster.clock.now_ms
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for event in sorted(events, key=_event_time):
        first = since(event.get("firstTimestamp") or event.get("eventTime"), now)
        count = int(event.get("count") or 0)
        if count > 1:
            interval = f"{since(event.get('lastTimestamp'), now)} (x{count} over {first})"
        else:
            interval = first
        source = str(section(event, "source").get("component") or
                     event.get("reportingComponent") or "")
        w.write(1, f"{event.get('type') or ''}\t{event.get('reason') or ''}\t{interval}\t"
                   f"{source}\t{str(event.get('message') or '').strip()}\n")
