"""Every kubectl verb and simulator verb through ``Cluster.run``: output and error texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import core.validation as validation
from core import Cluster
from core.commands import CommandFailed, apply_text
from core.validation import FieldError
from tests.core.web_fixtures import fails

SEED = Path(__file__).resolve().parent / "golden"

CLAIM = """\
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  labels: {app: demo}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: nfs
  resources: {requests: {storage: 1Gi}}
"""


def _namespace(name: str) -> dict:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name},
            "status": {"phase": "Active"}}


@pytest.fixture
def cluster(tmp_path: Path) -> Cluster:
    cluster = Cluster()
    cluster.script_dir = tmp_path
    for name in ("seed-pvs.yaml", "seed-web.yaml", "www-claim.yaml"):
        (tmp_path / name).write_text((SEED / name).read_text())
    (tmp_path / "claim.yaml").write_text(CLAIM)
    return cluster


# ---- apply / create / delete -f -----------------------------------------------------------
def test_apply_creates_then_reports_unchanged(cluster):
    assert cluster.run("kubectl apply -f seed-pvs.yaml") == (
        "persistentvolume/pv0001 created\npersistentvolume/pv0002 created\n"
        "persistentvolume/pv0003 created\npersistentvolume/pv0004 created")
    assert cluster.run("kubectl apply -f seed-pvs.yaml").splitlines() == [
        f"persistentvolume/pv000{i} unchanged" for i in range(1, 5)]


def test_apply_records_last_applied_configuration_like_kubectl(cluster):
    cluster.run("kubectl apply -f claim.yaml")
    claim = cluster.get("PersistentVolumeClaim", "default", "data")
    annotation = claim["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
    assert annotation.endswith("}\n")
    assert annotation == (
        '{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"annotations":{},'
        '"labels":{"app":"demo"},"name":"data","namespace":"default"},"spec":{"accessModes":'
        '["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":'
        '"nfs"}}\n')


def test_apply_three_way_merge_removes_dropped_fields_and_keeps_controller_fields(cluster):
    cluster.run("kubectl apply -f claim.yaml")
    key = ("PersistentVolumeClaim", "default", "data")
    current = cluster.store.get_key(key)
    cluster.api.write(current, {"spec": {"volumeName": "pv0001"}, "status": {"phase": "Bound"}},
                      actor="persistentvolume-controller", reason="test")
    (cluster.script_dir / "claim.yaml").write_text(CLAIM.replace("  labels: {app: demo}\n", ""))
    assert cluster.run("kubectl apply -f claim.yaml") == (
        "persistentvolumeclaim/data configured")
    claim = cluster.store.get_key(key)
    assert "labels" not in claim["metadata"]
    assert claim["spec"]["volumeName"] == "pv0001"
    assert claim["status"] == {"phase": "Bound"}


def test_apply_over_an_object_created_without_apply_warns(cluster):
    cluster.run("kubectl create -f claim.yaml")
    assert cluster.run("kubectl apply -f claim.yaml") == (
        "Warning: resource persistentvolumeclaims/data is missing the "
        "kubectl.kubernetes.io/last-applied-configuration annotation which is required by "
        "kubectl apply. kubectl apply should only be used on resources created declaratively "
        "by either kubectl create --save-config or kubectl apply. The missing annotation will "
        "be patched automatically.\npersistentvolumeclaim/data configured")


def test_apply_reports_an_invalid_object_like_kubectl_and_applies_the_rest(
        cluster, monkeypatch):
    real = validation.validate

    def validate(obj, old):
        if obj.get("metadata", {}).get("name") == "pv0002":
            return [FieldError("spec.accessModes[0]", "Unsupported value", "ReadOnlyManyy",
                               'supported values: "ReadOnlyMany", "ReadWriteMany", '
                               '"ReadWriteOnce", "ReadWriteOncePod"')]
        return real(obj, old)

    monkeypatch.setattr(validation, "validate", validate)
    with pytest.raises(CommandFailed) as info:
        cluster.run("kubectl apply -f seed-pvs.yaml")
    assert str(info.value) == (
        "persistentvolume/pv0001 created\npersistentvolume/pv0003 created\n"
        "persistentvolume/pv0004 created\n"
        'The PersistentVolume "pv0002" is invalid: spec.accessModes[0]: '
        'Unsupported value: "ReadOnlyManyy": supported values: "ReadOnlyMany", '
        '"ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"')
    # The located form stays for the GUI and the Python API.
    from core.commands import apply_documents
    from core.manifests import load_text

    text = (cluster.script_dir / "seed-pvs.yaml").read_text()
    _, errors = apply_documents(cluster, load_text(text, "seed-pvs.yaml"))
    assert errors == ['seed-pvs.yaml:28: The PersistentVolume "pv0002" is invalid: '
                      'spec.accessModes[0]: Unsupported value: "ReadOnlyManyy": supported values: '
                      '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']
    assert cluster.get("PersistentVolume", "", "pv0002") is None
    assert cluster.get("PersistentVolume", "", "pv0004") is not None


def test_apply_lists_several_causes_like_kubectl(cluster, monkeypatch):
    monkeypatch.setattr(validation, "validate", lambda obj, old: [
        FieldError("spec.capacity", "Required value", has_value=False),
        FieldError("spec.accessModes", "Required value", has_value=False)])
    text = fails(cluster, "kubectl apply -f claim.yaml")
    # MultilineError: the prefix (ending in ": ") on a line of its own, then each cause.
    assert text == ('The PersistentVolumeClaim "data" is invalid: \n'
                    "* spec.capacity: Required value\n* spec.accessModes: Required value")


def test_apply_reports_unknown_kinds_per_document(cluster):
    (cluster.script_dir / "mixed.yaml").write_text(
        CLAIM + "---\napiVersion: v1\nkind: Frobnicator\nmetadata:\n  name: x\n")
    text = fails(cluster, "kubectl apply -f mixed.yaml")
    assert text.splitlines()[0] == "persistentvolumeclaim/data created"
    assert text.splitlines()[1].startswith('error: mixed.yaml:12: no matches for kind '
                                           '"Frobnicator" in version "v1"')


def test_apply_missing_file_and_flags(cluster):
    assert fails(cluster, "kubectl apply -f nope.yaml") == (
        'error: the path "nope.yaml" does not exist')
    assert fails(cluster, "kubectl apply --frob -f x") == (
        "error: unknown flag: --frob\nSee 'kubectl apply --help' for usage.")
    assert fails(cluster, "kubectl apply -f") == (
        "error: flag needs an argument: 'f' in -f\nSee 'kubectl apply --help' for usage.")


def test_apply_a_directory_and_a_namespace_mismatch(cluster):
    folder = cluster.script_dir / "manifests"
    folder.mkdir()
    (folder / "a.yaml").write_text(CLAIM)
    (folder / "notes.txt").write_text("ignored")
    assert cluster.run("kubectl apply -f manifests") == "persistentvolumeclaim/data created"
    cluster.api.restore(_namespace("other"))
    assert cluster.run("kubectl apply -f claim.yaml -n other") == (
        "persistentvolumeclaim/data created")
    assert cluster.get("PersistentVolumeClaim", "other", "data") is not None
    (cluster.script_dir / "ns.yaml").write_text(CLAIM.replace("  name: data\n",
                                                              "  name: x\n  namespace: a\n"))
    assert fails(cluster, "kubectl apply -f ns.yaml -n other") == (
        'error: the namespace from the provided object "a" does not match the namespace '
        "\"other\". You must pass '--namespace=a' to perform this operation.")


def test_create_already_exists(cluster):
    assert cluster.run("kubectl create -f claim.yaml") == "persistentvolumeclaim/data created"
    assert fails(cluster, "kubectl create -f claim.yaml") == (
        'Error from server (AlreadyExists): error when creating "claim.yaml": '
        'persistentvolumeclaims "data" already exists')


def test_delete_from_files_and_not_found(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    cluster.run("kubectl delete pv pv0002")
    cluster.settle()
    text = fails(cluster, "kubectl delete -f seed-pvs.yaml")
    assert text == ('persistentvolume "pv0001" deleted\npersistentvolume "pv0003" deleted\n'
                    'persistentvolume "pv0004" deleted\n'
                    'Error from server (NotFound): error when deleting "seed-pvs.yaml": '
                    'persistentvolumes "pv0002" not found')


# ---- delete ---------------------------------------------------------------------------------
def test_delete_by_name_prints_kind_and_name_like_kubectl_1_32(cluster):
    cluster.run("kubectl apply -f claim.yaml")
    assert cluster.run("kubectl delete pvc data") == (
        'persistentvolumeclaim "data" deleted')
    assert fails(cluster, "kubectl delete pvc data nope") == (
        'persistentvolumeclaim "data" deleted\n'
        'Error from server (NotFound): persistentvolumeclaims "nope" not found')


def test_delete_all_and_kind_name_forms(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    assert cluster.run("kubectl delete pv/pv0001 persistentvolume/pv0002") == (
        'persistentvolume "pv0001" deleted\npersistentvolume "pv0002" deleted')
    assert cluster.run("kubectl delete pv --all") == (
        'persistentvolume "pv0001" deleted\npersistentvolume "pv0002" deleted\n'
        'persistentvolume "pv0003" deleted\npersistentvolume "pv0004" deleted')
    assert cluster.run("kubectl delete pvc --all") == "No resources found"


def test_delete_errors(cluster):
    assert fails(cluster, "kubectl delete") .startswith(
        "error: You must provide one or more resources by argument or filename.")
    assert fails(cluster, "kubectl delete pv") == (
        "error: resource(s) were provided, but no name was specified")
    assert fails(cluster, "kubectl delete pv x --all") == (
        "error: name cannot be provided when a selector is specified")
    assert fails(cluster, "kubectl delete foo x") == (
        'error: the server doesn\'t have a resource type "foo"')
    assert fails(cluster, "kubectl delete pv/x y") == (
        "error: arguments in resource/name form must have a single resource and name")


def test_force_delete_of_a_pod_warns_and_removes_it_at_once(cluster):
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "web-0", "namespace": "default"},
           "spec": {"nodeName": "node-1", "containers": [{"name": "c", "image": "i"}]},
           "status": {"phase": "Running"}}
    cluster.api.restore(pod)
    assert cluster.run("kubectl delete pod web-0 --force --grace-period=0") == (
        "Warning: Immediate deletion does not wait for confirmation that the running resource "
        "has been terminated. The resource may continue to run on the cluster indefinitely.\n"
        'pod "web-0" force deleted')
    assert cluster.get("Pod", "default", "web-0") is None


# ---- get --------------------------------------------------------------------------------------
def test_get_empty_messages(cluster):
    assert cluster.run("kubectl get pvc") == "No resources found in default namespace."
    assert cluster.run("kubectl get pvc -n demo") == "No resources found in demo namespace."
    assert cluster.run("kubectl get pv") == "No resources found"
    assert cluster.run("kubectl get pvc -A") == "No resources found"
    assert cluster.run("kubectl get pv,pvc") == "No resources found"


def test_get_errors(cluster):
    assert fails(cluster, "kubectl get foo") == (
        'error: the server doesn\'t have a resource type "foo"')
    assert fails(cluster, "kubectl get pvc nope") == (
        'Error from server (NotFound): persistentvolumeclaims "nope" not found')
    assert fails(cluster, "kubectl get sts web") == (
        'Error from server (NotFound): statefulsets.apps "web" not found')
    assert fails(cluster, "kubectl get sc x") == (
        'Error from server (NotFound): storageclasses.storage.k8s.io "x" not found')
    assert fails(cluster, "kubectl get pv -o table") == (
        'error: unable to match a printer suitable for the output format "table", allowed '
        "formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
        "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")
    assert fails(cluster, "kubectl get pv -x") == (
        "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.")
    assert fails(cluster, "kubectl get").startswith(
        'You must specify the type of resource to get.')
    # A watch of nothing prints nothing (not "No resources found"): kubectl waits for rows.
    assert cluster.run("kubectl get pv -w") == ""
    assert cluster.run("kubectl get pvc nope --ignore-not-found") == ""


def test_get_output_formats(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    assert cluster.run("kubectl get pv -o name") == "\n".join(
        f"persistentvolume/pv000{i}" for i in range(1, 5))
    one = yaml.safe_load(cluster.run("kubectl get pv pv0001 -o yaml"))
    assert one["kind"] == "PersistentVolume" and one["metadata"]["name"] == "pv0001"
    listed = json.loads(cluster.run("kubectl get pv -o json"))
    assert listed["kind"] == "List" and len(listed["items"]) == 4
    assert listed["metadata"] == {"resourceVersion": ""}
    assert json.loads(cluster.run("kubectl get pvc -o json"))["items"] == []
    two = yaml.safe_load(cluster.run("kubectl get pv pv0001 pv0002 -oyaml"))
    assert [i["metadata"]["name"] for i in two["items"]] == ["pv0001", "pv0002"]
    assert cluster.run("kubectl get pv/pv0003 --output=name") == "persistentvolume/pv0003"


def test_get_selectors_labels_and_namespaces(cluster):
    cluster.api.restore(_namespace("demo"))
    cluster.run("kubectl apply -f claim.yaml")
    cluster.run("kubectl apply -f claim.yaml -n demo")
    assert cluster.run("kubectl get pvc -l app=demo -o name") == "persistentvolumeclaim/data"
    assert cluster.run("kubectl get pvc -l app!=demo") == (
        "No resources found in default namespace.")
    assert cluster.run("kubectl get pvc -l 'app in (x,demo)' -o name") == (
        "persistentvolumeclaim/data")
    table = cluster.run("kubectl get pvc -A --show-labels")
    assert table.splitlines()[0].split()[:2] == ["NAMESPACE", "NAME"]
    assert table.splitlines()[0].endswith("LABELS")
    assert [line.split()[0] for line in table.splitlines()[1:]] == ["default", "demo"]
    assert all(line.endswith("app=demo") for line in table.splitlines()[1:])


def test_get_multiple_kinds_prints_one_table_per_kind(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    cluster.run("kubectl apply -f claim.yaml")
    text = cluster.run("kubectl get pv,pvc")
    blocks = text.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].splitlines()[1].startswith("persistentvolume/pv0001 ")
    assert blocks[1].splitlines()[0].startswith("NAME                         STATUS")
    assert blocks[1].splitlines()[1].startswith("persistentvolumeclaim/data   ")


def test_get_events_field_selector(cluster):
    claim = cluster.api.restore({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                 "metadata": {"name": "x", "namespace": "default"}})
    other = cluster.api.restore({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                 "metadata": {"name": "y", "namespace": "default"}})
    cluster.recorder.emit(claim, "Warning", "ProvisioningFailed", "nope", component="pvc")
    cluster.recorder.emit(other, "Normal", "Other", "fine", component="pvc")
    table = cluster.run("kubectl get events --field-selector involvedObject.name=x")
    assert len(table.splitlines()) == 2 and "persistentvolumeclaim/x" in table
    warnings = cluster.run("kubectl get ev --field-selector type=Warning -o name")
    assert warnings.count("\n") == 0 and warnings.startswith("event/x.")


# ---- describe -----------------------------------------------------------------------------------
def test_describe_errors_prefix_match_and_kind_only(cluster):
    assert fails(cluster, "kubectl describe pvc nope") == (
        'Error from server (NotFound): persistentvolumeclaims "nope" not found')
    assert cluster.run("kubectl describe pvc") == "No resources found in default namespace."
    cluster.run("kubectl apply -f seed-pvs.yaml")
    several = cluster.run("kubectl describe pv pv000")
    assert several.count("Name:            pv000") == 4
    assert "\n\n\nName:            pv0002" in several
    assert cluster.run("kubectl describe pv/pv0003").startswith("Name:            pv0003\n")


# ---- patch ---------------------------------------------------------------------------------------
def _released(cluster: Cluster) -> None:
    cluster.run("kubectl apply -f seed-pvs.yaml")
    volume = cluster.get("PersistentVolume", "", "pv0001")
    cluster.api.write(volume, {"spec": {"claimRef": {"kind": "PersistentVolumeClaim",
                                                     "namespace": "default", "name": "gone",
                                                     "uid": "old"}},
                               "status": {"phase": "Released"}}, actor="test", reason="test")


def test_patch_merge_clears_the_claim_ref(cluster):
    _released(cluster)
    assert cluster.run("""kubectl patch pv pv0001 -p '{"spec":{"claimRef":null}}'""") == (
        "persistentvolume/pv0001 patched")
    assert "claimRef" not in cluster.get("PersistentVolume", "", "pv0001")["spec"]
    assert cluster.run("""kubectl patch pv pv0001 --type merge -p '{"spec":{"claimRef":null}}'"""
                       ) == "persistentvolume/pv0001 patched (no change)"


def test_patch_json_and_yaml_bodies(cluster):
    _released(cluster)
    assert cluster.run("""kubectl patch pv/pv0001 --type=json -p '[{"op":"remove","path":"/spec/claimRef"}]'"""
                       ) == "persistentvolume/pv0001 patched"
    assert cluster.run("kubectl patch pv pv0002 -p 'metadata: {labels: {tier: gold}}'") == (
        "persistentvolume/pv0002 patched")
    assert cluster.get("PersistentVolume", "", "pv0002")["metadata"]["labels"] == {"tier": "gold"}


def test_patch_leaves_status_to_the_status_subresource(cluster):
    _released(cluster)
    assert cluster.run("""kubectl patch pv pv0001 -p '{"status":{"phase":"Available"}}'""") == (
        "persistentvolume/pv0001 patched (no change)")
    assert cluster.run("""kubectl patch pv pv0001 --subresource=status -p '{"status":{"phase":"Available"}}'"""
                       ) == "persistentvolume/pv0001 patched"
    assert cluster.get("PersistentVolume", "", "pv0001")["status"]["phase"] == "Available"


def test_patch_errors(cluster):
    _released(cluster)
    assert fails(cluster, "kubectl patch pv nope -p '{}'") == (
        'Error from server (NotFound): persistentvolumes "nope" not found')
    assert fails(cluster, "kubectl patch pv pv0001 --type frob -p '{}'") == (
        'error: --type must be one of [json merge strategic], not "frob"')
    assert fails(cluster, "kubectl patch pv pv0001") == (
        "error: must specify --patch or --patch-file containing the contents of the patch")
    assert fails(cluster, """kubectl patch pv pv0001 --type json -p '[{"op":"remove","path":"/spec/nope"}]'""") == (
        "The request is invalid: unable to remove nonexistent key: nope: missing value")
    assert fails(cluster, "kubectl patch pv pv0001 -p '{bad'").startswith(
        'error: unable to parse "{bad":')


# ---- scale, exec, nodes, edit --------------------------------------------------------------------
def test_scale(cluster):
    assert fails(cluster, "kubectl scale sts web") == (
        'error: required flag(s) "replicas" not set')
    assert fails(cluster, "kubectl scale sts web --replicas=x").startswith(
        'error: invalid argument "x" for "--replicas" flag')
    assert fails(cluster, "kubectl scale statefulset web --replicas=3") == (
        'Error from server (NotFound): statefulsets.apps "web" not found')
    cluster.run("kubectl apply -f seed-web.yaml")
    assert cluster.run("kubectl scale statefulset web --replicas=3") == (
        "statefulset.apps/web scaled")
    assert cluster.get("StatefulSet", "default", "web")["spec"]["replicas"] == 3
    assert cluster.run("kubectl scale sts/web --replicas 1") == "statefulset.apps/web scaled"


def test_exec_needs_the_double_dash(cluster):
    assert fails(cluster, "kubectl exec web-0 ls /") == (
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] "
        "instead")
    assert fails(cluster, "kubectl exec") == (
        "error: pod, type/name or --filename must be specified")
    assert fails(cluster, "kubectl exec web-0 --") == (
        "error: you must specify at least one command for the container")


def test_edit_is_not_interactive(cluster):
    assert fails(cluster, "kubectl edit pv pv0001").startswith(
        "error: kubectl edit opens an editor, which a script cannot do; use kubectl patch pv "
        "pv0001 -p")
    # The hint fits the kind: the seed edits a PV's claimRef, the Scale page a set's replicas.
    assert "kubectl scale statefulset web --replicas=N" in fails(
        cluster, "kubectl edit statefulsets web")


def test_node_commands_need_a_node(cluster):
    assert fails(cluster, "kubectl cordon") == (
        "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples")


def test_unknown_commands(cluster):
    assert fails(cluster, "kubectl frob") == 'error: unknown command "frob" for "kubectl"'
    assert fails(cluster, "get pv").startswith('error: unknown command "get"')
    assert fails(cluster, "kubectl get pv 'unclosed").startswith("error: cannot parse the line")


# ---- simulator verbs ---------------------------------------------------------------------------------
def test_settle_sleep_say_snapshot(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    assert cluster.run("settle") == ""
    before = cluster.now_ms
    assert cluster.run("sleep 1m30s") == ""
    assert cluster.now_ms == before + 90_000
    assert "90s" in cluster.run("kubectl get pv pv0001")
    assert cluster.run("say The PVs are Available.") == "The PVs are Available."
    assert cluster.run("snapshot after-apply") == ""
    assert fails(cluster, "sleep soon").startswith('error: invalid duration "soon"')
    assert fails(cluster, "settle now") == "error: settle takes no arguments"


def test_simulator_verb_usage_errors(cluster):
    assert fails(cluster, "nfs write onlyserver").startswith("error: usage: nfs write")
    assert fails(cluster, "nfs cat 192.168.6.189") .startswith("error: expected SERVER:PATH")
    assert fails(cluster, "node explode node-1") == (
        "error: usage: node fail NODE | node recover NODE")
    assert fails(cluster, "explain pvc nope") == (
        'Error from server (NotFound): persistentvolumeclaims "nope" not found')
    assert fails(cluster, "explain sts web").startswith("error: explain works on claims")


def test_explain_prints_the_explanation(cluster):
    cluster.run("kubectl apply -f seed-pvs.yaml")
    cluster.run("kubectl apply -f claim.yaml")
    cluster.settle()
    text = cluster.run("explain pvc data")
    assert "data" in text and not text.endswith("\n")


def test_apply_text_python_api(cluster):
    assert apply_text(cluster, CLAIM, "inline.yaml") == "persistentvolumeclaim/data created"
    with pytest.raises(CommandFailed) as info:
        apply_text(cluster, "apiVersion: v1\nkind: Nope\nmetadata: {name: a}\n", "bad.yaml")
    assert str(info.value).startswith('error: bad.yaml:2: no matches for kind "Nope"')


def test_dry_run_is_refused_rather_than_run_for_real(cluster):
    assert fails(cluster, "kubectl apply -f claim.yaml --dry-run=client").startswith(
        "error: --dry-run is not available in the simulator")
    assert cluster.get("PersistentVolumeClaim", "default", "data") is None


def test_get_by_name_across_namespaces_and_delete_names(cluster):
    assert fails(cluster, "kubectl get pvc data -A") == (
        "error: a resource cannot be retrieved by name across all namespaces")
    cluster.run("kubectl apply -f claim.yaml")
    assert cluster.run("kubectl delete pvc data -o name") == "persistentvolumeclaim/data"


def test_get_namespaces_shows_the_builtin_ones(cluster):
    names = cluster.run("kubectl get ns -o name").splitlines()
    assert names == ["namespace/default", "namespace/kube-node-lease", "namespace/kube-public",
                     "namespace/kube-system"]
    assert cluster.run("kubectl get ns default").splitlines()[1].split()[:2] == [
        "default", "Active"]
    assert cluster.run("kubectl describe ns kube-system").startswith("Name:         kube-system\n")


def test_cordon_uncordon_and_drain(cluster):
    assert cluster.run("kubectl cordon node-1") == "node/node-1 cordoned"
    assert "Ready,SchedulingDisabled" in cluster.run("kubectl get node node-1")
    assert cluster.run("kubectl uncordon node/node-1") == "node/node-1 uncordoned"
    assert cluster.run("kubectl drain node-2 --ignore-daemonsets").startswith(
        "node/node-2 cordoned")
    assert fails(cluster, "kubectl cordon nope") == (
        'Error from server (NotFound): nodes "nope" not found')
