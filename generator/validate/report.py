"""Validation results as data: each issue has a slug, a location, a message and a fix (id/en)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from generator.validate.messages import MESSAGES

Lang = Literal["id", "en"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    slug: str  # a key of MESSAGES
    dataset: str  # <produsen>/<dataset>, or "portal"
    file: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return MESSAGES[self.slug].severity

    def message(self, lang: Lang = "id") -> str:
        return MESSAGES[self.slug].text(lang, "message").format(**self.params)

    def fix(self, lang: Lang = "id") -> str:
        return MESSAGES[self.slug].text(lang, "fix").format(**self.params)

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)


@dataclass(frozen=True)
class Report:
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def flatten(self, lang: Lang = "id") -> list[dict[str, Any]]:
        return [
            {
                **{k: v for k, v in asdict(issue).items() if k != "params"},
                "severity": issue.severity,
                "message": issue.message(lang),
                "fix": issue.fix(lang),
            }
            for issue in self.issues
        ]

    def to_json(self, lang: Lang = "id") -> str:
        return json.dumps(self.flatten(lang), ensure_ascii=False, indent=2)

    def to_text(self, lang: Lang = "id") -> str:
        """A plain table for the terminal: one block per issue, then a summary line."""
        labels = LABELS[lang]
        lines = []
        for issue in self.issues:
            where = issue.location() if lang == "id" else _location_en(issue)
            lines.append(f"{labels[issue.severity]:<10} {issue.dataset}  [{issue.slug}]")
            lines.append(f"  {labels['where']}: {where}")
            lines.append(f"  {labels['what']}: {issue.message(lang)}")
            lines.append(f"  {labels['fix']}: {issue.fix(lang)}")
        errors, warnings = len(self.errors), len(self.issues) - len(self.errors)
        lines.append(labels["summary"].format(errors=errors, warnings=warnings))
        return "\n".join(lines)


LABELS: dict[str, dict[str, str]] = {
    "id": {
        "error": "GALAT",
        "warning": "PERINGATAN",
        "where": "Lokasi",
        "what": "Masalah",
        "fix": "Perbaikan",
        "summary": "{errors} galat, {warnings} peringatan.",
    },
    "en": {
        "error": "ERROR",
        "warning": "WARNING",
        "where": "Location",
        "what": "Problem",
        "fix": "Fix",
        "summary": "{errors} errors, {warnings} warnings.",
    },
}


def _location_en(issue: Issue) -> str:
    parts = [issue.file]
    if issue.row is not None:
        parts.append(f"row {issue.row}")
    if issue.column is not None:
        parts.append(f"column '{issue.column}'")
    return ", ".join(parts)
