"""kubectl v1.32's exact words (the version the simulated cluster reports).

Each section names the upstream code it follows: delete's ``PrintObj`` and
``Validate()`` (pkg/cmd/delete/delete.go), drain's filters (pkg/drain/filters.go,
pkg/cmd/drain/drain.go), the label columns of cli-runtime's table printer
(``decorateTable``), and ``cmdutil.CheckErr`` for manifest errors (pkg/cmd/util/helpers.go).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core import Cluster, CommandError, workloads
from core.commands import CommandFailed, apply_documents, apply_text
from core.kubectl.printing import FORCE_WARNING
from core.kubectl.yamlerrors import document_at, go_yaml_problem
from core.manifests import load_text
from core.script import run_script
from tests.core.web_fixtures import fails

from .test_pods_support import add, controller_owner, new_cluster, pod

SUPPORTED = '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'
BAD_MODE_PV = """apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-a
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadOnlyManyy]
  nfs: {server: 10.0.0.1, path: /a}
"""
GOOD_PV = """apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-ok
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  nfs: {server: 10.0.0.1, path: /ok}
"""
BARE_CLAIM = """apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  resources: {requests: {storage: 1Gi}}
"""
A_INVALID = (f'PersistentVolume "pv-a" is invalid: spec.accessModes: Unsupported value: '
             f'"ReadOnlyManyy": supported values: {SUPPORTED}')


@pytest.fixture
def cluster(tmp_path: Path) -> Cluster:
    cluster = Cluster()
    cluster.script_dir = tmp_path
    return cluster


def running_pod(cluster: Cluster, name: str = "web-0", **labels: str) -> None:
    cluster.api.restore({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": dict(labels)},
        "spec": {"nodeName": "node-1", "containers": [{"name": "c", "image": "i"}]},
        "status": {"phase": "Running"}})


# ---- 1. delete's success lines (DeleteOptions.PrintObj) ------------------------------------------
@pytest.mark.parametrize(("line", "expected"), [
    ("kubectl delete pod web-0", 'pod "web-0" deleted'),
    ("kubectl delete pods/web-0", 'pod "web-0" deleted'),
    ("kubectl delete pod web-0 --grace-period=0", 'pod "web-0" deleted'),  # 0 means 1
    ("kubectl delete pod web-0 --now", 'pod "web-0" deleted'),
    ("kubectl delete pod web-0 --force --grace-period=0",
     FORCE_WARNING + '\npod "web-0" force deleted'),
    ("kubectl delete pod web-0 --force", FORCE_WARNING + '\npod "web-0" force deleted'),
    ("kubectl delete pod web-0 -o name", "pod/web-0"),
    ("kubectl delete pv pv-ok", 'persistentvolume "pv-ok" deleted'),
])
def test_delete_prints_kind_and_name_without_the_namespace(cluster, line, expected):
    running_pod(cluster)
    (cluster.script_dir / "pv.yaml").write_text(GOOD_PV)
    cluster.run("kubectl apply -f pv.yaml")
    assert cluster.run(line) == expected


def test_delete_of_a_statefulset_and_from_a_file(cluster):
    (cluster.script_dir / "sts.yaml").write_text("""apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx}]
