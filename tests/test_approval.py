"""The approval guard (sebar approval) on GitHub REST shapes: from JSON files and over real HTTP.

Reviews and pull requests are copies of real webhook payloads (tests/data/github-events/, byte for
byte from octokit/webhooks @ 3a58428, MIT) with users, states, commits and times changed.
"""

from __future__ import annotations

import copy
import http.server
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.sop.approval import from_api
from tests.helpers import listening

ROOT = Path(__file__).resolve().parents[1]
EVENTS = Path(__file__).resolve().parent / "data" / "github-events"
HEAD, OLD = "a" * 40, "b" * 40


def payload(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text())


def pull(author: str = "dewi-operator", head: str = HEAD, number: int = 41) -> dict[str, Any]:
    pr = copy.deepcopy(payload("pull_request.opened.json")["pull_request"])
    pr["user"]["login"], pr["head"]["sha"], pr["number"] = author, head, number
    return pr


def review(login: str, state: str, commit: str = HEAD, at: str = "2026-11-02T09:00:00Z") -> dict[str, Any]:
    shape = copy.deepcopy(payload("pull_request_review.submitted.json")["review"])
    shape["user"]["login"], shape["state"], shape["commit_id"], shape["submitted_at"] = login, state, commit, at
    return shape


def changed(*names: str, renamed_from: str | None = None) -> list[dict[str, Any]]:
    files = [
        {"sha": "0" * 40, "filename": name, "status": "modified", "additions": 1, "deletions": 1} for name in names
    ]
    if renamed_from:
        files[-1] |= {"status": "renamed", "previous_filename": renamed_from}
    return files


BANDUNG = "datasets/bandung/objek-wisata-belanja/data.csv"
JABAR = "datasets/opendata-jabar/penduduk-miskin/datapackage.yaml"


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list, reviews: list, pr: dict | None = None, *extra):
    paths = []
    for name, data in (("pr", pr or pull()), ("files", files), ("reviews", reviews)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data))
        paths.append(str(path))
    argv = ["approval", "--root", str(ROOT), "--pr-json", paths[0], "--files-json", paths[1], "--reviews-json"]
    code = main([*argv, paths[2], *extra])
    return code, capsys.readouterr().out


def verdict(tmp_path, capsys, files, reviews, pr=None) -> tuple[int, dict[str, Any]]:
    code, out = run(tmp_path, capsys, files, reviews, pr, "--format", "json")
    return code, json.loads(out)


def test_approval_by_the_producers_pic_passes(tmp_path, capsys):
    code, out = run(tmp_path, capsys, changed(BANDUNG), [review("hendra-pic", "APPROVED")])
    assert code == 0
    assert out.splitlines()[0] == "Pemeriksaan persetujuan PR #41 (commit terbaru aaaaaaa): LULUS"
    assert "[DISETUJUI] Satu Data Kota Bandung (datasets/bandung/)" in out
    assert "Disetujui oleh: Hendra (@hendra-pic)" in out


def test_approval_webhook_lowercase_state_counts(tmp_path, capsys):
    code, result = verdict(tmp_path, capsys, changed(BANDUNG), [review("hendra-pic", "approved")])
    assert code == 0 and result["lulus"] is True


@pytest.mark.parametrize(
    ("login", "who"), [("budi-pic", "Budi (@budi-pic)"), ("dewi-operator", None), ("rina-operator", "Rina")]
)
def test_approval_wrong_reviewer_blocks_naming_the_pic(tmp_path, capsys, login, who):
    # a PIC of another producer, the author (an operator), another producer's operator
    code, out = run(tmp_path, capsys, changed(BANDUNG), [review(login, "APPROVED")])
    assert code == 1
    assert "DIBLOKIR" in out.splitlines()[0]
    assert "[MENUNGGU PERSETUJUAN] Satu Data Kota Bandung" in out
    assert "Masih perlu: persetujuan salah satu PIC: Hendra (@hendra-pic)" in out
    if who:
        assert f"persetujuan {who}" in out and "bukan PIC Satu Data Kota Bandung" in out
    else:
        assert "penulis pull request sendiri" not in out  # not an owner: it simply does not count


def test_approval_by_the_author_who_is_the_pic_does_not_count(tmp_path, capsys):
    code, result = verdict(tmp_path, capsys, changed(BANDUNG), [review("hendra-pic", "APPROVED")], pull("hendra-pic"))
    assert code == 1
    (area,) = result["area"]
    assert area["status"] == "menunggu"
    assert area["catatan"] == ["persetujuan Hendra (@hendra-pic) tidak dihitung: penulis pull request sendiri."]
    assert "penulis pull request tidak boleh menyetujui" in area["masih_perlu"][0]


