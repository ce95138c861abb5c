import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_without_qt():
    code = (
        "import sys, core, core.cluster, core.binding, core.commands\n"
        "c = core.Cluster(); c.settle()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gui'))]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
