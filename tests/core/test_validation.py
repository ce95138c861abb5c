"""API-server validation, table-driven after Kubernetes' own validation tests.

Expected strings are the API server's (``pkg/apis/core/validation``,
``pkg/apis/storage/validation``, ``pkg/apis/apps/validation``); objects are defaulted
first, as the server does before validating.
"""

from __future__ import annotations

import pytest

from core.defaults import apply_defaults
from core.objects import DELETE, evolve
from core.validation import DecodeError, FieldError, validate
from core.validation_common import (
    is_dns1035_label,
    is_dns1123_label,
    is_dns1123_subdomain,
    is_qualified_name,
)

SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                 "characters, '-' or '.', and must start and end with an alphanumeric character "
                 "(e.g. 'example.com', regex used for validation is "
                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
             "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
             "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
ACCESS_MODES = '"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'


def errors(obj, old=None) -> list[str]:
    return [str(e) for e in validate(obj, old)]


def pv(changes=None) -> dict:
    base = {
        "apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "foo"},
        "spec": {"capacity": {"storage": "10G"}, "accessModes": ["ReadWriteOnce"],
                 "hostPath": {"path": "/foo", "type": "DirectoryOrCreate"}},
    }
    return apply_defaults(evolve(base, changes or {}))


def pvc(changes=None) -> dict:
    base = {
        "apiVersion": "v1", "kind": "PersistentVolumeClaim",
        "metadata": {"name": "foo", "namespace": "ns"},
        "spec": {"accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
                 "resources": {"requests": {"storage": "10G"}}},
    }
    return apply_defaults(evolve(base, changes or {}))


def sc(changes=None) -> dict:
    base = {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": {"name": "foo"}, "provisioner": "kubernetes.io/foo-provisioner",
            "parameters": {"foo-parameter": "free-form-string"}}
    return apply_defaults(evolve(base, changes or {}))