def test_approval_on_an_older_commit_blocks(tmp_path, capsys):
    code, out = run(tmp_path, capsys, changed(BANDUNG), [review("hendra-pic", "APPROVED", commit=OLD)])
    assert code == 1
    assert "Hendra (@hendra-pic) menyetujui commit lama bbbbbbb" in out
    assert "menyetujui ulang commit terbaru aaaaaaa" in out


def test_approval_standing_request_changes_blocks_even_with_another_pic_approving(tmp_path, capsys):
    portal = (
        (ROOT / "portal.yml")
        .read_text()
        .replace(
            "      - nama: Hendra\n        github: hendra-pic\n",
            "      - nama: Hendra\n        github: hendra-pic\n      - nama: Wulan\n        github: wulan-pic\n",
        )
    )
    root = tmp_path / "portal"
    root.mkdir()
    (root / "portal.yml").write_text(portal)
    reviews = [review("wulan-pic", "APPROVED"), review("hendra-pic", "CHANGES_REQUESTED", commit=OLD)]
    code, out = run(tmp_path, capsys, changed(BANDUNG), reviews, None, "--root", str(root))
    assert code == 1
    assert "[TIDAK SETUJU] Satu Data Kota Bandung" in out
    assert "Disetujui oleh: Wulan (@wulan-pic)" in out
    assert "Tidak setuju: Hendra (@hendra-pic) meminta perbaikan. Kembali ke operator (langkah 1 SOP)" in out


def test_approval_latest_state_counts_comments_ignored_dismissed_removes(tmp_path, capsys):
    files = changed(BANDUNG)
    refused_then_approved = [
        review("hendra-pic", "CHANGES_REQUESTED", OLD, "2026-11-02T09:00:00Z"),
        review("hendra-pic", "APPROVED", HEAD, "2026-11-02T10:00:00Z"),
        review("hendra-pic", "COMMENTED", HEAD, "2026-11-02T11:00:00Z"),
    ]
    assert verdict(tmp_path, capsys, files, refused_then_approved)[0] == 0
    # listed out of order: the time decides, not the position
    approved_then_refused = [
        review("hendra-pic", "CHANGES_REQUESTED", HEAD, "2026-11-02T12:00:00Z"),
        review("hendra-pic", "APPROVED", HEAD, "2026-11-02T10:00:00Z"),
    ]
    code, result = verdict(tmp_path, capsys, files, approved_then_refused)
    assert code == 1 and result["area"][0]["status"] == "tidak-setuju"
    dismissed = [review("hendra-pic", "DISMISSED", HEAD, "2026-11-02T12:00:00Z")]
    code, result = verdict(tmp_path, capsys, files, approved_then_refused[1:] + dismissed)
    assert code == 1 and result["area"][0]["status"] == "menunggu"


@pytest.mark.parametrize(
    "path", ["portal.yml", "mkdocs.yml", ".github/workflows/ci.yml", "content/bantuan/index.md", "generator/cli.py"]
)
def test_approval_outside_datasets_needs_the_walidata(tmp_path, capsys, path):
    code, result = verdict(tmp_path, capsys, changed(path), [review("hendra-pic", "APPROVED")])
    assert code == 1
    (area,) = result["area"]
    assert (area["kode"], area["status"], area["berkas"]) == ("walidata", "menunggu", [path])
    assert area["masih_perlu"] == ["persetujuan Walidata Sari (@sari-walidata)"]
    code, result = verdict(tmp_path, capsys, changed(path), [review("sari-walidata", "APPROVED")])
    assert code == 0 and result["area"][0]["disetujui_oleh"] == ["Sari (@sari-walidata)"]


def test_approval_two_producers_touched_need_both(tmp_path, capsys):
    files = changed(BANDUNG, JABAR)
    code, result = verdict(tmp_path, capsys, files, [review("hendra-pic", "APPROVED")])
    assert code == 1
    assert [(a["kode"], a["status"]) for a in result["area"]] == [
        ("bandung", "disetujui"),
        ("opendata-jabar", "menunggu"),
    ]
    assert result["area"][1]["masih_perlu"] == ["persetujuan salah satu PIC: Budi (@budi-pic)"]
    both = [review("hendra-pic", "APPROVED"), review("budi-pic", "APPROVED")]
    assert verdict(tmp_path, capsys, files, both)[0] == 0


def test_approval_rename_across_producers_needs_both_sides(tmp_path, capsys):
    files = changed(BANDUNG, renamed_from="datasets/opendata-jabar/penduduk-miskin/data.csv")
    code, result = verdict(tmp_path, capsys, files, [review("hendra-pic", "APPROVED")])
    assert code == 1 and [a["kode"] for a in result["area"]] == ["bandung", "opendata-jabar"]


