"""Riwayat Penyebaran: SCENARIO.md step 5 from a real Git repository and copies of real webhook payloads."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import build
from generator.cli import main
from generator.config import JamKerja
from generator.sop.records import derive, read_events, read_portal
from generator.sop.worktime import WorkCalendar
from tests.helpers import DATA, DEMO_PUBLICATIONS, ROOT

EVENTS = ROOT.parent / "shared" / "data" / "github-events"
if not EVENTS.is_dir():  # the payloads are also kept beside the main checkout
    EVENTS = Path("/work/shared/data/github-events")
WIB = dt.timezone(dt.timedelta(hours=7))


def wib(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=WIB)


def z(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def git(repo: Path, *args: str, when: dt.datetime | None = None, user: str = "Rina") -> str:
    env = {**os.environ}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    command = ["git", "-C", str(repo), "-c", f"user.name={user}", "-c", f"user.email={user.lower()}@example.go.id"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True, env=env).stdout.strip()


def payload(name: str) -> dict:
    return copy.deepcopy(json.loads((EVENTS / f"{name}.json").read_text()))


def user(login: str) -> dict:
    return {"login": login, "id": abs(hash(login)) % 10**8, "type": "User"}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Rina adds dataset dinkes/locale on a branch (first commit 08:30 WIB, ready 13:30: 5 h); Budi
    requests changes at 14:00, Rina fixes at 14:40, Budi approves at 15:05 (1 h 35 min, two rounds),
    merges at 15:09 (4 min); Sari is asked at 15:11 (2 min), approves, and the site is out at 15:17
    (6 min). Tuesday 3 March 2026, a working day."""
    tmp = tmp_path_factory.mktemp("riwayat")
    root = tmp / "portal"
    root.mkdir()
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=DEMO_PUBLICATIONS)
    shutil.copytree(DATA / "valid" / "latin1", root / "datasets" / "dinkes" / "latin1")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Portal", when=wib(2, 9, 0))
    base = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "-c", "draf/dinkes/locale")
    shutil.copytree(DATA / "valid" / "locale", root / "datasets" / "dinkes" / "locale")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Dataset locale 2042", when=wib(3, 8, 30))
    meta = root / "datasets" / "dinkes" / "locale" / "datapackage.yaml"
    meta.write_text(meta.read_text().replace("title: Uji locale", "title: Uji locale 2024"))
    git(root, "commit", "-q", "-am", "Tahun judul diperbaiki", when=wib(3, 14, 40))
    head = git(root, "rev-parse", "HEAD")
    git(root, "switch", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge #7", "draf/dinkes/locale", when=wib(3, 15, 9), user="Budi")
    merge = git(root, "rev-parse", "HEAD")

    events = tmp / "events"
    events.mkdir()

    def pr(action: str, updated: dt.datetime, **changes: object) -> dict:
        data = payload(f"pull_request.{action}")
        data["number"] = 7
        data["pull_request"].update(
            number=7,
            title="Imunisasi dasar 2025",
            html_url="https://github.com/kota/portal/pull/7",
            user=user("rina-operator"),
            created_at=z(wib(3, 9, 0)),
            updated_at=z(updated),
            base={**data["pull_request"]["base"], "sha": base},
            head={**data["pull_request"]["head"], "sha": head},
            **changes,
        )
        return data

    def save(name: str, data: dict) -> None:
        (events / f"{name}.json").write_text(json.dumps(data))

    save("1-opened", pr("opened", wib(3, 9, 0), draft=True))
    save("2-ready", pr("ready_for_review", wib(3, 13, 30), draft=False))
    for number, (state, when) in enumerate([("changes_requested", wib(3, 14, 0)), ("approved", wib(3, 15, 5))], 3):
        review = payload("pull_request_review.submitted")
        review["pull_request"] = pr("ready_for_review", when)["pull_request"]
        review["review"].update(
            id=900 + number, state=state, submitted_at=z(when), user=user("budi-pic"), commit_id=head
        )
        save(f"{number}-review", review)
    save(
        "5-closed",
        pr(
            "closed",
            wib(3, 15, 9),
            merged=True,
            merged_at=z(wib(3, 15, 9)),
            merged_by=user("budi-pic"),
            merge_commit_sha=merge,
        ),
    )
    requested = payload("deployment_review.requested")
    requested.update(
        since=z(wib(3, 15, 11)), environment="portal", reviewers=[{"type": "User", "reviewer": user("sari-walidata")}]
    )
    requested["workflow_run"].update(head_sha=merge, updated_at=z(wib(3, 15, 11)))
    save("6-requested", requested)
    approved = copy.deepcopy(requested)
    approved.update(action="approved", approver=user("sari-walidata"))
    approved["workflow_run"]["updated_at"] = z(wib(3, 15, 13))
    save("7-approved", approved)
    status = payload("deployment_status.payload")
    status["deployment"].update(sha=merge, environment="portal")
    status["deployment_status"].update(state="success", environment="portal", created_at=z(wib(3, 15, 17)))
    save("8-deployed", status)

    site = build(root).site  # the publish job: build, deploy, then record
    assert (
        main(["riwayat", "catat", "--root", str(root), "--commit", merge, "--events", str(events), "--site", str(site)])
        == 0
    )
    return {"root": root, "events": events, "merge": merge, "site": site}


def test_records_scenario_clock_and_working_time(scenario):
    root = scenario["root"]
    (record,) = derive(read_events(root) or [], read_portal(root))
    minutes = [s.detik / 60 for s in record.langkah]
    assert minutes == [300, 95, 4, 2, 6]
    assert [s.detik_kerja / 60 for s in record.langkah] == [300, 95, 4, 2, 6]  # all inside 08:00-16:00
    assert [s.status for s in record.langkah] == [
        "tepat waktu",
        "terlambat",
        "tepat waktu",
        "tepat waktu",
        "tepat waktu",
    ]
    assert (record.tidak_setuju, record.putaran) == (1, 2)
    assert record.operator == "Rina (@rina-operator)"
    assert record.pic == ["Budi (@budi-pic)"]
    assert record.walidata == "Sari (@sari-walidata)"
    assert record.dataset == ["dinkes/locale"]
    assert record.komit == scenario["merge"]
    published = scenario["site"] / "dataset" / "dinkes" / "locale" / "data.csv"
    assert record.file["dataset/dinkes/locale/data.csv"] == hashlib.sha256(published.read_bytes()).hexdigest()


def test_worktime_skips_weekend_national_holiday_and_extra_days():
    calendar = WorkCalendar(JamKerja())
    # Wednesday 15:00 -> Friday 09:00 across Nyepi (Thursday 19 March 2026, a national holiday)
    assert calendar.seconds(wib(18, 15, 0), wib(20, 9, 0)) == 2 * 3600
    # Friday 15:00 -> Tuesday 09:00 across the weekend (Eid al-Fitr on Saturday) and a cuti bersama Monday
    with_leave = WorkCalendar(JamKerja(), [dt.date(2026, 3, 23)])
    assert with_leave.seconds(wib(20, 15, 0), wib(24, 9, 0)) == 2 * 3600
    assert calendar.seconds(wib(20, 15, 0), wib(24, 9, 0)) == 10 * 3600  # Monday 23 counts without the extra day
    assert calendar.day_seconds == 8 * 3600
    assert calendar.seconds(wib(3, 18, 0), wib(3, 20, 0)) == 0  # evening: no working time


def test_records_step_late_in_working_time_across_weekend(scenario, tmp_path):
    """The same events, step 1 starting on Friday 13:00: 3 working hours + Tuesday morning."""
    events = [dict(e) for e in read_events(scenario["root"]) or []]
    for event in events:
        if event["jenis"] == "komit-pertama":
            event["waktu"] = z(dt.datetime(2026, 2, 27, 13, 0, tzinfo=WIB))  # Friday
    (record,) = derive(events, read_portal(scenario["root"]))
    step = record.langkah[0]
    assert step.detik == (4 * 24 + 0.5) * 3600  # Friday 13:00 -> Tuesday 13:30
    assert step.detik_kerja == (3 + 8 + 5.5) * 3600  # Fri 13-16, Mon 8-16, Tue 8-13:30
    assert step.status == "terlambat"


def test_riwayat_catat_is_append_only(scenario):
    root = scenario["root"]

    def blobs() -> dict[str, str]:
        listing = git(root, "ls-tree", "-r", "riwayat")
        return {line.split("\t")[1]: line.split()[2] for line in listing.splitlines()}

    before = blobs()
    assert len(before) == 8  # first commit, ready, 2 reviews, merge, informed, approved, deployed
    assert all(path.startswith("riwayat/2026/7/") for path in before)
    tip = git(root, "rev-parse", "riwayat")
    args = ["riwayat", "catat", "--root", str(root), "--commit", scenario["merge"], "--events", str(scenario["events"])]
    assert main([*args, "--site", str(scenario["site"])]) == 0
    assert git(root, "rev-parse", "riwayat") == tip  # nothing new: no commit
    # a late comment arrives: one new file, every earlier one as it was
    late = json.loads((scenario["events"] / "4-review.json").read_text())
    late["review"].update(id=999, state="commented", submitted_at=z(wib(3, 15, 30)))
    extra = scenario["events"].parent / "events-late"
    shutil.copytree(scenario["events"], extra)
    (extra / "9-comment.json").write_text(json.dumps(late))
    assert main([*args[:-1], str(extra), "--site", str(scenario["site"])]) == 0
    after = blobs()
    assert {k: v for k, v in after.items() if k in before} == before
    assert len(after) == len(before) + 1
    assert git(root, "rev-parse", "riwayat^") == tip
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""  # worktree and index untouched


def test_riwayat_cli_formats(scenario, capsys):
    root = str(scenario["root"])
    assert main(["riwayat", "--root", root, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["langkah"], r["durasi"], r["status"]) for r in rows] == [
        ("1", "5 jam", "tepat waktu"),
        ("2", "1 jam 35 menit", "terlambat"),
        ("3", "4 menit", "tepat waktu"),
        ("4", "2 menit", "tepat waktu"),
        ("5", "6 menit", "tepat waktu"),
    ]
    assert main(["riwayat", "--root", root]) == 0
    text = capsys.readouterr().out
    assert "2 putaran pemeriksaan, 1 kali tidak setuju" in text
    assert "2026-03-03 08:30 WIB -> 2026-03-03 13:30 WIB" in text


def test_riwayat_site_page_downloads_pdf_and_provenance(scenario):
    site = build(scenario["root"]).site
    page = (site / "riwayat" / "index.html").read_text()
    for text in (
        "PR #7: Imunisasi dasar 2025",
        "Rina (@rina-operator)",
        "Budi (@budi-pic)",
        "Sari (@sari-walidata)",
        "1 jam 35 menit",
        "Terlambat",
        "Tepat waktu",
        "2 putaran, 1 kali tidak setuju",
    ):
        assert text in page, text
    data = json.loads((site / "riwayat" / "riwayat.json").read_text())
    assert [s["status"] for s in data[0]["langkah"]][:2] == ["tepat waktu", "terlambat"]
    assert "1 jam 35 menit" in (site / "riwayat" / "riwayat.csv").read_text()
    reader = PdfReader(site / "riwayat" / "riwayat.pdf")
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=1)  # A4
    pdf = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for text in (
        "SOP Penyebarluasan Data",
        "Menyusun publikasi",
        "Melakukan penyebaran",
        "Budi (@budi-pic)",
        "Sari (@sari-walidata)",
        "Tanda tangan / Tanggal",
        "Terlambat",
        "1 jam 35 menit",
    ):
        assert text in pdf, text
    dataset = (site / "dataset" / "dinkes" / "locale" / "index.html").read_text()
    assert "Disetujui oleh (PIC Produsen Data)" in dataset and "Budi (@budi-pic)" in dataset
    assert scenario["merge"][:10] in dataset
    for name in ("data.csv", "data.json", "data.xlsx"):
        assert hashlib.sha256((site / "dataset" / "dinkes" / "locale" / name).read_bytes()).hexdigest() in dataset
    other = (site / "dataset" / "dinkes" / "latin1" / "index.html").read_text()
    assert "belum tercatat dalam" in other and "oleh Rina" in other


def test_riwayat_page_empty_without_the_ref(tmp_path):
    root = tmp_path / "portal"
    root.mkdir()
    shutil.copy(DATA / "portal.yml", root / "portal.yml")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content", ignore=DEMO_PUBLICATIONS)
    shutil.copytree(DATA / "valid" / "latin1", root / "datasets" / "dinkes" / "latin1")
    site = build(root).site
    assert "Belum ada publikasi yang tercatat" in (site / "riwayat" / "index.html").read_text()
    assert not (site / "riwayat" / "riwayat.pdf").exists()
    assert "belum dikomit" in (site / "dataset" / "dinkes" / "latin1" / "index.html").read_text()
