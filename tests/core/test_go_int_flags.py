"""Int flags parse as pflag does (strconv.ParseInt(s, 0, 64)): signs, base prefixes, a
leading-0 octal, underscores between digits; nothing else (TestParseInt's base-0 cases)."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from core.errors import CommandError
from core.kubectl.flags import go_int


@pytest.mark.parametrize(("text", "value"), [
    ("2", 2), ("+2", 2), ("-3", -3), ("0", 0), ("1_0", 10), ("0x10", 16), ("0X1f", 31),
    ("010", 8), ("0o17", 15), ("0b11", 3), ("0x_1", 1), ("9223372036854775807", 2**63 - 1),
    ("-9223372036854775808", -2**63),
])
def test_accepted(text, value):
    assert go_int(text) == value


@pytest.mark.parametrize(("text", "reason"), [
    ("", "invalid syntax"), (" 2", "invalid syntax"), ("٣", "invalid syntax"),
    ("_1", "invalid syntax"), ("1__0", "invalid syntax"), ("1_", "invalid syntax"),
    ("08", "invalid syntax"), ("0x", "invalid syntax"), ("1.5", "invalid syntax"),
    ("9223372036854775808", "value out of range"),
])
def test_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        go_int(text)


def test_scale_flags_use_go_parsing():
    cluster = Cluster()
    cluster.run("kubectl apply -f assets/scripts/web.yaml")
    assert cluster.run("kubectl scale sts web --replicas=0x3") == "statefulset.apps/web scaled"
    assert cluster.get("StatefulSet", "default", "web")["spec"]["replicas"] == 3
    with pytest.raises(CommandError) as info:
        cluster.run("kubectl scale sts web --replicas=٣")
    assert str(info.value).startswith('error: invalid argument "٣" for "--replicas" flag: '
                                      'strconv.ParseInt: parsing "٣": invalid syntax')
    with pytest.raises(CommandError) as info:
        cluster.run("kubectl scale sts web --current-replicas=2 --replicas=1")
    assert str(info.value) == "error: Expected replicas to be 2, was 3"
    with pytest.raises(CommandError) as info:
        cluster.run("kubectl delete pod x --grace-period=99999999999999999999")
    assert "value out of range" in str(info.value)