# ---- field.Error formatting ----------------------------------------------------------------------
@pytest.mark.parametrize(("error", "text"), [
    (FieldError("spec.capacity", "Required value"), "spec.capacity: Required value"),
    (FieldError("spec", "Required value", "", "must specify a volume type"),
     "spec: Required value: must specify a volume type"),
    (FieldError("spec.accessModes", "Forbidden", "", "may not use ReadWriteOncePod with other "
                "access modes"),
     "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"),
    (FieldError("spec.replicas", "Invalid value", -1, "must be greater than or equal to 0"),
     "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
    (FieldError("x", "Invalid value", 'a"b\n', "d"), 'x: Invalid value: "a\\"b\\n": d'),
    (FieldError("x", "Invalid value", True, "d"), "x: Invalid value: true: d"),
    (FieldError("x", "Invalid value", 1.5, "d"), "x: Invalid value: 1.5: d"),
    (FieldError("x", "Invalid value", 3.0, "d"), "x: Invalid value: 3: d"),
    (FieldError("x", "Invalid value", float("inf"), "d"), "x: Invalid value: +Inf: d"),
    (FieldError("x", "Invalid value", {"b": 1, "a": "<"}, "d"),
     'x: Invalid value: {"a":"\\u003c","b":1}: d'),
    (FieldError("x", "Invalid value", None, "d"), "x: Invalid value: null: d"),
    (FieldError("x", "Duplicate value", "c"), 'x: Duplicate value: "c"'),
    (FieldError("x", "Not found", "www"), 'x: Not found: "www"'),
])
def test_field_error_string_matches_go(error, text):
    assert str(error) == text


# ---- names ------------------------------------------------------------------------------------------
def test_name_messages_are_upstreams():
    assert is_dns1123_subdomain("Pv_1") == [SUBDOMAIN_MSG]
    assert is_dns1123_label("web_1") == [LABEL_MSG]
    assert is_dns1123_label("a.b") == ["must not contain dots"]
    assert is_dns1123_label("a" * 64) == ["must be no more than 63 characters"]
    assert is_dns1123_subdomain("a" * 254) == ["must be no more than 253 characters"]
    assert is_dns1035_label("1abc") == [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with "
        "an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
        "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]
    assert is_qualified_name("example.com/my-name") == []
    assert is_qualified_name("-bad") == [
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
        "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
        "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]
    assert is_qualified_name("/x") == ["prefix part must be non-empty"]
    assert is_qualified_name("a/b/c")[0].startswith("a qualified name must consist of")


# ---- PersistentVolume ---------------------------------------------------------------------------------
CASES_PV = [
    ("good-volume", {}, []),
    ("good-volume-with-nfs", {"spec": {"hostPath": DELETE, "nfs": {"server": "s", "path": "/x"}}},
     []),
    ("good-volume-with-storage-class", {"spec": {"storageClassName": "valid"}}, []),
    ("good-volume-with-retain-policy", {"spec": {"persistentVolumeReclaimPolicy": "Retain"}}, []),
    ("good-volume-with-volume-mode", {"spec": {"volumeMode": "Block"}}, []),
    ("invalid-accessmode", {"spec": {"accessModes": ["fakemode"]}},
     [f'spec.accessModes: Unsupported value: "fakemode": supported values: {ACCESS_MODES}']),
    ("invalid-reclaimpolicy", {"spec": {"persistentVolumeReclaimPolicy": "fakeReclaimPolicy"}},
     ['spec.persistentVolumeReclaimPolicy: Unsupported value: "fakeReclaimPolicy": supported '
      'values: "Delete", "Recycle", "Retain"']),
    ("invalid-volume-mode", {"spec": {"volumeMode": "fakeVolumeMode"}},
     ['spec.volumeMode: Unsupported value: "fakeVolumeMode": supported values: "Block", '
      '"Filesystem"']),
    ("with-read-write-once-pod", {"spec": {"accessModes": ["ReadWriteOncePod"]}}, []),
    ("with-read-write-once-pod-and-others",
     {"spec": {"accessModes": ["ReadWriteOncePod", "ReadWriteMany"]}},
     ["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]),
    ("missing-volume-source", {"spec": {"hostPath": DELETE}},
     ["spec: Required value: must specify a volume type"]),
    ("bad-name", {"metadata": {"name": "123*Bad(Name"}},
     [f'metadata.name: Invalid value: "123*Bad(Name": {SUBDOMAIN_MSG}']),
    ("missing-name", {"metadata": {"name": DELETE}},
     ["metadata.name: Required value: name or generateName is required"]),
    ("missing-capacity", {"spec": {"capacity": DELETE}},
     ["spec.capacity: Required value",
      'spec.capacity: Unsupported value: null: supported values: "storage"']),
    ("bad-volume-zero-capacity", {"spec": {"capacity": {"storage": "0"}}},
     ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']),
    ("negative-capacity", {"spec": {"capacity": {"storage": "-1Gi"}}},
     ["spec.capacity[storage]: Invalid value: -1073741824: must be a valid resource quantity",
      'spec.capacity[storage]: Invalid value: "-1Gi": must be greater than zero']),
    ("extra-capacity-resource", {"spec": {"capacity": {"storage": "1Gi", "cpu": "1"}}},
     ['spec.capacity: Unsupported value: {"cpu":"1","storage":"1Gi"}: supported values: '
      '"storage"']),
    ("missing-accessmodes", {"spec": {"accessModes": DELETE}},
     ["spec.accessModes: Required value"]),
    ("too-many-sources", {"spec": {"nfs": {"server": "s", "path": "/x"}}},
     ["spec.nfs: Forbidden: may not specify more than 1 volume type"]),
    ("host mount of / with recycle reclaim policy",
     {"spec": {"hostPath": {"path": "/"}, "persistentVolumeReclaimPolicy": "Recycle"}},
     ["spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount "
      "of '/'"]),
    ("host mount of / with recycle reclaim policy 2",
     {"spec": {"hostPath": {"path": "/a/.."}, "persistentVolumeReclaimPolicy": "Recycle"}},
     ["spec.hostPath.path: Invalid value: \"/a/..\": must not contain '..'",
      "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount "
      "of '/'"]),
    ("invalid-storage-class-name", {"spec": {"storageClassName": "-invalid-"}},
     [f'spec.storageClassName: Invalid value: "-invalid-": {SUBDOMAIN_MSG}']),
    ("bad-hostpath-volume-backsteps", {"spec": {"hostPath": {"path": "/foo/.."}}},
     ["spec.hostPath.path: Invalid value: \"/foo/..\": must not contain '..'"]),
    ("nfs-relative-path", {"spec": {"hostPath": DELETE, "nfs": {"server": "s", "path": "x"}}},
     ['spec.nfs.path: Invalid value: "x": must be an absolute path']),
    ("nfs-missing-server-and-path", {"spec": {"hostPath": DELETE, "nfs": {"readOnly": True}}},
     ["spec.nfs.server: Required value", "spec.nfs.path: Required value",
      'spec.nfs.path: Invalid value: "": must be an absolute path']),
    ("local-volume-without-node-affinity", {"spec": {"hostPath": DELETE, "local": {"path": "/d"}}},
     ["spec.nodeAffinity: Required value: Local volume requires node affinity"]),
    ("volume-node-affinity",
     {"spec": {"nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
         {"key": "kubernetes.io/hostname", "operator": "In", "values": ["node-1"]}]}]}}}}, []),
    ("volume-empty-node-affinity", {"spec": {"nodeAffinity": {}}},
     ["spec.nodeAffinity.required: Required value: must specify required node constraints"]),
    ("volume-bad-node-affinity",
     {"spec": {"nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
         {"key": "a", "operator": "In"}, {"key": "b", "operator": "Foo"}]}]}}}},
     ["spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values: Required "
      "value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[1].operator: Invalid '
      'value: "Foo": not a valid selector operator']),
    ("volume-node-affinity-no-terms", {"spec": {"nodeAffinity": {"required": {}}}},
     ["spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one "
      "node selector term"]),
    ("invalid-empty-volume-attributes-class-name", {"spec": {"volumeAttributesClassName": ""}},
     ["spec.volumeAttributesClassName: Required value: an empty string is disallowed",
      "spec.csi: Required value: has to be specified when using volumeAttributesClassName"]),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CASES_PV, ids=[c[0] for c in CASES_PV])
