"""The approval guard (SOP steps 2-3): every area a pull request touches is approved by its owner.

An area is a Produsen Data (its folder datasets/<kode>/, approved by one of its PICs) or the
Walidata's (everything else: portal.yml, mkdocs.yml, .github/, content/ pages, templates/, code).
The portal has no per-producer place for publication pages: content/ belongs to the portal, so its
pages are the Walidata's. Reviews are GitHub REST shapes, read from the API or from JSON files.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from generator.config import Person, Portal
from generator.errors import SebarError
from generator.sop.roles import handle

WALIDATA = "walidata"
COUNTED = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")  # COMMENTED and PENDING change nothing
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
SHOWN_FILES = 5
TIMEOUT = 30


class ForgeError(SebarError):
    """The forge's answer (API or JSON file) cannot be read."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    head: str  # the sha of the PR's latest commit: only approvals of this commit count
    author: str
    files: tuple[str, ...]  # every path touched, both names of a rename
    reviews: tuple[dict[str, Any], ...]


@dataclass
class Area:
    kode: str  # a producer's code, or WALIDATA
    nama: str
    folder: str
    owners: tuple[Person, ...]
    files: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)  # described people whose approval counts
    refused: list[str] = field(default_factory=list)  # owners whose "request changes" stands
    needed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "tidak-setuju" if self.refused else "disetujui" if self.approved else "menunggu"


STATUS = {"disetujui": "DISETUJUI", "menunggu": "MENUNGGU PERSETUJUAN", "tidak-setuju": "TIDAK SETUJU"}


