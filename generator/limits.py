"""Bounded input: errors for files beyond `batas:` in portal.yml, and limits on the `sebar check` process."""

from __future__ import annotations

import resource
import signal
import threading
from pathlib import Path
from typing import Any

from generator.config import Batas
from generator.errors import DatasetError, SebarError


class FileProblem(DatasetError):
    """A file refused for a reason that has its own issue slug (a limit, a duplicate key, a formula)."""

    def __init__(self, path: object, slug: str, detail: str, **params: Any) -> None:
        super().__init__(path, detail)
        self.slug = slug
        self.params = {"detail": detail, **params}


def over_limit(path: object, key: str, limit: int, detail: str) -> FileProblem:
    """The error for input beyond `batas.<key>` in portal.yml: it names the limit and how to raise it."""
    return FileProblem(path, "limit-exceeded", detail, key=key, limit=limit)


def check_row(path: object, row: list[str], line: int, cells: int, limits: Batas) -> None:
    """Stop at the first row beyond a limit, before the whole table is held in memory."""
    if len(row) > limits.kolom:
        raise over_limit(
            path, "kolom", limits.kolom, f"baris {line} berisi {len(row)} kolom, lebih dari {limits.kolom}"
        )
    if cells > limits.sel:
        raise over_limit(path, "sel", limits.sel, f"tabel berisi lebih dari {limits.sel} sel (sampai baris {line})")
    for column, cell in enumerate(row, start=1):
        if len(cell) > limits.panjang_sel:
            detail = (
                f"baris {line}, kolom ke-{column}: sel berisi {len(cell)} karakter, lebih dari {limits.panjang_sel}"
            )
            if "\n" in cell:
                detail += " (tanda kutip tidak ditutup?)"
            raise over_limit(path, "panjang_sel", limits.panjang_sel, detail)


class ProcessLimitError(SebarError):
    """`sebar check` used more memory or time than portal.yml's `batas:` allows."""


def configured_limits(root: Path) -> Batas:
    """`batas:` of portal.yml when it can be read, else the defaults (check itself reports the problem)."""
    from generator.load import read_yaml

    try:
        raw = read_yaml(root / "portal.yml")
        return Batas.model_validate(raw.get("batas") or {}) if isinstance(raw, dict) else Batas()
    except Exception:  # noqa: BLE001 - any problem here is reported by check itself
        return Batas()


def address_space() -> int:
    """Bytes of address space the process has mapped now (Linux); 0 where unknown."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


class bounded:  # noqa: N801 - used as `with bounded(limits):`
    """Run a block under an address-space limit and an alarm; either one hit is a ProcessLimitError.

    A class rather than a generator: __exit__ lifts the memory limit before anything else runs,
    so turning a MemoryError into a clear message cannot itself run out of memory.
    """

    def __init__(self, limits: Batas) -> None:
        self.limits = limits
        self.in_main = threading.current_thread() is threading.main_thread()
        self.saved = resource.getrlimit(resource.RLIMIT_AS)
        self.previous: Any = None

    def timeout(self, signum: int, frame: Any) -> None:
        raise ProcessLimitError(
            f"pemeriksaan melewati batas waktu {self.limits.waktu_detik} detik; "
            "naikkan `batas.waktu_detik` di portal.yml"
        )

    def __enter__(self) -> None:
        # on top of what the process has mapped already (interpreter, libraries, a test runner)
        memory = address_space() + self.limits.memori_mb * 1024 * 1024
        soft, hard = self.saved
        if soft == resource.RLIM_INFINITY or soft > memory:
            resource.setrlimit(
                resource.RLIMIT_AS, (memory if hard == resource.RLIM_INFINITY else min(memory, hard), hard)
            )
        if self.in_main:
            self.previous = signal.signal(signal.SIGALRM, self.timeout)
            signal.alarm(self.limits.waktu_detik)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: Any) -> None:
        resource.setrlimit(resource.RLIMIT_AS, self.saved)
        if self.in_main:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self.previous or signal.SIG_DFL)
        if kind is not None and issubclass(kind, MemoryError):
            raise ProcessLimitError(
                f"pemeriksaan melewati batas memori {self.limits.memori_mb} MB; naikkan `batas.memori_mb` di portal.yml"
            ) from error