def test_validate_persistent_volumes(name, changes, expected):
    assert errors(pv(changes)) == expected


def test_validate_persistent_volumes_reports_each_bad_mode_and_locates_it():
    obj = pv({"spec": {"accessModes": ["ReadWriteOnce", "ReadOnlyManyy", "Bogus"]}})
    errs = validate(obj, None)
    assert [e.locate for e in errs] == ["spec.accessModes[1]", "spec.accessModes[2]"]
    assert [str(e) for e in errs] == [
        f'spec.accessModes: Unsupported value: "ReadOnlyManyy": supported values: {ACCESS_MODES}',
        f'spec.accessModes: Unsupported value: "Bogus": supported values: {ACCESS_MODES}']


def test_errors_come_in_field_order():
    obj = pv({"metadata": {"name": "Bad"}, "spec": {
        "accessModes": ["X"], "capacity": {"storage": "0"}, "hostPath": DELETE,
        "persistentVolumeReclaimPolicy": "Nope", "volumeMode": "Nope"}})
    assert [e.path for e in validate(obj, None)] == [
        "metadata.name", "spec.accessModes", "spec.capacity[storage]",
        "spec.persistentVolumeReclaimPolicy", "spec", "spec.volumeMode"]


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("nothing changed", {}, []),
    ("capacity grows", {"spec": {"capacity": {"storage": "20G"}}}, []),
    ("claimRef set", {"spec": {"claimRef": {"namespace": "ns", "name": "c"}}}, []),
    ("source changed", {"spec": {"hostPath": {"path": "/bar"}}},
     ["spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after "
      "creation"]),
    ("volume mode changed", {"spec": {"volumeMode": "Block"}},
     ['volumeMode: Invalid value: "Block": field is immutable']),
])
def test_validate_persistent_volume_update(name, changes, expected):
    old = pv()
    new = pv(changes)
    got = [e.split("\n")[0] for e in errors(new, old)]
    assert got == expected


def test_validate_persistent_volume_source_update_shows_what_changed():
    old = pv({"spec": {"hostPath": DELETE, "nfs": {"server": "a", "path": "/x"}}})
    new = pv({"spec": {"hostPath": DELETE, "nfs": {"server": "b", "path": "/x"}}})
    (err,) = errors(new, old)
    assert err.splitlines() == [
        "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after "
        "creation",
        "  core.PersistentVolumeSource{",
        '- \tNFS: {"path":"/x","server":"a"},',
        '+ \tNFS: {"path":"/x","server":"b"},',
        "  }"]


# ---- PersistentVolumeClaim -------------------------------------------------------------------------------
CASES_PVC = [
    ("good-claim", {}, []),
    ("good-claim-with-class", {"spec": {"storageClassName": "fast"}}, []),
    ("good-claim-with-selector", {"spec": {"selector": {"matchExpressions": [
        {"key": "key2", "operator": "Exists"}]}}}, []),
    ("invalid-claim-zero-capacity", {"spec": {"resources": {"requests": {"storage": "0G"}}}},
     ['spec.resources[storage]: Invalid value: "0": must be greater than zero']),
    ("negative-storage-request", {"spec": {"resources": {"requests": {"storage": "-10G"}}}},
     ['spec.resources[storage]: Invalid value: "-10G": must be greater than zero']),
    ("missing-storage-request", {"spec": {"resources": {"requests": DELETE}}},
     ["spec.resources[storage]: Required value"]),
    ("missing-accessmodes", {"spec": {"accessModes": DELETE}},
     ["spec.accessModes: Required value: at least 1 access mode is required"]),
    ("invalid-accessmodes", {"spec": {"accessModes": ["fakemode"]}},
     [f'spec.accessModes: Unsupported value: "fakemode": supported values: {ACCESS_MODES}']),
    ("read-write-once-pod-and-others", {"spec": {"accessModes": ["ReadWriteOncePod", "ReadWriteOnce"]}},
     ["spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"]),
    ("invalid-volume-mode", {"spec": {"volumeMode": "fakeVolumeMode"}},
     ['spec.volumeMode: Unsupported value: "fakeVolumeMode": supported values: "Block", '
      '"Filesystem"']),
    ("invalid-label-selector", {"spec": {"selector": {"matchExpressions": [
        {"key": "key2", "operator": "InvalidOp", "values": ["value1"]}]}}},
     ['spec.selector.matchExpressions[0].operator: Invalid value: "InvalidOp": not a valid '
      'selector operator']),
    ("invalid-storage-class-name", {"spec": {"storageClassName": "-invalid-"}},
     [f'spec.storageClassName: Invalid value: "-invalid-": {SUBDOMAIN_MSG}']),
    ("missing-namespace", {"metadata": {"namespace": DELETE}},
     ["metadata.namespace: Required value"]),
    ("bad-name", {"metadata": {"name": "Data_1"}},
     [f'metadata.name: Invalid value: "Data_1": {SUBDOMAIN_MSG}']),
    ("data-source-wrong-kind", {"spec": {"dataSource": {"kind": "Pod", "name": "x"}}},
     ['spec.dataSource: Invalid value: "Pod": must be \'PersistentVolumeClaim\' when '
      "referencing the default apiGroup"]),
]


