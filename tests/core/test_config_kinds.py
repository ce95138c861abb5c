"""ConfigMaps and Secrets: validation (after ``TestValidateConfigMap*`` /
``TestValidateSecret*`` in ``pkg/apis/core/validation/validation_test.go``), decoding,
defaulting, kubectl's tables and describers, ``kubectl create configmap|secret``, and
what pods get from them (volume files, environment, the kubelet's errors)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import gobase64
from core.cluster import Cluster
from core.config_volumes import env_values
from core.defaults import apply_defaults
from core.errors import CommandError
from core.graph import GraphProjection
from core.kinds import lookup
from core.kubectl.create_config import create_configmap, create_secret
from core.validation import DecodeError, validate
from core.validation_config import go_json_object_error

from .test_pods_support import events_for, new_cluster, phase

KEY_MSG = ("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
           "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
           "'[-._a-zA-Z0-9]+')")
IMMUTABLE = "field is immutable when `immutable` is set"


def get(cluster, kind, name, namespace="default"):
    return cluster.store.get(kind, namespace, name)


def distinct(cluster, name, reason) -> list[tuple[str, str, str]]:
    """The kubelet's emissions for a pod, each message once (retries repeat them)."""
    return list(dict.fromkeys(events_for(cluster, name, reason)))


def errors(obj, old=None) -> list[str]:
    obj = apply_defaults(obj)
    return [str(e) for e in validate(obj, apply_defaults(old) if old else None)]


def config_map(data=None, binary=None, name="validname", **extra) -> dict:
    obj = {"apiVersion": "v1", "kind": "ConfigMap",
           "metadata": {"name": name, "namespace": "validns"}, **extra}
    if data is not None:
        obj["data"] = data
    if binary is not None:
        obj["binaryData"] = {k: gobase64.encode(v) for k, v in binary.items()}
    return obj


def secret(data=None, type_=None, name="validname", annotations=None, **extra) -> dict:
    metadata = {"name": name, "namespace": "validns"}
    if annotations:
        metadata["annotations"] = annotations
    obj = {"apiVersion": "v1", "kind": "Secret", "metadata": metadata, **extra}
    if data is not None:
        obj["data"] = {k: gobase64.encode(v) for k, v in data.items()}
    if type_ is not None:
        obj["type"] = type_
    return obj


# ---- kinds ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "kind"), [
    ("cm", "ConfigMap"), ("configmap", "ConfigMap"), ("configmaps", "ConfigMap"),
    ("ConfigMap", "ConfigMap"), ("secret", "Secret"), ("secrets", "Secret"),
])
def test_kubectl_names_resolve(typed, kind):
    info = lookup(typed)
    assert info is not None and info.kind == kind and info.namespaced
    assert info.api_version == "v1"


# ---- TestValidateConfigMap ----------------------------------------------------------------------
@pytest.mark.parametrize("obj", [
    config_map(),
    config_map({"key": "value"}),
    config_map({"key": "value"}, {"bkey": b"value"}),
    config_map({".dotfile": "value"}),
    config_map({"key-with-dash": "value", "KEY_UPPER": "v", "key.dot": "v"}),
], ids=["nil", "data", "data-and-binary", "dotfile", "punctuation"])
def test_validate_config_map_success(obj):
    assert errors(obj) == []


@pytest.mark.parametrize(("obj", "expected"), [
    pytest.param(config_map(name=""), ["metadata.name: Required value: name or generateName is "
                                       "required"], id="empty name"),
    pytest.param(config_map({".": "value"}), ['data[.]: Invalid value: ".": must not be \'.\''],
                 id="dot key"),
    pytest.param(config_map({"..": "value"}), ['data[..]: Invalid value: "..": must not be \'..\''],
                 id="double dot key"),
    pytest.param(config_map({"..key": "value"}),
                 ['data[..key]: Invalid value: "..key": must not start with \'..\''],
                 id="leading double dot key"),
    pytest.param(config_map({"$$": "value"}), [f'data[$$]: Invalid value: "$$": {KEY_MSG}'],
                 id="illegal key"),
    pytest.param(config_map(binary={"a b": b"x"}),
                 [f'binaryData[a b]: Invalid value: "a b": {KEY_MSG}'], id="illegal binary key"),
    pytest.param(config_map({"key": "value"}, {"key": b"value"}),
                 ['data[key]: Invalid value: "key": duplicate of key present in binaryData'],
                 id="overlapping key"),
    pytest.param(config_map({"k" * 254: "v"}),
                 [f'data[{"k" * 254}]: Invalid value: "{"k" * 254}": must be no more than 253 '
                  "characters"], id="key too long"),
    pytest.param(config_map({"a": "x" * (512 * 1024)}, {"b": b"y" * (512 * 1024 + 1)}),
                 ["[]: Too long: may not be more than 1048576 bytes"], id="too large"),
])
def test_validate_config_map_failure(obj, expected):
    assert errors(obj) == expected


