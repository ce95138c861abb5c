"""The kubectl verbs: flags, arguments and output of each, as kubectl prints them."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import ApiError, CommandError
from ..kinds import KindInfo, lookup
from ..objects import name_of
from ..validation_decode import decode_check
from .apply import (
    Failure,
    Outcome,
    apply_documents,
    create_documents,
    delete_documents,
    keep_status,
    read_documents,
)
from .create_config import SUBCOMMANDS
from .describe import describe
from .flags import GLOBAL_FLAGS, Flag, Parsed, int_flag, parse_flags, usage_error
from .messages import api_error_text
from .metadata import annotate, label
from .output import list_object, to_json, to_name, to_yaml
from .patch import PatchError, json_patch, merge_patch, strategic_merge_patch
from .printing import FORCE_WARNING, deleted_line
from .resources import Request, parse_resource_args, resolve_kind
from .rollout import rollout
from .run import run
from .selectors import parse_field_selector, parse_label_selector
from .sorting import sort_objects
from .tables import render, table_rows

if TYPE_CHECKING:
    from ..cluster import Cluster

Obj = Mapping[str, Any]
OUTPUT_FORMATS = ("custom-columns,custom-columns-file,go-template,go-template-file,json,"
                  "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,"
                  "yaml")


def _finish(lines: list[str], errors: list[str]) -> str:
    from ..commands import CommandFailed

    text = "\n".join(line for line in lines if line is not None)
    if errors:
        raise CommandFailed(text, errors)
    return text


def read_script_file(cluster: Cluster, name: str) -> str | None:
    """A file named on the command line, relative to the script's folder; None if unreadable."""
    from pathlib import Path

    path = Path(name)
    if not path.is_absolute():
        path = Path(cluster.script_dir) / path
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _not_found(info: KindInfo, name: str) -> str:
    return f'Error from server (NotFound): {info.qualified} "{name}" not found'


def _namespace(parsed: Parsed) -> str:
    return parsed.text("namespace") or "default"