@pytest.mark.parametrize(("name", "changes", "expected"), CASES_PVC,
                         ids=[c[0] for c in CASES_PVC])
def test_validate_persistent_volume_claim(name, changes, expected):
    assert errors(pvc(changes)) == expected


def test_validate_persistent_volume_claim_missing_storage_locates_resources():
    (err,) = validate(pvc({"spec": {"resources": {"requests": {"storage": DELETE, "cpu": "1"}}}}), None)
    assert (err.path, err.locate) == ("spec.resources[storage]", "spec.resources")


IMMUTABLE = ("spec: Forbidden: spec is immutable after creation except resources.requests and "
             "volumeAttributesClassName for bound claims")


def bound(claim: dict, capacity: str = "10G") -> dict:
    return evolve(claim, {"status": {"phase": "Bound", "capacity": {"storage": capacity}}})


@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("valid-update-volumeName-only", pvc(), pvc({"spec": {"volumeName": "volume"}}), []),
    ("valid-no-op-update", bound(pvc({"spec": {"volumeName": "v"}})),
     pvc({"spec": {"volumeName": "v"}}), []),
    ("invalid-update-change-resources-on-unbound-claim", pvc(),
     pvc({"spec": {"resources": {"requests": {"storage": "15G"}}}}), [IMMUTABLE]),
    ("valid-expand-bound-claim", bound(pvc({"spec": {"volumeName": "v"}})),
     pvc({"spec": {"volumeName": "v", "resources": {"requests": {"storage": "15G"}}}}), []),
    ("invalid-shrink-below-status-capacity", bound(pvc({"spec": {"volumeName": "v"}})),
     pvc({"spec": {"volumeName": "v", "resources": {"requests": {"storage": "5G"}}}}),
     ["spec.resources.requests.storage: Forbidden: field can not be less than status.capacity"]),
    ("invalid-update-change-access-modes", pvc(), pvc({"spec": {"accessModes": ["ReadWriteMany"]}}),
     [IMMUTABLE]),
    ("invalid-update-volume-name-once-set", pvc({"spec": {"volumeName": "a"}}),
     pvc({"spec": {"volumeName": "b"}}), [IMMUTABLE]),
    ("valid-update-nil-storage-class-to-set", pvc(), pvc({"spec": {"storageClassName": "fast"}}),
     []),
    ("invalid-update-storage-class-change", pvc({"spec": {"storageClassName": "a"}}),
     pvc({"spec": {"storageClassName": "b"}}), [IMMUTABLE]),
    ("invalid-update-empty-storage-class-to-set", pvc({"spec": {"storageClassName": ""}}),
     pvc({"spec": {"storageClassName": "b"}}), [IMMUTABLE]),
    ("valid-upgrade-storage-class-annotation-to-spec",
     pvc({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "foo"}}}),
     pvc({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "foo"}},
          "spec": {"storageClassName": "foo"}}), []),
    ("invalid-update-storage-class-annotation",
     pvc({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "foo"}}}),
     pvc({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "bar"}}}),
     ['metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "bar": field '
      "is immutable"]),
    ("invalid-update-volume-mode", pvc(), pvc({"spec": {"volumeMode": "Block"}}),
     [IMMUTABLE, 'volumeMode: Invalid value: "Block": field is immutable']),
])
def test_validate_persistent_volume_claim_update(name, old, new, expected):
    got = [e.split("\n")[0] for e in errors(new, old)]
    assert got == expected


