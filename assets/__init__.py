"""Bundled files (the demo cluster, lessons, scripts, icons), loaded through here only.

Views never build asset paths themselves: they ask this module, so moving or
packaging the assets changes one place.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent

#: The demo opened by ``python main.py``: the seed document's NFS example.
DEMO_DIR = "demo"


def asset_path(*parts: str) -> Path:
    """Absolute path of a bundled file or folder (``asset_path("demo", "seed-pvs.yaml")``)."""
    path = ROOT.joinpath(*parts).resolve()
    if ROOT not in path.parents and path != ROOT:
        raise ValueError(f"asset path escapes the assets folder: {'/'.join(parts)}")
    return path


def read_text(*parts: str, encoding: str = "utf-8") -> str:
    """Text of a bundled file."""
    return asset_path(*parts).read_text(encoding=encoding)


def read_bytes(*parts: str) -> bytes:
    return asset_path(*parts).read_bytes()


def list_assets(*parts: str, pattern: str = "*") -> list[Path]:
    """Bundled files in a folder matching ``pattern``, sorted by name."""
    folder = asset_path(*parts)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def demo_files() -> list[Path]:
    """The demo's manifests in the order they are applied (PVs first, then the workload)."""
    return list_assets(DEMO_DIR, pattern="*.yaml")
