"""The "StatefulSet Basics" tutorial (kubernetes.io/docs/tutorials/stateful-application/
basic-stateful-set/), run command by command through ``Cluster.run``.

Expected texts are kubectl's where its format is deterministic: the tutorial's shown
outputs (``service/nginx created``, ``statefulset.apps/web scaled``, ``web-0``...),
kubectl's StatefulSet status viewer (rollout status), its deletion flags and the
apiserver's validation error for the tutorial's OnDelete patch (kubernetes/website#47038).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from core.cluster import Cluster
from core.kubectl.watch import RememberingTabWriter
from core.script import run_script
from tests.core.web_fixtures import fails

SCRIPTS = Path(__file__).resolve().parents[2] / "assets" / "scripts"
IMAGE_TEMPLATE = "'{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'"
WRITE_HOSTNAME = ("kubectl exec \"web-{i}\" -- sh -c 'echo \"$(hostname)\" > "
                  "/usr/share/nginx/html/index.html'")
CURL = 'kubectl exec -i -t "web-{i}" -- curl http://localhost/'


def new_cluster(*setup: str) -> Cluster:
    cluster = Cluster()
    cluster.script_dir = SCRIPTS
    for line in setup:
        cluster.run(line)
    return cluster


@pytest.fixture
def web() -> Cluster:
    """The tutorial after "Creating a StatefulSet", with a default StorageClass."""
    cluster = new_cluster("kubectl apply -f standard-storageclass.yaml",
                          "kubectl apply -f web.yaml")
    cluster.settle()
    return cluster


def images(cluster: Cluster, count: int = 3) -> list[str]:
    return [cluster.run(f"kubectl get pod web-{i} --template {IMAGE_TEMPLATE}")
            for i in range(count)]


# ---- creating -----------------------------------------------------------------------------
def test_creating_a_statefulset_prints_what_the_tutorial_shows():
    cluster = new_cluster("kubectl apply -f standard-storageclass.yaml")
    assert cluster.run("kubectl apply -f web.yaml") == (
        "service/nginx created\nstatefulset.apps/web created")
    assert cluster.run("kubectl get service nginx") == (
        "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
        "nginx   ClusterIP   None         <none>        80/TCP    0s")
    assert cluster.run("kubectl get statefulset web") == "NAME   READY   AGE\nweb    0/2     0s"
    cluster.settle()
    assert cluster.run("kubectl get statefulset web") == "NAME   READY   AGE\nweb    2/2     8s"
    table = cluster.run("kubectl get pods -l app=nginx").splitlines()
    assert table[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert [row.split()[:4] for row in table[1:]] == [["web-0", "1/1", "Running", "0"],
                                                      ["web-1", "1/1", "Running", "0"]]


def test_ordered_pod_creation_seen_through_a_watch():
    cluster = new_cluster("kubectl apply -f standard-storageclass.yaml",
                          "kubectl apply -f web.yaml")
    lines = cluster.run("kubectl get pods --watch -l app=nginx").splitlines()
    assert lines[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    assert sum(1 for line in lines if line.startswith("NAME")) == 1
    rows = [line.split() for line in lines[1:]]
    first_web1 = next(i for i, row in enumerate(rows) if row[0] == "web-1")
    # web-1 is not launched until web-0 is Running and Ready.
    assert rows[first_web1 - 1][:3] == ["web-0", "1/1", "Running"]
    assert all(row[0] == "web-0" for row in rows[:first_web1])
    assert rows[0][:3] == ["web-0", "0/1", "Pending"]
    assert rows[-1][:3] == ["web-1", "1/1", "Running"]
    assert {row[2] for row in rows} >= {"Pending", "ContainerCreating", "Running"}
    # The watch ran the cluster until it settled.
    assert cluster.run("kubectl get statefulset web").endswith("2/2     8s")


def test_watch_aligns_rows_like_kubectl_remembering_widths():
    cluster = new_cluster("kubectl apply -f standard-storageclass.yaml",
                          "kubectl apply -f web.yaml")
    lines = cluster.run("kubectl get pods -w -l app=nginx").splitlines()
    before = next(line for line in lines if "Pending" in line)
    widened = next(line for line in lines if "ContainerCreating" in line)
    after = next(line for line in reversed(lines) if "Running" in line)
    assert before == "web-0   0/1     Pending   0          0s"
    assert widened == "web-0   0/1     ContainerCreating   0          1s"
    # The STATUS column stays as wide as ContainerCreating made it.
    assert after == "web-1   1/1     Running             0          4s"


@pytest.mark.parametrize("rows, widths", [
    # RememberWidths: a later flush never narrows a column.
    ([["NAME", "STATUS", "AGE"], ["web-0", "Pending", "0s"]], [8, 10]),
    ([["web-0", "ContainerCreating", "1s"]], [8, 20]),
    ([["web-0", "Running", "5s"]], [8, 20]),
])
def test_remembering_tab_writer(rows, widths):
    writer = test_remembering_tab_writer.writer  # type: ignore[attr-defined]
    writer.flush(rows)
    assert writer.widths == widths


test_remembering_tab_writer.writer = RememberingTabWriter()  # type: ignore[attr-defined]


@pytest.mark.parametrize("line", [
    "kubectl get pods -w -l app=none",
    "kubectl get pods --watch-only -l app=nginx",
])
def test_a_watch_on_a_quiet_cluster_prints_nothing(web, line):
    assert web.run(line) == ""


def test_watch_errors(web):
    assert fails(web, "kubectl get pods,pvc -w") == (
        "error: watch is only supported on individual resources and resource collections - "
        "more than 1 resource was found")
    assert fails(web, "kubectl get pod nope -w") == (
        'Error from server (NotFound): pods "nope" not found')


# ---- pods in a statefulset ----------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("kubectl exec \"web-0\" -- sh -c 'hostname'", "web-0"),
    ("kubectl exec web-1 -- sh -c 'hostname'", "web-1"),
    ("kubectl exec web-1 -- sh -c 'echo $(hostname) `hostname`'", "web-1 web-1"),
    ("kubectl exec web-0 -- sh -c 'echo \"a $(echo \"b  c\")\"'", "a b  c"),
    ("kubectl get pvc -l app=nginx -o custom-columns=NAME:.metadata.name,STATUS:.status.phase",
     "NAME        STATUS\nwww-web-0   Bound\nwww-web-1   Bound"),
])
def test_stable_identity_and_storage(web, line, expected):
    assert web.run(line) == expected


def test_pods_keep_their_names_and_data_when_deleted(web):
    for i in (0, 1):
        assert web.run(WRITE_HOSTNAME.format(i=i)) == ""
        assert web.run(CURL.format(i=i)) == f"web-{i}"
    old_uids = [web.store.get("Pod", "default", f"web-{i}")["metadata"]["uid"] for i in (0, 1)]
    assert web.run("kubectl delete pod -l app=nginx") == (
        'pod "web-0" deleted\npod "web-1" deleted')
    watch = web.run("kubectl get pod --watch -l app=nginx")
    assert "Terminating" in watch and watch.rstrip().endswith("Running             0          1s")
    # Since Kubernetes 1.27 a deleted pod's containers exit into a terminal phase first.
    assert "0/1     Completed" in watch
    for i in (0, 1):
        assert web.store.get("Pod", "default", f"web-{i}")["metadata"]["uid"] != old_uids[i]
        assert web.run(f"kubectl exec web-{i} -- sh -c 'hostname'") == f"web-{i}"
        assert web.run(CURL.format(i=i)) == f"web-{i}"


# ---- curl: nginx serving from the volume ------------------------------------------------------
NOT_FOUND = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 "
             "Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r")
FORBIDDEN = NOT_FOUND.replace("404 Not Found", "403 Forbidden")


@pytest.mark.parametrize("line, expected", [
    (CURL.format(i=0), "web-0"),
    ("kubectl exec web-0 -- curl localhost", "web-0"),
    ("kubectl exec web-0 -- curl -s http://127.0.0.1/index.html", "web-0"),
    ("kubectl exec web-1 -- curl web-0.nginx", "web-0"),
    ("kubectl exec web-1 -- curl http://web-0.nginx.default.svc.cluster.local/", "web-0"),
    ("kubectl exec web-0 -- curl -s -o /dev/null -w '%{http_code}' web-0.nginx", "200"),
    # web-1 has no index.html: nginx without autoindex forbids the directory.
    (CURL.format(i=1), FORBIDDEN),
    ("kubectl exec web-0 -- curl localhost/missing.html", NOT_FOUND),
    ("kubectl exec web-0 -- curl -I localhost",
     "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 6\r\n\r"),
    ("kubectl exec web-1 -- chmod 755 /usr/share/nginx/html", ""),
])
def test_curl_serves_the_volume(web, line, expected):
    web.run(WRITE_HOSTNAME.format(i=0))
    assert web.run(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("kubectl exec web-0 -- curl web-7.nginx",
     "curl: (6) Could not resolve host: web-7.nginx\ncommand terminated with exit code 6"),
    ("kubectl exec web-0 -- curl -s web-7.nginx", "command terminated with exit code 6"),
    ("kubectl exec web-0 -- curl localhost:8080",
     "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to "
     "server\ncommand terminated with exit code 7"),
    ("kubectl exec web-0 -- curl -f localhost/nope",
     "curl: (22) The requested URL returned error: 404\ncommand terminated with exit code 22"),
    ("kubectl exec web-0 -- chmod 755 /etc",
     "chmod: changing permissions of '/etc': Read-only file system\n"
     "command terminated with exit code 1"),
    ("kubectl exec web-0 -- chmod 755 /nope",
     "chmod: cannot access '/nope': No such file or directory\n"
     "command terminated with exit code 1"),
    ("kubectl exec web-9 -- curl localhost", 'Error from server (NotFound): pods "web-9" not found'),
])
def test_curl_and_chmod_failures(web, line, expected):
    assert fails(web, line) == expected


def test_curl_is_not_in_every_image():
    cluster = new_cluster()
    cluster.apply_manifests("apiVersion: v1\nkind: Pod\nmetadata: {name: box}\nspec:\n"
                            "  containers: [{name: box, image: 'busybox:1.28', command: "
                            "[sleep, '3600']}]\n", "box.yaml")
    cluster.settle()
    assert fails(cluster, "kubectl exec box -- curl localhost") == (
        "OCI runtime exec failed: exec failed: unable to start container process: exec: "
        '"curl": executable file not found in $PATH: unknown\ncommand terminated with exit '
        "code 127")


# ---- scaling --------------------------------------------------------------------------------
def test_scaling_up_and_down(web):
    assert web.run("kubectl scale sts web --replicas=5") == "statefulset.apps/web scaled"
    rows = [line.split() for line in web.run("kubectl get pods -w -l app=nginx").splitlines()]
    started = [row[0] for row in rows[3:] if row[2] == "Pending"]
    assert started == sorted(started) and set(started) == {"web-2", "web-3", "web-4"}
    assert web.run("kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'") == (
        "statefulset.apps/web patched")
    rows = [line.split() for line in web.run("kubectl get pods -w -l app=nginx").splitlines()]
    terminating = [row[0] for row in rows if row[2] == "Terminating"]
    # Ordered termination: web-4 completely, then web-3.
    assert terminating[0] == "web-4" and terminating[-1] == "web-3"
    assert terminating.index("web-3") > max(i for i, n in enumerate(terminating) if n == "web-4")
    claims = web.run("kubectl get pvc -l app=nginx -o name")
    assert claims == "\n".join(f"persistentvolumeclaim/www-web-{i}" for i in range(5))


# ---- updating -------------------------------------------------------------------------------
def test_rolling_update_and_rollout_status(web):
    web.run("kubectl scale sts web --replicas=3")
    web.settle()
    assert web.run(
        "kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
        "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx-slim:"
        "0.24\"}]'") == "statefulset.apps/web patched"
    status = web.run("kubectl rollout status sts/web").splitlines()
    assert status[0] == "Waiting for statefulset spec update to be observed..."
    assert "Waiting for 1 pods to be ready..." in status
    assert "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been " \
           "updated..." in status
    assert status[-1] == "partitioned roll out complete: 3 new pods have been updated..."
    assert images(web) == ["registry.k8s.io/nginx-slim:0.24"] * 3
    assert web.run("kubectl rollout status statefulset web") == (
        "partitioned roll out complete: 3 new pods have been updated...")


def test_rollout_status_without_a_partition_reports_revisions(web):
    sts = web.store.get("StatefulSet", "default", "web")
    revision = sts["status"]["currentRevision"]
    web.run("kubectl patch sts web --type=json -p "
            "'[{\"op\":\"remove\",\"path\":\"/spec/updateStrategy/rollingUpdate\"}]'")
    web.settle()
    assert web.run("kubectl rollout status sts/web") == (
        f"statefulset rolling update complete 2 pods at revision {revision}...")


def test_staging_canary_and_phased_roll_out(web):
    web.run("kubectl scale sts web --replicas=3")
    web.settle()
    patch = ("kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
             "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/"
             "nginx-slim:%s\"}]'")
    partition = ("kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"type\":"
                 "\"RollingUpdate\",\"rollingUpdate\":{\"partition\":%d}}}}'")
    web.run(patch % "0.24")
    web.settle()
    assert web.run(partition % 3) == "statefulset.apps/web patched"
    web.run(patch % "0.21")
    assert web.run("kubectl rollout status sts/web").splitlines()[-1] == (
        "partitioned roll out complete: 0 new pods have been updated...")
    assert web.run("kubectl delete pod web-2") == 'pod "web-2" deleted'
    web.run("kubectl get pod -l app=nginx --watch")
    assert images(web) == ["registry.k8s.io/nginx-slim:0.24"] * 3
    web.run(partition % 2)
    web.settle()
    assert images(web)[2] == "registry.k8s.io/nginx-slim:0.21"
    web.run("kubectl delete pod web-1")
    web.settle()
    assert images(web)[1] == "registry.k8s.io/nginx-slim:0.24"
    web.run(partition % 0)
    assert web.run("kubectl rollout status sts/web").splitlines()[-1] == (
        "partitioned roll out complete: 3 new pods have been updated...")
    assert images(web) == ["registry.k8s.io/nginx-slim:0.21"] * 3


def test_on_delete_strategy(web):
    # The tutorial's patch keeps the defaulted rollingUpdate, which validation refuses on a
    # real cluster too (kubernetes/website#47038); clearing it works.
    assert fails(web, "kubectl patch statefulset web -p "
                      "'{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\"}}}'") == (
        'The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: '
        "apps.RollingUpdateStatefulSetStrategy{Partition:0, "
        "MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy "
        "'RollingUpdate'")
    assert web.run("kubectl patch statefulset web -p '{\"spec\":{\"updateStrategy\":{\"type\":"
                   "\"OnDelete\",\"rollingUpdate\":null}}}'") == "statefulset.apps/web patched"
    assert fails(web, "kubectl rollout status sts/web") == (
        "error: rollout status is only available for RollingUpdate strategy type")
    web.run("kubectl patch sts web --type=json -p '[{\"op\":\"replace\",\"path\":"
            "\"/spec/template/spec/containers/0/image\",\"value\":\"registry.k8s.io/"
            "nginx-slim:0.24\"}]'")
    web.settle()
    assert images(web, 2) == ["registry.k8s.io/nginx-slim:0.21"] * 2
    web.run("kubectl delete pod web-1")
    web.settle()
    assert images(web, 2) == ["registry.k8s.io/nginx-slim:0.21",
                              "registry.k8s.io/nginx-slim:0.24"]


def test_rollout_restart_and_refused_subcommands(web):
    assert web.run("kubectl rollout restart sts/web") == "statefulset.apps/web restarted"
    assert web.run("kubectl rollout status sts/web").endswith(
        "partitioned roll out complete: 2 new pods have been updated...")
    annotations = web.store.get("Pod", "default", "web-0")["metadata"].get("annotations", {})
    assert "kubectl.kubernetes.io/restartedAt" in annotations
    assert fails(web, "kubectl rollout pause sts/web") == (
        'error: statefulsets.apps "web" pausing is not supported')
    assert fails(web, "kubectl rollout status sts/nope") == (
        'Error from server (NotFound): statefulsets.apps "nope" not found')
    # The restart made revision 2: undo goes back to revision 1 (tests/core/test_controller_revisions.py).
    assert web.run("kubectl rollout undo sts/web") == "statefulset.apps/web rolled back"


# ---- deleting -------------------------------------------------------------------------------
def test_non_cascading_delete_and_adoption(web):
    web.run("kubectl scale sts web --replicas=3")
    web.settle()
    for i in range(3):
        web.run(WRITE_HOSTNAME.format(i=i))
    old_uid = web.store.get("StatefulSet", "default", "web")["metadata"]["uid"]
    assert web.run("kubectl delete statefulset web --cascade=orphan") == (
        'statefulset.apps "web" deleted')
    assert web.store.get("StatefulSet", "default", "web") is None
    web.settle()
    pods = web.run("kubectl get pods -l app=nginx -o name")
    assert pods == "pod/web-0\npod/web-1\npod/web-2"
    for i in range(3):
        assert "ownerReferences" not in web.store.get("Pod", "default", f"web-{i}")["metadata"]
    web.run("kubectl delete pod web-0")
    web.settle()
    assert web.run("kubectl get pods -l app=nginx -o name") == "pod/web-1\npod/web-2"
    assert web.run("kubectl apply -f web.yaml") == (
        "service/nginx unchanged\nstatefulset.apps/web created")
    web.run("kubectl get pods --watch -l app=nginx")
    new_uid = web.store.get("StatefulSet", "default", "web")["metadata"]["uid"]
    assert new_uid != old_uid
    assert web.run("kubectl get pods -l app=nginx -o name") == "pod/web-0\npod/web-1"
    refs = web.store.get("Pod", "default", "web-1")["metadata"]["ownerReferences"]
    assert [(r["kind"], r["uid"], r.get("controller")) for r in refs] == [
        ("StatefulSet", new_uid, True)]
    for i in (0, 1):
        assert web.run(CURL.format(i=i)) == f"web-{i}"


@pytest.mark.parametrize("flag, warning, orphaned", [
    ("--cascade=orphan", "", True),
    ("--cascade=false", "warning: --cascade=false is deprecated (boolean value) and can be "
                        "replaced with --cascade=orphan.", True),
    ("--cascade=background", "", False),
    ("--cascade=foreground", "", False),
    ("--cascade=true", "warning: --cascade=true is deprecated (boolean value) and can be "
                       "replaced with --cascade=background.", False),
])
def test_cascade_flag(web, flag, warning, orphaned):
    out = web.run(f"kubectl delete sts web {flag}")
    assert out == "\n".join(filter(None, [warning, 'statefulset.apps "web" deleted']))
    web.settle()
    assert (web.run("kubectl get pods -l app=nginx -o name") == "pod/web-0\npod/web-1") \
        is orphaned


def test_cascade_errors_and_files(web):
    assert fails(web, "kubectl delete sts web --cascade=sideways") == (
        'error: invalid cascade value (sideways). Must be "background", "foreground", or '
        '"orphan".')
    assert web.store.get("StatefulSet", "default", "web") is not None
    assert web.run("kubectl delete -f web.yaml --cascade=orphan") == (
        'service "nginx" deleted\n'
        'statefulset.apps "web" deleted')
    web.settle()
    assert web.run("kubectl get pods -o name") == "pod/web-0\npod/web-1"


def test_cascading_delete_keeps_claims_and_data(web):
    for i in (0, 1):
        web.run(WRITE_HOSTNAME.format(i=i))
    assert web.run("kubectl delete statefulset web") == (
        'statefulset.apps "web" deleted')
    watch = web.run("kubectl get pods --watch -l app=nginx").splitlines()
    statuses = [line.split()[2] for line in watch[3:]]
    # 1/1 Terminating, then 0/1 Completed once the containers have exited (terminal phase).
    assert set(statuses) == {"Terminating", "Completed"}
    last = {line.split()[0]: line.split()[2] for line in watch[3:]}
    assert last == {"web-0": "Completed", "web-1": "Completed"}
    assert web.run("kubectl get pods -l app=nginx") == "No resources found in default namespace."
    assert web.run("kubectl delete service nginx") == (
        'service "nginx" deleted')
    assert web.run("kubectl apply -f web.yaml") == (
        "service/nginx created\nstatefulset.apps/web created")
    web.settle()
    for i in (0, 1):
        assert web.run(CURL.format(i=i)) == f"web-{i}"


# ---- pod management policy --------------------------------------------------------------------
def test_parallel_pod_management_launches_pods_together():
    cluster = new_cluster("kubectl apply -f standard-storageclass.yaml")
    assert cluster.run("kubectl apply -f web-parallel.yaml") == (
        "service/nginx created\nstatefulset.apps/web created")
    cluster.settle()
    assert cluster.run("kubectl scale statefulset/web --replicas=5") == (
        "statefulset.apps/web scaled")
    rows = [line.split() for line in cluster.run(
        "kubectl get pod -l app.kubernetes.io/name=nginx --watch").splitlines()[3:]]
    first_running = next(i for i, row in enumerate(rows) if row[2] == "Running")
    pending_before = {row[0] for row in rows[:first_running] if row[2] == "Pending"}
    assert pending_before == {"web-2", "web-3", "web-4"}


# ---- templates ------------------------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    (f"kubectl get pod web-0 --template {IMAGE_TEMPLATE}", "registry.k8s.io/nginx-slim:0.21"),
    (f"kubectl get pod web-0 -o go-template={IMAGE_TEMPLATE}",
     "registry.k8s.io/nginx-slim:0.21"),
    ("kubectl get pod web-0 --template '{{.spec.terminationGracePeriodSeconds}}'", "30"),
    ("kubectl get pod web-0 --template '{{.spec.nothing}}'", "<no value>"),
    ("kubectl get pod web-0 --template '{{.metadata.labels}}'",
     "map[app:nginx apps.kubernetes.io/pod-index:0 controller-revision-hash:%s "
     "statefulset.kubernetes.io/pod-name:web-0]"),
    ("kubectl get pods --template '{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}'",
     "web-0\nweb-1\n"),
    ("kubectl get pods --template '{{len .items}} {{with index .items 1}}{{.metadata.name}}"
     "{{end}}'", "2 web-1"),
    ("kubectl get pod web-0 --template '{{if eq .status.phase \"Running\"}}up{{else}}down"
     "{{end}}'", "up"),
    ("kubectl get pod web-0 --template '{{with .spec.hostname}}{{.}}.{{$.spec.subdomain}}"
     "{{end}}'", "web-0.nginx"),
    ("kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}'",
     "registry.k8s.io/nginx-slim:0.21"),
    ("kubectl get pods -o jsonpath='{.items[*].metadata.name}'", "web-0 web-1"),
    ("kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}"
     "{.status.phase}{\"\\n\"}{end}'", "web-0\tRunning\nweb-1\tRunning\n"),
    ("kubectl get pod web-0 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'",
     "True"),
    ("kubectl get pod web-0 -o jsonpath='{.spec.nothing}'", ""),
    ("kubectl get sts web -o jsonpath='{.spec.selector}'", '{"matchLabels":{"app":"nginx"}}'),
])
def test_template_output(web, line, expected):
    if "%s" in expected:
        pod = web.store.get("Pod", "default", "web-0")
        expected = expected % pod["metadata"]["labels"]["controller-revision-hash"]
    assert web.run(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("kubectl get pod web-0 -o go-template", "error: template format specified but no "
                                              "template given"),
    ("kubectl get pod web-0 --template '{{range .x}}'",
     "error: error parsing template {{range .x}}, template: output:1: unexpected EOF"),
    ("kubectl get pod web-0 --template '{{nope .x}}'",
     'error: error parsing template {{nope .x}}, template: output:1: function "nope" not '
     'defined'),
    ("kubectl get pod web-0 -o custom-columns=NAME", "error: unexpected custom-columns spec: "
                                                     "NAME, expected <header>:<json-path-expr>"),
])
def test_template_errors(web, line, expected):
    assert fails(web, line) == expected


# ---- without a provisioner: two pre-created 1Gi volumes ------------------------------------
def test_tutorial_with_two_precreated_volumes():
    cluster = new_cluster("kubectl apply -f tutorial-pvs.yaml", "kubectl apply -f web.yaml")
    cluster.settle()
    claims = cluster.run("kubectl get pvc -l app=nginx -o custom-columns="
                         "NAME:.metadata.name,VOLUME:.spec.volumeName,CLASS:.spec."
                         "storageClassName")
    assert claims == ("NAME        VOLUME     CLASS\nwww-web-0   pv-web-a   <none>\n"
                      "www-web-1   pv-web-b   <none>")
    for i in (0, 1):
        cluster.run(WRITE_HOSTNAME.format(i=i))
    assert cluster.run("nfs cat 192.168.6.189:/nfs/web-a/index.html") == "web-0"
    cluster.run("kubectl delete pod -l app=nginx")
    cluster.settle()
    for i in (0, 1):
        assert cluster.run(CURL.format(i=i)) == f"web-{i}"
    # A third replica has no volume left: it stays Pending, and OrderedReady stops there.
    cluster.run("kubectl scale sts web --replicas=4")
    cluster.settle()
    assert cluster.run("kubectl get pods -l app=nginx -o name") == (
        "pod/web-0\npod/web-1\npod/web-2")
    assert cluster.run("kubectl get pod web-2 --template '{{.status.phase}}'") == "Pending"


# ---- the bundled script ----------------------------------------------------------------------
def test_bundled_statefulset_basics_script_runs_clean():
    out = io.StringIO()
    captions: list[str] = []
    status = run_script(Cluster(), (SCRIPTS / "statefulset-basics.script").read_text(),
                        base_dir=SCRIPTS, out=out, on_say=captions.append)
    text = out.getvalue()
    assert status == 0, text[-2000:]
    assert "error" not in text.lower().replace("errors", "")
    assert text.count('$ kubectl exec -i -t "web-0" -- curl http://localhost/\nweb-0\n') == 2
    # The tutorial's own loop form (core/loops.py).
    assert text.count('$ for i in 0 1; do kubectl exec -i -t "web-$i" -- curl '
                      'http://localhost/; done\nweb-0\nweb-1\n') == 2
    assert "partitioned roll out complete: 3 new pods have been updated..." in text
    assert len(captions) >= 15
