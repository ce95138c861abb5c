"""Building blocks of API-server validation, with Kubernetes' exact wording.

Field errors print like Go's ``field.Error`` (``k8s.io/apimachinery/pkg/util/validation/field``);
name, label and selector checks follow ``k8s.io/apimachinery/pkg/util/validation`` and
``.../api/validation`` (object metadata). Messages are copied as text because users
compare them with what a real cluster prints; the code is our own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .quantity import QuantityError
from .validation_decode import parse_quantity

REQUIRED = "Required value"
INVALID = "Invalid value"
NOT_SUPPORTED = "Unsupported value"
FORBIDDEN = "Forbidden"
DUPLICATE = "Duplicate value"
NOT_FOUND = "Not found"
TOO_LONG = "Too long"
TOO_MANY = "Too many"
INTERNAL = "Internal error"

# Go prints only the type (and detail) for these, never the value.
_VALUELESS = frozenset((REQUIRED, FORBIDDEN, TOO_LONG, "Too short", INTERNAL))

FIELD_IMMUTABLE = "field is immutable"
IS_NEGATIVE = "must be greater than or equal to 0"
NOT_POSITIVE = "must be greater than zero"


@dataclass(frozen=True)
class FieldError:
    """One validation failure, printed like Go's ``field.Error``.

    ``path`` is the field path exactly as the API server prints it
    (``spec.accessModes``, ``spec.resources[storage]``); ``locate`` is a more precise
    path to find the line in the manifest when the printed one is coarser
    (``spec.accessModes[1]``, ``spec.resources.requests.storage``).
    """

    path: str
    type: str
    value: Any = None
    detail: str = ""
    has_value: bool = True
    locate: str = ""

    def __str__(self) -> str:
        body = self.type
        if self.type not in _VALUELESS and self.has_value:
            body += f": {go_value(self.value)}"
        if self.detail:
            body += f": {self.detail}"
        return f"{self.path}: {body}"


ErrorList = list[FieldError]


# ---- constructors, named after field.Required & co ------------------------------------------
def required(path: str, detail: str = "", locate: str = "") -> FieldError:
    return FieldError(path, REQUIRED, "", detail, locate=locate)


def invalid(path: str, value: Any, detail: str, locate: str = "") -> FieldError:
    return FieldError(path, INVALID, value, detail, locate=locate)


def not_supported(path: str, value: Any, supported: list[str], locate: str = "") -> FieldError:
    detail = "supported values: " + ", ".join(go_quote(v) for v in supported) if supported else ""
    return FieldError(path, NOT_SUPPORTED, value, detail, locate=locate)


def forbidden(path: str, detail: str, locate: str = "") -> FieldError:
    return FieldError(path, FORBIDDEN, "", detail, locate=locate)


def duplicate(path: str, value: Any) -> FieldError:
    return FieldError(path, DUPLICATE, value)


def not_found(path: str, value: Any) -> FieldError:
    return FieldError(path, NOT_FOUND, value)


def too_long(path: str, max_length: int) -> FieldError:
    unit = "byte" if max_length == 1 else "bytes"
    return FieldError(path, TOO_LONG, "<value omitted>", f"may not be more than {max_length} {unit}")


# ---- printing values as Go does -------------------------------------------------------------
def go_quote(text: Any) -> str:
    """``strconv.Quote``: double quotes, Go escapes, printable Unicode kept."""
    out = ['"']
    for ch in str(text):
        if ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x80:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


_GO_ESCAPES = {'"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n",
               "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def go_json(value: Any) -> str:
    """``json.Marshal``: compact, map keys sorted, ``<>&`` escaped."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False,
                      default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class GoValue(str):
    """A bad value already written as Go's ``%#v`` prints it (an internal struct or map, which
    ``field.Error`` prints that way in Kubernetes 1.32); printed as is."""


def go_string_map(value: Any) -> GoValue:
    """``%#v`` of a ``map[string]string``: keys sorted, as fmt prints maps."""
    items = ", ".join(f"{go_quote(str(k))}:{go_quote(str(v))}"
                      for k, v in sorted(dict(value).items()))
    return GoValue(f"map[string]string{{{items}}}")


def go_value(value: Any) -> str:
    """How ``field.Error`` prints a bad value: simple types plainly, strings quoted, values
    already in Go's form as they are, else JSON."""
    if isinstance(value, GoValue):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "+Inf" if value > 0 else "-Inf"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return go_quote(value)
    return go_json(value)


# ---- paths ---------------------------------------------------------------------------------
def child(path: str, *names: str) -> str:
    for name in names:
        path = f"{path}.{name}" if path else name
    return path