""")
    cluster.run("kubectl apply -f sts.yaml")
    assert cluster.run("kubectl delete sts web") == 'statefulset.apps "web" deleted'
    cluster.run("kubectl apply -f sts.yaml")
    assert cluster.run("kubectl delete -f sts.yaml") == 'statefulset.apps "web" deleted'


# ---- 2. delete's Validate() (and Complete()'s flag checks) -------------------------------------------
@pytest.mark.parametrize(("flags", "message"), [
    ("--force --grace-period=5",
     "error: --force and --grace-period greater than 0 cannot be specified together"),
    ("--grace-period=5 --force",
     "error: --force and --grace-period greater than 0 cannot be specified together"),
    # --now is --grace-period=1
    ("--force --now",
     "error: --force and --grace-period greater than 0 cannot be specified together"),
    ("--now --grace-period=5", "error: --now and --grace-period cannot be specified together"),
    ("--now --grace-period=0", "error: --now and --grace-period cannot be specified together"),
    ("-o yaml", "error: unexpected -o output mode: yaml. We only support '-o name'"),
    ("-o wide", "error: unexpected -o output mode: wide. We only support '-o name'"),
])
def test_delete_validate_refuses_and_deletes_nothing(cluster, flags, message):
    running_pod(cluster)
    assert fails(cluster, f"kubectl delete pod web-0 {flags}") == message
    assert cluster.get("Pod", "default", "web-0") is not None
    assert not cluster.get("Pod", "default", "web-0")["metadata"].get("deletionTimestamp")


def test_delete_validate_applies_to_files_too(cluster):
    running_pod(cluster)
    (cluster.script_dir / "pod.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n")
    assert fails(cluster, "kubectl delete -f pod.yaml --force --grace-period=3") == (
        "error: --force and --grace-period greater than 0 cannot be specified together")
    assert cluster.get("Pod", "default", "web-0") is not None


@pytest.mark.parametrize("selector", ["-l app=web", "--field-selector metadata.name=web-0"])
def test_delete_all_with_a_selector_is_the_builders_error(cluster, selector):
    running_pod(cluster, app="web")
    # SelectAllParam refuses before Validate()'s own "cannot set --all and ..." is reached.
    assert fails(cluster, f"kubectl delete pods --all {selector}") == (
        "error: setting 'all' parameter but found a non empty selector. ")
    assert cluster.get("Pod", "default", "web-0") is not None


def test_argument_errors_come_before_validate(cluster):
    # Complete() (the resource builder) runs before Validate().
    assert fails(cluster, "kubectl delete pod --force --grace-period=5") == (
        "error: resource(s) were provided, but no name was specified")


# ---- 3. drain of pods without a controller (pkg/drain/filters.go) ------------------------------------
def test_drain_with_several_reasons_lists_each_once():
    cluster = new_cluster()
    owner = controller_owner(cluster)
    add(cluster, pod("cache", node="node-1", owner=owner,
                     volumes=[{"name": "tmp", "emptyDir": {}}]))
    add(cluster, pod("solo", node="node-1"))
    add(cluster, pod("loner", node="node-1"))
    with pytest.raises(CommandError) as info:
        workloads.drain(cluster, "node-1")
    local = ("cannot delete Pods with local storage (use --delete-emptydir-data to override): "
             "default/cache")
    bare = ("cannot delete cannot delete Pods that declare no controller (use --force to "
            "override): default/loner, default/solo")
    # One aggregate in the "unable to drain" line; checkErr's MultipleErrors at the end.
    assert str(info.value).splitlines() == [
        "node/node-1 cordoned",
        f'error: unable to drain node "node-1" due to error: [{local}, {bare}], continuing '
        "command...",
        "There are pending nodes to be drained:",
        " node-1",
        local,
        bare,
    ]


def test_drain_force_keeps_the_warning_wording():
    cluster = new_cluster()
    add(cluster, pod("solo", node="node-1"))
    assert workloads.drain(cluster, "node-1", force=True).splitlines()[:2] == [
        "node/node-1 cordoned", "Warning: deleting Pods that declare no controller: default/solo"]


# ---- 4. -L/--label-columns (cli-runtime decorateTable) --------------------------------------------------
def pods_cluster() -> Cluster:
    cluster = Cluster()
    running_pod(cluster, "web-0", app="nginx", **{"controller-revision-hash": "web-6d4b"})
    running_pod(cluster, "web-1", app="nginx")
    return cluster


def test_label_columns_follow_the_normal_ones_upper_cased():
    cluster = pods_cluster()
    rows = cluster.run("kubectl get pods -L controller-revision-hash").splitlines()
    assert rows[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE",
                               "CONTROLLER-REVISION-HASH"]
    assert rows[1].split()[-1] == "web-6d4b"
    assert rows[1].index("web-6d4b") == rows[0].index("CONTROLLER-REVISION-HASH")
    # A pod without the label has an empty cell there.
    assert rows[2].split()[-1] != "web-6d4b" and len(rows[2].split()) == 5


@pytest.mark.parametrize("flags", [
    "-L app,controller-revision-hash",
    "-L app -L controller-revision-hash",
    "--label-columns=app --label-columns controller-revision-hash",
    "-Lapp,controller-revision-hash",
])
def test_label_columns_comma_lists_and_repeats(flags):
    header = pods_cluster().run(f"kubectl get pods {flags}").splitlines()[0].split()
    assert header[-2:] == ["APP", "CONTROLLER-REVISION-HASH"]


def test_label_columns_use_the_last_path_segment_and_sit_before_labels():
    cluster = pods_cluster()
    cluster.api.restore({"apiVersion": "v1", "kind": "Pod", "metadata": {
        "name": "tagged", "namespace": "default",
        "labels": {"app.kubernetes.io/name": "shop"}}, "spec": {"containers": []}})
    text = cluster.run("kubectl get pods -A -L app.kubernetes.io/name --show-labels")
    header, row = text.splitlines()[0], text.splitlines()[1]
    assert header.split() == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "NAME",
                              "LABELS"]
    assert row.split()[-2:] == ["shop", "app.kubernetes.io/name=shop"]


def test_label_columns_with_wide_come_after_the_wide_columns():
    header = pods_cluster().run("kubectl get pods -o wide -L app").splitlines()[0].split()
    assert header[-3:] == ["READINESS", "GATES", "APP"]


@pytest.mark.parametrize("kind", ["pv", "pvc", "sc", "pods", "sts", "svc", "nodes", "ns",
                                  "endpoints", "events", "controllerrevisions"])
def test_label_columns_exist_for_every_kind(tmp_path, kind):
    cluster = Cluster()
    cluster.script_dir = tmp_path
    (tmp_path / "all.yaml").write_text(ALL_KINDS)
    cluster.run("kubectl apply -f all.yaml")
    cluster.settle()
    for wide in ("", " -o wide"):
        text = cluster.run(f"kubectl get {kind} -A -L zone,app{wide}")
        header = text.splitlines()[0].split()
        assert (header[0] == "NAMESPACE") is (kind not in ("pv", "sc", "nodes", "ns"))
        assert header[-2:] == ["ZONE", "APP"], text


def test_label_column_value_for_nodes():
    cluster = Cluster()
    cluster.run("kubectl label nodes node-1 zone=a")
    lines = cluster.run("kubectl get nodes -L zone").splitlines()
    assert lines[1].split()[0] == "node-1" and lines[1].split()[-1] == "a"
    assert lines[2].split()[-1] != "a"


ALL_KINDS = """apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, labels: {app: demo}}
provisioner: example.com/nfs
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1, labels: {zone: a}}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  nfs: {server: 10.0.0.1, path: /a}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, labels: {app: demo}}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Service
metadata: {name: nginx, labels: {app: nginx}}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, labels: {app: nginx}}
spec:
  serviceName: nginx
  replicas: 1
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx}]
"""


# ---- 5. manifest errors as kubectl prints them (cmdutil.CheckErr) -------------------------------------
def write(cluster: Cluster, name: str, text: str) -> None:
    (cluster.script_dir / name).write_text(text)


def test_one_invalid_object_prints_the_details_form(cluster):
    write(cluster, "pvs.yaml", GOOD_PV + "---\n" + BAD_MODE_PV)
    with pytest.raises(CommandFailed) as info:
        cluster.run("kubectl apply -f pvs.yaml")
    assert str(info.value) == ("persistentvolume/pv-ok created\n"
                               f"The {A_INVALID}")
    assert cluster.get("PersistentVolume", "", "pv-ok") is not None


def test_several_causes_on_one_object_print_kubectls_multiline_error(cluster):
    write(cluster, "pvc.yaml", BARE_CLAIM.replace("  resources: {requests: {storage: 1Gi}}\n",
                                                  "  resources: {}\n"))
    text = fails(cluster, "kubectl create -f pvc.yaml")
    lines = text.splitlines()
    assert lines[0] == 'The PersistentVolumeClaim "data" is invalid: '
    assert len(lines) >= 3 and all(line.startswith("* spec.") for line in lines[1:])


@pytest.mark.parametrize("verb", ["apply", "create"])
def test_several_failing_objects_print_kubectls_aggregate(cluster, verb):
    write(cluster, "pvs.yaml", BAD_MODE_PV + "---\n" + BAD_MODE_PV.replace("pv-a", "pv-b")
          + "---\n" + GOOD_PV)
    text = fails(cluster, f"kubectl {verb} -f pvs.yaml")
    assert text.splitlines() == [
        "persistentvolume/pv-ok created",
        f'Error from server (Invalid): error when creating "pvs.yaml": {A_INVALID}',
        f'Error from server (Invalid): error when creating "pvs.yaml": '
        f'{A_INVALID.replace("pv-a", "pv-b")}',
    ]


def test_aggregate_brackets_several_causes_and_keeps_other_reasons(cluster):
    write(cluster, "pvs.yaml", GOOD_PV)
    cluster.run("kubectl create -f pvs.yaml")
    bad_claim = BARE_CLAIM.replace("  resources: {requests: {storage: 1Gi}}\n", "  resources: {}\n")
    write(cluster, "more.yaml", GOOD_PV + "---\n" + bad_claim)
    lines = fails(cluster, "kubectl create -f more.yaml").splitlines()
    assert lines[0] == ('Error from server (AlreadyExists): error when creating "more.yaml": '
                        'persistentvolumes "pv-ok" already exists')
    assert lines[1].startswith('Error from server (Invalid): error when creating "more.yaml": '
                               'PersistentVolumeClaim "data" is invalid: [spec.')
    assert lines[1].endswith("]") and len(lines) == 2


def test_one_already_exists_alone_names_the_file(cluster):
    write(cluster, "pvs.yaml", GOOD_PV)
    cluster.run("kubectl create -f pvs.yaml")
    assert fails(cluster, "kubectl create -f pvs.yaml") == (
        'Error from server (AlreadyExists): error when creating "pvs.yaml": '
        'persistentvolumes "pv-ok" already exists')


def test_group_of_the_kind_is_named_in_the_aggregate(cluster):
    sts = """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
