"""`sebar riwayat catat` without --events: the SOP scenario read from the GitHub REST API, over real HTTP.

A local server answers the endpoints events.from_api calls with GitHub's documented REST shapes,
built from the real payloads (and the scenario's own webhook files) with the scenario's ids, users
and times; the record it derives must equal the webhook path's.
"""

from __future__ import annotations

import copy
import datetime as dt
import http.server
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from generator.cli import main
from generator.sop.records import derive, read_events, read_portal
from tests import test_riwayat
from tests.helpers import listening
from tests.test_riwayat import git, payload, user, wib, z

scenario = test_riwayat.scenario  # the same repository, commits and webhook events, built for this module
REPO = "kota/portal"
RUN = "30433642"
DEPLOYMENT = 1450000007
TOKEN = "token-uji-riwayat"


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """api.github.com for one repository: `pages` maps a path to its pages (a list of JSON bodies);
    a page with a successor carries `Link: <...&page=N>; rel="next"` like GitHub's."""

    pages: dict[str, list[Any]] = {}
    queries: dict[str, dict[str, str]] = {}  # path -> query parameters it must carry (else an empty list)
    seen: list[tuple[str, str | None]] = []
    host: str | None = None  # the host written in Link headers; None: this server's own

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append((self.path, self.headers.get("Authorization")))
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query))
        pages = self.pages.get(url.path)
        if pages is None:
            self.answer(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
            return
        if any(params.get(k) != v for k, v in self.queries.get(url.path, {}).items()):
            self.answer(200, [])
            return
        page = int(params.get("page", 1))
        headers = {}
        if page < len(pages):
            following = urllib.parse.urlencode({**params, "page": page + 1})
            first = urllib.parse.urlencode({**params, "page": 1})
            address = f"http://{self.host or self.headers['Host']}{url.path}"
            headers["Link"] = f'<{address}?{following}>; rel="next", <{address}?{first}>; rel="first"'
        self.answer(200, pages[page - 1], headers)

    def answer(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        for key, value in {"Content-Type": "application/json; charset=utf-8", **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[str]:
    FakeGitHub.seen, FakeGitHub.host = [], None
    with listening(FakeGitHub) as address:
        yield address


def event(scenario: dict, name: str) -> dict:
    return json.loads((scenario["events"] / f"{name}.json").read_text())


def rest_review(webhook: dict) -> dict:
    """A review as GET /pulls/{n}/reviews gives it: the webhook's object, state in capitals."""
    review = copy.deepcopy(webhook["review"])
    review["state"] = review["state"].upper()
    return review


def rest_commit(root, sha: str) -> dict:
    """One item of GET /pulls/{n}/commits, from the real Git commit."""
    name, email, date, message = git(root, "show", "-s", "--format=%an%x00%ae%x00%aI%x00%s", sha).split("\0")
    api = f"https://api.github.com/repos/{REPO}"
    person = {"name": name, "email": email, "date": z(dt.datetime.fromisoformat(date))}
    return {
        "sha": sha,
        "node_id": "C_kwDOABCDEF" + sha[:8],
        "commit": {
            "author": person,
            "committer": person,
            "message": message,
            "tree": {"sha": git(root, "rev-parse", f"{sha}^{{tree}}"), "url": f"{api}/git/trees/{sha}"},
            "url": f"{api}/git/commits/{sha}",
            "comment_count": 0,
            "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
        },
        "url": f"{api}/commits/{sha}",
        "html_url": f"https://github.com/{REPO}/commit/{sha}",
        "comments_url": f"{api}/commits/{sha}/comments",
        "author": user("rina-operator"),
        "committer": user("rina-operator"),
        "parents": [{"sha": git(root, "rev-parse", f"{sha}^"), "url": f"{api}/commits/{sha}^"}],
    }


def issue_event(number: int, kind: str, when: str, actor: str) -> dict:
    """One item of GET /issues/{n}/events (the issue event object of GitHub's REST reference)."""
    return {
        "id": 17000000000 + number,
        "node_id": f"RFRE_lADOABCDEF{number}",
        "url": f"https://api.github.com/repos/{REPO}/issues/events/{17000000000 + number}",
        "actor": user(actor),
        "event": kind,
        "commit_id": None,
        "commit_url": None,
        "created_at": when,
        "performed_via_github_app": None,
    }


def routes(scenario: dict) -> dict[str, list[Any]]:
    """Every endpoint from_api reads, answering for the scenario's merge commit."""
    root, merge = scenario["root"], scenario["merge"]
    pr = event(scenario, "5-closed")["pull_request"]  # the merged pull request #7, as the webhook had it
    head = pr["head"]["sha"]
    commits = git(root, "rev-list", "--reverse", f"{pr['base']['sha']}..{head}").split()

    deployment = payload("deployment.payload")["deployment"]
    deployment.update(
        url=f"https://api.github.com/repos/{REPO}/deployments/{DEPLOYMENT}",
        id=DEPLOYMENT,
        sha=merge,
        ref="main",
        environment="portal",
        original_environment="portal",
        creator=user("github-actions[bot]"),
        created_at=z(wib(3, 15, 11)),
        updated_at=z(wib(3, 15, 17)),
        statuses_url=f"https://api.github.com/repos/{REPO}/deployments/{DEPLOYMENT}/statuses",
    )

    def status(number: int, state: str, when) -> dict:
        data = payload("deployment_status.payload")["deployment_status"]
        data.update(
            url=f"https://api.github.com/repos/{REPO}/deployments/{DEPLOYMENT}/statuses/{number}",
            id=number,
            state=state,
            creator=user("github-actions[bot]"),
            environment="portal",
            created_at=z(when),
            updated_at=z(when),
            deployment_url=deployment["url"],
        )
        return data

    statuses = [  # newest first, as GitHub lists them
        status(2100000004, "success", wib(3, 15, 17)),
        status(2100000003, "in_progress", wib(3, 15, 14)),
        status(2100000002, "queued", wib(3, 15, 13)),  # Sari approved the waiting deployment
        status(2100000001, "waiting", wib(3, 15, 11)),  # the run waits for the environment's reviewer
    ]
    approval = {
        "environments": [
            {
                "id": 161088068,
                "node_id": "MDExOkVudmlyb25tZW50MTYxMDg4MDY4",
                "name": "portal",
                "url": f"https://api.github.com/repos/{REPO}/environments/portal",
                "html_url": f"https://github.com/{REPO}/deployments/activity_log?environments_filter=portal",
                "created_at": "2026-01-05T02:00:00Z",
                "updated_at": z(wib(3, 15, 13)),
            }
        ],
        "state": "approved",
        "user": user("sari-walidata"),
        "comment": "Terbitkan.",
    }
    api = f"/repos/{REPO}"
    return {
        f"{api}/commits/{merge}/pulls": [[pr]],
        # two pages: the approval that ends step 2 is only on page 2
        f"{api}/pulls/7/reviews": [[rest_review(event(scenario, f"{n}-review"))] for n in (3, 4)],
        f"{api}/pulls/7/commits": [[rest_commit(root, sha) for sha in commits]],
        f"{api}/issues/7/events": [
            [
                issue_event(1, "ready_for_review", z(wib(3, 13, 30)), "rina-operator"),
                issue_event(2, "review_requested", z(wib(3, 13, 30)), "rina-operator"),
                issue_event(3, "merged", z(wib(3, 15, 9)), "budi-pic"),
                issue_event(4, "closed", z(wib(3, 15, 9)), "budi-pic"),
            ]
        ],
        f"{api}/deployments": [[deployment]],
        f"{api}/deployments/{DEPLOYMENT}/statuses": [statuses],
        f"{api}/actions/runs/{RUN}/approvals": [[approval]],
    }


@pytest.fixture
def api_portal(scenario, github, monkeypatch, tmp_path):
    """A copy of the scenario's repository without branch `riwayat`, and the API environment of a publish job."""
    root = tmp_path / "portal"
    shutil.copytree(scenario["root"], root)
    git(root, "branch", "-D", "riwayat")
    FakeGitHub.pages = routes(scenario)
    FakeGitHub.queries = {
        f"/repos/{REPO}/deployments": {"sha": scenario["merge"], "environment": "portal"},
    }
    monkeypatch.setenv("GITHUB_API_URL", github)
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_RUN_ID", RUN)
    return root


def catat(root, scenario) -> int:
    args = ["--root", str(root), "--commit", scenario["merge"], "--site", str(scenario["site"])]
    return main(["riwayat", "catat", *args])


def test_catat_from_the_api_equals_the_webhook_record(api_portal, scenario, capsys):
    assert catat(api_portal, scenario) == 0
    assert "8 peristiwa baru dicatat" in capsys.readouterr().out
    (record,) = derive(read_events(api_portal) or [], read_portal(api_portal))
    (webhook,) = derive(read_events(scenario["root"]) or [], read_portal(scenario["root"]))

    assert [s.detik / 60 for s in record.langkah] == [300, 95, 4, 2, 6]
    assert [s.status for s in record.langkah] == [
        "tepat waktu",
        "terlambat",
        "tepat waktu",
        "tepat waktu",
        "tepat waktu",
    ]
    assert (record.tidak_setuju, record.putaran) == (1, 2)  # the approval on page 2 of the reviews counted
    assert (record.operator, record.pic, record.walidata) == (
        "Rina (@rina-operator)",
        ["Budi (@budi-pic)"],
        "Sari (@sari-walidata)",
    )
    assert record == webhook  # the API path and the webhook path record the same publication

    assert FakeGitHub.seen and all(auth == f"Bearer {TOKEN}" for _, auth in FakeGitHub.seen)
    paths = [path for path, _ in FakeGitHub.seen]
    assert any(p.startswith(f"/repos/{REPO}/pulls/7/reviews?") and "page=2" in p for p in paths)
    deployments = next(p for p in paths if p.startswith(f"/repos/{REPO}/deployments?"))
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(deployments).query)) == {
        "per_page": "100",
        "sha": scenario["merge"],
        "environment": "portal",
    }

    tip = git(api_portal, "rev-parse", "riwayat")  # run again: the same facts, nothing new
    assert catat(api_portal, scenario) == 0
    assert git(api_portal, "rev-parse", "riwayat") == tip


def test_catat_refuses_a_next_page_off_the_api_host(api_portal, scenario, capsys):
    FakeGitHub.host = "evil.example"  # page 1 of the reviews points its next page at another host
    assert catat(api_portal, scenario) == 2
    err = capsys.readouterr().err
    assert "halaman berikutnya menunjuk ke luar API GitHub: http://evil.example/" in err
    assert not any("page=2" in path for path, _ in FakeGitHub.seen)  # not followed, the token stays home
    assert git(api_portal, "branch", "--list", "riwayat") == ""  # nothing recorded from half the reviews