def test_pvc_immutable_error_shows_the_change():
    (err,) = errors(pvc({"spec": {"accessModes": ["ReadWriteMany"]}}), pvc())
    assert err.splitlines()[1:] == [
        "  core.PersistentVolumeClaimSpec{",
        '- \tAccessModes: ["ReadWriteOnce","ReadOnlyMany"],',
        '+ \tAccessModes: ["ReadWriteMany"],',
        "  \t... // 2 identical fields",
        "  }"]


# ---- StorageClass -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("valid", {}, []),
    ("valid-wffc-retain", {"reclaimPolicy": "Retain", "volumeBindingMode": "WaitForFirstConsumer"},
     []),
    ("missing-provisioner", {"provisioner": DELETE}, ["provisioner: Required value"]),
    ("invalid-provisioner", {"provisioner": "invalid/invalid/provisioner"},
     ['provisioner: Invalid value: "invalid/invalid/provisioner": a qualified name must consist '
      "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
      "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
      "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
      "(e.g. 'example.com/MyName')"]),
    ("invalid-reclaimpolicy", {"reclaimPolicy": "Recycle"},
     ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']),
    ("invalid-binding-mode", {"volumeBindingMode": "Later"},
     ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", '
      '"WaitForFirstConsumer"']),
    ("empty-parameter-key", {"parameters": {"": "value"}},
     ['parameters: Invalid value: "": field can not be empty.']),
    ("bad-name", {"metadata": {"name": "Fast_SSD"}},
     [f'metadata.name: Invalid value: "Fast_SSD": {SUBDOMAIN_MSG}']),
])
def test_validate_storage_class(name, changes, expected):
    assert errors(sc(changes)) == expected


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("allow-volume-expansion-change", {"allowVolumeExpansion": True}, []),
    ("default-annotation-change", {"metadata": {"annotations": {
        "storageclass.kubernetes.io/is-default-class": "true"}}}, []),
    ("provisioner", {"provisioner": "other.io/p"},
     ["provisioner: Forbidden: updates to provisioner are forbidden."]),
    ("parameters", {"parameters": {"k": "v"}},
     ["parameters: Forbidden: updates to parameters are forbidden."]),
    ("reclaim-policy", {"reclaimPolicy": "Retain"},
     ["reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden."]),
    ("binding-mode", {"volumeBindingMode": "WaitForFirstConsumer"},
     ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable']),
])
def test_validate_storage_class_update(name, changes, expected):
    assert errors(sc(changes), sc()) == expected


# ---- StatefulSet --------------------------------------------------------------------------------------------
def sts(changes=None) -> dict:
    base = {
        "apiVersion": "apps/v1", "kind": "StatefulSet",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "nginx"}}, "serviceName": "nginx",
                 "template": {"metadata": {"labels": {"app": "nginx"}},
                              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}},
                 "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {
                     "accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": "1Gi"}}}}]},
    }
    return apply_defaults(evolve(base, changes or {}))


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("valid", {}, []),
    ("valid-parallel-ondelete", {"spec": {"podManagementPolicy": "Parallel",
                                          "updateStrategy": {"type": "OnDelete",
                                                             "rollingUpdate": DELETE}}}, []),
    ("missing-selector", {"spec": {"selector": DELETE}},
     ["spec.selector: Required value",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not '
      "match template `labels`"]),
    ("selector-mismatch", {"spec": {"selector": {"matchLabels": {"app": "web"}}}},
     ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not '
      "match template `labels`"]),
    ("empty-selector", {"spec": {"selector": {}}},
     ["spec.selector: Invalid value: {}: empty selector is invalid for statefulset"]),
    ("negative-replicas", {"spec": {"replicas": -1}},
     ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]),
    ("bad-service-name", {"spec": {"serviceName": "Nginx_Svc"}},
     [f'spec.serviceName: Invalid value: "Nginx_Svc": {LABEL_MSG}']),
    ("invalid-pod-management-policy", {"spec": {"podManagementPolicy": "Sometimes"}},
     ["spec.podManagementPolicy: Invalid value: \"Sometimes\": must be 'OrderedReady' or "
      "'Parallel'"]),
    ("invalid-update-strategy", {"spec": {"updateStrategy": {"type": "Fast", "rollingUpdate": DELETE}}},
     ['spec.updateStrategy: Invalid value: {"type":"Fast"}: must be \'RollingUpdate\' or '
      "'OnDelete'"]),
    ("negative-partition", {"spec": {"updateStrategy": {"rollingUpdate": {"partition": -1}}}},
     ["spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or "
      "equal to 0"]),
    ("invalid-retention-policy", {"spec": {"persistentVolumeClaimRetentionPolicy": {
        "whenDeleted": "Keep"}}},
     ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": '
      'supported values: "Retain", "Delete"']),
    ("restart-policy-never", {"spec": {"template": {"spec": {"restartPolicy": "Never"}}}},
     ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: '
      '"Always"']),
    ("name-must-be-a-label", {"metadata": {"name": "web.v1"}},
     ['metadata.name: Invalid value: "web.v1": must not contain dots']),
    ("template-pod-spec-not-validated", {"spec": {"template": {"spec": {"containers": []}}}}, []),
])
def test_validate_statefulset(name, changes, expected):
    assert errors(sts(changes)) == expected


