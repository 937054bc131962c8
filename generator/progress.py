"""Progress of a long run, stage by stage, with a closing summary of timings (on stderr, never stdout)."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table


class Progress:
    """Shown on a terminal outside CI (CI=true), or whenever asked (`--progress`); silent otherwise."""

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty() and os.environ.get("CI", "").lower() != "true"
        self.enabled = enabled
        self.console = Console(stderr=True, highlight=False)
        self.timings: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        if self.enabled:
            with self.console.status(f"{name}…"):
                yield
        else:
            yield
        seconds = time.perf_counter() - start
        self.timings.append((name, seconds))
        if self.enabled:
            self.console.print(f"[green]✓[/green] {name} ({seconds:.1f} s)")

    def summary(self, note: str = "") -> None:
        if not self.enabled:
            return
        table = Table(title="Ringkasan waktu (summary of timings)", show_header=True)
        table.add_column("Tahap (stage)")
        table.add_column("Detik (s)", justify="right")
        for name, seconds in self.timings:
            table.add_row(name, f"{seconds:.1f}")
        table.add_row("Total", f"{sum(s for _, s in self.timings):.1f}")
        self.console.print(table)
        if note:
            self.console.print(note)
