"""The dissemination records (Riwayat Penyebaran): events kept append-only on the Git branch `riwayat`,
and each publication's record derived from them, step by step against the SOP's Mutu Baku."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from git import InvalidGitRepositoryError, NoSuchPathError, Repo
from git.exc import BadName, GitCommandError

from generator.config import Portal
from generator.sop.events import Forge, RecordError, iso, login, utc
from generator.sop.worktime import WorkCalendar

BRANCH = "riwayat"
REFS = (BRANCH, f"origin/{BRANCH}")
# (kegiatan, peran, Mutu Baku in minutes; None = one working day)
STEPS = (
    ("Menyusun publikasi", "Staf Operator Produsen Data", None),
    ("Memeriksa konten hasil publikasi", "PIC Produsen Data", 60),
    ("Memberikan tugas penyebaran hasil publikasi", "PIC Produsen Data", 10),
    ("Menginformasikan hasil publikasi kepada Walidata", "Sistem (alur kerja publish)", 10),
    ("Melakukan penyebaran pada Portal Satu Data", "Walidata", 10),
)
TEPAT, TERLAMBAT, BELUM = "tepat waktu", "terlambat", "belum selesai"


# --- events from the forge and Git ----------------------------------------------------------------------


def collect(root: Path, forge: Forge, files: dict[str, str]) -> list[dict[str, Any]]:
    """The events of one publication: first commit, ready for review, each review, merge, Walidata
    informed, Walidata approval, deployed (with the commit, datasets and published files' SHA-256)."""
    pr = forge.pr
    about = {"nomor": pr["number"], "judul": pr.get("title", ""), "url": pr.get("html_url", "")}
    merge = pr.get("merge_commit_sha") or ""
    first = first_commit(root, pr, forge.commits)
    events = []

    def add(jenis: str, waktu: str | None, pelaku: str, **extra: Any) -> None:
        if waktu:
            events.append({"jenis": jenis, "waktu": iso(utc(waktu)), "pelaku": pelaku, "pr": about, **extra})

    add(
        "komit-pertama",
        first[0] if first else pr.get("created_at"),
        login(pr.get("user")),
        komit=first[1] if first else "",
    )
    add("siap-ditinjau", forge.ready_at, login(pr.get("user")))
    for review in forge.reviews:
        state = str(review.get("state", "")).lower()
        if state in ("approved", "changes_requested", "commented"):
            add(
                "tinjauan",
                review.get("submitted_at"),
                login(review.get("user")),
                keputusan=state,
                komit=review.get("commit_id", ""),
                id=review.get("id"),
            )
    add("digabung", pr.get("merged_at"), login(pr.get("merged_by")), komit=merge)
    add("walidata-diminta", forge.informed_at, "", diminta=forge.informed, lingkungan=forge.environment)
    add("walidata-setuju", forge.approved_at, forge.approver or "", lingkungan=forge.environment)
    add(
        "tersebar",
        forge.deployed_at,
        forge.approver or "",
        komit=merge,
        dataset=changed_datasets(root, merge),
        file=dict(sorted(files.items())),
        lingkungan=forge.environment,
    )
    return events


def repository(root: Path) -> Repo:
    try:
        return Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError) as error:
        raise RecordError(f"{root} bukan repositori Git; riwayat disimpan di cabang Git `{BRANCH}`") from error


def first_commit(root: Path, pr: dict[str, Any], commits: list[dict[str, Any]]) -> tuple[str, str] | None:
    """(author time, sha) of the pull request's first commit: from Git (base..head), else the API's list."""
    base, head = pr.get("base", {}).get("sha"), pr.get("head", {}).get("sha")
    if base and head:
        try:
            shas = repository(root).git.rev_list(
                "--reverse", "--format=%H %aI", "--no-commit-header", f"{base}..{head}"
            )
            if shas.strip():
                sha, when = shas.splitlines()[0].split(" ", 1)
                return when, sha
        except (GitCommandError, RecordError):
            pass  # the branch's commits are not here (squash merge, shallow clone): ask the forge's list
    if commits:
        first = commits[0]
        return first["commit"]["author"]["date"], first["sha"]
    return None


def changed_datasets(root: Path, commit: str) -> list[str]:
    """`<produsen>/<dataset>` of every dataset folder the merge commit changed (against its first parent)."""
    try:
        names = repository(root).git.diff("--name-only", f"{commit}^1", commit, "--", "datasets")
    except (GitCommandError, RecordError):
        return []
    return sorted({"/".join(n.split("/")[1:3]) for n in names.splitlines() if n.count("/") >= 3})


