"""Forge facts of one publication (pull request, reviews, deployment), from the GitHub REST API or
from webhook JSON files, turned into the small event documents the `riwayat` branch keeps."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SebarError


class RecordError(SebarError):
    """The records could not be read or written; the message names the input and the fix."""


@dataclass
class Forge:
    """What the forge knows about one merged pull request and its deployment (GitHub REST shapes)."""

    pr: dict[str, Any]
    ready_at: str | None = None  # left draft, or opened as ready
    reviews: list[dict[str, Any]] = field(default_factory=list)
    commits: list[dict[str, Any]] = field(default_factory=list)  # GET /pulls/{n}/commits, when Git lacks them
    informed_at: str | None = None  # the deployment review was requested: the Walidata is informed
    informed: list[str] = field(default_factory=list)  # who was asked (logins)
    approved_at: str | None = None
    approver: str | None = None
    deployed_at: str | None = None
    environment: str | None = None


def utc(text: str) -> dt.datetime:
    """An ISO 8601 time from the forge (`2026-03-03T01:30:00Z`) as an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def login(user: dict[str, Any] | None) -> str:
    return str((user or {}).get("login") or "")


# --- webhook files (tests, or a workflow that saved its event payloads) -------------------------------


def from_webhooks(folder: Path, commit: str | None) -> Forge:
    """The facts in a folder of webhook payloads (pull_request.*, pull_request_review.submitted,
    deployment_review.requested/approved, deployment_status). With several pull requests in it, the
    one merged as `commit` is chosen."""
    payloads = []
    for path in sorted(folder.glob("*.json")):
        try:
            payloads.append((path, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError) as error:
            raise RecordError(
                f"{path}: bukan JSON peristiwa GitHub yang sah ({error}); perbaiki atau hapus file itu"
            ) from error
    prs = {d["pull_request"]["number"]: d["pull_request"] for _, d in payloads if "pull_request" in d}
    if not prs:
        raise RecordError(f"{folder}: tidak ada peristiwa pull_request; simpan payload webhook pull_request di sana")
    merged = [p for p in prs.values() if commit and p.get("merge_commit_sha") == commit and p.get("merged_at")]
    number = (merged or [p for p in prs.values() if p.get("merged_at")] or list(prs.values()))[-1]["number"]
    forge = Forge(pr={})
    for _path, data in payloads:
        action = data.get("action")
        if "pull_request" in data and data["pull_request"].get("number") != number:
            continue
        if "review" in data and "pull_request" in data:
            if action == "submitted":
                forge.reviews.append(data["review"])
        elif "pull_request" in data:
            pr = data["pull_request"]
            if not forge.pr or pr.get("updated_at", "") >= forge.pr.get("updated_at", ""):
                forge.pr = pr
            if action == "opened" and not pr.get("draft"):
                forge.ready_at = forge.ready_at or pr["created_at"]
            elif action == "ready_for_review":
                forge.ready_at = pr["updated_at"]
        elif "reviewers" in data and "workflow_run" in data:  # deployment_review
            if commit and data["workflow_run"].get("head_sha") not in (commit, None):
                continue
            forge.environment = data.get("environment") or forge.environment
            if action == "requested":
                forge.informed_at = data.get("since") or data["workflow_run"]["updated_at"]
                forge.informed = [login(r.get("reviewer")) for r in data["reviewers"] if r.get("type") == "User"]
            elif action == "approved":
                forge.approved_at = data["workflow_run"]["updated_at"]
                forge.approver = login(data.get("approver"))
        elif "deployment_status" in data:
            status = data["deployment_status"]
            if commit and data.get("deployment", {}).get("sha") not in (commit, None):
                continue
            if status.get("state") == "success":
                forge.deployed_at = status["created_at"]
                forge.environment = status.get("environment") or forge.environment
    if not forge.pr.get("merged_at"):
        raise RecordError(
            f"{folder}: pull request #{number} belum digabung (tidak ada pull_request.closed dengan merged_at); "
            "riwayat dicatat setelah penggabungan"
        )
    return forge


# --- the REST API (the publish job) -----------------------------------------------------------------------


def from_api(repository: str, commit: str, environment: str, now: dt.datetime) -> Forge:
    """The facts from the GitHub REST API: the pull request merged as `commit`, its reviews, commits and
    timeline, and the deployment of `commit` to `environment` (its statuses: waiting -> queued ->
    success). Runs in the publish job (GITHUB_TOKEN, GITHUB_API_URL, GITHUB_RUN_ID)."""
    from generator.sop.approval import Api, ForgeError

    token = os.environ.get("GITHUB_TOKEN")
    if not token:
        raise RecordError("GITHUB_TOKEN tidak ada: jalankan di workflow publish (env GITHUB_TOKEN) atau pakai --events")
    api = Api(token=token)

    def get(path: str, **params: str) -> list[Any]:
        """Every item of a list answer, following its pages (Link rel=next, on the API's host only)."""
        try:
            return api.all(f"/repos/{repository}/{path}", **params)
        except ForgeError as error:
            raise RecordError(
                f"{error} (untuk riwayat, token perlu pull-requests: read, deployments: read, actions: read)"
            ) from error

    pulls = [p for p in get(f"commits/{commit}/pulls") if p.get("merged_at")]
    if not pulls:
        raise RecordError(f"komit {commit[:10]} bukan hasil penggabungan pull request; tidak ada yang dicatat")
    pr = next((p for p in pulls if p.get("merge_commit_sha") == commit), pulls[0])
    number = pr["number"]
    forge = Forge(pr=pr, reviews=get(f"pulls/{number}/reviews"), commits=get(f"pulls/{number}/commits"))
    timeline = get(f"issues/{number}/events")
    ready = [e["created_at"] for e in timeline if e.get("event") == "ready_for_review"]
    forge.ready_at = ready[-1] if ready else (None if pr.get("draft") else pr["created_at"])
    deployments = get("deployments", sha=commit, environment=environment)
    if deployments:
        deployment = deployments[0]  # newest first
        forge.environment = environment
        statuses = sorted(get(f"deployments/{deployment['id']}/statuses"), key=lambda s: s["created_at"])
        waiting = [s["created_at"] for s in statuses if s["state"] == "waiting"]
        forge.informed_at = waiting[0] if waiting else deployment["created_at"]
        going = [s["created_at"] for s in statuses if s["state"] in ("queued", "in_progress") and s["created_at"]]
        after = [t for t in going if t >= forge.informed_at]
        forge.approved_at = after[0] if waiting and after else None
        done = [s["created_at"] for s in statuses if s["state"] == "success"]
        forge.deployed_at = done[-1] if done else iso(now)  # this job is the deployment: done now
    run = os.environ.get("GITHUB_RUN_ID")
    if run:
        approvals = [a for a in get(f"actions/runs/{run}/approvals") if a.get("state") == "approved"]
        if approvals:
            forge.approver = login(approvals[-1].get("user"))
            forge.approved_at = forge.approved_at or forge.informed_at
    return forge