@dataclass(frozen=True)
class Decision:
    pr: PullRequest
    areas: tuple[Area, ...]

    @property
    def passed(self) -> bool:
        return all(area.status == "disetujui" for area in self.areas)

    def headline(self) -> str:
        verdict = "LULUS" if self.passed else "DIBLOKIR"
        return f"Pemeriksaan persetujuan PR #{self.pr.number} (commit terbaru {self.pr.head[:7]}): {verdict}"

    def lines(self) -> list[tuple[str, list[str]]]:
        """Each area's title and its lines, shared by the text and the Markdown output."""
        out = []
        for area in self.areas:
            shown = ", ".join(area.files[:SHOWN_FILES]) + (
                f", dan {len(area.files) - SHOWN_FILES} lainnya" if len(area.files) > SHOWN_FILES else ""
            )
            body = [f"Berkas: {shown}"]
            if area.approved:
                body.append("Disetujui oleh: " + ", ".join(area.approved))
            if area.refused:
                body.append(
                    "Tidak setuju: "
                    + ", ".join(area.refused)
                    + " meminta perbaikan. Kembali ke operator (langkah 1 SOP): perbaiki di cabang yang sama, "
                    "lalu minta PIC itu meninjau ulang."
                )
            if area.status != "disetujui":
                body.append("Masih perlu: " + ("; ".join(area.needed) or "-"))
            body += [f"Catatan: {note}" for note in area.notes]
            out.append((f"[{STATUS[area.status]}] {area.nama} ({area.folder})", body))
        return out

    def to_text(self) -> str:
        text = [self.headline()]
        if not self.areas:
            text.append("Pull request ini tidak mengubah file apa pun.")
        for title, body in self.lines():
            text += ["", title, *(f"  {line}" for line in body)]
        return "\n".join(text) + "\n"

    def to_markdown(self) -> str:
        text = [f"### {md(self.headline())}", ""]
        for title, body in self.lines():
            text += [f"**{md(title)}**", "", *(f"- {md(line)}" for line in body), ""]
        return "\n".join(text)

    def to_json(self) -> str:
        data = {
            "pull_request": self.pr.number,
            "head": self.pr.head,
            "lulus": self.passed,
            "area": [
                {
                    "kode": area.kode,
                    "nama": area.nama,
                    "folder": area.folder,
                    "status": area.status,
                    "berkas": area.files,
                    "disetujui_oleh": area.approved,
                    "tidak_setuju": area.refused,
                    "masih_perlu": [] if area.status == "disetujui" else area.needed,
                    "catatan": area.notes,
                }
                for area in self.areas
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def md(text: str) -> str:
    """Text safe inside GitHub Markdown: no HTML, no formatting, no @mention pings from file names."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#~])", r"\\\1", text).replace("@", "@\u200b")


def area_of(path: str, portal: Portal) -> str:
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "datasets" and portal.producer(parts[1]) is not None:
        return parts[1]
    return WALIDATA  # a folder of an unknown producer is a new producer: a portal.yml matter


def standing(reviews: tuple[dict[str, Any], ...]) -> dict[str, dict[str, Any]]:
    """Each reviewer's latest approve/request-changes; a dismissed one leaves nothing standing."""
    latest: dict[str, dict[str, Any]] = {}
    # GitHub lists reviews oldest first; sorting by time (stable) also orders JSON written by hand
    for review in sorted(reviews, key=lambda r: str(r.get("submitted_at") or "")):
        state = str(review.get("state") or "").upper()  # the REST API says APPROVED, webhooks `approved`
        login = str((review.get("user") or {}).get("login") or "").lower()
        if state in COUNTED and login:
            latest[login] = {**review, "state": state}
    return {login: r for login, r in latest.items() if r["state"] != "DISMISSED"}


def decide(portal: Portal, pr: PullRequest) -> Decision:
    people = {handle(p).lower(): p for p in (portal.walidata, *(x for p in portal.produsen for x in p.operator))}
    people |= {handle(x).lower(): x for p in portal.produsen for x in p.pic}

    def who(login: str) -> str:
        person = people.get("@" + login.lower())
        return f"{person.nama} ({handle(person)})" if person else f"@{login}"

    areas: dict[str, Area] = {}
    for path in sorted(set(pr.files)):
        kode = area_of(path, portal)
        if kode not in areas:
            producer = portal.producer(kode)
            areas[kode] = (
                Area(kode, "Walidata: pengaturan portal, halaman dan kode", "di luar datasets/", (portal.walidata,))
                if producer is None
                else Area(kode, producer.nama, f"datasets/{kode}/", tuple(producer.pic))
            )
        areas[kode].files.append(path)
    reviews = standing(pr.reviews)
    author = pr.author.lower()
    for kode in sorted(areas, key=lambda k: (k == WALIDATA, k)):
        area = areas[kode]
        owners = {handle(p)[1:].lower(): p for p in area.owners}
        role = "Walidata" if kode == WALIDATA else f"PIC {area.nama}"
        others = []
        for login, review in reviews.items():
            commit = str(review.get("commit_id") or "")
            if login not in owners:
                if review["state"] == "APPROVED":
                    others.append(f"persetujuan {who(login)} tidak dihitung di sini: bukan {role}.")
            elif review["state"] == "CHANGES_REQUESTED":
                area.refused.append(who(login))
            elif login == author:
                area.notes.append(f"persetujuan {who(login)} tidak dihitung: penulis pull request sendiri.")
            elif commit != pr.head:
                area.notes.append(
                    f"{who(login)} menyetujui commit lama {commit[:7]}; setelah itu ada perubahan, "
                    f"jadi perlu menyetujui ulang commit terbaru {pr.head[:7]}."
                )
            else:
                area.approved.append(who(login))
        if area.status == "menunggu":  # say why an approval given did not count
            area.notes += others
        candidates = [p for login, p in owners.items() if login != author]
        if area.refused:
            area.needed.append(
                "persetujuan dari yang meminta perbaikan, setelah diperbaiki: " + ", ".join(area.refused)
            )
        elif candidates:
            names = ", ".join(f"{p.nama} ({handle(p)})" for p in candidates)
            area.needed.append(
                f"persetujuan Walidata {names}" if kode == WALIDATA else f"persetujuan salah satu PIC: {names}"
            )
        else:
            area.needed.append(f"{role} lain: penulis pull request tidak boleh menyetujui perubahannya sendiri")
    ordered = sorted(areas.values(), key=lambda a: (a.kode == WALIDATA, a.kode))
    return Decision(pr, tuple(ordered))


# --- reading the forge's JSON -------------------------------------------------------------


def pull_request(pr: Any, files: Any, reviews: Any) -> PullRequest:
    """The three REST answers (pull, its files, its reviews) as one PullRequest."""
    try:
        paths = []
        for item in files:
            paths.append(str(item["filename"]))
            if item.get("previous_filename"):  # a rename touches both folders
                paths.append(str(item["previous_filename"]))
        return PullRequest(
            number=int(pr["number"]),
            head=str(pr["head"]["sha"]),
            author=str(pr["user"]["login"]),
            files=tuple(paths),
            reviews=tuple(r for r in reviews if isinstance(r, dict)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ForgeError(
            f"data pull request tidak berbentuk jawaban REST GitHub (kunci {error} tidak ada atau salah); "
            "periksa file JSON atau jawaban API"
        ) from error


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ForgeError(f"{path}: file tidak dapat dibaca ({error.strerror})") from error
    except json.JSONDecodeError as error:
        raise ForgeError(f"{path}: bukan JSON yang sah (baris {error.lineno}): {error.msg}") from error


def from_files(pr: Path, files: Path, reviews: Path) -> PullRequest:
    return pull_request(read_json(pr), read_json(files), read_json(reviews))


class Api:
    """GitHub's REST API with the workflow's token; pages followed through the Link header."""

    def __init__(self, base: str | None = None, token: str | None = None) -> None:
        self.base = (base or os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"})
        token = token if token is not None else os.environ.get("GITHUB_TOKEN")
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, url: str) -> requests.Response:
        try:
            response = self.session.get(url, timeout=TIMEOUT)
        except requests.RequestException as error:
            raise ForgeError(f"API GitHub tidak dapat dihubungi ({url}): {error}") from error
        if response.status_code != 200:
            raise ForgeError(
                f"API GitHub menjawab {response.status_code} untuk {url}: {response.text[:200]}; "
                "periksa --repo, --pr dan izin GITHUB_TOKEN (pull-requests: read)"
            )
        return response

    def one(self, path: str) -> Any:
        return self.get(self.base + path).json()

    def all(self, path: str, **params: str) -> list[Any]:
        items: list[Any] = []
        url: str | None = f"{self.base}{path}?{urlencode({'per_page': 100, **params})}"
        while url:
            response = self.get(url)
            items += response.json()
            url = response.links.get("next", {}).get("url")
            if url and not url.startswith(self.base + "/"):  # the token goes to the API's host only
                raise ForgeError(f"halaman berikutnya menunjuk ke luar API GitHub: {url}")
        return items


def from_api(repo: str, number: int, api: Api | None = None) -> PullRequest:
    if not REPO.match(repo):
        raise ForgeError(f"--repo `{repo}` tidak sah: tulis PEMILIK/NAMA, mis. `diskominfo/portal-data`")
    api = api or Api()
    base = f"/repos/{repo}/pulls/{number}"
    return pull_request(api.one(base), api.all(base + "/files"), api.all(base + "/reviews"))


def write_summary(decision: Decision) -> None:
    """In GitHub Actions the verdict also goes to the run's summary page."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(decision.to_markdown() + "\n")
