"""StatefulSet revision history as ControllerRevision objects, and ``kubectl rollout
history|undo`` over them (pkg/controller/history, stateful_set_control.go's
getStatefulSetRevisions/truncateHistory, kubectl's polymorphichelpers/history.go and
rollback.go)."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from core.controllers.statefulset_history import HASH_LABEL, revision_template
from tests.core.web_fixtures import SCRIPTS, fails, web_cluster

SET_IMAGE = ("kubectl patch statefulset web --type='json' -p='[{{\"op\": \"replace\", \"path\": "
             "\"/spec/template/spec/containers/0/image\", \"value\":\"{image}\"}}]'")
IMAGES = [f"registry.k8s.io/nginx-slim:0.{n}" for n in (21, 22, 23, 24, 25)]


@pytest.fixture
def web() -> Cluster:
    return web_cluster()


def revisions(cluster: Cluster) -> list[dict]:
    return sorted(cluster.store.list("ControllerRevision", "default"), key=lambda r: r["revision"])


def pod_revisions(cluster: Cluster) -> set[str]:
    return {p["metadata"]["labels"]["controller-revision-hash"]
            for p in cluster.store.list("Pod", "default")}


def set_image(cluster: Cluster, image: str) -> None:
    cluster.run(SET_IMAGE.format(image=image))
    cluster.settle()


def test_a_new_set_records_its_template_as_revision_1(web):
    [revision] = revisions(web)
    sts = web.get("StatefulSet", "default", "web")
    meta = revision["metadata"]
    assert revision["revision"] == 1
    assert meta["name"] == sts["status"]["updateRevision"] == sts["status"]["currentRevision"]
    assert pod_revisions(web) == {meta["name"]}
    assert meta["name"] == f"web-{meta['labels'][HASH_LABEL]}"
    assert meta["labels"]["app"] == "nginx"  # the template's labels
    [owner] = meta["ownerReferences"]
    assert (owner["kind"], owner["name"], owner["uid"], owner["controller"]) == \
        ("StatefulSet", "web", sts["metadata"]["uid"], True)
    assert revision["data"]["spec"]["template"]["$patch"] == "replace"
    assert revision_template(revision) == sts["spec"]["template"]
    # newRevision copies the set's annotations (here kubectl's last-applied configuration).
    assert "kubectl.kubernetes.io/last-applied-configuration" in meta["annotations"]


def test_get_controllerrevisions_columns(web):
    name = revisions(web)[0]["metadata"]["name"]
    header, row = web.run("kubectl get controllerrevisions").splitlines()
    assert header.split() == ["NAME", "CONTROLLER", "REVISION", "AGE"]
    assert row.split()[:3] == [name, "statefulset.apps/web", "1"]
    assert web.run("kubectl get controllerrevision -o name") == \
        f"controllerrevision.apps/{name}"


def test_a_template_change_adds_a_revision_and_history_lists_both(web):
    set_image(web, IMAGES[3])
    first, second = revisions(web)
    assert (first["revision"], second["revision"]) == (1, 2)
    assert pod_revisions(web) == {second["metadata"]["name"]}
    assert web.run("kubectl rollout history statefulset/web") == (
        "statefulset.apps/web \n"
        "REVISION  CHANGE-CAUSE\n"
        "1         <none>\n"
        "2         <none>\n")
    detail = web.run("kubectl rollout history sts/web --revision=2")
    assert detail.startswith("statefulset.apps/web with revision #2\nPod Template:\n"
                             "  Labels:\tapp=nginx\n")
    assert f"    Image:\t{IMAGES[3]}\n" in detail
    assert f"{IMAGES[0]}" in web.run("kubectl rollout history sts/web --revision=1")


def test_change_cause_comes_from_the_sets_annotation_when_the_revision_is_made(web):
    web.run("kubectl annotate statefulset web kubernetes.io/change-cause='to 0.24'")
    web.run(SET_IMAGE.format(image=IMAGES[3]))
    web.settle()
    lines = web.run("kubectl rollout history sts/web").splitlines()
    assert lines[1:] == ["REVISION  CHANGE-CAUSE", "1         <none>", "2         to 0.24"]


def test_undo_goes_back_to_the_previous_revision_and_renumbers_it(web):
    old = revisions(web)[0]["metadata"]["name"]
    set_image(web, IMAGES[3])
    assert web.run("kubectl rollout undo sts/web") == "statefulset.apps/web rolled back"
    web.settle()
    assert pod_revisions(web) == {old}
    assert [(r["metadata"]["name"] == old, r["revision"]) for r in revisions(web)] == \
        [(False, 2), (True, 3)]
    assert len(revisions(web)) == 2  # reused, not created again
    status = web.get("StatefulSet", "default", "web")["status"]
    assert status["updateRevision"] == status["currentRevision"] == old
    assert web.run("kubectl rollout history sts/web").splitlines()[2:] == [
        "2         <none>", "3         <none>"]


def test_undo_to_a_revision_and_its_refusals(web):
    assert fails(web, "kubectl rollout undo sts/web") == "error: no last revision to roll back to"
    set_image(web, IMAGES[3])
    set_image(web, IMAGES[4])
    assert web.run("kubectl rollout undo sts/web --to-revision=1") == \
        "statefulset.apps/web rolled back"
    web.settle()
    assert web.get("Pod", "default", "web-0")["spec"]["containers"][0]["image"] == IMAGES[0]
    assert web.run("kubectl rollout undo sts/web --to-revision=4") == (
        "statefulset.apps/web skipped rollback (current template already matches revision 4)")
    assert fails(web, "kubectl rollout undo sts/web --to-revision=9") == \
        "error: unable to find specified revision 9 in history"
    assert fails(web, "kubectl rollout history sts/web --revision=9") == \
        "error: unable to find the specified revision"
    assert fails(web, "kubectl rollout history sts/web --revision=-1") == \
        "error: revision must be a positive integer: -1"
    assert "not found" in fails(web, "kubectl rollout history sts/nope")


def test_history_keeps_revision_history_limit_spare_revisions():
    web = Cluster()
    web.script_dir = SCRIPTS
    web.run("kubectl apply -f standard-storageclass.yaml")
    text = (SCRIPTS / "web.yaml").read_text()
    # revisionHistoryLimit cannot be changed later (a forbidden StatefulSet spec update).
    web.apply_manifests(text.replace("  serviceName: ", "  revisionHistoryLimit: 1\n  serviceName: "))
    web.settle()
    assert web.get("StatefulSet", "default", "web")["spec"]["revisionHistoryLimit"] == 1
    for image in IMAGES[1:]:
        set_image(web, image)
    kept = revisions(web)
    # Live (the current = update revision, which every pod runs) plus one spare.
    assert [r["revision"] for r in kept] == [4, 5]
    assert pod_revisions(web) == {kept[-1]["metadata"]["name"]}


def test_revisions_go_with_the_set_and_orphans_are_adopted_again(web):
    [revision] = revisions(web)
    web.run("kubectl delete statefulset web --cascade=orphan")
    web.settle()
    [orphan] = revisions(web)
    assert orphan["metadata"]["uid"] == revision["metadata"]["uid"]
    assert not orphan["metadata"].get("ownerReferences")
    web.run("kubectl apply -f web.yaml")
    web.settle()
    [adopted] = revisions(web)
    sts = web.get("StatefulSet", "default", "web")
    assert adopted["metadata"]["uid"] == revision["metadata"]["uid"]
    assert adopted["metadata"]["ownerReferences"][0]["uid"] == sts["metadata"]["uid"]
    assert adopted["revision"] == 1
    web.run("kubectl delete statefulset web")
    web.settle()
    assert revisions(web) == []


def test_revision_data_is_immutable(web):
    name = revisions(web)[0]["metadata"]["name"]
    message = fails(web, f"kubectl patch controllerrevision {name} --type=json "
                         "-p '[{\"op\":\"replace\",\"path\":\"/data\",\"value\":{}}]'")
    assert "data: Invalid value" in message and "field is immutable" in message


def test_undo_to_a_named_revision_needs_no_second_one(web):
    # StatefulSetRollbacker: "no last revision" is only for an undo without --to-revision.
    assert web.run("kubectl rollout undo sts/web --to-revision=1") == (
        "statefulset.apps/web skipped rollback (current template already matches revision 1)")
    assert fails(web, "kubectl rollout undo sts/web --to-revision=5") == \
        "error: unable to find specified revision 5 in history"


def test_a_negative_history_limit_keeps_every_revision():
    text = (SCRIPTS / "web.yaml").read_text()
    web = web_cluster(settle=False)
    web.run("kubectl delete sts web")
    web.settle()
    web.apply_manifests(text.replace("  serviceName: ", "  revisionHistoryLimit: -1\n"
                                                       "  serviceName: "))
    web.settle()
    for image in IMAGES[1:4]:
        set_image(web, image)
    assert [r["revision"] for r in revisions(web)] == [1, 2, 3, 4]
