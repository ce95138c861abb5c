"""Host-shell ``for`` loops on a script line, as the StatefulSet Basics tutorial types them."""

from __future__ import annotations

import pytest

from core.loops import substitute
from tests.core.web_fixtures import fails, web_cluster

HOSTNAME = """for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done"""
WRITE = ("""for i in 0 1; do kubectl exec "web-$i" -- sh -c """
         """'echo "$(hostname)" > /usr/share/nginx/html/index.html'; done""")
CURL = """for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done"""


@pytest.mark.parametrize(("command", "expected"), [
    ('kubectl exec "web-$i" -- hostname', 'kubectl exec "web-7" -- hostname'),
    ("kubectl get pod web-${i}x", "kubectl get pod web-7x"),
    ("echo '$i' $i", "echo '$i' 7"),  # single quotes keep it for the pod's shell
    ("echo $id $i_x", "echo $id $i_x"),  # other names are left alone
])
def test_substitute(command, expected):
    assert substitute(command, "i", "7") == expected


def test_the_tutorials_loops():
    cluster = web_cluster()
    assert cluster.run(HOSTNAME) == "web-0\nweb-1"
    assert cluster.run(WRITE) == ""
    assert cluster.run(CURL) == "web-0\nweb-1"


def test_a_failing_command_does_not_stop_the_loop_but_the_last_one_fails_the_line():
    cluster = web_cluster()
    assert cluster.run("for i in 9 0; do kubectl get pod web-$i -o name; done") == \
        'Error from server (NotFound): pods "web-9" not found\npod/web-0'
    assert fails(cluster, "for i in 0 9; do kubectl get pod web-$i -o name; done") == \
        'pod/web-0\nError from server (NotFound): pods "web-9" not found'


def test_several_commands_in_the_body():
    cluster = web_cluster()
    assert cluster.run("for n in web-0 web-1; do kubectl get pod $n -o name; "
                       "kubectl get pvc www-$n -o name; done") == (
        "pod/web-0\npersistentvolumeclaim/www-web-0\npod/web-1\n"
        "persistentvolumeclaim/www-web-1")


def test_the_tutorials_image_loop_with_echo():
    cluster = web_cluster()
    line = ("""for p in 0 1; do kubectl get pod "web-$p" --template """
            """'{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done""")
    assert cluster.run(line) == "registry.k8s.io/nginx-slim:0.21\nregistry.k8s.io/nginx-slim:0.21"
    assert cluster.run("echo hello  world") == "hello world"


def test_the_tutorials_example_urls_are_known_by_heart():
    from core.cluster import Cluster

    cluster = Cluster()
    assert cluster.run("kubectl apply -f https://k8s.io/examples/application/web/web.yaml") == \
        "service/nginx created\nstatefulset.apps/web created"
    assert cluster.run("kubectl delete -f "
                       "https://kubernetes.io/examples/application/web/web.yaml") == \
        'service "nginx" deleted\nstatefulset.apps "web" deleted'
    assert "no network" in fails(cluster, "kubectl apply -f https://example.com/app.yaml")


def test_shell_variables_as_the_delete_a_statefulset_page_uses_them():
    cluster = web_cluster()
    assert cluster.run("grace=$(kubectl get pods web-0 --template "
                       "'{{.spec.terminationGracePeriodSeconds}}')") == ""
    start = cluster.now_ms
    cluster.run("sleep $grace")
    assert cluster.now_ms - start == 30_000
    assert cluster.run("echo $grace ${grace}s '$grace'") == "30 30s $grace"
    cluster.run("app=nginx")
    assert cluster.run("kubectl get pvc -l app=$app -o name") == (
        "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1")
    # Unset names are the pod's business: left as written.
    from core.hostvars import expand

    assert expand(cluster, 'sh -c "echo $HOSTNAME $app"') == 'sh -c "echo $HOSTNAME nginx"'