STS_FORBIDDEN = ("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', "
                 "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' "
                 "and 'minReadySeconds' are forbidden")


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("scale", {"spec": {"replicas": 5}}, []),
    ("new-image", {"spec": {"template": {"spec": {"containers": [
        {"name": "nginx", "image": "nginx:2"}]}}}}, []),
    ("retention", {"spec": {"persistentVolumeClaimRetentionPolicy": {"whenScaled": "Delete"}}}, []),
    ("min-ready", {"spec": {"minReadySeconds": 10}}, []),
    ("service-name", {"spec": {"serviceName": "other"}}, [STS_FORBIDDEN]),
    ("claim-templates", {"spec": {"volumeClaimTemplates": []}}, [STS_FORBIDDEN]),
    ("pod-management-policy", {"spec": {"podManagementPolicy": "Parallel"}}, [STS_FORBIDDEN]),
])
def test_validate_statefulset_update(name, changes, expected):
    assert errors(sts(changes), sts()) == expected


# ---- Pod ------------------------------------------------------------------------------------------------------
def pod(changes=None) -> dict:
    base = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
            "spec": {"containers": [{"name": "app", "image": "busybox:1.36",
                                     "volumeMounts": [{"name": "data", "mountPath": "/data"}]}],
                     "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "c"}}]}}
    return apply_defaults(evolve(base, changes or {}))


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("valid", {}, []),
    ("no-containers", {"spec": {"containers": []}},
     ["spec.containers: Required value"]),
    ("container-without-name-and-image", {"spec": {"containers": [{}]}},
     ["spec.containers[0].name: Required value", "spec.containers[0].image: Required value"]),
    ("claim-name-missing", {"spec": {"volumes": [{"name": "data", "persistentVolumeClaim": {}}]}},
     ["spec.volumes[0].persistentVolumeClaim.claimName: Required value",
      'spec.containers[0].volumeMounts[0].name: Not found: "data"']),
    ("two-sources", {"spec": {"volumes": [{"name": "data", "persistentVolumeClaim": {
        "claimName": "c"}, "nfs": {"server": "s", "path": "/x"}}]}},
     ["spec.volumes[0].persistentVolumeClaim: Forbidden: may not specify more than 1 volume "
      "type", 'spec.containers[0].volumeMounts[0].name: Not found: "data"']),
    ("volume-name-not-a-label", {"spec": {"volumes": [{"name": "Data", "emptyDir": {}}]}},
     [f'spec.volumes[0].name: Invalid value: "Data": {LABEL_MSG}',
      'spec.containers[0].volumeMounts[0].name: Not found: "data"']),
    ("bad-restart-policy", {"spec": {"restartPolicy": "Sometimes"}},
     ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", '
      '"OnFailure", "Never"']),
    ("bad-pull-policy", {"spec": {"containers": [{"name": "a", "image": "b",
                                                  "imagePullPolicy": "Maybe"}]}},
     ['spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: '
      '"Always", "IfNotPresent", "Never"']),
    ("duplicate-container-names", {"spec": {"containers": [{"name": "a", "image": "b"},
                                                           {"name": "a", "image": "b"}]}},
     ['spec.containers[1].name: Duplicate value: "a"']),
    ("bad-container-port", {"spec": {"containers": [{"name": "a", "image": "b", "ports": [
        {"containerPort": 70000}]}]}},
     ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and "
      "65535, inclusive"]),
])
def test_validate_pod(name, changes, expected):
    assert errors(pod(changes)) == expected


def test_pod_volume_without_source_is_defaulted_to_empty_dir():
    assert errors(pod({"spec": {"volumes": [{"name": "data"}]}})) == []


@pytest.mark.parametrize(("name", "changes", "allowed"), [
    ("image", {"spec": {"containers": [{"name": "app", "image": "busybox:1.37", "volumeMounts": [
        {"name": "data", "mountPath": "/data"}]}]}}, True),
    ("labels", {"metadata": {"labels": {"a": "b"}}}, True),
    ("restart-policy", {"spec": {"restartPolicy": "Never"}}, False),
    ("volumes", {"spec": {"volumes": [{"name": "data", "emptyDir": {}}]}}, False),
])
def test_validate_pod_update(name, changes, allowed):
    got = errors(pod(changes), pod())
    if allowed:
        assert got == []
    else:
        assert [e.split("\n")[0] for e in got] == [
            "spec: Forbidden: pod updates may not change fields other than "
            "`spec.containers[*].image`,`spec.initContainers[*].image`,"
            "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
            "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
            "was previously negative)"]


