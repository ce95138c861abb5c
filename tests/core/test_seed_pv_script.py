"""Golden test: the seed's PV steps as a script print what kubectl would, column for column.

``golden/seed_pv_steps.script`` applies the seed's four PVs, binds a claim, deletes it
(the PV goes Released), clears the claimRef and shows the PV Available again;
``golden/seed_pv_steps.expected`` is the transcript a real cluster's kubectl prints
(ages from the simulated clock). It runs the way a user runs it: ``python main.py
script``, on a fresh cluster.
"""

from __future__ import annotations

import difflib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from core import Cluster
from core.script import run_script

GOLDEN = Path(__file__).resolve().parent / "golden"
ROOT = Path(__file__).resolve().parents[2]


def _diff(expected: str, actual: str) -> str:
    return "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual"))


def test_seed_pv_steps_golden_transcript():
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "script",
                           str(GOLDEN / "seed_pv_steps.script")], capture_output=True,
                          text=True, cwd=str(ROOT), timeout=120)
    expected = (GOLDEN / "seed_pv_steps.expected").read_text()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == expected, _diff(expected, done.stdout)


def test_seed_pv_steps_golden_transcript_in_process():
    """The same transcript through run_script (what the GUI's console and lessons use)."""
    cluster = Cluster()
    out = io.StringIO()
    status = run_script(cluster, (GOLDEN / "seed_pv_steps.script").read_text(),
                        base_dir=GOLDEN, out=out)
    expected = (GOLDEN / "seed_pv_steps.expected").read_text()
    assert status == 0, out.getvalue()
    assert out.getvalue() == expected, _diff(expected, out.getvalue())


def test_golden_seed_files_are_the_seed():
    seed = Path("/work/shared/seed")
    if not seed.exists():
        pytest.skip("the shared seed folder is not here")
    for name in ("seed-pvs.yaml", "seed-web.yaml"):
        assert (GOLDEN / name).read_text() == (seed / name).read_text()
