"""The `sebar` command: each subcommand parses its options and calls one library function."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import re
import shutil
import sys
from pathlib import Path
from typing import Any, NoReturn

from generator.build import InvalidContent, build
from generator.cache import DEFAULT, Cache
from generator.errors import SebarError
from generator.limits import bounded, configured_limits
from generator.progress import Progress
from generator.scaffold import new_dataset
from generator.serve import serve
from generator.sop import approval
from generator.sop.roles import read_portal, write_codeowners
from generator.validate import check, tampil

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
PREVIEW = "http://127.0.0.1:8000/"  # `sebar build --pratinjau` without `url` in portal.yml: as `sebar serve`


# argparse's own words, in Indonesian: its messages are English templates filled in before `error` gets them
ARGPARSE_ID = [
    (r"the following arguments are required: ", "argumen berikut wajib diisi: "),
    (r"one of the arguments (.+) is required", r"salah satu argumen \1 wajib diisi"),
    (r"unrecognized arguments: ", "argumen tidak dikenal: "),
    (r"invalid choice: (.+?) \(choose from (.+)\)", r"pilihan \1 tidak ada; pilih salah satu: \2"),
    (r"invalid (\w+) value: (.+)", r"nilai \2 tidak sah (harus \1)"),
    (r"expected one argument", "perlu satu nilai"),
    (r"expected at most one argument", "paling banyak satu nilai"),
    (r"expected at least one argument", "perlu paling sedikit satu nilai"),
    (r"ambiguous option: (.+) could match (.+)", r"opsi \1 ambigu: bisa berarti \2"),
    (r"not allowed with argument ", "tidak boleh bersama argumen "),
    (r"ignored explicit argument ", "argumen diabaikan: "),
    (r"^argument ", "argumen "),
    (r"\(harus int\)", "(harus bilangan bulat)"),
    (r"\(harus float\)", "(harus angka)"),
]


def indonesian(message: str) -> str:
    for pattern, replacement in ARGPARSE_ID:
        message = re.sub(pattern, replacement, message)
    return message


class Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse speaking Indonesian: usage, section titles, -h and every error (an operator reads them)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {indonesian(message)}\nBantuan: {self.prog} --help\n")


def cmd_check(args: argparse.Namespace) -> int:
    cache = Cache(args.root, args.cache or args.root / DEFAULT)
    with bounded(configured_limits(args.root)):  # the CI gate must end, whatever the pull request holds
        _, datasets, report = check(args.root, cache, args.jobs)
    if args.format == "json":
        print(report.to_json(args.lang))
    else:
        print(report.to_text(args.lang, terminal_width()))
        ok = "{n} dataset sah." if args.lang == "id" else "{n} datasets valid."
        print(ok.format(n=len(datasets)))
        hidden = tampil.to_text(tampil.not_shown(args.root, datasets), args.lang, terminal_width())
        if hidden:
            print(hidden)
    return EXIT_OK if report.valid else EXIT_INVALID


def terminal_width() -> int | None:
    """The terminal's width to wrap reports to; None when the output is a file, a pipe or a CI log (some
    tools export COLUMNS=80 to their children: a log keeps its long lines for grep)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size(fallback=(0, 0)).columns or None


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress(True if args.progress else None)
    preview = PREVIEW if args.pratinjau else None
    result = build(args.root, args.site, args.cache, args.jobs, progress, preview=preview)
    if result.report.issues:
        print(result.report.to_text(args.lang, terminal_width()))
    stats = result.stats
    progress.summary(
        f"Cache: {stats.hits} dataset dipakai ulang, {stats.misses} diperiksa; "
        + ("semua halaman dibangun." if stats.full_pages else "hanya halaman yang berubah dibangun.")
    )
    print(f"Situs selesai dibangun: {result.site} ({result.datasets} dataset, {result.pages} halaman).")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    serve(args.root, args.site, args.host, args.port, report=functools.partial(print, flush=True), cache_dir=args.cache)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    folder, branch, warnings = new_dataset(
        args.root, args.produsen, args.nama, branch=not args.tanpa_cabang, data=args.data
    )
    for warning in warnings:
        print(f"Peringatan: {warning}", file=sys.stderr)
    if branch:
        print(f"Cabang baru: {branch}")
    if args.data:
        print(
            f"Dataset baru dibuat: {folder}/ berisi {args.data.name} dan datapackage.yaml (kolom, tipe dan pemisah "
            "dibaca dari file). Ganti setiap isian [ISI: ...] dengan artinya, lalu jalankan `sebar check`."
        )
    else:
        print(
            f"Dataset baru dibuat: {folder}/datapackage.yaml — letakkan file data di folder itu, ganti setiap "
            "isian [ISI: ...], lalu jalankan `sebar check`. Lebih mudah: `sebar new dataset ... --data FILE.csv`."
        )
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from generator import templat
    from generator.sop.roles import read_portal

    path = templat.write_template(read_portal(args.root), args.keluar or Path(templat.NAME))
    print(
        f"Templat ditulis: {path}. Isi sheet metadata, kolom dan data, simpan di datasets/<produsen>/<nama>/, "
        "lalu jalankan `sebar check` (atau unggah lewat halaman web forge)."
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from generator.templat import import_template

    path = import_template(args.folder)
    print(f"Ditulis: {path} (dari templat XLSX; datanya tetap di sheet `data`). Jalankan `sebar check`.")
    return EXIT_OK


def cmd_riwayat(args: argparse.Namespace) -> int:
    from generator.sop import records

    if args.aksi == "catat":
        if not args.commit:
            raise records.RecordError("`sebar riwayat catat` butuh --commit SHA (komit penggabungan yang diterbitkan)")
        written = records.catat(args.root, args.commit, args.events, args.files_from, args.site, args.lingkungan)
        print(
            f"{len(written)} peristiwa baru dicatat di cabang `{records.BRANCH}`."
            if written
            else "Tidak ada peristiwa baru."
        )
        for path in written:
            print(f"  {path}")
        return EXIT_OK
    portal = records.read_portal(args.root)
    found = records.load_records(args.root, portal) or []
    output = {"csv": records.to_csv, "json": records.to_json}.get(args.format)
    print(output(found) if output else records.to_text(found, portal), end="")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from generator.publish.base import PublishError, publish

    try:
        results = publish(args.root, args.site, [args.target] if args.target else None)
    except PublishError as error:
        if args.format == "json" and error.result is not None:
            print(json.dumps([json.loads(error.result.to_json())], ensure_ascii=False, indent=2))
        raise
    if args.format == "json":
        print(json.dumps([json.loads(result.to_json()) for result in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(f"Terbit: {result.summary()}")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from generator.sop import markdown
    from generator.sop.review import review, to_json

    data = review(args.root, args.base, args.head, args.pratinjau, args.jobs)
    print(
        to_json(data) if args.format == "json" else markdown.render(data), end="" if args.format == "markdown" else "\n"
    )
    return EXIT_OK


def cmd_roles(args: argparse.Namespace) -> int:
    path, changed = write_codeowners(args.root)
    print(f"{path} {'ditulis ulang dari portal.yml' if changed else 'sudah sesuai dengan portal.yml'}.")
    if changed:
        print("Commit file itu agar PIC diminta meninjau secara otomatis.")
    return EXIT_OK


def cmd_approval(args: argparse.Namespace) -> int:
    files = (args.pr_json, args.files_json, args.reviews_json)
    if args.repo and any(files) or not args.repo and not all(files):
        raise approval.ForgeError(
            "beri `--repo PEMILIK/NAMA --pr N` (dari API GitHub) atau ketiganya: "
            "`--pr-json F --files-json F --reviews-json F`"
        )
    if args.repo:
        if args.pr is None:
            raise approval.ForgeError("`--repo` perlu `--pr N` (nomor pull request)")
        pr = approval.from_api(args.repo, args.pr)
    else:
        pr = approval.from_files(args.pr_json, args.files_json, args.reviews_json)
    decision = approval.decide(read_portal(args.root), pr)
    print(decision.to_json() if args.format == "json" else decision.to_text(), end="")
    approval.write_summary(decision)
    return EXIT_OK if decision.passed else EXIT_INVALID


def parser() -> argparse.ArgumentParser:
    # The common options work before or after the command: `sebar --lang en check` = `sebar check --lang en`.
    common = Parser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="folder portal (berisi portal.yml)")
    common.add_argument("--lang", choices=["id", "en"], default=argparse.SUPPRESS, help="bahasa pesan (id/en)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="tampilkan traceback")
    common.add_argument(
        "--cache", type=Path, default=argparse.SUPPRESS, help="folder cache build (bawaan: .sebar-cache/ di portal)"
    )
    common.add_argument(
        "--jobs", type=int, default=argparse.SUPPRESS, help="proses paralel (bawaan: semua inti CPU; 1 = tanpa paralel)"
    )
    common.add_argument(
        "--progress", action="store_true", default=argparse.SUPPRESS, help="tampilkan kemajuan walau bukan terminal/CI"
    )
    main = Parser(prog="sebar", description="Sebar: portal Satu Data dari repositori Git.", parents=[common])
    sub = main.add_subparsers(dest="command", required=True, metavar="PERINTAH", title="perintah")
    p = sub.add_parser("check", parents=[common], help="periksa metadata dan data semua dataset")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=cmd_check)
    for name, run, text in (
        ("build", cmd_build, "bangun situs ke site/"),
        ("serve", cmd_serve, "bangun lalu pratinjau"),
    ):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("--site", type=Path, default=None, help="folder hasil (bawaan: site/)")
        p.set_defaults(run=run)
    sub.choices["build"].add_argument(
        "--pratinjau",
        action="store_true",
        help=f"pratinjau: tanpa `url` di portal.yml, tautan memakai {PREVIEW} (bukan untuk diterbitkan)",
    )
    serve = sub.choices["serve"]
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    new = sub.add_parser("new", parents=[common], help="buat kerangka dataset baru")
    new.add_argument("kind", choices=["dataset"])
    new.add_argument("--produsen", required=True, help="kode produsen dari portal.yml")
    new.add_argument("--nama", required=True, help="nama dataset: huruf kecil dan tanda hubung")
    new.add_argument(
        "--data", type=Path, default=None, help="file CSV/XLSX yang disalin ke folder dataset; kolomnya dibaca otomatis"
    )
    new.add_argument("--tanpa-cabang", action="store_true", help="jangan buat cabang Git draf/<produsen>/<nama>")
    new.set_defaults(run=cmd_new)
    template = sub.add_parser(
        "template", parents=[common], help="tulis templat-dataset.xlsx: metadata, kolom dan data tanpa YAML"
    )
    template.add_argument("--keluar", type=Path, default=None, help="file tujuan (bawaan: templat-dataset.xlsx)")
    template.set_defaults(run=cmd_template)
    imports = sub.add_parser("import", parents=[common], help="tulis datapackage.yaml dari templat XLSX yang terisi")
    imports.add_argument("folder", type=Path, help="folder dataset berisi templat yang terisi")
    imports.set_defaults(run=cmd_import)
    riwayat = sub.add_parser("riwayat", parents=[common], help="Riwayat Penyebaran: tampilkan atau catat (catat)")
    riwayat.add_argument("aksi", nargs="?", choices=["catat"], help="catat: tambahkan peristiwa ke cabang riwayat")
    riwayat.add_argument("--format", choices=["text", "csv", "json"], default="text")
    riwayat.add_argument("--commit", help="komit penggabungan yang diterbitkan (catat)")
    riwayat.add_argument("--events", type=Path, help="folder payload webhook GitHub, bukan API (catat)")
    riwayat.add_argument("--files-from", type=Path, help="daftar file terbit dengan SHA-256 (catat)")
    riwayat.add_argument("--site", type=Path, help="situs yang diterbitkan, bila tanpa --files-from (bawaan: site/)")
    riwayat.add_argument("--lingkungan", default="portal", help="environment GitHub penerbitan (bawaan: portal)")
    riwayat.set_defaults(run=cmd_riwayat)
    publish = sub.add_parser("publish", parents=[common], help="sebarkan situs yang sudah dibangun ke tujuannya")
    publish.add_argument(
        "--target",
        choices=["pages", "s3", "folder", "ckan"],
        default=None,
        help="tujuan (bawaan: publikasi.target di portal.yml, mis. pages)",
    )
    publish.add_argument("--site", type=Path, default=None, help="folder situs yang sudah dibangun (bawaan: site/)")
    publish.add_argument(
        "--format", choices=["text", "json"], default="text", help="json: file terkirim beserta SHA-256"
    )
    publish.set_defaults(run=cmd_publish)
    review = sub.add_parser("review", parents=[common], help="laporan review dua commit untuk PIC (SOP langkah 2)")
    review.add_argument("--base", required=True, help="revisi dasar, mis. origin/main")
    review.add_argument("--head", default="HEAD", help="revisi usulan (bawaan: HEAD)")
    review.add_argument("--format", choices=["markdown", "json"], default="markdown")
    review.add_argument("--pratinjau", default=None, help="alamat pratinjau situs untuk laporan")
    review.set_defaults(run=cmd_review)
    roles = sub.add_parser("roles", parents=[common], help="tulis .github/CODEOWNERS dari peran di portal.yml")
    roles.set_defaults(run=cmd_roles)
    guard = sub.add_parser("approval", parents=[common], help="periksa persetujuan PIC/Walidata pada pull request")
    guard.add_argument("--repo", help="PEMILIK/NAMA repositori di GitHub (baca dari API, token GITHUB_TOKEN)")
    guard.add_argument("--pr", type=int, help="nomor pull request")
    guard.add_argument("--pr-json", type=Path, help="jawaban GET /repos/{o}/{r}/pulls/{n} (file JSON)")
    guard.add_argument("--files-json", type=Path, help="jawaban GET .../pulls/{n}/files (file JSON)")
    guard.add_argument("--reviews-json", type=Path, help="jawaban GET .../pulls/{n}/reviews (file JSON)")
    guard.add_argument("--format", choices=["text", "json"], default="text")
    guard.set_defaults(run=cmd_approval)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for name, default in (
        ("root", Path(".")),
        ("lang", "id"),
        ("debug", False),
        ("cache", None),
        ("jobs", None),
        ("progress", False),
    ):
        if not hasattr(args, name):
            setattr(args, name, default)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if not args.debug:  # a library's cleanup failing after the error we report (a full disk) is no traceback
        sys.unraisablehook = lambda unraisable: None
    try:
        return args.run(args)
    except InvalidContent as error:
        print(error.report.to_text(args.lang, terminal_width()))
        print(
            "Tidak ada yang ditulis ke site/: perbaiki galat di atas dulu."
            if args.lang == "id"
            else "Nothing was written to site/: fix the errors above first."
        )
        return EXIT_INVALID
    except SebarError as error:
        print(f"Galat: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:
        if args.debug:
            raise
        print(
            f"Kesalahan internal Sebar ({type(error).__name__}: {error}). "
            "Jalankan ulang dengan --debug dan laporkan ke pengelola portal.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