# ---- Service, Node, Namespace -----------------------------------------------------------------------------------
def svc(changes=None) -> dict:
    base = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "nginx", "namespace": "d"},
            "spec": {"clusterIP": "None", "selector": {"app": "nginx"},
                     "ports": [{"port": 80, "name": "web"}]}}
    return apply_defaults(evolve(base, changes or {}))


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("headless", {}, []),
    ("headless-without-ports", {"spec": {"ports": []}}, []),
    ("ports-required", {"spec": {"ports": [], "clusterIP": DELETE}}, ["spec.ports: Required value"]),
    ("bad-port", {"spec": {"ports": [{"port": 0}]}},
     ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"]),
    ("names-required-for-several-ports", {"spec": {"ports": [{"port": 80}, {"port": 81}]}},
     ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]),
    ("bad-type", {"spec": {"type": "Public"}},
     ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", '
      '"LoadBalancer", "NodePort"']),
    ("name-is-dns1035", {"metadata": {"name": "1nginx"}},
     ['metadata.name: Invalid value: "1nginx": a DNS-1035 label must consist of lower case '
      "alphanumeric characters or '-', start with an alphabetic character, and end with an "
      "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
      "'[a-z]([-a-z0-9]*[a-z0-9])?')"]),
])
def test_validate_service(name, changes, expected):
    assert errors(svc(changes)) == expected


def test_validate_node_and_namespace():
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"},
            "spec": {"taints": [{"key": "k", "effect": "Sometimes"}]}}
    assert errors(node) == ['spec.taints[0].effect: Unsupported value: "Sometimes": supported '
                            'values: "NoSchedule", "PreferNoSchedule", "NoExecute"']
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "Team.A"}}
    assert errors(ns) == [f'metadata.name: Invalid value: "Team.A": {LABEL_MSG}']


# ---- NFSServer (the simulator's kind) -------------------------------------------------------------------------
def nfs_server(changes=None) -> dict:
    base = {"apiVersion": "simulator.pvgraph.dev/v1alpha1", "kind": "NFSServer",
            "metadata": {"name": "nfs-main"},
            "spec": {"address": "192.168.6.189", "exports": [{"path": "/nfs"}],
                     "directories": ["/nfs/pv1", "/nfs/pv2"]}}
    return apply_defaults(evolve(base, changes or {}))


@pytest.mark.parametrize(("name", "changes", "expected"), [
    ("valid", {}, []),
    ("hostname-address", {"spec": {"address": "nfs.example.com"}}, []),
    ("ipv6-address", {"spec": {"address": "fd00::1"}}, []),
    ("missing-address", {"spec": {"address": DELETE}}, ["spec.address: Required value"]),
    ("bad-address", {"spec": {"address": "not a host"}},
     ['spec.address: Invalid value: "not a host": must be a valid IP address or a DNS hostname '
      "(e.g. '192.168.1.10' or 'nfs.example.com')"]),
    ("relative-export", {"spec": {"exports": [{"path": "nfs"}]}},
     ['spec.exports[0].path: Invalid value: "nfs": must be an absolute path']),
    ("duplicate-export", {"spec": {"exports": [{"path": "/nfs"}, {"path": "/nfs/"}]}},
     ['spec.exports[1].path: Duplicate value: "/nfs/"']),
    ("unknown-option", {"spec": {"exports": [{"path": "/nfs", "options": ["rw", "fast"]}]}},
     ['spec.exports[0].options[1]: Invalid value: "fast": unknown NFS export option']),
    ("rw-and-ro", {"spec": {"exports": [{"path": "/nfs", "options": ["rw", "ro"]}]}},
     ["spec.exports[0].options: Forbidden: may not specify both 'rw' and 'ro'"]),
    ("directory-backsteps", {"spec": {"directories": ["/nfs/../etc"]}},
     ["spec.directories[0]: Invalid value: \"/nfs/../etc\": must not contain '..'"]),
])
def test_validate_nfs_server(name, changes, expected):
    assert errors(nfs_server(changes)) == expected