def test_config_map_size_counts_bytes_not_characters():
    # Go's len() of a string is its UTF-8 length.
    assert errors(config_map({"a": "é" * (512 * 1024 + 1)})) == [
        "[]: Too long: may not be more than 1048576 bytes"]
    assert errors(config_map({"a": "x" * (1024 * 1024)})) == []


# ---- TestValidateConfigMapUpdate ----------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "expected"), [
    pytest.param(config_map({"k": "v"}), config_map({"k": "v2"}), [], id="valid"),
    pytest.param(config_map({"k": "v"}), config_map({"k": "v"}, immutable=True), [],
                 id="make immutable"),
    pytest.param(config_map({"k": "v"}, immutable=True), config_map({"k": "v2"}, immutable=True),
                 [f"data: Forbidden: {IMMUTABLE}"], id="change data of immutable"),
    pytest.param(config_map({"k": "v"}, immutable=True),
                 config_map({"k": "v"}, {"b": b"x"}, immutable=True),
                 [f"binaryData: Forbidden: {IMMUTABLE}"], id="add binaryData to immutable"),
    pytest.param(config_map({"k": "v"}, immutable=True), config_map({"k": "v"}),
                 [f"immutable: Forbidden: {IMMUTABLE}"], id="unset immutable"),
    pytest.param(config_map({"k": "v"}, immutable=True), config_map({"k": "v"}, immutable=False),
                 [f"immutable: Forbidden: {IMMUTABLE}"], id="immutable to false"),
    pytest.param(config_map({"k": "v"}, immutable=True),
                 config_map({"k": "v"}, immutable=True, metadata={
                     "name": "validname", "namespace": "validns", "labels": {"a": "b"}}),
                 [], id="metadata of immutable may change"),
])
def test_validate_config_map_update(old, new, expected):
    assert errors(new, old) == expected


# ---- TestValidateSecret and its per-type tests -----------------------------------------------------
@pytest.mark.parametrize(("obj", "expected"), [
    pytest.param(secret({"data-1": b"bar"}), [], id="valid"),
    pytest.param(secret({".dotfile": b"bar"}), [], id="leading dot key"),
    pytest.param(secret({".": b"bar"}), ['data[.]: Invalid value: ".": must not be \'.\''],
                 id="dot key"),
    pytest.param(secret({"..": b"bar"}), ['data[..]: Invalid value: "..": must not be \'..\''],
                 id="double dot key"),
    pytest.param(secret({"$$": b"bar"}), [f'data[$$]: Invalid value: "$$": {KEY_MSG}'],
                 id="illegal key"),
    pytest.param(secret({"a": b"x" * (1024 * 1024 + 1)}),
                 ["data: Too long: may not be more than 1048576 bytes"], id="too large"),
    pytest.param(secret(name=""), ["metadata.name: Required value: name or generateName is "
                                   "required"], id="empty name"),
    # TestValidateSecret: service-account-token
    pytest.param(secret(type_="kubernetes.io/service-account-token"),
                 ["metadata.annotations[kubernetes.io/service-account.name]: Required value"],
                 id="missing service account name annotation"),
    pytest.param(secret(type_="kubernetes.io/service-account-token",
                        annotations={"kubernetes.io/service-account.name": "default"}), [],
                 id="service account token"),
    # TestValidateDockerConfigSecret
    pytest.param(secret({".dockerconfigjson": b'{"auths":{}}'},
                        "kubernetes.io/dockerconfigjson"), [], id="valid dockerconfigjson"),
    pytest.param(secret({}, "kubernetes.io/dockerconfigjson"),
                 ["data[.dockerconfigjson]: Required value"], id="missing dockerconfigjson"),
    pytest.param(secret({".dockerconfigjson": b"bogus"}, "kubernetes.io/dockerconfigjson"),
                 ['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid '
                  "character 'b' looking for beginning of value"], id="invalid dockerconfigjson"),
    pytest.param(secret({".dockercfg": b"[]"}, "kubernetes.io/dockercfg"),
                 ['data[.dockercfg]: Invalid value: "<secret contents redacted>": json: cannot '
                  "unmarshal array into Go value of type map[string]interface {}"],
                 id="dockercfg not an object"),
    # TestValidateBasicAuthSecret
    pytest.param(secret({"username": b""}, "kubernetes.io/basic-auth"), [],
                 id="basic auth empty username"),
    pytest.param(secret({}, "kubernetes.io/basic-auth"),
                 ["data[username]: Required value", "data[password]: Required value"],
                 id="basic auth missing both"),
    # TestValidateSSHAuth
    pytest.param(secret({"ssh-privatekey": b""}, "kubernetes.io/ssh-auth"),
                 ["data[ssh-privatekey]: Required value"], id="ssh auth empty key"),
    # TestValidateTLSSecret
    pytest.param(secret({"tls.crt": b"c", "tls.key": b"k"}, "kubernetes.io/tls"), [],
                 id="valid tls"),
    pytest.param(secret({"tls.crt": b"c"}, "kubernetes.io/tls"),
                 ["data[tls.key]: Required value"], id="tls missing key"),
    pytest.param(secret({}, "kubernetes.io/tls"),
                 ["data[tls.crt]: Required value", "data[tls.key]: Required value"],
                 id="tls missing both"),
    pytest.param(secret({}, "example.com/custom"), [], id="unknown type"),
])
def test_validate_secret(obj, expected):
    assert errors(obj) == expected