def read_manifest(path: Path) -> dict[str, str]:
    """Published files -> SHA-256, from `sebar publish`'s result JSON (one or a list: uploaded +
    unchanged), a JSON object {path: sha256}, or `sha256sum` lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RecordError(f"{path}: daftar file terbit tidak dapat dibaca ({error.strerror})") from error
    try:
        data = json.loads(text)
    except ValueError:
        found = {}
        for line in text.splitlines():
            match = re.match(r"^([0-9a-f]{64}) [ *](.+)$", line.strip())
            if not match:
                raise RecordError(f"{path}: baris `{line[:60]}` bukan format sha256sum (`<sha256>  <path>`)") from None
            found[match.group(2)] = match.group(1)
        return found
    if isinstance(data, dict) and "uploaded" not in data:
        return {str(k): str(v) for k, v in data.items()}
    results = data if isinstance(data, list) else [data]
    return {
        item["path"]: item["sha256"]
        for result in results
        for item in (result.get("uploaded", []) + result.get("unchanged", []) if "path" not in result else [result])
    }


def site_checksums(site: Path) -> dict[str, str]:
    """SHA-256 of every file of a built site, by its path inside the site."""
    if not site.is_dir():
        raise RecordError(f"{site}: situs belum dibangun; jalankan `sebar build` atau beri --files-from")
    return {p.relative_to(site).as_posix(): sha256(p) for p in sorted(site.rglob("*")) if p.is_file()}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- the `riwayat` branch ----------------------------------------------------------------------------------


def event_path(event: dict[str, Any], year: int) -> str:
    stamp = utc(event["waktu"]).strftime("%Y%m%dT%H%M%SZ")
    suffix = f"-{event['id']}" if event.get("id") is not None else ""
    return f"{BRANCH}/{year}/{event['pr']['nomor']}/{stamp}-{event['jenis']}{suffix}.json"


def append(root: Path, events: list[dict[str, Any]]) -> list[str]:
    """Commit the events not yet on branch `riwayat` (an orphan branch when absent, started from
    `origin/riwayat` when only that exists); a file already there is never rewritten. Returns the
    paths written. The working tree and its index are not touched."""
    repo = repository(root)
    parent = next((ref for ref in REFS if resolves(repo, ref)), None)
    merged = [e for e in events if e["jenis"] == "digabung"]
    year = utc(merged[0]["waktu"] if merged else events[0]["waktu"]).year
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(folder) / "index")}
        env.setdefault("GIT_AUTHOR_NAME", "Sebar")
        env.setdefault("GIT_AUTHOR_EMAIL", "sebar@localhost")
        env.setdefault("GIT_COMMITTER_NAME", env["GIT_AUTHOR_NAME"])
        env.setdefault("GIT_COMMITTER_EMAIL", env["GIT_AUTHOR_EMAIL"])
        if parent:
            repo.git.read_tree(parent, env=env)
        present = set(repo.git.ls_files(env=env).splitlines())
        written = []
        for event in events:
            path = event_path(event, year)
            if path in present:
                continue
            data = json.dumps(event, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False) as blob:
                blob.write(data)
            sha = repo.git.hash_object("-w", blob.name)
            repo.git.update_index("--add", "--cacheinfo", f"100644,{sha},{path}", env=env)
            present.add(path)
            written.append(path)
        if not written:
            return []
        tree = repo.git.write_tree(env=env)
        number = events[0]["pr"]["nomor"]
        message = f"Riwayat Penyebaran: PR #{number}, {len(written)} peristiwa"
        commit = repo.git.commit_tree(tree, *(["-p", parent] if parent else []), "-m", message, env=env)
        repo.git.update_ref(f"refs/heads/{BRANCH}", commit)
    return written


def resolves(repo: Repo, ref: str) -> bool:
    try:
        repo.commit(ref)
    except (BadName, ValueError, GitCommandError):
        return False
    return True


def read_events(root: Path) -> list[dict[str, Any]] | None:
    """Every event on the ref `riwayat` (local branch, else origin/riwayat); None when there is none."""
    try:
        repo = Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        return None
    ref = next((ref for ref in REFS if resolves(repo, ref)), None)
    if ref is None:
        return None
    events = []
    for item in repo.commit(ref).tree.traverse():
        if getattr(item, "type", "") == "blob" and item.path.endswith(".json"):  # type: ignore[union-attr]
            try:
                events.append(json.loads(item.data_stream.read()))  # type: ignore[union-attr]
            except ValueError as error:
                raise RecordError(f"cabang {BRANCH}: {item.path} bukan JSON yang sah ({error})") from error  # type: ignore[union-attr]
    return events


# --- records -----------------------------------------------------------------------------------------------


@dataclass
class Step:
    nomor: int
    kegiatan: str
    peran: str
    pelaku: str
    mulai: str | None
    selesai: str | None
    detik: float | None
    detik_kerja: float | None
    mutu_baku: str
    status: str


@dataclass
class Record:
    pr: int
    judul: str
    url: str
    dataset: list[str]
    operator: str
    pic: list[str]
    walidata: str
    komit: str
    tersebar: str | None
    tidak_setuju: int
    putaran: int
    langkah: list[Step]
    tinjauan: list[dict[str, str]] = field(default_factory=list)
    file: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class People:
    """Logins as the records show them: `Nama (@login)` for the people portal.yml knows."""

    def __init__(self, portal: Portal) -> None:
        people = [portal.walidata] + [p for producer in portal.produsen for p in producer.operator + producer.pic]
        self.names = {p.github.lower(): p.nama for p in people}

    def __call__(self, user: str) -> str:
        if not user:
            return "–"
        name = self.names.get(user.lower())
        return f"{name} (@{user})" if name else f"@{user}"


def derive(events: list[dict[str, Any]], portal: Portal) -> list[Record]:
    """One record per pull request, newest publication first."""
    calendar = WorkCalendar(portal.jam_kerja, portal.hari_libur)
    name = People(portal)
    by_pr: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        by_pr.setdefault(int(event["pr"]["nomor"]), []).append(event)
    records = [
        record(sorted(evs, key=lambda e: (e["waktu"], e["jenis"])), calendar, name, portal) for evs in by_pr.values()
    ]
    return sorted(records, key=lambda r: (r.tersebar or "", r.pr), reverse=True)


def record(events: list[dict[str, Any]], calendar: WorkCalendar, name: People, portal: Portal) -> Record:
    def last(jenis: str) -> dict[str, Any] | None:
        found = [e for e in events if e["jenis"] == jenis]
        return found[-1] if found else None

    first, ready, merged = last("komit-pertama"), last("siap-ditinjau"), last("digabung")
    informed, approved, deployed = last("walidata-diminta"), last("walidata-setuju"), last("tersebar")
    reviews = [e for e in events if e["jenis"] == "tinjauan"]
    before_merge = [r for r in reviews if not merged or r["waktu"] <= merged["waktu"]]
    approvals = [r for r in before_merge if r["keputusan"] == "approved"]
    loops = sum(1 for r in before_merge if r["keputusan"] == "changes_requested")
    approval = approvals[-1] if approvals else None
    pics = sorted({r["pelaku"] for r in approvals})
    walidata = (approved or {}).get("pelaku") or (deployed or {}).get("pelaku") or portal.walidata.github
    spans = [
        (first, ready, name((first or {}).get("pelaku", ""))),
        (ready, approval, ", ".join(name(p) for p in pics) or "–"),
        (approval, merged, name((merged or {}).get("pelaku", ""))),
        (merged, informed, ", ".join(name(p) for p in (informed or {}).get("diminta") or []) or name(walidata)),
        (informed, deployed, name(walidata)),
    ]
    steps = []
    for number, ((start, end, who), (kegiatan, peran, minutes)) in enumerate(zip(spans, STEPS, strict=True), 1):
        standard = calendar.day_seconds if minutes is None else minutes * 60
        clock = work = None
        status = BELUM
        if start and end:
            begin, finish = utc(start["waktu"]), utc(end["waktu"])
            clock = max(0.0, (finish - begin).total_seconds())
            work = calendar.seconds(begin, finish)
            status = TEPAT if work <= standard else TERLAMBAT
        steps.append(
            Step(
                number,
                kegiatan,
                peran,
                who,
                start["waktu"] if start else None,
                end["waktu"] if end else None,
                clock,
                work,
                "1 hari kerja" if minutes is None else f"{minutes} menit",
                status,
            )
        )
    pr = events[0]["pr"]
    return Record(
        pr=int(pr["nomor"]),
        judul=pr.get("judul", ""),
        url=pr.get("url", ""),
        dataset=(deployed or {}).get("dataset", []),
        operator=name((first or {}).get("pelaku", "")),
        pic=[name(p) for p in pics],
        walidata=name(walidata),
        komit=(deployed or merged or {}).get("komit", ""),
        tersebar=(deployed or {}).get("waktu"),
        tidak_setuju=loops,
        putaran=loops + 1 if approvals else loops,
        langkah=steps,
        tinjauan=[
            {"waktu": r["waktu"], "oleh": name(r["pelaku"]), "keputusan": verdict(r["keputusan"])} for r in reviews
        ],
        file=(deployed or {}).get("file", {}),
    )


def verdict(state: str) -> str:
    return {"approved": "setuju", "changes_requested": "tidak setuju (minta perubahan)"}.get(state, "komentar")


def lama(seconds: float | None) -> str:
    """A duration in Indonesian words: `1 jam 35 menit`, `3 hari 18 jam`, `kurang dari 1 menit`."""
    if seconds is None:
        return "–"
    minutes = int(seconds // 60)
    if minutes == 0:
        return "0 menit" if seconds == 0 else "kurang dari 1 menit"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} hari"] * bool(days) + [f"{hours} jam"] * bool(hours) + [f"{minutes} menit"] * bool(minutes)
    return " ".join(parts[:2] if days else parts)


def local(moment: str | None, portal: Portal) -> str:
    """An event time in the portal's zone: `2026-03-03 08:30 WIB`."""
    if not moment:
        return "–"
    zone = WorkCalendar(portal.jam_kerja).zone
    shown = utc(moment).astimezone(zone)
    return shown.strftime("%Y-%m-%d %H:%M ") + (shown.tzname() or "")


