"""Shared fixtures: the demo portal copied into a fresh Git repository, built, and served over HTTP."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer
from playwright import sync_api
from playwright.sync_api import Browser

from generator.build import build
from tests.helpers import serving

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
PORTAL_FILES = ("portal.yml", "mkdocs.yml", "datasets", "content")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
GIT_DATE = "2026-11-02T08:00:00+07:00"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": GIT_DATE, "GIT_COMMITTER_DATE": GIT_DATE}
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Rina", "-c", "user.email=rina@example.go.id", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout


def make_portal(target: Path, commit: bool = True) -> Path:
    """A copy of the demo portal, committed to a new Git repository."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PORTAL_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    if commit:
        git(target, "init", "-q", "-b", "main")
        git(target, "add", "-A")
        git(target, "commit", "-q", "-m", "Portal demo")
    return target


@pytest.fixture(scope="session")
def demo_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_portal(tmp_path_factory.mktemp("demo") / "portal")


@pytest.fixture(scope="session")
def demo_site(demo_portal: Path) -> Path:
    return build(demo_portal).site


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """The built demo site over HTTP on localhost."""
    with serving(demo_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/<name>; with --regen-golden, write it instead (then review the diff)."""

    def compare(name: str, text: str) -> None:
        path = Path(__file__).resolve().parent / "golden" / name
        if request.config.getoption("--regen-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"{name} differs; review and run with --regen-golden"

    return compare


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3 server (moto in server mode) on localhost, over HTTP."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
