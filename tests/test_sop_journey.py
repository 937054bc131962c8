"""The whole SOP "Penyebarluasan Data" on one real Git repository, as issue 6's "Done when" reads:
a branch that changes a dataset gets an Indonesian review report; the approval guard blocks a wrong
approver and passes the producer's PIC; the merge is published to a local S3 server and a folder;
the record appended afterwards has the scenario's step times and the published files' checksums."""

from __future__ import annotations

import hashlib
import json
import shutil

import boto3
import pytest
import yaml

from generator.build import build
from generator.cli import main
from tests.test_riwayat import git, scenario  # noqa: F401  (the scenario's repository and forge events)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_sop_journey_review_guard_publish_record(scenario, s3_endpoint, tmp_path, capsys, monkeypatch):  # noqa: F811
    root = tmp_path / "portal"
    shutil.copytree(scenario["root"], root, ignore=shutil.ignore_patterns("site", ".sebar-cache"))
    git(root, "branch", "-q", "-D", "riwayat")  # this journey writes its own record
    base, head = git(root, "rev-parse", "HEAD^1"), git(root, "rev-parse", "HEAD^2")

    # Step 2: the PIC's report on the pull request (base..head) names the new dataset, in Indonesian.
    code, report = run(capsys, "review", "--root", str(root), "--base", base, "--head", head)
    assert code == 0 and "siap ditinjau" in report and "dinkes/locale" in report

    # Steps 2-3: the guard, on the pull request's real changed files.
    files = [{"filename": name, "status": "added"} for name in git(root, "diff", "--name-only", base, head).split()]
    pr = json.loads((scenario["events"] / "2-ready.json").read_text())["pull_request"]
    approving = json.loads((scenario["events"] / "4-review.json").read_text())["review"]
    paths = {name: tmp_path / f"{name}.json" for name in ("pr", "files", "ok", "wrong")}
    paths["pr"].write_text(json.dumps(pr))
    paths["files"].write_text(json.dumps(files))
    paths["ok"].write_text(json.dumps([approving]))
    paths["wrong"].write_text(json.dumps([{**approving, "user": {"login": "sari-walidata", "type": "User"}}]))
    guard = ["approval", "--root", str(root), "--pr-json", str(paths["pr"]), "--files-json", str(paths["files"])]
    code, out = run(capsys, *guard, "--reviews-json", str(paths["wrong"]))
    assert code == 1 and "Budi (@budi-pic)" in out
    code, out = run(capsys, *guard, "--reviews-json", str(paths["ok"]))
    assert code == 0, out

    # Step 5: the merge commit is built and published to S3 and to a folder on the web server.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "sebar-uji")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "rahasia-uji")
    s3 = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket="portal-uji")
    settings = yaml.safe_load((root / "portal.yml").read_text())
    settings["publikasi"] = {
        "target": ["s3", "folder"],
        "s3": {"bucket": "portal-uji", "prefix": "", "endpoint_url": s3_endpoint},
        "folder": {"path": str(tmp_path / "www")},
    }
    (root / "portal.yml").write_text(yaml.safe_dump(settings, allow_unicode=True))
    site = build(root).site
    code, out = run(capsys, "publish", "--root", str(root), "--site", str(site), "--format", "json")
    assert code == 0
    published = tmp_path / "published.json"
    published.write_text(out)
    csv_key = "dataset/dinkes/locale/data.csv"
    sent = s3.get_object(Bucket="portal-uji", Key=csv_key)["Body"].read()
    assert sent == (site / csv_key).read_bytes() == (tmp_path / "www" / csv_key).read_bytes()

    # The record: one file per event on branch riwayat, with the published files' SHA-256.
    merge = scenario["merge"]
    catat = ["riwayat", "catat", "--root", str(root), "--commit", merge, "--events", str(scenario["events"])]
    code, _ = run(capsys, *catat, "--files-from", str(published))
    assert code == 0
    code, out = run(capsys, "riwayat", "--root", str(root), "--format", "json")
    record = json.loads(out)[0]
    assert [step["status"] for step in record["langkah"]] == [
        "tepat waktu",
        "terlambat",
        "tepat waktu",
        "tepat waktu",
        "tepat waktu",
    ]
    assert json.dumps(record).count(hashlib.sha256(sent).hexdigest()) >= 1
    page = (build(root).site / "riwayat" / "index.html").read_text()
    assert "PR #7: Imunisasi dasar 2025" in page and "1 jam 35 menit" in page
