"""``-o go-template``: comparisons, parenthesised pipelines, number literals, string escapes
and argument counts, with text/template's wording for what it refuses."""

from __future__ import annotations

import pytest

from core.cluster import Cluster
from core.errors import CommandError
from tests.core.web_fixtures import web_cluster


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    return web_cluster()


def template(cluster: Cluster, text: str) -> str:
    return cluster.run(f"kubectl get pods -o go-template='{text}'")


@pytest.mark.parametrize(("text", "expected"), [
    ("{{if gt (len .items) 0}}some{{end}}", "some"),
    ("{{(len .items)}}", "2"),
    ("{{ .items | len }}", "2"),
    ('{{printf "%d pods" (len .items)}}', "2 pods"),
    ("{{if lt 1 2.5}}a{{end}}{{if le 2 2}}b{{end}}{{if ge 0x10 16}}c{{end}}", "abc"),
    ('{{if gt "b" "a"}}s{{end}}', "s"),
    ('{{range .items}}{{if eq (index .metadata.labels "app") "nginx"}}{{.metadata.name}} '
     '{{end}}{{end}}', "web-0 web-1 "),
    ('{{ "caf\\u00e9 \\x41" }}', "café A"),
    ('{{ "é" }}', "é"),
])
def test_accepted(cluster, text, expected):
    assert template(cluster, text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("{{ (len .items }}", "error: error parsing template {{ (len .items }}, template: "
                          "output:1: unclosed left paren"),
    ('{{ "\\q" }}', 'error: error parsing template {{ "\\q" }}, template: output:1: '
                    "invalid syntax"),
    ('{{lt 1 "a"}}', 'error: error executing template "{{lt 1 "a"}}": template: output:1: '
                     'executing "output" at <lt>: error calling lt: incompatible types for '
                     "comparison"),
    ("{{gt 1}}", 'error: error executing template "{{gt 1}}": template: output:1: executing '
                 '"output" at <gt>: wrong number of args for gt: want 2 got 1'),
])
def test_refused(cluster, text, message):
    with pytest.raises(CommandError) as info:
        template(cluster, text)
    assert str(info.value) == message
