"""Validation results as data: each issue has a slug, a location, a message and a fix (id/en)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from generator.validate.messages import MESSAGES, Severity

Lang = Literal["id", "en"]


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
        """A table for the terminal, grouped by file: level, row, column, then the problem and its fix."""
        labels = LABELS[lang]
        rows = [((labels[i.severity], "-" if i.row is None else str(i.row), i.column or "-"), i) for i in self.issues]
        head = (labels["level"], labels["row"], labels["column"])
        widths = [max([len(h)] + [len(cells[n]) for cells, _ in rows]) for n, h in enumerate(head)]
        indent = " " * (2 + sum(widths) + 2 * len(widths))

        def line(cells: tuple[str, ...]) -> str:
            return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  "

        lines = []
        for file in dict.fromkeys(issue.file for issue in self.issues):
            lines += [file, line(head) + labels["what"]]
            for cells, issue in rows:
                if issue.file == file:
                    lines += [f"{line(cells)}{issue.message(lang)} [{issue.slug}]", f"{indent}→ {issue.fix(lang)}"]
        errors, warnings = len(self.errors), len(self.issues) - len(self.errors)
        lines.append(labels["summary"].format(errors=errors, warnings=warnings))
        return "\n".join(lines)


LABELS: dict[str, dict[str, str]] = {
    "id": {
        "error": "GALAT",
        "warning": "PERINGATAN",
        "level": "TINGKAT",
        "row": "BARIS",
        "column": "KOLOM",
        "what": "MASALAH → PERBAIKAN",
        "summary": "{errors} galat, {warnings} peringatan.",
    },
    "en": {
        "error": "ERROR",
        "warning": "WARNING",
        "level": "LEVEL",
        "row": "ROW",
        "column": "COLUMN",
        "what": "PROBLEM → FIX",
        "summary": "{errors} errors, {warnings} warnings.",
    },
}