def test_string_data_keys_are_validated_as_data_keys():
    obj = secret(stringData={"bad key": "x"})
    assert errors(obj) == [f'data[bad key]: Invalid value: "bad key": {KEY_MSG}']
    tls = secret(type_="kubernetes.io/tls", stringData={"tls.crt": "c", "tls.key": "k"})
    assert errors(tls) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    pytest.param(secret({"a": b"1"}), secret({"a": b"2"}), [], id="valid"),
    pytest.param(secret({"username": b"1"}), secret({"username": b"1"}, "kubernetes.io/basic-auth"),
                 ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable'],
                 id="change type"),
    pytest.param(secret({"a": b"1"}, immutable=True), secret({"a": b"2"}, immutable=True),
                 [f"data: Forbidden: {IMMUTABLE}"], id="change data of immutable"),
    pytest.param(secret({"a": b"1"}, immutable=True), secret({"a": b"1"}),
                 [f"immutable: Forbidden: {IMMUTABLE}"], id="unset immutable"),
])
def test_validate_secret_update(old, new, expected):
    assert errors(new, old) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "unexpected end of JSON input"),
    ('{"auths": ', "unexpected end of JSON input"),
    ("null", ""),
    ("{}", ""),
    ('"x"', "json: cannot unmarshal string into Go value of type map[string]interface {}"),
    ("{} x", "invalid character 'x' after top-level value"),
    ('{"a" 1}', "invalid character '1' after object key"),
    ("{a}", "invalid character 'a' looking for beginning of object key string"),
    ('{"a": 1 "b"}', "invalid character '\"' after object key:value pair"),
    ("[1 2]", "invalid character '2' after array element"),
])
def test_docker_config_json_errors_use_go_wording(text, message):
    assert go_json_object_error(text.encode()) == message


# ---- decoding -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "offset"), [
    ("billy", 4),            # kubernetes/kubernetes#31548: a short final quantum
    ("APIKEY_BASE64", 6),    # '_' is not in the standard alphabet
    ("<foo>", 0),
    ("aGVsbA=", 7),          # one '=' where two are needed
    ("a===", 1),
    ("aGVsbG8=x", 8),        # data after the padding
])
def test_bad_base64_is_a_bad_request_with_gos_offset(value, offset):
    obj = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"},
           "data": {"k": value}}
    with pytest.raises(DecodeError) as info:
        apply_defaults(obj)
    assert info.value.message == ('Secret in version "v1" cannot be handled as a Secret: illegal '
                                  f"base64 data at input byte {offset}")
    assert info.value.path == "data[k]"