def test_approval_unknown_producer_folder_needs_the_walidata(tmp_path, capsys):
    code, result = verdict(tmp_path, capsys, changed("datasets/dinkes/imunisasi/data.csv"), [])
    assert code == 1 and result["area"][0]["kode"] == "walidata"


def test_approval_writes_the_step_summary_in_actions(tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    evil = "datasets/bandung/x/<img src=x>@hendra-pic.csv"
    run(tmp_path, capsys, changed(evil), [review("budi-pic", "APPROVED")])
    text = summary.read_text()
    assert text.startswith("### Pemeriksaan persetujuan PR \\#41 (commit terbaru aaaaaaa): DIBLOKIR")
    assert (
        "&lt;img src=x&gt;" in text and "<img" not in text and "@hendra-pic.csv" not in text
    )  # no HTML, no mention from a file name


def test_approval_bad_input_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "x.json").write_text("{")
    code = main(["approval", "--root", str(ROOT), "--pr-json", str(tmp_path / "x.json")])
    assert code == 2
    assert "--pr-json F --files-json F --reviews-json F" in capsys.readouterr().err
    name = str(tmp_path / "x.json")
    code = main(["approval", "--root", str(ROOT), "--pr-json", name, "--files-json", name, "--reviews-json", name])
    assert code == 2
    assert (
        capsys.readouterr().err
        == f"Galat: {name}: bukan JSON yang sah (baris 1): Expecting property name enclosed in double quotes\n"
    )


# --- the API path, over real HTTP -----------------------------------------------------------


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """Answers the three REST calls like api.github.com: pages of 2 items with Link headers."""

    routes: dict[str, Any] = {}
    seen: list[tuple[str, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append((self.path, self.headers.get("Authorization")))
        path, _, query = self.path.partition("?")
        params = dict(p.split("=") for p in query.split("&") if p)
        data = self.routes.get(path)
        if data is None:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b'{"message": "Not Found"}')
            return
        headers = {}
        if isinstance(data, list):
            page = int(params.get("page", 1))
            size = 2  # small pages: three reviews need two requests
            last = max(1, -(-len(data) // size))
            base = f"http://{self.headers['Host']}{path}?per_page=100"
            if page < last:
                headers["Link"] = f'<{base}&page={page + 1}>; rel="next", <{base}&page={last}>; rel="last"'
            data = data[(page - 1) * size : page * size]
        body = json.dumps(data).encode()
        self.send_response(200)
        for key, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def github() -> Iterator[str]:
    with listening(FakeGitHub) as address:
        yield address


def test_approval_from_the_api_follows_pages(github, monkeypatch, capsys):
    base = "/repos/diskominfo/portal/pulls/41"
    FakeGitHub.routes = {
        base: pull(),
        base + "/files": changed(BANDUNG, JABAR, "portal.yml"),
        base + "/reviews": [
            review("hendra-pic", "APPROVED"),
            review("budi-pic", "COMMENTED"),
            review("budi-pic", "APPROVED", at="2026-11-02T09:30:00Z"),
            review("sari-walidata", "APPROVED", at="2026-11-02T09:40:00Z"),
        ],
    }
    FakeGitHub.seen = []
    monkeypatch.setenv("GITHUB_API_URL", github)
    monkeypatch.setenv("GITHUB_TOKEN", "token-uji")
    code = main(["approval", "--root", str(ROOT), "--repo", "diskominfo/portal", "--pr", "41", "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0, result
    assert [(a["kode"], a["status"]) for a in result["area"]] == [
        ("bandung", "disetujui"),
        ("opendata-jabar", "disetujui"),
        ("walidata", "disetujui"),
    ]
    paths = [path for path, _ in FakeGitHub.seen]
    assert paths == [
        base,
        base + "/files?per_page=100",
        base + "/files?per_page=100&page=2",
        base + "/reviews?per_page=100",
        base + "/reviews?per_page=100&page=2",
    ]
    assert {auth for _, auth in FakeGitHub.seen} == {"Bearer token-uji"}
    # the last page's approval mattered: without the second page the Walidata would be missing
    pr = from_api("diskominfo/portal", 41)
    assert [r["user"]["login"] for r in pr.reviews][-1] == "sari-walidata"


def test_approval_api_error_names_the_fix(github, monkeypatch, capsys):
    FakeGitHub.routes = {}
    monkeypatch.setenv("GITHUB_API_URL", github)
    code = main(["approval", "--root", str(ROOT), "--repo", "diskominfo/portal", "--pr", "7"])
    err = capsys.readouterr().err
    assert code == 2
    assert "API GitHub menjawab 404" in err and "periksa --repo, --pr dan izin GITHUB_TOKEN" in err
