"""Every sentence template of ``core.explain``, marked for ``pyside6-lupdate``.

The engine keeps its English sentences as :class:`core.explain.Message` templates (core
never imports Qt); lupdate only finds literal strings in gui/, so they are listed here in
context "Explain". ``tests/gui/test_why_i18n.py`` checks this list against the templates
written in core/explain.py. :func:`tr_message` shows a message in the interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.explain import Message

CONTEXT = "Explain"

#: How a list inside a sentence is joined (core.explain.LIST_SEPARATOR in English).
SEPARATOR = QT_TRANSLATE_NOOP("Explain", ", ")

TEMPLATES = (
    QT_TRANSLATE_NOOP("Explain", "(no labels)"),
    QT_TRANSLATE_NOOP("Explain", "(none)"),
    QT_TRANSLATE_NOOP("Explain", "(scheduler only)"),
    QT_TRANSLATE_NOOP("Explain", ">= {size}"),
    QT_TRANSLATE_NOOP("Explain", "A claim gets the whole volume: this claim asks for {size} but {volume} has {capacity}; the rest cannot be used by any other claim."),
    QT_TRANSLATE_NOOP("Explain", "Access modes are matched as a set: a volume must offer every mode the claim asks for ({modes}); {volumes} cannot serve it, however large or free."),
    QT_TRANSLATE_NOOP("Explain", "Binary and decimal units differ: 1Gi is 1073741824 bytes, 1G is 1000000000 bytes, so a 1G volume cannot hold a 1Gi claim."),
    QT_TRANSLATE_NOOP("Explain", "Cannot bind to requested volume: {reason}"),
    QT_TRANSLATE_NOOP("Explain", "ClaimLost: Bound claim has lost reference to PersistentVolume."),
    QT_TRANSLATE_NOOP("Explain", "ClaimLost: its PersistentVolume \"{volume}\" no longer exists"),
    QT_TRANSLATE_NOOP("Explain", "ClaimMisbound: PersistentVolume \"{volume}\" is bound to another claim"),
    QT_TRANSLATE_NOOP("Explain", "Class names must be equal to match: {volumes}, the claim wants \"{storage_class}\"."),
    QT_TRANSLATE_NOOP("Explain", "Deleting an NFS PV object never deletes the files on the server."),
    QT_TRANSLATE_NOOP("Explain", "Deleting the claim makes the volume Released; with the {policy} policy its data stays and it is not reused until an admin clears its claimRef."),
    QT_TRANSLATE_NOOP("Explain", "Deleting the claim makes the volume Released; with the {policy} policy the reclaim policy then applies."),
    QT_TRANSLATE_NOOP("Explain", "Failed volumes keep their data; clearing the claimRef makes the volume Available again (set persistentVolumeReclaimPolicy: Retain first to stop retries), or delete the PV object."),
    QT_TRANSLATE_NOOP("Explain", "FailedBinding: no persistent volumes available for this claim and no storage class is set"),
    QT_TRANSLATE_NOOP("Explain", "FailedBinding: volume \"{volume}\" already bound to a different claim."),
    QT_TRANSLATE_NOOP("Explain", "It is Available but reserved for {claim}: only that claim can bind it."),
    QT_TRANSLATE_NOOP("Explain", "No StorageClass object \"{storage_class}\" exists. Static volumes of that class can still bind (only the names are compared), but nothing can be provisioned for it."),
    QT_TRANSLATE_NOOP("Explain", "ReadWriteOnce means one node at a time, not one pod: pods on the same node can share the volume (ReadWriteOncePod is the one-pod mode)."),
    QT_TRANSLATE_NOOP("Explain", "Retain keeps the data: nothing clears the claimRef automatically. Removing spec.claimRef makes the volume Available to any matching claim (removing only claimRef.uid reserves it for that claim name)."),
    QT_TRANSLATE_NOOP("Explain", "The class \"{storage_class}\" was filled in by default; it no longer matches class-less static volumes."),
    QT_TRANSLATE_NOOP("Explain", "VolumeMismatch: Cannot bind to requested volume \"{volume}\": {reason}"),
    QT_TRANSLATE_NOOP("Explain", "WaitForFirstConsumer is not a failure: the volume is chosen when a pod using the claim is scheduled, on a node that suits both."),
    QT_TRANSLATE_NOOP("Explain", "WaitForFirstConsumer: waiting for first consumer to be created before binding"),
    QT_TRANSLATE_NOOP("Explain", "WaitForPodScheduled: waiting for pod {pods} to be scheduled"),
    QT_TRANSLATE_NOOP("Explain", "WaitForPodScheduled: waiting for pods {pods} to be scheduled"),
    QT_TRANSLATE_NOOP("Explain", "all of {modes}"),
    QT_TRANSLATE_NOOP("Explain", "already bound to {claim}"),
    QT_TRANSLATE_NOOP("Explain", "an empty claimRef blocks the volume for every claim"),
    QT_TRANSLATE_NOOP("Explain", "any"),
    QT_TRANSLATE_NOOP("Explain", "being deleted"),
    QT_TRANSLATE_NOOP("Explain", "being deleted; the pv-protection finalizer keeps it while it is Bound"),
    QT_TRANSLATE_NOOP("Explain", "bound to claim {claim}"),
    QT_TRANSLATE_NOOP("Explain", "bound to this claim"),
    QT_TRANSLATE_NOOP("Explain", "claimRef still holds the deleted claim {claim} (uid {uid}…)"),
    QT_TRANSLATE_NOOP("Explain", "claimRef still holds the deleted claim {claim} (uid {uid}…); a claim with that name exists now, but it is a different object"),
    QT_TRANSLATE_NOOP("Explain", "class {actual} ≠ {wanted}"),
    QT_TRANSLATE_NOOP("Explain", "external"),
    QT_TRANSLATE_NOOP("Explain", "fits"),
    QT_TRANSLATE_NOOP("Explain", "fits, but {volume} was chosen (smaller, or first by name among equals)"),
    QT_TRANSLATE_NOOP("Explain", "group {modes} is searched only when the groups with fewer modes yield nothing"),
    QT_TRANSLATE_NOOP("Explain", "named by the claim in spec.volumeName"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches and provisioning failed: ProvisioningFailed: failed to provision volume with StorageClass \"{storage_class}\": claim Selector is not supported"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches and provisioning failed: ProvisioningFailed: no volume plugin matched name: {provisioner}"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches and provisioning failed: ProvisioningFailed: storageclass.storage.k8s.io \"{storage_class}\" not found"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches; the PV controller will set the default StorageClass \"{storage_class}\" on its next sync"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches; the external provisioner '{provisioner}' is creating one (ExternalProvisioning)"),
    QT_TRANSLATE_NOOP("Explain", "no PersistentVolume matches; waiting for the external provisioner '{provisioner}' (ExternalProvisioning), which does not run in this simulated cluster"),
    QT_TRANSLATE_NOOP("Explain", "no claim (empty claimRef)"),
    QT_TRANSLATE_NOOP("Explain", "no modes"),
    QT_TRANSLATE_NOOP("Explain", "none"),
    QT_TRANSLATE_NOOP("Explain", "none or {claim}"),
    QT_TRANSLATE_NOOP("Explain", "not being deleted"),
    QT_TRANSLATE_NOOP("Explain", "not checked for a volume pre-bound to this claim"),
    QT_TRANSLATE_NOOP("Explain", "not checked when the claim names its volume"),
    QT_TRANSLATE_NOOP("Explain", "offers {modes}; the claim needs {wanted}"),
    QT_TRANSLATE_NOOP("Explain", "points at an earlier claim with this name (another uid): the volume still holds that claim"),
    QT_TRANSLATE_NOOP("Explain", "pre-bound to this claim"),
    QT_TRANSLATE_NOOP("Explain", "reclaiming failed"),
    QT_TRANSLATE_NOOP("Explain", "reclaiming failed: {message}"),
    QT_TRANSLATE_NOOP("Explain", "reserved for this claim, but another volume was chosen"),
    QT_TRANSLATE_NOOP("Explain", "selector {empty} (matches everything)"),
    QT_TRANSLATE_NOOP("Explain", "selector {requirements}"),
    QT_TRANSLATE_NOOP("Explain", "set"),
    QT_TRANSLATE_NOOP("Explain", "smallest fitting volume in the first group that has one"),
    QT_TRANSLATE_NOOP("Explain", "storageClassName is unset and there is no default StorageClass: the claim matches only class-less volumes, like storageClassName: \"\". Unlike \"\", an unset class is filled in once a default class exists."),
    QT_TRANSLATE_NOOP("Explain", "storageClassName is unset, so the default StorageClass \"{storage_class}\" applies; write storageClassName: \"\" to bind a class-less static volume."),
    QT_TRANSLATE_NOOP("Explain", "storageClassName: \"\" means \"no class\": only volumes without a class match, nothing is provisioned, and no default class is ever applied."),
    QT_TRANSLATE_NOOP("Explain", "the PV controller does not check node affinity"),
    QT_TRANSLATE_NOOP("Explain", "the PV controller has not synced it yet"),
    QT_TRANSLATE_NOOP("Explain", "the PV controller leaves unbound volumes to the scheduler"),
    QT_TRANSLATE_NOOP("Explain", "the claim names volume \"{volume}\" (spec.volumeName), which does not exist; it stays Pending until it does"),
    QT_TRANSLATE_NOOP("Explain", "the claim names {volume} in spec.volumeName"),
    QT_TRANSLATE_NOOP("Explain", "the volume's access-mode set lacks a requested mode, so its group is not searched"),
    QT_TRANSLATE_NOOP("Explain", "volume {volume} fits; the PV controller binds it on its next sync"),
    QT_TRANSLATE_NOOP("Explain", "volume {volume} matches; the PV controller binds it on its next sync"),
    QT_TRANSLATE_NOOP("Explain", "{check}: wanted {wanted}, actual {actual}"),
    QT_TRANSLATE_NOOP("Explain", "{check}: {detail}"),
    QT_TRANSLATE_NOOP("Explain", "{empty} (empty claimRef)"),
    QT_TRANSLATE_NOOP("Explain", "{error} (the PV controller cannot decide how to bind)"),
    QT_TRANSLATE_NOOP("Explain", "{holding}; the Retain policy keeps it Released"),
    QT_TRANSLATE_NOOP("Explain", "{holding}; the recycler is scrubbing it"),
    QT_TRANSLATE_NOOP("Explain", "{holding}; waiting for its deleter ({deleter}) to remove it"),
    QT_TRANSLATE_NOOP("Explain", "{volume} ({modes})"),
    QT_TRANSLATE_NOOP("Explain", "{volume} has {storage_class}"),
    QT_TRANSLATE_NOOP("Explain", "{volume} is Released: its {policy} policy keeps the data and the old claimRef, so it is never reused automatically — clear its spec.claimRef to make it Available."),
)


def translate_template(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def tr_message(message: Message | None, english: str = "") -> str:
    """``message`` in the interface language; ``english`` when there is no message."""
    if message is None:
        return english
    return message.render(translate_template, QCoreApplication.translate(CONTEXT, SEPARATOR))