def test_binary_data_must_be_base64_and_data_must_be_strings():
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
          "binaryData": {"b": "not base64!"}}
    with pytest.raises(DecodeError, match="illegal base64 data at input byte 3"):
        apply_defaults(cm)
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"n": 1}}
    with pytest.raises(DecodeError) as info:
        apply_defaults(cm)
    assert info.value.detail == ("json: cannot unmarshal number into Go struct field "
                                 "ConfigMap.data of type string")
    unknown = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "dta": {}}
    with pytest.raises(DecodeError, match='unknown field "dta"'):
        apply_defaults(unknown)


@given(st.binary(max_size=64))
def test_base64_round_trips_like_go(raw):
    text = gobase64.encode(raw)
    assert gobase64.decode(text) == raw
    assert gobase64.decode(text[:len(text) // 2] + "\r\n" + text[len(text) // 2:]) == raw


# ---- defaulting -------------------------------------------------------------------------------------
def test_secret_defaults_type_and_merges_string_data():
    obj = secret({"a": b"old", "b": b"keep"}, stringData={"a": "new", "c": "ç"})
    out = apply_defaults(obj)
    assert out["type"] == "Opaque"
    assert "stringData" not in out
    assert {k: gobase64.decode(v).decode() for k, v in out["data"].items()} == {
        "a": "new", "b": "keep", "c": "ç"}
    assert "stringData" in obj  # the input is not modified


# ---- through kubectl -------------------------------------------------------------------------------
MANIFESTS = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: game-config
data:
  game.properties: |
    enemies=aliens
    lives=3
  ui.properties: color.good=purple
binaryData:
  logo.png: iVBORw0KGgo=
---
apiVersion: v1
kind: Secret
metadata:
  name: db-creds
stringData:
  password: hunter2
data:
  username: YWRtaW4=
"""


@pytest.fixture
def applied(tmp_path) -> Cluster:
    cluster = Cluster()
    path = tmp_path / "config.yaml"
    path.write_text(MANIFESTS)
    out = cluster.run(f"kubectl apply -f {path}")
    assert out == "configmap/game-config created\nsecret/db-creds created"
    return cluster


def test_get_tables(applied):
    assert applied.run("kubectl get cm") == ("NAME          DATA   AGE\n"
                                             "game-config   3      0s")
    assert applied.run("kubectl get secrets") == ("NAME       TYPE     DATA   AGE\n"
                                                  "db-creds   Opaque   2      0s")


def test_yaml_is_as_stored_without_string_data(applied):
    text = applied.run("kubectl get secret db-creds -o yaml")
    assert "  password: aHVudGVyMg==\n  username: YWRtaW4=\n" in text
    assert text.endswith("type: Opaque")
    assert "\nstringData:" not in text


def test_describe_config_map(applied):
    assert applied.run("kubectl describe cm game-config") == (
        "Name:         game-config\n"
        "Namespace:    default\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "\n"
        "Data\n"
        "====\n"
        "game.properties:\n"
        "----\n"
        "enemies=aliens\n"
        "lives=3\n"
        "\n"
        "\n"
        "ui.properties:\n"
        "----\n"
        "color.good=purple\n"
        "\n"
        "\n"
        "BinaryData\n"
        "====\n"
        "logo.png: 8 bytes\n"
        "\n"
        "Events:  <none>")


def test_describe_secret_shows_sizes_never_values(applied):
    text = applied.run("kubectl describe secret db-creds")
    assert text == ("Name:         db-creds\n"
                    "Namespace:    default\n"
                    "Labels:       <none>\n"
                    "Annotations:  <none>\n"
                    "\n"
                    "Type:  Opaque\n"
                    "\n"
                    "Data\n"
                    "====\n"
                    "password:  7 bytes\n"
                    "username:  5 bytes")
    assert "hunter2" not in text


def test_invalid_config_map_is_refused_with_the_servers_text(tmp_path):
    cluster = Cluster()
    path = tmp_path / "bad.yaml"
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n  k: v\n"
                    "binaryData:\n  k: aGk=\n")
    with pytest.raises(CommandError) as info:
        cluster.run(f"kubectl apply -f {path}")
    assert str(info.value) == ('The ConfigMap "bad" is invalid: data[k]: Invalid value: "k": '
                               "duplicate of key present in binaryData")


def test_immutable_config_map_refuses_new_data(tmp_path):
    cluster = Cluster()
    path = tmp_path / "cm.yaml"
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nimmutable: true\n"
                    "data:\n  k: v\n")
    cluster.run(f"kubectl apply -f {path}")
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nimmutable: true\n"
                    "data:\n  k: changed\n")
    with pytest.raises(CommandError) as info:
        cluster.run(f"kubectl apply -f {path}")
    assert str(info.value).endswith(f"data: Forbidden: {IMMUTABLE}")
    assert get(cluster, "ConfigMap", "c")["data"] == {"k": "v"}


# ---- kubectl create configmap / secret generic --------------------------------------------------------
def test_create_configmap_and_secret_from_literals():
    cluster = Cluster()
    assert create_configmap(cluster, ["special-config", "--from-literal=special.how=very",
                                      "--from-literal", "special.type=charm=yes"]) == \
        "configmap/special-config created"
    assert get(cluster, "ConfigMap", "special-config")["data"] == {
        "special.how": "very", "special.type": "charm=yes"}
    assert create_secret(cluster, ["generic", "db", "--from-literal=password=s3cr3t", "-n",
                                   "kube-system"]) == "secret/db created"
    stored = get(cluster, "Secret", "db", "kube-system")
    assert stored["type"] == "Opaque" and stored["data"] == {"password": "czNjcjN0"}


@pytest.mark.parametrize(("argv", "message"), [
    (["x", "--from-literal=novalue"], "error: invalid literal source novalue, expected key=value"),
    (["x", "--from-literal=a=1", "--from-literal=a=2"],
     'error: cannot add key "a", another key by that name already exists in Data for ConfigMap '
     '"x"'),
    (["x", "--from-literal=a b=1"], f'error: "a b" is not a valid key name for a ConfigMap: '
                                    f"{KEY_MSG}"),
    ([], "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help "
         "and examples"),
    (["Bad_Name"], 'error: failed to create configmap: ConfigMap "Bad_Name" is invalid: '
                   "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain "
                   "must consist of lower case alphanumeric characters, '-' or '.', and must "
                   "start and end with an alphanumeric character (e.g. 'example.com', regex used "
                   "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
                   "[a-z0-9])?)*')"),
])
def test_create_configmap_errors(argv, message):
    with pytest.raises(CommandError) as info:
        create_configmap(Cluster(), argv)
    assert str(info.value) == message


def test_create_configmap_twice_is_already_exists():
    cluster = Cluster()
    create_configmap(cluster, ["c"])
    with pytest.raises(CommandError, match='^error: failed to create configmap: configmaps "c" '
                                           "already exists$"):
        create_configmap(cluster, ["c"])


# ---- pods -------------------------------------------------------------------------------------------------
def config_pod(name="web", volumes=None, env=None, env_from=None, mounts=None) -> dict:
    container = {"name": "app", "image": "nginx:1.27"}
    if mounts:
        container["volumeMounts"] = mounts
    if env:
        container["env"] = env
    if env_from:
        container["envFrom"] = env_from
    spec = {"containers": [container]}
    if volumes:
        spec["volumes"] = volumes
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
            "spec": spec}


def waiting(cluster, name) -> dict:
    status = get(cluster, "Pod", name)["status"]["containerStatuses"][0]
    return status["state"].get("waiting") or {}


def add_config_map(cluster, name="app-config", data=None, **extra):
    return cluster.api.create({"apiVersion": "v1", "kind": "ConfigMap",
                               "metadata": {"name": name, "namespace": "default"},
                               "data": data if data is not None else {"color": "blue"}, **extra})


def add_secret(cluster, name="app-creds", data=None):
    return cluster.api.create({"apiVersion": "v1", "kind": "Secret",
                               "metadata": {"name": name, "namespace": "default"},
                               "stringData": data if data is not None else {"password": "hunter2"}})


VOLUME_CASES = [
    pytest.param({"name": "config", "configMap": {"name": "app-config"}}, "ConfigMap",
                 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
                 id="configMap"),
    pytest.param({"name": "creds", "secret": {"secretName": "app-creds"}}, "Secret",
                 'MountVolume.SetUp failed for volume "creds" : secret "app-creds" not found',
                 id="secret"),
    pytest.param({"name": "all", "projected": {"sources": [
        {"configMap": {"name": "kube-root-ca.crt"}}, {"secret": {"name": "app-creds"}}]}},
        "Secret", 'MountVolume.SetUp failed for volume "all" : secret "app-creds" not found',
        id="projected"),
]


@pytest.mark.parametrize(("volume", "kind", "message"), VOLUME_CASES)
def test_missing_object_keeps_pod_creating_until_it_appears(volume, kind, message):
    cluster = new_cluster()
    mount = {"name": volume["name"], "mountPath": "/etc/data"}
    cluster.api.create(config_pod(volumes=[volume], mounts=[mount]))
    cluster.advance(30_000)
    assert phase(get(cluster, "Pod", "web")) == "Pending"
    assert waiting(cluster, "web") == {"reason": "ContainerCreating"}
    assert distinct(cluster, "web", "FailedMount") == [("Warning", "FailedMount", message)]
    assert len(events_for(cluster, "web", "FailedMount")) > 1  # retried
    (add_config_map if kind == "ConfigMap" else add_secret)(cluster)
    cluster.settle()
    assert phase(get(cluster, "Pod", "web")) == "Running"
    expected = "blue\n" if kind == "ConfigMap" else "hunter2\n"
    path = "/etc/data/color" if kind == "ConfigMap" else "/etc/data/password"
    assert cluster.run(f"kubectl exec web -- cat {path}") == expected.rstrip("\n")


def test_optional_missing_object_does_not_block():
    cluster = new_cluster()
    cluster.api.create(config_pod(volumes=[
        {"name": "config", "configMap": {"name": "nope", "optional": True}}]))
    cluster.settle()
    assert phase(get(cluster, "Pod", "web")) == "Running"
    assert events_for(cluster, "web", "FailedMount") == []


@pytest.mark.parametrize(("volume", "message"), [
    ({"name": "config", "configMap": {"name": "app-config", "items": [{"key": "size",
                                                                       "path": "size.txt"}]}},
     "configmap references non-existent config key: size"),
    ({"name": "config", "secret": {"secretName": "app-creds", "items": [{"key": "token",
                                                                          "path": "t"}]}},
     "references non-existent secret key: token"),
])
def test_missing_listed_key_fails_the_mount(volume, message):
    cluster = new_cluster()
    add_config_map(cluster)
    add_secret(cluster)
    cluster.api.create(config_pod(volumes=[volume]))
    cluster.advance(10_000)
    assert distinct(cluster, "web", "FailedMount") == [
        ("Warning", "FailedMount", f'MountVolume.SetUp failed for volume "config" : {message}')]


def test_items_map_keys_to_paths_and_exec_lists_them():
    cluster = new_cluster()
    add_config_map(cluster, data={"color": "blue", "size": "L", "unused": "x"})
    cluster.api.create(config_pod(
        volumes=[{"name": "config", "configMap": {"name": "app-config", "items": [
            {"key": "color", "path": "ui/color"}, {"key": "size", "path": "size"}]}}],
        mounts=[{"name": "config", "mountPath": "/etc/config"}]))
    cluster.settle()
    assert cluster.run("kubectl exec web -- ls /etc/config") == "size\nui"
    assert cluster.run("kubectl exec web -- cat /etc/config/ui/color") == "blue"
    with pytest.raises(CommandError, match="Read-only file system"):
        cluster.run("kubectl exec web -- sh -c 'echo x > /etc/config/size'")


def test_a_sub_path_mounts_one_key_as_a_file():
    cluster = new_cluster()
    add_config_map(cluster, data={"nginx.conf": "events {}"})
    cluster.api.create(config_pod(
        volumes=[{"name": "config", "configMap": {"name": "app-config"}}],
        mounts=[{"name": "config", "mountPath": "/etc/nginx/nginx.conf",
                 "subPath": "nginx.conf"}]))
    cluster.settle()
    assert cluster.run("kubectl exec web -- cat /etc/nginx/nginx.conf") == "events {}"


def test_kubectl_create_subcommands_through_the_command_line():
    cluster = Cluster()
    assert cluster.run("kubectl create -n default secret generic creds "
                       "--from-literal=user=admin") == "secret/creds created"
    assert cluster.run("kubectl create configmap cfg --from-literal=a=1") == \
        "configmap/cfg created"
    assert cluster.run("kubectl get cm cfg -o jsonpath={.data.a}") == "1"


def test_volume_files_follow_config_map_updates():
    cluster = new_cluster()
    add_config_map(cluster)
    cluster.api.create(config_pod(volumes=[{"name": "c", "configMap": {"name": "app-config"}}],
                                  mounts=[{"name": "c", "mountPath": "/etc/config"}]))
    cluster.settle()
    current = get(cluster, "ConfigMap", "app-config")
    cluster.api.update({**current, "data": {"color": "green"}})
    cluster.settle()
    assert cluster.run("kubectl exec web -- cat /etc/config/color") == "green"


ENV_CASES = [
    pytest.param({"env": [{"name": "LEVEL", "valueFrom": {"configMapKeyRef": {
        "name": "special-config", "key": "special.how"}}}]},
        'configmap "special-config" not found', id="configMapKeyRef"),
    pytest.param({"env": [{"name": "PW", "valueFrom": {"secretKeyRef": {
        "name": "special-config", "key": "pw"}}}]},
        'secret "special-config" not found', id="secretKeyRef"),
    pytest.param({"env_from": [{"configMapRef": {"name": "special-config"}}]},
                 'configmap "special-config" not found', id="envFrom"),
]


@pytest.mark.parametrize(("spec", "message"), ENV_CASES)
def test_missing_env_source_is_create_container_config_error(spec, message):
    cluster = new_cluster()
    cluster.api.create(config_pod(**spec))
    cluster.advance(20_000)
    assert phase(get(cluster, "Pod", "web")) == "Pending"
    assert waiting(cluster, "web") == {"reason": "CreateContainerConfigError", "message": message}
    assert cluster.run("kubectl get pod web").split("\n")[1].split()[2] == \
        "CreateContainerConfigError"
    assert distinct(cluster, "web", "Failed") == [("Warning", "Failed", f"Error: {message}")]
    assert len(events_for(cluster, "web", "Failed")) > 1  # retried
    reasons = [r for _t, r, _m in events_for(cluster, "web")]
    assert reasons.index("Pulled") < reasons.index("Failed")
    assert "Created" not in reasons


def test_env_source_appearing_starts_the_container():
    cluster = new_cluster()
    cluster.api.create(config_pod(env=[{"name": "LEVEL", "valueFrom": {"configMapKeyRef": {
        "name": "special-config", "key": "special.how"}}}]))
    cluster.advance(10_000)
    add_config_map(cluster, "special-config", {"special.how": "very"})
    cluster.settle()
    pod = get(cluster, "Pod", "web")
    assert phase(pod) == "Running"
    assert [r for _t, r, _m in events_for(cluster, "web")][-2:] == ["Created", "Started"]
    container = pod["spec"]["containers"][0]
    assert env_values(cluster.store, "default", container) == {"LEVEL": "very"}


def test_missing_env_key_names_the_object():
    cluster = new_cluster()
    add_config_map(cluster, "special-config", {"other": "x"})
    cluster.api.create(config_pod(env=[{"name": "LEVEL", "valueFrom": {"configMapKeyRef": {
        "name": "special-config", "key": "special.how"}}}]))
    cluster.advance(10_000)
    assert waiting(cluster, "web")["message"] == \
        "couldn't find key special.how in ConfigMap default/special-config"


def test_optional_env_sources_do_not_block():
    cluster = new_cluster()
    cluster.api.create(config_pod(
        env=[{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k",
                                                          "optional": True}}}],
        env_from=[{"configMapRef": {"name": "c", "optional": True}}]))
    cluster.settle()
    assert phase(get(cluster, "Pod", "web")) == "Running"


def test_config_kinds_stay_out_of_the_graph(tmp_path):
    cluster = Cluster()
    graph = GraphProjection(cluster)
    path = tmp_path / "config.yaml"
    path.write_text(MANIFESTS)
    cluster.run(f"kubectl apply -f {path}")
    cluster.settle()
    kinds = {node.kind for node in graph.snapshot().nodes}
    assert not kinds & {"ConfigMap", "Secret"}
    assert not {node.kind for node in GraphProjection(cluster).snapshot().nodes} & {
        "ConfigMap", "Secret"}
