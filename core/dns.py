"""Cluster DNS as a pod sees it (CoreDNS's ``kubernetes`` plugin, simplified).

A pod's resolv.conf searches ``<ns>.svc.cluster.local svc.cluster.local cluster.local``,
so ``web-0.nginx`` from namespace ``default`` asks for
``web-0.nginx.default.svc.cluster.local``. Records (kubernetes/dns specification):

* ``<service>.<ns>.svc``: a ClusterIP Service's cluster IP; a headless Service's ready
  endpoint addresses (and not-ready ones when ``publishNotReadyAddresses``);
* ``<hostname>.<service>.<ns>.svc``: the endpoint of a headless Service whose pod set
  ``hostname`` and ``subdomain`` (a StatefulSet's pods) — only while it is an endpoint,
  which is why ``nslookup web-1.nginx`` fails until web-1 is Ready.

``cluster.local`` is the simulator's cluster domain; the DNS Service itself is
``kube-dns.kube-system`` at 10.96.0.10, as kubeadm sets it up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cluster import Cluster

CLUSTER_DOMAIN = "cluster.local"
DNS_SERVER_IP = "10.96.0.10"
DNS_SERVER_NAME = f"kube-dns.kube-system.svc.{CLUSTER_DOMAIN}"


@dataclass(frozen=True)
class Answer:
    """An address for a name, with the name a reverse lookup gives ("" if none)."""

    ip: str
    reverse: str = ""


def _endpoint_addresses(cluster: Cluster, namespace: str, service: str,
                        publish_not_ready: bool) -> list[Mapping[str, Any]]:
    endpoints = cluster.store.get("Endpoints", namespace, service)
    out: list[Mapping[str, Any]] = []
    for subset in (endpoints or {}).get("subsets") or ():
        out.extend(a for a in subset.get("addresses") or () if isinstance(a, Mapping))
        if publish_not_ready:
            out.extend(a for a in subset.get("notReadyAddresses") or ()
                       if isinstance(a, Mapping))
    return out


def _records(cluster: Cluster, fqdn: str) -> list[Answer]:
    """Answers for a fully qualified name under ``svc.cluster.local``."""
    suffix = f".svc.{CLUSTER_DOMAIN}"
    if not fqdn.endswith(suffix):
        return []
    labels = fqdn[:-len(suffix)].split(".")
    if len(labels) == 2:
        hostname, (service, namespace) = "", labels
    elif len(labels) == 3:
        hostname, service, namespace = labels
    else:
        return []
    svc = cluster.store.get("Service", namespace, service)
    if svc is None:
        return []
    spec = svc.get("spec") or {}
    headless = spec.get("clusterIP") in (None, "", "None")
    if not headless:
        if hostname:
            return []
        ip = str(spec.get("clusterIP"))
        return [Answer(ip, f"{service}.{namespace}{suffix}")]
    addresses = _endpoint_addresses(cluster, namespace, service,
                                    bool(spec.get("publishNotReadyAddresses")))
    if hostname:
        addresses = [a for a in addresses if a.get("hostname") == hostname]
    return [Answer(str(a.get("ip") or "")) for a in addresses if a.get("ip")]


def lookup(cluster: Cluster, namespace: str, name: str) -> list[Answer]:
    """What ``name`` resolves to from a pod in ``namespace`` (empty: NXDOMAIN)."""
    name = name.strip().rstrip(".").lower()
    if not name:
        return []
    if name in ("kube-dns.kube-system", "kube-dns.kube-system.svc", DNS_SERVER_NAME):
        # Cluster DNS itself (the simulator keeps no object for it).
        return [Answer(DNS_SERVER_IP, DNS_SERVER_NAME)]
    if name.endswith(f".{CLUSTER_DOMAIN}"):
        return _records(cluster, name)
    for search in (f"{namespace}.svc.{CLUSTER_DOMAIN}", f"svc.{CLUSTER_DOMAIN}", CLUSTER_DOMAIN):
        answers = _records(cluster, f"{name}.{search}")
        if answers:
            return answers
    return []


def nslookup_text(cluster: Cluster, namespace: str, name: str) -> tuple[int, str]:
    """BusyBox 1.28's ``nslookup NAME`` (the image the StatefulSet tutorial uses):
    (exit status, output)."""
    head = f"Server:    {DNS_SERVER_IP}\nAddress 1: {DNS_SERVER_IP} {DNS_SERVER_NAME}\n\n"
    answers = lookup(cluster, namespace, name)
    if not answers:
        return 1, head + f"nslookup: can't resolve '{name}'\n"
    lines = [f"Name:      {name}"]
    for index, answer in enumerate(answers, start=1):
        lines.append(f"Address {index}: {answer.ip}" +
                     (f" {answer.reverse}" if answer.reverse else ""))
    return 0, head + "\n".join(lines) + "\n"