# ---- reading objects ------------------------------------------------------------------------
def _builtin_namespaces(cluster: Cluster) -> list[Obj]:
    from .. import kinds
    from ..clock import timestamp

    builtin = getattr(kinds, "BUILTIN_NAMESPACES", ("default", "kube-system", "kube-public",
                                                    "kube-node-lease"))

    out = []
    stored = {name_of(n) for n in cluster.store.list("Namespace")}
    for name in builtin:
        if name not in stored:
            out.append({"apiVersion": "v1", "kind": "Namespace",
                        "metadata": {"name": name, "creationTimestamp": timestamp(0),
                                     "labels": {"kubernetes.io/metadata.name": name}},
                        "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}})
    return out


def list_objects(cluster: Cluster, info: KindInfo, namespace: str | None) -> list[Obj]:
    """Objects of a kind as the API server lists them (sorted by namespace, name)."""
    if not info.namespaced:
        objs = list(cluster.store.list(info.kind))
        if info.kind == "Namespace":
            objs = sorted(objs + _builtin_namespaces(cluster), key=name_of)
        return objs
    return list(cluster.store.list(info.kind, namespace))


def get_object(cluster: Cluster, info: KindInfo, namespace: str, name: str) -> Obj | None:
    obj = cluster.store.get(info.kind, namespace if info.namespaced else "", name)
    if obj is None and info.kind == "Namespace":
        obj = next((n for n in _builtin_namespaces(cluster) if name_of(n) == name), None)
    return obj


def request_objects(cluster: Cluster, request: Request, list_namespace: str | None,
                    namespace: str, matches: Callable[[Obj], bool], errors: list[str],
                    ignore_not_found: bool) -> list[Obj]:
    """The objects one resource argument names: every match in ``list_namespace`` (None:
    all) when it names none, else each named one from ``namespace``; a missing name adds
    kubectl's NotFound to ``errors`` unless ``ignore_not_found``."""
    if request.names is None:
        return [o for o in list_objects(cluster, request.info, list_namespace) if matches(o)]
    found: list[Obj] = []
    for name in request.names:
        obj = get_object(cluster, request.info, namespace, name)
        if obj is not None:
            found.append(obj)
        elif not ignore_not_found:
            errors.append(_not_found(request.info, name))
    return found


def selectors(parsed: Parsed) -> Callable[[Obj], bool]:
    labels = parse_label_selector(parsed.text("selector")) if parsed.has("selector") else None
    fields = (parse_field_selector(parsed.text("field-selector"))
              if parsed.has("field-selector") else None)

    def matches(obj: Obj) -> bool:
        meta = obj.get("metadata") or {}
        if labels is not None and not labels({str(k): str(v) for k, v in
                                              (meta.get("labels") or {}).items()}):
            return False
        return fields is None or fields(obj)

    return matches


# ---- get ----------------------------------------------------------------------------------------
GET_FLAGS = GLOBAL_FLAGS + [
    Flag("output", "o"), Flag("all-namespaces", "A", takes_value=False),
    Flag("selector", "l"), Flag("field-selector"), Flag("show-labels", takes_value=False),
    Flag("no-headers", takes_value=False), Flag("watch", "w", takes_value=False),
    Flag("watch-only", takes_value=False), Flag("ignore-not-found", takes_value=False),
    Flag("show-kind", takes_value=False), Flag("chunk-size"), Flag("sort-by"),
    Flag("label-columns", "L", repeated=True), Flag("template"),
    Flag("output-watch-events", takes_value=False),
]

GET_USAGE = ("You must specify the type of resource to get. Use \"kubectl api-resources\" for a "
             "complete list of supported resources.\n\nerror: Required resource not specified.\n"
             "Use \"kubectl explain <resource>\" for a detailed description of that resource "
             "(e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples")


_TEMPLATE_FORMATS = ("go-template", "template", "jsonpath", "go-template-file",
                     "templatefile", "jsonpath-file", "custom-columns", "custom-columns-file")


def _output_format(parsed: Parsed) -> str:
    output = parsed.text("output")
    if not output and parsed.text("template"):
        # kubectl: a --template without -o means -o go-template.
        output = "go-template"
    name = output.partition("=")[0]
    if output not in ("", "wide", "yaml", "json", "name") and name not in _TEMPLATE_FORMATS:
        raise CommandError(f'error: unable to match a printer suitable for the output format '
                           f'"{output}", allowed formats are: {OUTPUT_FORMATS}')
    return output


def _template_printer(cluster: Cluster, parsed: Parsed, output: str) -> Callable[[Any], str]:
    """The printer of ``-o go-template|jsonpath|custom-columns[-file]=...``."""

    from . import gotemplate, jsonpath

    name, eq, text = output.partition("=")
    if not eq:
        text = parsed.text("template")
    if name.endswith("file") and text:
        content = read_script_file(cluster, text)
        if content is None:
            raise CommandError(f"error: error reading --template {text}, open {text}: no such "
                               "file or directory")
        text = content
        name = name[:-len("-file")] if name.endswith("-file") else "go-template"
    if not text:
        if name.startswith("custom-columns"):
            raise CommandError("error: custom-columns format specified but no custom columns "
                               "given")
        raise CommandError("error: template format specified but no template given")
    if name == "jsonpath":
        return lambda obj: jsonpath.render(text, obj)
    if name == "custom-columns":
        return lambda obj: jsonpath.custom_columns(text, obj)
    return lambda obj: gotemplate.render(text, obj)


def _collect(cluster: Cluster, parsed: Parsed, requests: list[Request],
             ) -> tuple[list[tuple[KindInfo, list[Obj]]], list[str]]:
    all_ns = parsed.flag("all-namespaces")
    namespace = _namespace(parsed)
    matches = selectors(parsed)
    groups: list[tuple[KindInfo, list[Obj]]] = []
    errors: list[str] = []
    for request in requests:
        objs = request_objects(cluster, request, None if all_ns else namespace, namespace,
                               matches, errors, parsed.flag("ignore-not-found"))
        if groups and groups[-1][0].kind == request.info.kind:
            groups[-1][1].extend(objs)
        else:
            groups.append((request.info, objs))
    return groups, errors


def label_columns(parsed: Parsed) -> list[str]:
    """The keys of ``-L/--label-columns``: a pflag string slice, so each use may be a comma
    list and repeated uses add up (``-L a,b -L c``)."""
    keys: list[str] = []
    for value in parsed.get("label-columns") or []:  # type: ignore[union-attr]
        if value:
            keys.extend(str(value).split(","))
    return keys


def get(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("get", argv, GET_FLAGS)
    output = _output_format(parsed)
    requests = parse_resource_args(parsed.args)
    if parsed.flag("watch") or parsed.flag("watch-only"):
        return _watch(cluster, parsed, requests, output)
    if not requests:
        raise CommandError(GET_USAGE)
    named = any(r.names is not None for r in requests)
    if named and (parsed.has("selector") or parsed.has("field-selector")):
        raise CommandError("error: selectors and the all flag cannot be used when passing "
                           "resource/name arguments")
    if named and parsed.flag("all-namespaces"):
        raise CommandError("error: a resource cannot be retrieved by name across all "
                           "namespaces")
    groups, errors = _collect(cluster, parsed, requests)
    all_ns = parsed.flag("all-namespaces")
    lines: list[str] = []
    templated = output not in ("", "wide", "yaml", "json", "name")
    sort_field = parsed.text("sort-by") if parsed.has("sort-by") else ""
    if sort_field and output in ("", "wide"):
        # Each kind's table is sorted on its own, as kubectl sorts each table's rows.
        groups = [(info, sort_objects(group, sort_field) if len(group) > 1 else group)
                  for info, group in groups]
    if output in ("yaml", "json") or templated or output == "name":
        objs = [o for _, group in groups for o in group]
        if sort_field and len(objs) > 1:
            objs = sort_objects(objs, sort_field)
    if output == "name":
        lines.extend(to_name(o) for o in objs)
        return _finish(lines, errors) if lines or errors or named else \
            _finish(_nothing_found(parsed, requests, all_ns), errors)
    if output in ("yaml", "json") or templated:
        single = (len(requests) == 1 and requests[0].names is not None
                  and len(requests[0].names) == 1)
        if single and not objs:
            return _finish([], errors)
        document = objs[0] if single else list_object(objs)
        if templated:
            text = _template_printer(cluster, parsed, output)(document)
            return _finish([text] if text else [], errors)
        text = to_yaml(document) if output == "yaml" else to_json(document)
        return _finish([text.rstrip("\n")], errors)
    else:
        with_kind = parsed.flag("show-kind") or len({r.info.kind for r in requests}) > 1
        written = False
        for info, group in groups:
            if not group:
                continue
            rows = table_rows(info.kind, group, cluster.clock.now_ms, wide=output == "wide",
                              with_kind=with_kind, with_namespace=all_ns and info.namespaced,
                              show_labels=parsed.flag("show-labels"),
                              headers=not parsed.flag("no-headers"),
                              label_columns=label_columns(parsed))
            if written and not parsed.flag("no-headers"):
                lines.append("")
            lines.append(render(rows).rstrip("\n"))
            written = True
    if not lines and not errors and not named:
        lines = _nothing_found(parsed, requests, all_ns)
    return _finish(lines, errors)


def _nothing_found(parsed: Parsed, requests: list[Request], all_ns: bool) -> list[str]:
    everything_namespaced = not all_ns and all(r.info.namespaced for r in requests)
    return [f"No resources found in {_namespace(parsed)} namespace."
            if everything_namespaced else "No resources found"]


def _watch(cluster: Cluster, parsed: Parsed, requests: list[Request], output: str) -> str:
    """``get -w``: see core/kubectl/watch.py for what a watch means in a script."""
    from .watch import watch

    if not requests:
        raise CommandError(GET_USAGE)
    if len({r.info.kind for r in requests}) > 1:
        raise CommandError("error: watch is only supported on individual resources and resource"
                           " collections - more than 1 resource was found")
    if output not in ("", "wide", "yaml", "json", "name"):
        raise CommandError("error: --watch prints tables, names, yaml or json in the simulator; "
                           f'"-o {output.partition("=")[0]}" is not available with it')
    info = requests[0].info
    all_ns = parsed.flag("all-namespaces")
    namespace = None if all_ns else _namespace(parsed)
    names = requests[0].names
    if names is not None and (parsed.has("selector") or parsed.has("field-selector")):
        raise CommandError("error: selectors and the all flag cannot be used when passing "
                           "resource/name arguments")
    matches = selectors(parsed)
    if names is not None:
        wanted = set(names)
        by_selector = matches

        def matches(obj: Obj) -> bool:
            return name_of(obj) in wanted and by_selector(obj)

        for name in names:
            if get_object(cluster, info, namespace or "default", name) is None:
                raise CommandError(_not_found(info, name))
    initial = [o for o in list_objects(cluster, info, namespace) if matches(o)]
    return watch(cluster, info, namespace, matches, initial, output=output,
                 watch_only=parsed.flag("watch-only"),
                 with_namespace=all_ns and info.namespaced,
                 show_labels=parsed.flag("show-labels"), headers=not parsed.flag("no-headers"),
                 label_columns=label_columns(parsed))


# ---- describe ---------------------------------------------------------------------------------
DESCRIBE_FLAGS = GLOBAL_FLAGS + [
    Flag("all-namespaces", "A", takes_value=False), Flag("selector", "l"),
    Flag("show-events", takes_value=True), Flag("chunk-size"),
]


def describe_cmd(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("describe", argv, DESCRIBE_FLAGS)
    requests = parse_resource_args(parsed.args)
    if not requests:
        raise CommandError("You must specify the type of resource to describe. Use \"kubectl "
                           "api-resources\" for a complete list of supported resources.\n\n"
                           "error: Required resource not specified.")
    all_ns = parsed.flag("all-namespaces")
    namespace = _namespace(parsed)
    matches = selectors(parsed)
    found: list[Obj] = []
    errors: list[str] = []
    for request in requests:
        candidates = list_objects(cluster, request.info, None if all_ns else namespace)
        if request.names is None:
            found.extend(o for o in candidates if matches(o))
            continue
        for name in request.names:
            exact = get_object(cluster, request.info, namespace, name)
            if exact is not None:
                found.append(exact)
                continue
            # kubectl describe falls back to every object whose name starts with the text.
            prefixed = [o for o in candidates if name_of(o).startswith(name)]
            if prefixed:
                found.extend(prefixed)
            else:
                errors.append(_not_found(request.info, name))
    if not found and not errors:
        everything_namespaced = not all_ns and all(r.info.namespaced for r in requests)
        return (f"No resources found in {namespace} namespace." if everything_namespaced
                else "No resources found")
    texts = [describe(cluster, obj).rstrip("\n") for obj in found]
    return _finish(["\n\n\n".join(texts)] if texts else [], errors)


# ---- apply / create / delete ----------------------------------------------------------------
FILE_FLAGS = [Flag("filename", "f", repeated=True), Flag("recursive", "R", takes_value=False)]


def refuse_dry_run(parsed: Parsed) -> None:
    """A dry run is not simulated; running the command for real instead would surprise."""
    if parsed.has("dry-run") and parsed.text("dry-run") not in ("", "none"):
        raise CommandError("error: --dry-run is not available in the simulator (commands here "
                           "always change the simulated cluster); run it without --dry-run")


def _documents(cluster: Cluster, parsed: Parsed, command: str,
               ) -> tuple[list[Any], list[Failure]]:
    paths = parsed.get("filename") or []
    if not paths:
        raise CommandError("error: must specify one of -f and -k\n\nerror: required flag(s) "
                           f"\"filename\" not set\nSee 'kubectl {command} -h' for help and "
                           "examples")
    docs: list[Any] = []
    errors: list[Failure] = []
    for path in paths:  # type: ignore[union-attr]
        if str(path) == "-":
            raise CommandError("error: reading manifests from stdin is not available in a "
                               "script; put them in a file next to the script")
        more, problems = read_documents(cluster, str(path), recursive=parsed.flag("recursive"))
        docs.extend(more)
        errors.extend(problems)
    return docs, errors


def _finish_manifests(outcome: Outcome, problems: list[Failure], *,
                      reading_first: bool = False) -> str:
    """A manifest verb's text: its output, then its errors worded as kubectl ends the
    command (the located ``file:line`` wording is the GUI's, see core/kubectl/apply.py).

    ``kubectl apply`` reads every object before it applies any, so its reading errors
    come first (``reading_first``); create and delete act as they read."""
    for problem in reversed(problems) if reading_first else problems:
        outcome.add(problem, first=reading_first)
    return _finish(outcome.lines, outcome.kubectl_errors() if outcome.failures else [])


def apply(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("apply", argv, GLOBAL_FLAGS + FILE_FLAGS + [
        Flag("output", "o"), Flag("server-side", takes_value=False), Flag("dry-run"),
        Flag("force-conflicts", takes_value=False), Flag("validate")])
    if parsed.args:
        raise usage_error("apply", f'unexpected args: {parsed.args}')
    refuse_dry_run(parsed)
    docs, problems = _documents(cluster, parsed, "apply")
    outcome = apply_documents(cluster, docs, namespace=parsed.text("namespace") or None)
    return _finish_manifests(outcome, problems, reading_first=True)


def _subcommand_index(argv: list[str]) -> int | None:
    """Where ``kubectl create``'s subcommand word is (``configmap``, ``secret``...), skipping
    the namespace flag and its value, or None."""
    skip = False
    for index, word in enumerate(argv):
        if skip:
            skip = False
        elif word in ("-n", "--namespace"):
            skip = True
        elif not word.startswith("-"):
            return index if word in SUBCOMMANDS else None
    return None


def create(cluster: Cluster, argv: list[str]) -> str:
    index = _subcommand_index(argv)
    if index is not None:
        # Flags may come first (kubectl create -n ns secret generic ...): words go first.
        return SUBCOMMANDS[argv[index]](cluster, argv[index + 1:] + argv[:index])
    parsed = parse_flags("create", argv, GLOBAL_FLAGS + FILE_FLAGS + [
        Flag("save-config", takes_value=False), Flag("output", "o"), Flag("dry-run"),
        Flag("validate")])
    if parsed.args:
        raise CommandError("error: creating objects from arguments is not available in a "
                           "script; use kubectl create -f FILE")
    refuse_dry_run(parsed)
    docs, problems = _documents(cluster, parsed, "create")
    outcome = create_documents(cluster, docs, namespace=parsed.text("namespace") or None,
                               save_config=parsed.flag("save-config"))
    return _finish_manifests(outcome, problems)


DELETE_FLAGS = GLOBAL_FLAGS + FILE_FLAGS + [
    Flag("all", takes_value=False), Flag("all-namespaces", "A", takes_value=False),
    Flag("selector", "l"), Flag("field-selector"), Flag("force", takes_value=False),
    Flag("grace-period", default="-1"), Flag("now", takes_value=False),
    Flag("ignore-not-found", takes_value=False), Flag("wait", takes_value=True),
    Flag("cascade"), Flag("output", "o"), Flag("timeout"), Flag("dry-run"),
]

DELETE_USAGE = ("error: You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n   '-f rsrc.yaml'\n"
                "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")


def _grace(parsed: Parsed) -> int:
    raw = parsed.text("grace-period", "-1")
    grace = int_flag("delete", "grace-period", raw)
    if parsed.flag("now"):
        if grace != -1:
            raise CommandError("error: --now and --grace-period cannot be specified together")
        grace = 1
    if grace == 0 and not parsed.flag("force"):
        # kubectl turns --grace-period=0 into 1 unless --force says it is meant.
        grace = 1
    if parsed.flag("force") and grace < 0:
        grace = 0
    return grace


def _validate_delete(parsed: Parsed, grace: int) -> list[str]:
    """kubectl's ``DeleteOptions.Validate()``: run after the arguments were understood and
    before anything is deleted. Returns the warning it prints, if any."""
    output = parsed.text("output")
    if output not in ("", "name"):
        raise CommandError(f"error: unexpected -o output mode: {output}. We only support "
                           "'-o name'")
    if not parsed.flag("force"):
        return []
    if grace > 0:
        # --now means --grace-period=1, so --force --now fails here too.
        raise CommandError("error: --force and --grace-period greater than 0 cannot be "
                           "specified together")
    return [FORCE_WARNING] if grace == 0 else []


def delete(cluster: Cluster, argv: list[str]) -> str:
    from .cascade import delete as delete_with_policy
    from .cascade import parse_cascade

    parsed = parse_flags("delete", argv, DELETE_FLAGS)
    refuse_dry_run(parsed)
    policy, warning = parse_cascade(parsed.get("cascade"))  # type: ignore[arg-type]
    grace = _grace(parsed)
    lines: list[str] = [warning] if warning else []
    grace_seconds = None if grace < 0 else grace
    force = grace == 0
    if parsed.get("filename"):
        if parsed.args:
            raise CommandError("error: when paths, URLs, or stdin is provided as input, you may "
                               "not specify resource arguments as well")
        docs, problems = _documents(cluster, parsed, "delete")
        lines.extend(_validate_delete(parsed, grace))
        outcome = delete_documents(cluster, docs, namespace=parsed.text("namespace") or None,
                                   grace_seconds=grace_seconds, force=force,
                                   ignore_not_found=parsed.flag("ignore-not-found"),
                                   cascade=policy)
        outcome.lines[:0] = lines
        return _finish_manifests(outcome, problems)
    requests = parse_resource_args(parsed.args)
    if not requests:
        raise CommandError(DELETE_USAGE)
    if parsed.flag("all") and (parsed.text("selector").strip()
                               or parsed.text("field-selector").strip()):
        # The resource builder refuses this (SelectAllParam) before Validate() runs; the
        # message keeps the builder's trailing space.
        raise CommandError("error: setting 'all' parameter but found a non empty selector. ")
    selecting = parsed.flag("all") or parsed.has("selector") or parsed.has("field-selector")
    named = any(r.names is not None for r in requests)
    if named and selecting:
        raise CommandError("error: name cannot be provided when a selector is specified")
    if not named and not selecting:
        raise CommandError("error: resource(s) were provided, but no name was specified")
    lines.extend(_validate_delete(parsed, grace))
    all_ns = parsed.flag("all-namespaces")
    namespace = _namespace(parsed)
    matches = selectors(parsed)
    ignore = parsed.flag("ignore-not-found") or (selecting and "ignore-not-found" not in argv)
    errors: list[str] = []
    targets: list[Obj] = []
    for request in requests:
        targets.extend(request_objects(cluster, request, None if all_ns else namespace,
                                       namespace, matches, errors,
                                       parsed.flag("ignore-not-found")))
    deleted = 0
    for obj in targets:
        try:
            delete_with_policy(cluster, obj, policy, grace_seconds=grace_seconds, force=force)
        except ApiError as err:
            if not (ignore and err.reason == "NotFound"):
                errors.append(api_error_text(err))
            continue
        deleted += 1
        lines.append(to_name(obj) if parsed.text("output") == "name"
                     else deleted_line(obj, force=force))
    if deleted == 0 and selecting and not errors:
        lines.append("No resources found")
    return _finish(lines, errors)


# ---- patch ---------------------------------------------------------------------------------
PATCH_FLAGS = GLOBAL_FLAGS + [
    Flag("patch", "p"), Flag("type"), Flag("patch-file"), Flag("subresource"),
    Flag("output", "o"), Flag("dry-run"), Flag("local", takes_value=False),
    Flag("filename", "f", repeated=True),
]


def _parse_patch(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        loaded = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        problem = str(err).replace("\n", " ")
        raise CommandError(f'error: unable to parse "{text}": yaml: {problem}') from None
    return _json_keys(loaded)


def _json_keys(value: Any) -> Any:
    """kubectl turns a YAML patch into JSON (yaml.YAMLToJSON): every map key becomes a string
    (``1`` → "1", ``true`` → "true", a date as written), and dates become strings."""
    if isinstance(value, dict):
        return {_key_text(k): _json_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_keys(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.datetime)):
        return key.isoformat()
    return str(key)


def patch(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("patch", argv, PATCH_FLAGS)
    refuse_dry_run(parsed)
    kind = parsed.text("type", "strategic")
    if kind not in ("json", "merge", "strategic"):
        raise CommandError(f'error: --type must be one of [json merge strategic], not "{kind}"')
    text = parsed.text("patch")
    if parsed.has("patch-file"):
        text = read_script_file(cluster, parsed.text("patch-file"))
        if text is None:
            raise CommandError(f'error: unable to read patch file: open '
                               f'{parsed.text("patch-file")}: no such file or directory')
    if not text:
        raise CommandError("error: must specify --patch or --patch-file containing the contents "
                           "of the patch")
    requests = parse_resource_args(parsed.args)
    if not requests:
        raise CommandError("error: You must provide one or more resources by argument or "
                           "filename.")
    body = _parse_patch(text)
    if kind == "json" and not isinstance(body, list):
        raise CommandError('The request is invalid: json: cannot unmarshal object into Go value '
                           'of type jsonpatch.Patch')
    if kind != "json" and not isinstance(body, Mapping):
        raise CommandError("Error from server (BadRequest): json: cannot unmarshal array into "
                           "Go value of type map[string]interface {}")
    lines: list[str] = []
    errors: list[str] = []
    namespace = _namespace(parsed)
    for request in requests:
        for name in request.names or ():
            current = get_object(cluster, request.info, namespace, name)
            if current is None:
                errors.append(_not_found(request.info, name))
                continue
            try:
                lines.append(_patch_one(cluster, request.info, current, kind, body,
                                        parsed.text("subresource")))
            except ApiError as err:
                errors.append(api_error_text(err))
            except CommandError as err:
                errors.append(str(err))
    if not any(r.names for r in requests):
        raise CommandError("error: resource(s) were provided, but no name was specified")
    return _finish(lines, errors)


def _patch_one(cluster: Cluster, info: KindInfo, current: Obj, kind: str, body: Any,
               subresource: str) -> str:
    try:
        if kind == "json":
            patched = json_patch(current, body)
        elif kind == "merge":
            patched = merge_patch(current, body)
        else:
            patched = strategic_merge_patch(current, body)
    except PatchError as err:
        raise CommandError(f"The request is invalid: {err}") from None
    if not isinstance(patched, dict):
        raise CommandError("The request is invalid: the patch does not leave an object")
    # The API server decodes the patched object into its type first: a field of the wrong
    # type (metadata a string, status a number...) is a BadRequest, whatever the subresource.
    decode_check(patched)
    old_meta = current.get("metadata") or {}
    new_meta = patched.get("metadata") or {}
    if new_meta.get("name") != old_meta.get("name"):
        raise CommandError(f"Error from server (BadRequest): the name of the object "
                           f"({new_meta.get('name') or ''}) does not match the name on the URL "
                           f"({old_meta.get('name')})")
    if subresource == "status":
        updated = dict(current)
        if "status" in patched:
            updated["status"] = patched["status"]
        else:
            updated.pop("status", None)
    else:
        updated = keep_status(info.kind, patched, current)
        updated["kind"], updated["apiVersion"] = current.get("kind"), current.get("apiVersion")
    name = f"{info.qualified_singular}/{old_meta.get('name')}"
    if updated == current:
        return f"{name} patched (no change)"
    if subresource == "status":
        stored = cluster.api.write(current, {"status": updated.get("status") or {}},
                                   actor="kubectl", reason="kubectl patch --subresource=status")
    else:
        stored = cluster.api.update(updated, actor="kubectl", reason="kubectl patch")
    if stored is current or stored == current:
        return f"{name} patched (no change)"
    return f"{name} patched"


# ---- scale ----------------------------------------------------------------------------------
def scale(cluster: Cluster, argv: list[str]) -> str:
    parsed = parse_flags("scale", argv, GLOBAL_FLAGS + [
        Flag("replicas"), Flag("current-replicas"), Flag("resource-version"), Flag("timeout"),
        Flag("all", takes_value=False), Flag("selector", "l"), Flag("output", "o"),
        Flag("filename", "f", repeated=True)])
    if not parsed.has("replicas"):
        raise CommandError("error: required flag(s) \"replicas\" not set")
    raw = parsed.text("replicas")
    replicas = int_flag("scale", "replicas", raw)
    current_raw = parsed.text("current-replicas")
    current_replicas = int_flag("scale", "current-replicas", current_raw) \
        if current_raw not in (None, "") else -1
    requests = parse_resource_args(parsed.args)
    if not requests or all(r.names is None for r in requests):
        raise CommandError("error: resource(s) were provided, but no name was specified"
                           if requests else "error: You must provide one or more resources by "
                                            "argument or filename.")
    from ..statefulsets import scale as scale_statefulset

    namespace = _namespace(parsed)
    lines: list[str] = []
    errors: list[str] = []
    for request in requests:
        for name in request.names or ():
            if request.info.kind != "StatefulSet":
                if get_object(cluster, request.info, namespace, name) is None:
                    errors.append(_not_found(request.info, name))
                else:
                    errors.append("Error from server (NotFound): the server could not find the "
                                  "requested resource")
                continue
            sts = cluster.store.get("StatefulSet", namespace, name)
            # --current-replicas=-1 (the default) means "don't check", as in kubectl.
            if current_replicas != -1 and sts is not None and \
                    (sts.get("spec") or {}).get("replicas", 1) != current_replicas:
                errors.append(f"error: Expected replicas to be {current_replicas}, was "
                              f"{(sts.get('spec') or {}).get('replicas', 1)}")
                continue
            try:
                lines.append(scale_statefulset(cluster, namespace, name, replicas))
            except ApiError as err:
                errors.append(api_error_text(err))
            except CommandError as err:
                errors.append(str(err))
    return _finish(lines, errors)


# ---- nodes --------------------------------------------------------------------------------------
NODE_FLAGS = GLOBAL_FLAGS + [
    Flag("ignore-daemonsets", takes_value=False), Flag("delete-emptydir-data", takes_value=False),
    Flag("force", takes_value=False), Flag("grace-period"), Flag("timeout"),
    Flag("selector", "l"), Flag("pod-selector"), Flag("dry-run"),
    Flag("disable-eviction", takes_value=False), Flag("skip-wait-for-delete-timeout"),
]


def _node_command(command: str) -> Callable[[Cluster, list[str]], str]:
    def run(cluster: Cluster, argv: list[str]) -> str:
        from .. import workloads

        parsed = parse_flags(command, argv, NODE_FLAGS)
        if len(parsed.args) != 1:
            raise CommandError(f"error: USAGE: {command} NODE [flags]\n"
                               f"See 'kubectl {command} -h' for help and examples")
        node = parsed.args[0]
        if node.startswith(("node/", "nodes/")):
            node = node.split("/", 1)[1]
        action = getattr(workloads, "drain" if command == "drain" else "cordon", None)
        if action is None:
            raise CommandError(f"error: kubectl {command} is not available in this build")
        if command == "drain":
            options: dict[str, Any] = {"force": parsed.flag("force"),
                                       "ignore_daemonsets": parsed.flag("ignore-daemonsets"),
                                       "delete_emptydir_data": parsed.flag("delete-emptydir-data")}
            if parsed.has("grace-period"):
                grace = int_flag("drain", "grace-period", parsed.text("grace-period"))
                if grace != -1:
                    options["grace_period"] = grace
            return action(cluster, node, **options)
        return action(cluster, node, command == "cordon")

    return run


# ---- exec ------------------------------------------------------------------------------------------
def exec_cmd(cluster: Cluster, argv: list[str]) -> str:
    from ..nfs import pod_exec

    parsed = parse_flags("exec", argv, GLOBAL_FLAGS + [
        Flag("container", "c"), Flag("stdin", "i", takes_value=False),
        Flag("tty", "t", takes_value=False), Flag("quiet", "q", takes_value=False),
        Flag("filename", "f", repeated=True), Flag("pod-running-timeout")])
    if not parsed.args:
        raise CommandError("error: pod, type/name or --filename must be specified")
    if len(parsed.args) > 1 or parsed.rest is None:
        raise CommandError("error: exec [POD] [COMMAND] is not supported anymore. Use exec "
                           "[POD] -- [COMMAND] instead")
    if not parsed.rest:
        raise CommandError("error: you must specify at least one command for the container")
    pod = parsed.args[0]
    if "/" in pod:
        kind, _, pod = pod.partition("/")
        if resolve_kind(kind).kind != "Pod":
            raise CommandError(f"error: cannot exec into a {kind}: only pods run commands here")
    from .curl import exec_builtin

    container = parsed.text("container") if parsed.has("container") else None
    served = exec_builtin(cluster, _namespace(parsed), pod, list(parsed.rest), container)
    if served is not None:
        return served
    kwargs = {"container": container} if container is not None else {}
    return pod_exec(cluster, _namespace(parsed), pod, list(parsed.rest), **kwargs)


# ---- refused verbs ----------------------------------------------------------------------------
#: What to type instead of ``kubectl edit``, per kind (the edits the seed and docs make).
_EDIT_INSTEAD = {
    "PersistentVolume": "kubectl patch pv {name} -p '{{\"spec\":{{\"claimRef\":null}}}}'",
    "StatefulSet": "kubectl scale statefulset {name} --replicas=N, or kubectl patch "
                   "statefulset {name} -p '{{\"spec\":{{\"replicas\":N}}}}'",
}


def edit(cluster: Cluster, argv: list[str]) -> str:
    words = [a for a in argv if not a.startswith("-")]
    info = lookup(words[0].split("/")[0]) if words else None
    name = (words[0].split("/", 1)[1] if "/" in words[0] else words[1] if len(words) > 1
            else "NAME") if words else "NAME"
    example = _EDIT_INSTEAD.get(info.kind if info else "",
                                "kubectl patch {kind} {name} -p JSON, or kubectl apply -f FILE")
    kind = info.singular if info else "KIND"
    raise CommandError("error: kubectl edit opens an editor, which a script cannot do; use "
                       + example.format(name=name, kind=kind) + " instead")


def kubectl_explain(cluster: Cluster, argv: list[str]) -> str:
    raise CommandError("error: kubectl explain (API field documentation) is not simulated; to "
                       "see why a claim or volume is bound, Pending or Released use the "
                       "simulator's verb: explain pvc NAME, explain pv NAME")


VERBS: dict[str, Callable[[Cluster, list[str]], str]] = {
    "get": get,
    "describe": describe_cmd,
    "apply": apply,
    "create": create,
    "delete": delete,
    "patch": patch,
    "scale": scale,
    "drain": _node_command("drain"),
    "cordon": _node_command("cordon"),
    "uncordon": _node_command("uncordon"),
    "exec": exec_cmd,
    "rollout": rollout,
    "label": label,
    "annotate": annotate,
    "run": run,
    "edit": edit,
    "explain": kubectl_explain,
    "wait": lambda cluster, argv: _wait(cluster, argv),
    "version": lambda cluster, argv: _version(cluster, argv),
}


def _wait(cluster: Cluster, argv: list[str]) -> str:
    from .wait import wait  # wait.py uses this module's helpers

    return wait(cluster, argv)


def _version(cluster: Cluster, argv: list[str]) -> str:
    """``kubectl version``: kubectl, its Kustomize and the API server are all v1.32."""
    from ..nodes import KUBELET_VERSION

    parsed = parse_flags("version", argv, GLOBAL_FLAGS + [
        Flag("client", takes_value=False), Flag("output", "o")])
    if parsed.args:
        raise CommandError(f'error: unknown command "{parsed.args[0]}" for "kubectl version"')
    lines = [f"Client Version: {KUBELET_VERSION}", "Kustomize Version: v5.5.0"]
    if not parsed.flag("client"):
        lines.append(f"Server Version: {KUBELET_VERSION}")
    return "\n".join(lines)

__all__ = ["VERBS", "list_objects", "get_object"]