def index(path: str, i: int) -> str:
    return f"{path}[{i}]"


def key(path: str, k: str) -> str:
    return f"{path}[{k}]"


# ---- reading manifest values defensively (decoding already checked the types) --------------------
_NO_MAP: Mapping[str, Any] = {}


def m(value: Any) -> Mapping[str, Any]:
    if value.__class__ is dict:
        return value  # type: ignore[no-any-return]
    return value if isinstance(value, Mapping) else _NO_MAP


def lst(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def s(value: Any) -> str:
    if value.__class__ is str:
        return value  # type: ignore[no-any-return]
    return value if isinstance(value, str) else ("" if value is None else str(value))


# ---- names ---------------------------------------------------------------------------------
DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric "
                     "characters or '-', and must start and end with an alphanumeric character")
DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*"
DNS1123_SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                         "characters, '-' or '.', and must start and end with an alphanumeric "
                         "character")
DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
DNS1035_LABEL_MSG = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                     "start with an alphabetic character, and end with an alphanumeric character")
QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
QUALIFIED_NAME_MSG = ("must consist of alphanumeric characters, '-', '_' or '.', and must start "
                      "and end with an alphanumeric character")
LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?"
LABEL_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, "
                   "'-', '_' or '.', and must start and end with an alphanumeric character")

_DNS1123_LABEL = re.compile(DNS1123_LABEL_FMT)
_DNS1123_SUBDOMAIN = re.compile(DNS1123_SUBDOMAIN_FMT)
_DNS1035_LABEL = re.compile(DNS1035_LABEL_FMT)
_QUALIFIED_NAME = re.compile(QUALIFIED_NAME_FMT)
_LABEL_VALUE = re.compile(LABEL_VALUE_FMT)


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """``validation.RegexError``, including its odd ``', ' or`` spacing."""
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    text = msg + " (e.g. "
    for i, example in enumerate(examples):
        if i > 0:
            text += " or "
        text += f"'{example}', "
    return text + f"regex used for validation is '{fmt}')"


def max_len_error(length: int) -> str:
    return f"must be no more than {length} characters"


def is_dns1123_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _DNS1123_LABEL.fullmatch(value):
        if _DNS1123_SUBDOMAIN.fullmatch(value):
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errs


