"""The CI workflow: least privilege and pinned actions (zizmor, offline), and it runs `make test`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"


def test_workflows_pass_zizmor_offline():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    run = subprocess.run([zizmor, "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ci_workflow_runs_make_test_with_read_only_token():
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    assert ci["permissions"] == {"contents": "read"}
    # the same Debian and Python as the developers' machines, where Debian's Chromium installs
    assert ci["jobs"]["test"]["container"]["image"] == "python:3.11-bookworm"
    steps = ci["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    assert all(
        "@" in step["uses"] and len(step["uses"].split("@")[1].split()[0]) == 40 for step in steps if "uses" in step
    )
