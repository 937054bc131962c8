"""Set-up that a non-programmer finishes: `sebar` installs as a console script (and runs as
`python -m generator`), speaks Indonesian down to argparse's own messages, and the browser-only route
(Codespaces) installs it too."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def sebar(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_cli_without_a_command_says_so_in_indonesian() -> None:
    run = sebar()
    assert run.returncode == 2
    assert run.stderr.startswith("penggunaan: sebar ")
    assert "sebar: galat: argumen berikut wajib diisi: PERINTAH" in run.stderr
    assert "Bantuan: sebar --help" in run.stderr
    assert "usage:" not in run.stderr and "error:" not in run.stderr and "required" not in run.stderr


def test_cli_missing_required_option_is_named_in_indonesian() -> None:
    run = sebar("review")
    assert run.returncode == 2
    assert "sebar review: galat: argumen berikut wajib diisi: --base" in run.stderr
    assert "the following arguments" not in run.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["cek"], "argumen PERINTAH: pilihan 'cek' tidak ada; pilih salah satu: 'check', 'build'"),
        (["check", "--jobs", "dua"], "argumen --jobs: nilai 'dua' tidak sah (harus bilangan bulat)"),
        (["check", "--bogus"], "argumen tidak dikenal: --bogus"),
        (["check", "--format"], "argumen --format: perlu satu nilai"),
    ],
)
def test_cli_argparse_errors_are_indonesian(args: list[str], expected: str) -> None:
    run = sebar(*args)
    assert run.returncode == 2 and expected in run.stderr, run.stderr
    assert "invalid" not in run.stderr and "unrecognized" not in run.stderr and "expected" not in run.stderr


def test_cli_help_is_indonesian() -> None:
    run = sebar("--help")
    assert run.returncode == 0
    assert run.stdout.startswith("penggunaan: sebar ")
    for text in ("opsi:", "perintah:", "-h, --help      tampilkan bantuan ini lalu keluar", "check", "serve"):
        assert text in run.stdout
    assert "show this help" not in run.stdout and "options:" not in run.stdout
    sub = sebar("check", "--help")
    assert "tampilkan bantuan ini lalu keluar" in sub.stdout and "usage:" not in sub.stdout


def test_console_script_sebar_points_at_the_cli() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    main = EntryPoint(name="sebar", value=scripts["sebar"], group="console_scripts").load()
    from generator.cli import main as cli_main

    assert main is cli_main


def test_pip_install_puts_sebar_in_bin_and_it_runs(tmp_path: Path) -> None:
    # What `pipx install .` does, without the network: build and install this very tree (no dependencies:
    # this interpreter has them), then run the installed `sebar` script from outside the repository.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    prefix = tmp_path / "prefix"
    # --ignore-installed: never uninstall the sebar this interpreter runs (pip would, to "upgrade" it)
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--ignore-installed"]
    install += ["--prefix"]
    subprocess.run([*install, str(prefix), str(source)], check=True, capture_output=True, text=True)
    script = prefix / "bin" / "sebar"
    assert script.is_file() and os.access(script, os.X_OK)
    site = next(prefix.glob("lib/python3*/site-packages"))
    env = {**os.environ, "PYTHONPATH": str(site), "PATH": f"{prefix / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(["sebar", "--help"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0 and run.stdout.startswith("penggunaan: sebar ")
    assert (site / "generator" / "theme" / "404.html").is_file()  # the theme ships with the package


def test_codespaces_devcontainer_installs_sebar_and_forwards_the_preview() -> None:
    config = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    command = config["postCreateCommand"]
    assert "pip install -q -r requirements.lock" in command and "pip install -q --no-deps -e ." in command
    assert "chromium" in command and command.endswith("sebar --help")
    assert 8000 in config["forwardPorts"]  # `sebar serve`'s port


def test_makefile_install_is_one_step_with_pipx() -> None:
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ninstall:\n" in make and "pipx install --force ." in make and "pipx ensurepath" in make
    guide = (ROOT / "content" / "bantuan" / "persiapan.md").read_text(encoding="utf-8")
    for step in ("pipx install .", "Add file › Upload files", "Create codespace", "python3 -m generator check"):
        assert step in guide
