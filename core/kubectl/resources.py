"""Resource arguments as kubectl reads them: ``pv``, ``pv,pvc``, ``pv pv0001 pv0002``,
``pv/pv0001 pvc/data``, ``all``; and the errors kubectl gives for the wrong shapes."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CommandError
from ..kinds import KINDS, KindInfo, lookup

#: ``kubectl get all``: the category's members the simulator knows.
ALL_CATEGORY = ("Pod", "Service", "StatefulSet")


@dataclass(frozen=True)
class Request:
    info: KindInfo
    #: The names asked for, or None for every object of the kind.
    names: tuple[str, ...] | None


def resolve_kind(text: str) -> KindInfo:
    info = lookup(text)
    if info is None:
        raise CommandError(f'error: the server doesn\'t have a resource type "{text}"')
    return info


def _kinds(text: str) -> list[KindInfo]:
    out: list[KindInfo] = []
    for part in text.split(","):
        if not part:
            continue
        if part.lower() == "all":
            out.extend(KINDS[k] for k in ALL_CATEGORY)
        else:
            out.append(resolve_kind(part))
    return out


def parse_resource_args(args: list[str]) -> list[Request]:
    """``ResourceBuilder.ResourceTypeOrNameArgs``: kinds then names, or ``kind/name`` pairs."""
    if not args:
        return []
    if "/" in args[0]:
        requests = []
        for arg in args:
            kind, slash, name = arg.partition("/")
            if not slash or not name or not kind:
                raise CommandError("error: arguments in resource/name form must have a single "
                                   "resource and name")
            for info in _kinds(kind):
                requests.append(Request(info, (name,)))
        return requests
    if any("/" in a for a in args[1:]):
        raise CommandError("error: there is no need to specify a resource type as a separate "
                           "argument when passing arguments in resource/name form (e.g. "
                           "'kubectl get resource/<resource_name>' instead of 'kubectl get "
                           "resource resource/<resource_name>'")
    kinds = _kinds(args[0])
    names = tuple(args[1:]) or None
    return [Request(info, names) for info in kinds]
