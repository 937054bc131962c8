"""Exceptions that abort a run; only cli.py turns them into exit codes and friendly text."""

from __future__ import annotations


class SebarError(Exception):
    """Base of every error Sebar raises on purpose (never a bug)."""


class ConfigError(SebarError):
    """portal.yml or mkdocs.yml is missing or wrong."""


class DatasetError(SebarError):
    """A file cannot be read; `detail` says why, in Indonesian."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


class BuildError(SebarError):
    """The site could not be built; the previous site/ is left untouched."""