# --- output ------------------------------------------------------------------------------------------------

COLUMNS = [
    "pr",
    "judul",
    "dataset",
    "langkah",
    "kegiatan",
    "pelaku",
    "mulai",
    "selesai",
    "durasi_menit",
    "durasi",
    "durasi_kerja_menit",
    "durasi_kerja",
    "mutu_baku",
    "status",
    "tidak_setuju",
    "komit",
]


def to_csv(records: list[Record]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        for s in r.langkah:
            writer.writerow(
                [
                    r.pr,
                    r.judul,
                    " ".join(r.dataset),
                    s.nomor,
                    s.kegiatan,
                    s.pelaku,
                    s.mulai or "",
                    s.selesai or "",
                    "" if s.detik is None else round(s.detik / 60),
                    lama(s.detik),
                    "" if s.detik_kerja is None else round(s.detik_kerja / 60),
                    lama(s.detik_kerja),
                    s.mutu_baku,
                    s.status,
                    r.tidak_setuju if s.nomor == 2 else "",
                    r.komit,
                ]
            )
    return out.getvalue()


def to_json(records: list[Record]) -> str:
    return json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2) + "\n"


def to_text(records: list[Record], portal: Portal) -> str:
    if not records:
        return "Belum ada publikasi yang tercatat (cabang `riwayat` belum ada atau kosong).\n"
    lines = []
    for r in records:
        lines.append(f"PR #{r.pr} {r.judul} — {', '.join(r.dataset) or 'tanpa dataset'} — komit {r.komit[:10]}")
        lines.append(
            f"  operator {r.operator}; PIC {', '.join(r.pic) or '–'}; Walidata {r.walidata}; "
            f"{r.putaran} putaran pemeriksaan, {r.tidak_setuju} kali tidak setuju"
        )
        for s in r.langkah:
            lines.append(
                f"  {s.nomor}. {s.kegiatan} ({s.pelaku}): {local(s.mulai, portal)} -> {local(s.selesai, portal)}; "
                f"{lama(s.detik)} (jam kerja {lama(s.detik_kerja)}), Mutu Baku {s.mutu_baku}: {s.status}"
            )
    return "\n".join(lines) + "\n"