# ---- decoding ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("obj", "message", "path"), [
    (evolve(pv(), {"spec": {"accessModes": "ReadWriteOnce"}}),
     'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot '
     "unmarshal string into Go struct field PersistentVolumeSpec.spec.accessModes of type "
     "[]v1.PersistentVolumeAccessMode", "spec.accessModes"),
    (evolve(pv(), {"spec": {"accessModes": [1]}}),
     'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot '
     "unmarshal number into Go struct field PersistentVolumeSpec.spec.accessModes of type "
     "v1.PersistentVolumeAccessMode", "spec.accessModes[0]"),
    (evolve(pv(), {"spec": "nothing"}),
     'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot '
     "unmarshal string into Go struct field PersistentVolume.spec of type "
     "v1.PersistentVolumeSpec", "spec"),
    (evolve(pv(), {"spec": {"hostPath": DELETE, "nfs": {"server": 10, "path": "/x"}}}),
     'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot '
     "unmarshal number into Go struct field NFSVolumeSource.spec.nfs.server of type string",
     "spec.nfs.server"),
    (evolve(pvc(), {"spec": {"resources": {"requests": {"storage": "ten"}}}}),
     'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: '
     "quantities must match the regular expression "
     "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", "spec.resources.requests[storage]"),
    (evolve(sts(), {"spec": {"replicas": "3"}}),
     'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal '
     "string into Go struct field StatefulSetSpec.spec.replicas of type int32", "spec.replicas"),
    (evolve(sts(), {"spec": {"replicas": 1.5}}),
     'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal '
     "number 1.5 into Go struct field StatefulSetSpec.spec.replicas of type int32",
     "spec.replicas"),
    (evolve(sts(), {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "b",
                                                                   "imagePullPolice": "x"}]}}}}),
     'StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: '
     'unknown field "spec.template.spec.containers[0].imagePullPolice"',
     "spec.template.spec.containers[0].imagePullPolice"),
    (evolve(sc(), {"allowVolumeExpansion": "true"}),
     'StorageClass in version "v1" cannot be handled as a StorageClass: json: cannot unmarshal '
     "string into Go struct field StorageClass.allowVolumeExpansion of type bool",
     "allowVolumeExpansion"),
])
def test_decode_errors(obj, message, path):
    with pytest.raises(DecodeError) as exc:
        validate(obj, None)
    assert exc.value.message == message
    assert exc.value.path == path
    assert exc.value.reason == "BadRequest"
    assert str(exc.value) == f"Error from server (BadRequest): {message}"


def test_null_fields_decode_as_absent():
    obj = evolve(pv(), {"spec": {"storageClassName": None, "mountOptions": None}})
    assert errors(obj) == []


def test_validation_does_not_modify_its_input():
    obj = pv({"spec": {"accessModes": ["bad"]}})
    snapshot = repr(obj)
    validate(obj, None)
    validate(obj, pv())
    assert repr(obj) == snapshot


def test_nfs_server_shorthands_match_core_nfs():
    server = nfs_server({"spec": {"exports": ["/nfs", {"path": "/data", "options": "ro,sync"}]}})
    assert server["spec"]["exports"] == [
        {"path": "/nfs", "clients": "*", "options": ["rw", "sync"]},
        {"path": "/data", "options": ["ro", "sync"], "clients": "*"}]
    assert errors(server) == []
    raw = evolve(server, {"spec": {"exports": ["/nfs", {"path": "/d", "options": "rw,bogus"}]}})
    assert errors(raw) == ['spec.exports[1].options[1]: Invalid value: "bogus": unknown NFS '
                           "export option"]


def test_metadata_update_rules():
    old = evolve(pvc(), {"metadata": {"uid": "u1", "deletionTimestamp": "2025-01-01T00:00:00Z",
                                      "deletionGracePeriodSeconds": 0,
                                      "finalizers": ["kubernetes.io/pvc-protection"]}})
    # Removing a finalizer from a terminating claim, without repeating server-owned fields.
    new = evolve(old, {"metadata": {"uid": DELETE, "deletionGracePeriodSeconds": DELETE,
                                    "finalizers": DELETE}})
    assert errors(new, old) == []
    added = evolve(old, {"metadata": {"finalizers": ["kubernetes.io/pvc-protection", "x.io/y"]}})
    assert errors(added, old) == [
        'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being '
        'deleted, found new finalizers []string{"x.io/y"}']
    other_uid = evolve(old, {"metadata": {"uid": "u2"}})
    assert errors(other_uid, old) == ['metadata.uid: Invalid value: "u2": field is immutable']


def test_update_compares_with_the_stored_object_as_defaulted():
    stored = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
              "metadata": {"name": "c", "namespace": "d"},
              "spec": {"accessModes": ["ReadWriteOnce"],
                       "resources": {"requests": {"storage": "1Gi"}}}}
    assert errors(apply_defaults(stored), stored) == []
    raw_pv = {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "foo"},
              "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                       "nfs": {"server": "s", "path": "/x"}}}
    assert errors(apply_defaults(raw_pv), raw_pv) == []
