"""The CI workflow: least privilege and pinned actions (zizmor, offline), and it runs `make test`."""

from __future__ import annotations

import re
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


def workflows() -> dict[str, dict]:
    return {path.name: yaml.safe_load(path.read_text()) for path in sorted(WORKFLOWS.glob("*.yml"))}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_workflows_pass_actionlint(tmp_path):
    # actionlint lints the .github/workflows of the Git repository it runs in: a fresh one here
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    run = subprocess.run([actionlint, "-shellcheck=", "-pyflakes="], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(list((tmp_path / ".github" / "workflows").glob("*.yml"))) == 5


def test_workflows_pin_every_action_to_a_commit_with_its_version():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (path.name, line)


def test_workflows_declare_permissions_and_interpolate_nothing_in_run():
    for name, workflow in workflows().items():
        assert "permissions" in workflow, name
        for job_name, job in workflow["jobs"].items():
            assert "timeout-minutes" in job, (name, job_name)
            assert "permissions" in workflow or "permissions" in job
        for step in steps(workflow):
            # values reach a shell through env only: `${{ }}` inside run: is a script injection
            assert "${{" not in step.get("run", ""), (name, step)
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def test_review_runs_check_build_and_report_with_a_read_only_token():
    review = workflows()["review.yml"]
    assert review[True] == {"pull_request": {"types": ["opened", "synchronize", "reopened", "ready_for_review"]}}
    assert review["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in steps(review))
    assert "pip install -q -r requirements.lock" in runs and "make test" not in runs and "pytest" not in runs
    assert "sebar check" in runs and "sebar build --site preview" in runs
    assert 'sebar review --base "$BASE_SHA" --head "$HEAD_SHA" --format markdown' in runs
    uploads = [step["with"]["name"] for step in steps(review) if "upload-artifact" in step.get("uses", "")]
    assert uploads == ["pratinjau", "review"]


def test_review_comment_never_checks_out_or_runs_pull_request_code():
    comment = workflows()["review-comment.yml"]
    assert comment[True] == {"workflow_run": {"workflows": ["review"], "types": ["completed"]}}
    assert comment["permissions"] == {}
    (job,) = comment["jobs"].values()
    assert job["permissions"] == {"pull-requests": "write", "actions": "read"}
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"]]
    assert uses == ["actions/download-artifact", ""]
    script = job["steps"][1]["run"]
    assert not re.search(r"^\s*(sebar|pip|python|make|git) ", script, re.M)  # only gh, jq and the shell
    assert "<!-- sebar-review -->" in script and "*[!0-9]*" in script  # one marked comment; the number checked


def test_approval_guard_runs_the_base_branch_on_reviews_too():
    approval = workflows()["approval.yml"]
    assert approval[True]["pull_request_review"] == {"types": ["submitted", "dismissed"]}
    assert approval["permissions"] == {"contents": "read", "pull-requests": "read"}
    job = approval["jobs"]["approval"]
    assert job["name"] == "approval"  # the required status check's name in branch protection
    assert job["steps"][0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert job["steps"][-1]["run"] == 'sebar approval --repo "$REPO" --pr "$PR_NUMBER"'


def test_publish_waits_for_the_walidata_then_records():
    publish = workflows()["publish.yml"]
    assert set(publish[True]) == {"push", "workflow_dispatch"}
    assert publish["permissions"] == {} and publish["concurrency"]["cancel-in-progress"] is False
    build, deploy, record = (publish["jobs"][name] for name in ("build", "deploy", "record"))
    assert build["permissions"] == {"contents": "read"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "portal"
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert record["needs"] == "deploy" and record["permissions"]["contents"] == "write"
    assert any("actions/cache@" in step.get("uses", "") for step in build["steps"])
    uses = [step.get("uses", "").split("@")[0] for step in deploy["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert any("sebar publish" in step.get("run", "") for step in deploy["steps"])
    assert any("sebar riwayat catat --commit" in step.get("run", "") for step in record["steps"])
    (push,) = [step for step in record["steps"] if "git push" in step.get("run", "")]
    assert push["env"]["GH_TOKEN"] == "${{ github.token }}"  # a token for this step only


def test_ci_runs_only_when_code_changes():
    ci = workflows()["ci.yml"]
    for event in ("push", "pull_request"):
        paths = ci[True][event]["paths"]
        assert "generator/**" in paths and "tests/**" in paths and ".github/**" in paths
        assert not any(p.startswith(("datasets", "content")) for p in paths)