spec:
  serviceName: nginx
  replicas: -1
  selector: {{matchLabels: {{app: nginx}}}}
  template:
    metadata: {{labels: {{app: nginx}}}}
    spec:
      containers: [{{name: nginx, image: nginx}}]
"""
    write(cluster, "sts.yaml", sts.format(name="a") + "---\n" + sts.format(name="b"))
    lines = fails(cluster, "kubectl apply -f sts.yaml").splitlines()
    assert [line.split(": ")[2].split(" is invalid")[0] for line in lines] == [
        'StatefulSet.apps "a"', 'StatefulSet.apps "b"']


def test_scripts_print_kubectls_text_without_file_and_line(cluster):
    write(cluster, "pvs.yaml", BAD_MODE_PV)
    out = io.StringIO()
    assert run_script(cluster, "kubectl apply -f pvs.yaml\n", out=out) == 1
    assert out.getvalue() == f"$ kubectl apply -f pvs.yaml\nThe {A_INVALID}\n"


def test_the_gui_and_python_api_keep_the_located_form(cluster):
    text = GOOD_PV + "---\n" + BAD_MODE_PV
    with pytest.raises(CommandFailed) as info:
        apply_text(cluster, text, "pvs.yaml")
    assert info.value.errors == [f"pvs.yaml:16: The {A_INVALID}"]
    _output, errors = apply_documents(Cluster(), load_text(text, "pvs.yaml"))
    assert errors == [f"pvs.yaml:16: The {A_INVALID}"]


# ---- malformed YAML (apimachinery YAMLReader + sigs.k8s.io/yaml over go-yaml v2) --------------------
BROKEN = "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: x\n spec: [\n"


@pytest.mark.parametrize(("text", "expected"), [
    # A parser error gives the 0-based line of the problem (go-yaml v2's parser.fail).
    (BROKEN, "yaml: line 4: did not find expected key"),
    # A scanner error gives its 1-based line.
    ("a: b\nc: 'open\n", "yaml: line 3: found unexpected end of stream"),
    ("a: b\n\tc: d\n", "yaml: line 2: found a tab character that violates indentation"),
    ("a: b\n", None),
])
def test_go_yaml_problem(text, expected):
    assert go_yaml_problem(text) == expected


def test_documents_are_cut_like_kubectls_reader():
    text = "a: 1\n---\nb: 2\nc: 3\n--- # comment\nd: 4\n"
    assert document_at(text, 1) == "a: 1\n"
    assert document_at(text, 4) == "b: 2\nc: 3\n"
    assert document_at(text, 6) == "d: 4\n"


def test_malformed_yaml_prints_kubectls_parse_error(cluster):
    write(cluster, "bad.yaml", BROKEN)
    assert fails(cluster, "kubectl apply -f bad.yaml") == (
        "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4: did not "
        "find expected key")


def test_malformed_yaml_lines_count_from_the_document(cluster):
    write(cluster, "two.yaml", GOOD_PV + "---\n" + BROKEN)
    text = fails(cluster, "kubectl create -f two.yaml")
    assert text.splitlines() == [
        "persistentvolume/pv-ok created",
        "error: error parsing two.yaml: error converting YAML to JSON: yaml: line 4: did not "
        "find expected key"]


def test_malformed_yaml_keeps_the_located_form_for_the_gui(cluster):
    with pytest.raises(CommandFailed) as info:
        apply_text(cluster, BROKEN, "bad.yaml")
    assert info.value.errors[0].startswith("error: bad.yaml:5: invalid YAML")