def is_dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(max_len_error(253))
    if not _DNS1123_SUBDOMAIN.fullmatch(value):
        errs.append(regex_error(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errs


def is_dns1035_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _DNS1035_LABEL.fullmatch(value):
        errs.append(regex_error(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"))
    return errs


def is_qualified_name(value: str) -> list[str]:
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part must be non-empty")
        else:
            errs.extend("prefix part " + msg for msg in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part must be non-empty")
    elif len(name) > 63:
        errs.append("name part " + max_len_error(63))
    if not _QUALIFIED_NAME.fullmatch(name):
        errs.append("name part " + regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName",
                                               "my.name", "123-abc"))
    return errs


def is_label_value(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _LABEL_VALUE.fullmatch(value):
        errs.append(regex_error(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


def _mask_trailing_dash(name: str) -> str:
    # generateName prefixes may end in '-'; the generated suffix will follow it.
    return name[:-2] + "a" if len(name) > 1 and name.endswith("-") else name


def name_is_dns_subdomain(name: str, prefix: bool = False) -> list[str]:
    return is_dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def name_is_dns_label(name: str, prefix: bool = False) -> list[str]:
    return is_dns1123_label(_mask_trailing_dash(name) if prefix else name)


def name_is_dns1035_label(name: str, prefix: bool = False) -> list[str]:
    return is_dns1035_label(_mask_trailing_dash(name) if prefix else name)


def validate_dns1123_label(value: str, path: str) -> ErrorList:
    return [invalid(path, value, msg) for msg in is_dns1123_label(value)]


def validate_dns1123_subdomain(value: str, path: str) -> ErrorList:
    return [invalid(path, value, msg) for msg in is_dns1123_subdomain(value)]


def validate_qualified_name(value: str, path: str) -> ErrorList:
    return [invalid(path, value, msg) for msg in is_qualified_name(value)]


def validate_class_name(value: str, path: str) -> ErrorList:
    """``ValidateClassName`` (storage classes, VolumeAttributesClasses): a DNS subdomain."""
    return [invalid(path, value, msg) for msg in name_is_dns_subdomain(value)]


# ---- labels, annotations, selectors ------------------------------------------------------------
def validate_labels(labels: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    for k in sorted(m(labels)):
        v = s(m(labels)[k])
        errs.extend(invalid(path, k, msg, locate=key(path, k)) for msg in is_qualified_name(k))
        errs.extend(invalid(path, v, msg, locate=key(path, k)) for msg in is_label_value(v))
    return errs


TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024


def validate_annotations(annotations: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    total = 0
    for k in sorted(m(annotations)):
        errs.extend(invalid(path, k, msg, locate=key(path, k))
                    for msg in is_qualified_name(k.lower()))
        total += len(k.encode()) + len(s(m(annotations)[k]).encode())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT:
        errs.append(too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT))
    return errs


SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def validate_label_selector(selector: Any, path: str) -> ErrorList:
    """``ValidateLabelSelector`` (matchLabels and matchExpressions)."""
    if selector is None:
        return []
    sel = m(selector)
    errs = validate_labels(sel.get("matchLabels"), child(path, "matchLabels"))
    for i, expr in enumerate(lst(sel.get("matchExpressions"))):
        p = index(child(path, "matchExpressions"), i)
        expr = m(expr)
        op = s(expr.get("operator"))
        values = lst(expr.get("values"))
        if op in ("In", "NotIn"):
            if not values:
                errs.append(required(child(p, "values"),
                                     "must be specified when `operator` is 'In' or 'NotIn'"))
        elif op in ("Exists", "DoesNotExist"):
            if values:
                errs.append(forbidden(child(p, "values"), "may not be specified when `operator` "
                                      "is 'Exists' or 'DoesNotExist'"))
        else:
            errs.append(invalid(child(p, "operator"), op, "not a valid selector operator"))
        errs.extend(validate_qualified_name(s(expr.get("key")), child(p, "key")))
        for j, value in enumerate(values):
            errs.extend(invalid(index(child(p, "values"), j), s(value), msg)
                        for msg in is_label_value(s(value)))
    return errs


def selector_matches(selector: Any, labels: Mapping[str, Any]) -> bool:
    """Whether a (valid) LabelSelector selects objects with ``labels``; nil selects nothing."""
    if selector is None:
        return False
    sel = m(selector)
    for k, v in m(sel.get("matchLabels")).items():
        if k not in labels or s(labels[k]) != s(v):
            return False
    for expr in lst(sel.get("matchExpressions")):
        expr = m(expr)
        k, op = s(expr.get("key")), s(expr.get("operator"))
        values = [s(v) for v in lst(expr.get("values"))]
        present = k in labels
        if op == "In" and not (present and s(labels[k]) in values):
            return False
        if op == "NotIn" and present and s(labels[k]) in values:
            return False
        if op == "Exists" and not present:
            return False
        if op == "DoesNotExist" and present:
            return False
    return True


def validate_node_selector(selector: Any, path: str) -> ErrorList:
    """``ValidateNodeSelector`` as used for a PV's ``nodeAffinity.required``."""
    terms_path = child(path, "nodeSelectorTerms")
    terms = lst(m(selector).get("nodeSelectorTerms"))
    if not terms:
        return [required(terms_path, "must have at least one node selector term")]
    errs: ErrorList = []
    for i, term in enumerate(terms):
        tp = index(terms_path, i)
        for j, req in enumerate(lst(m(term).get("matchExpressions"))):
            errs.extend(_node_selector_requirement(m(req), index(child(tp, "matchExpressions"), j)))
        for j, req in enumerate(lst(m(term).get("matchFields"))):
            errs.extend(_node_field_requirement(m(req), index(child(tp, "matchFields"), j)))
    return errs


def _node_selector_requirement(req: Mapping[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    op = s(req.get("operator"))
    values = lst(req.get("values"))
    if op in ("In", "NotIn"):
        if not values:
            errs.append(required(child(path, "values"),
                                 "must be specified when `operator` is 'In' or 'NotIn'"))
    elif op in ("Exists", "DoesNotExist"):
        if values:
            errs.append(forbidden(child(path, "values"),
                                  "may not be specified when `operator` is 'Exists' or "
                                  "'DoesNotExist'"))
    elif op in ("Gt", "Lt"):
        if len(values) != 1:
            errs.append(required(child(path, "values"), "must be specified single value when "
                                 "`operator` is 'Lt' or 'Gt'"))
    else:
        errs.append(invalid(child(path, "operator"), op, "not a valid selector operator"))
    errs.extend(validate_qualified_name(s(req.get("key")), child(path, "key")))
    for j, value in enumerate(values):
        errs.extend(invalid(index(child(path, "values"), j), s(value), msg)
                    for msg in is_label_value(s(value)))
    return errs


def _node_field_requirement(req: Mapping[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    op = s(req.get("operator"))
    values = lst(req.get("values"))
    if op in ("In", "NotIn"):
        if len(values) != 1:
            errs.append(required(child(path, "values"), "must be only one value when `operator` "
                                 "is 'In' or 'NotIn' for node field selector"))
    else:
        errs.append(invalid(child(path, "operator"), op, "not a valid selector operator"))
    if s(req.get("key")) != "metadata.name":
        errs.append(invalid(child(path, "key"), s(req.get("key")), "not a valid field selector key"))
    else:
        for j, value in enumerate(values):
            errs.extend(invalid(index(child(path, "values"), j), s(value), msg)
                        for msg in name_is_dns_subdomain(s(value)))
    return errs


# ---- object metadata ----------------------------------------------------------------------------
_STANDARD_FINALIZERS = frozenset(("kubernetes", "orphan", "foregroundDeletion"))


def validate_object_meta(meta: Any, namespaced: bool, name_fn: Any,
                         path: str = "metadata") -> ErrorList:
    """``ValidateObjectMeta`` on create (name, namespace, labels, annotations, owners...)."""
    md = m(meta)
    errs: ErrorList = []
    generate_name = s(md.get("generateName"))
    if generate_name:
        errs.extend(invalid(child(path, "generateName"), generate_name, msg)
                    for msg in name_fn(generate_name, True))
    name = s(md.get("name"))
    if not name:
        errs.append(required(child(path, "name"), "name or generateName is required"))
    else:
        errs.extend(invalid(child(path, "name"), name, msg) for msg in name_fn(name, False))
    namespace = s(md.get("namespace"))
    if namespaced:
        if not namespace:
            errs.append(required(child(path, "namespace")))
        else:
            errs.extend(invalid(child(path, "namespace"), namespace, msg)
                        for msg in name_is_dns_label(namespace))
    elif namespace:
        errs.append(forbidden(child(path, "namespace"), "not allowed on this type"))
    generation = md.get("generation")
    if isinstance(generation, int) and generation < 0:
        errs.append(invalid(child(path, "generation"), generation, IS_NEGATIVE))
    errs.extend(_meta_common(md, path))
    errs.extend(_finalizers(md, path))
    return errs


def _meta_common(md: Mapping[str, Any], path: str) -> ErrorList:
    errs = validate_labels(md.get("labels"), child(path, "labels"))
    errs.extend(validate_annotations(md.get("annotations"), child(path, "annotations")))
    errs.extend(_owner_references(md.get("ownerReferences"), child(path, "ownerReferences")))
    return errs


def _owner_references(refs: Any, path: str) -> ErrorList:
    errs: ErrorList = []
    first_controller = ""
    for i, ref in enumerate(lst(refs)):
        ref = m(ref)
        api_version = s(ref.get("apiVersion"))
        version = api_version.split("/")[-1] if api_version else ""
        if not version:
            errs.append(invalid(child(path, "apiVersion"), api_version, "version must not be empty",
                                locate=index(path, i)))
        if not s(ref.get("kind")):
            errs.append(invalid(child(path, "kind"), "", "kind must not be empty",
                                locate=index(path, i)))
        if not s(ref.get("name")):
            errs.append(invalid(child(path, "name"), "", "name must not be empty",
                                locate=index(path, i)))
        if not s(ref.get("uid")):
            errs.append(invalid(child(path, "uid"), "", "uid must not be empty",
                                locate=index(path, i)))
        if ref.get("controller") is True:
            current = f"{s(ref.get('kind'))}/{s(ref.get('name'))}"
            if first_controller:
                errs.append(invalid(path, list(lst(refs)),
                                    "Only one reference can have Controller set to true. Found "
                                    f'"true" in references for {first_controller} and {current}'))
            else:
                first_controller = current
    return errs


def _finalizers(md: Mapping[str, Any], path: str) -> ErrorList:
    errs: ErrorList = []
    fpath = child(path, "finalizers")
    finalizers = [s(f) for f in lst(md.get("finalizers"))]
    for i, name in enumerate(finalizers):
        errs.extend(invalid(fpath, name, msg, locate=index(fpath, i))
                    for msg in is_qualified_name(name))
    if "orphan" in finalizers and "foregroundDeletion" in finalizers:
        errs.append(invalid(fpath, finalizers,
                            "finalizer orphan and foregroundDeletion cannot be both set"))
    for i, name in enumerate(finalizers):
        if "/" not in name and name not in _STANDARD_FINALIZERS:
            errs.append(invalid(index(fpath, i), name,
                                "name is neither a standard finalizer name nor is it fully "
                                "qualified"))
    return errs


def validate_object_meta_update(new_meta: Any, old_meta: Any, path: str = "metadata") -> ErrorList:
    """``ValidateObjectMetaUpdate``.

    Not checked: resourceVersion is not required, because the simulator's updates are
    what ``kubectl apply`` sends (a patch), which carries none.
    """
    new, old = m(new_meta), m(old_meta)
    errs: ErrorList = []
    if old.get("deletionTimestamp"):
        added = sorted(set(s(f) for f in lst(new.get("finalizers")))
                       - set(s(f) for f in lst(old.get("finalizers"))))
        if added:
            listed = ", ".join(go_quote(f) for f in added)
            errs.append(forbidden(child(path, "finalizers"),
                                  "no new finalizers can be added if the object is being "
                                  f"deleted, found new finalizers []string{{{listed}}}"))
    new_gen, old_gen = new.get("generation"), old.get("generation")
    if isinstance(new_gen, int) and isinstance(old_gen, int) and new_gen < old_gen:
        errs.append(invalid(child(path, "generation"), new_gen, "must not be decremented"))
    # The server copies creationTimestamp and the deletion fields from the stored object
    # before validating (rest.BeforeUpdate), and a missing uid means "the same one".
    for name in ("name", "namespace", "uid"):
        if new.get(name) != old.get(name) and (name != "uid" or new.get(name)):
            errs.append(invalid(child(path, name), s(new.get(name)), FIELD_IMMUTABLE))
    errs.extend(_meta_common(new, path))
    errs.extend(_finalizers(new, path))
    return errs


# ---- numbers and quantities ------------------------------------------------------------------------
def validate_nonnegative(value: Any, path: str) -> ErrorList:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
        return [invalid(path, value, IS_NEGATIVE)]
    return []


def quantity_text(value: Any) -> str:
    """The quantity as the API server prints it (``Quantity.String()``); "0" for null."""
    if value is None:
        return "0"
    try:
        return str(parse_quantity(value))
    except QuantityError:
        return s(value)


def validate_positive_quantity(value: Any, path: str, locate: str = "") -> ErrorList:
    """``ValidatePositiveQuantityValue``."""
    try:
        amount = parse_quantity(value).value if value is not None else 0
    except QuantityError:
        return []  # a decode error, reported before validation
    if amount <= 0:
        return [invalid(path, quantity_text(value), NOT_POSITIVE, locate=locate)]
    return []


def validate_basic_resource(value: Any, path: str, locate: str = "") -> ErrorList:
    """``validateBasicResource``: the integer value must not be negative."""
    try:
        q = parse_quantity(value) if value is not None else None
    except QuantityError:
        return []
    if q is not None and q.value < 0:
        return [invalid(path, _int64(q.bytes_rounded_up()), "must be a valid resource quantity",
                        locate=locate)]
    return []


def _int64(value: int) -> int:
    return max(min(value, 2**63 - 1), -(2**63))


def immutable(new: Any, old: Any, path: str, locate: str = "") -> ErrorList:
    """``ValidateImmutableField``."""
    return [] if new == old else [invalid(path, new, FIELD_IMMUTABLE, locate=locate)]


# ---- "spec is immutable" diffs ------------------------------------------------------------------
_GO_NAMES = {"nfs": "NFS", "csi": "CSI", "iscsi": "ISCSI", "rbd": "RBD", "fc": "FC",
             "cephfs": "CephFS", "hostPath": "HostPath", "scaleIO": "ScaleIO",
             "storageos": "StorageOS"}


def spec_diff(type_name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """A short rendering of what changed, in the spirit of Go's ``cmp.Diff`` output.

    The API server appends ``cmp.Diff`` of the Go structs to some "immutable" errors;
    reproducing it byte for byte would need the Go types, so this lists the changed
    fields with their old (``-``) and new (``+``) values in the same layout.
    """
    lines = [f"  {type_name}{{"]
    same = 0
    for name in sorted(set(old) | set(new), key=lambda k: (k not in old, k)):
        if old.get(name) == new.get(name):
            same += 1
            continue
        go_name = _GO_NAMES.get(name, name[:1].upper() + name[1:])
        if name in old:
            lines.append(f"- \t{go_name}: {go_json(old[name])},")
        if name in new:
            lines.append(f"+ \t{go_name}: {go_json(new[name])},")
    if same:
        lines.append(f"  \t... // {same} identical fields")
    lines.append("  }")
    return "\n".join(lines)