def provenance(records: list[Record]) -> dict[str, Record]:
    """The latest record of each dataset (`<produsen>/<dataset>`)."""
    found: dict[str, Record] = {}
    for r in records:  # newest first
        for name in r.dataset:
            found.setdefault(name, r)
    return found


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def catat(
    root: Path,
    commit: str,
    events_dir: Path | None = None,
    files_from: Path | None = None,
    site: Path | None = None,
    environment: str = "portal",
) -> list[str]:
    """`sebar riwayat catat`: gather the publication of `commit` and append its events to `riwayat`."""
    from generator.sop.events import from_api, from_webhooks

    if events_dir is not None:
        forge = from_webhooks(events_dir, commit)
    else:
        slug = os.environ.get("GITHUB_REPOSITORY")
        if not slug:
            raise RecordError("GITHUB_REPOSITORY tidak ada: jalankan di workflow publish, atau pakai --events FOLDER")
        forge = from_api(slug, commit, environment, now())
    files = read_manifest(files_from) if files_from else site_checksums(site or root / "site")
    return append(root, collect(root, forge, files))


def load_records(root: Path, portal: Portal) -> list[Record] | None:
    """The records on the ref `riwayat`; None when the ref does not exist."""
    events = read_events(root)
    return None if events is None else derive(events, portal)


def read_portal(root: Path) -> Portal:
    """portal.yml, as `sebar check` validates it; an error names the file and the fix."""
    from generator import load
    from generator.errors import DatasetError
    from generator.validate.metadata import check_portal

    try:
        portal, issues = check_portal(load.read_yaml(root / "portal.yml"))
    except (DatasetError, OSError) as error:
        raise RecordError(f"{root / 'portal.yml'} tidak dapat dibaca ({error}); jalankan `sebar check`") from error
    if portal is None:
        raise RecordError(
            f"{root / 'portal.yml'} belum sah ({len(issues)} galat); jalankan `sebar check` lalu perbaiki"
        )
    return portal
