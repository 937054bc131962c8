"""The `sebar` command: each subcommand parses its options and calls one library function."""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from pathlib import Path

from generator.build import InvalidContent, build
from generator.cache import DEFAULT, Cache
from generator.errors import SebarError
from generator.limits import bounded, configured_limits
from generator.progress import Progress
from generator.scaffold import new_dataset
from generator.serve import serve
from generator.sop import approval
from generator.sop.roles import read_portal, write_codeowners
from generator.validate import check

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def cmd_check(args: argparse.Namespace) -> int:
    cache = Cache(args.root, args.cache or args.root / DEFAULT)
    with bounded(configured_limits(args.root)):  # the CI gate must end, whatever the pull request holds
        _, datasets, report = check(args.root, cache, args.jobs)
    if args.format == "json":
        print(report.to_json(args.lang))
    else:
        print(report.to_text(args.lang))
        ok = "{n} dataset sah." if args.lang == "id" else "{n} datasets valid."
        print(ok.format(n=len(datasets)))
    return EXIT_OK if report.valid else EXIT_INVALID


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress(True if args.progress else None)
    result = build(args.root, args.site, args.cache, args.jobs, progress)
    if result.report.issues:
        print(result.report.to_text(args.lang))
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
    folder, branch = new_dataset(args.root, args.produsen, args.nama, branch=not args.tanpa_cabang)
    if branch:
        print(f"Cabang baru: {branch}")
    print(
        f"Dataset baru dibuat: {folder}/datapackage.yaml — ganti setiap isian [ISI: ...], "
        "letakkan file data di folder itu, lalu jalankan `sebar check`."
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
    common = argparse.ArgumentParser(add_help=False)
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
    main = argparse.ArgumentParser(
        prog="sebar", description="Sebar: portal Satu Data dari repositori Git.", parents=[common]
    )
    sub = main.add_subparsers(dest="command", required=True)
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
    serve = sub.choices["serve"]
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    new = sub.add_parser("new", parents=[common], help="buat kerangka dataset baru")
    new.add_argument("kind", choices=["dataset"])
    new.add_argument("--produsen", required=True, help="kode produsen dari portal.yml")
    new.add_argument("--nama", required=True, help="nama dataset: huruf kecil dan tanda hubung")
    new.add_argument("--tanpa-cabang", action="store_true", help="jangan buat cabang Git draf/<produsen>/<nama>")
    new.set_defaults(run=cmd_new)
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
        print(error.report.to_text(args.lang))
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
