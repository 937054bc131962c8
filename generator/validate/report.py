"""Validation results as data: each issue has a slug, a location, a message and a fix (id/en)."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from generator.validate.messages import MESSAGES, Severity

Lang = Literal["id", "en"]
VALUE_LENGTH = 60  # an echoed cell value is cut here: a report is read, not a copy of the data
TEXT_LENGTH = 300  # any other echoed text (details, lists of names)
CELL_PARAMS = ("cell",)  # params holding a cell's value: hidden for a dataset that is not `terbuka`
MASK = {"id": "(nilai disembunyikan: data terbatas)", "en": "(value hidden: restricted data)"}
# control and format characters (newlines, ESC, bidi overrides, zero width) shown as escapes, so
# that a value can start no CI workflow command (`::error::`) and no terminal sequence
HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def escape(text: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        return named.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return HIDDEN.sub(visible, text)


def shown(value: Any, limit: int = TEXT_LENGTH) -> Any:
    """A value as a report may echo it: escaped and cut to `limit` characters."""
    if not isinstance(value, str):
        return value
    text = escape(value)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class Issue:
    slug: str  # a key of MESSAGES
    dataset: str  # <produsen>/<dataset>, or "portal"
    file: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    private: bool = False  # of a dataset that is not `terbuka`: its cell values are never printed

    @property
    def severity(self) -> Severity:
        return MESSAGES[self.slug].severity

    def shown_params(self, lang: Lang) -> dict[str, Any]:
        """The params as every message prints them (the one place values are made safe to echo)."""
        hidden = CELL_PARAMS + (("detail",) if self.slug == "table-error" else ())
        return {
            key: MASK[lang]
            if self.private and key in hidden
            else "\n".join(shown(part) for part in value.split("\n"))
            if key.startswith("contoh") and isinstance(value, str)  # lines to copy, one a line
            else shown(value, VALUE_LENGTH if key in CELL_PARAMS else TEXT_LENGTH)
            for key, value in self.params.items()
        }

    def message(self, lang: Lang = "id") -> str:
        return MESSAGES[self.slug].text(lang, "message").format(**self.shown_params(lang))

    def fix(self, lang: Lang = "id") -> str:
        return MESSAGES[self.slug].text(lang, "fix").format(**self.shown_params(lang))


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
                **{k: shown(v) for k, v in asdict(issue).items() if k not in ("params", "private")},
                "severity": issue.severity,
                "message": issue.message(lang),
                "fix": issue.fix(lang),
            }
            for issue in self.issues
        ]

    def to_json(self, lang: Lang = "id") -> str:
        return json.dumps(self.flatten(lang), ensure_ascii=False, indent=2)

    def to_text(self, lang: Lang = "id", width: int | None = None) -> str:
        """A table for the terminal, grouped by file: level, row, column, then the problem and its fix.
        The same problem in many rows of one column is one line with its rows; text is wrapped to
        `width` (None: not wrapped); the lines a fix quotes to copy are never wrapped."""
        labels = LABELS[lang]
        groups = grouped(self.issues)
        rows = [((labels[i.severity], row_cell(found), shown(i.column or "-")), i, found) for i, found in groups]
        head = (labels["level"], labels["row"], labels["column"])
        widths = [max([len(h)] + [len(cells[n]) for cells, _, _ in rows]) for n, h in enumerate(head)]
        indent = " " * (2 + sum(widths) + 2 * len(widths))

        def line(cells: tuple[str, ...]) -> str:
            return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  "

        lines = []
        for file in dict.fromkeys(issue.file for issue in self.issues):
            lines += [shown(file), line(head) + labels["what"]]
            for cells, issue, found in rows:
                if issue.file == file:
                    message = issue.message(lang)
                    if len(found) > 1:
                        message += labels["rows"].format(rows=shown(ranges(found)), count=len(found))
                    fix, *copy = issue.fix(lang).split("\n")
                    lines += wrapped(f"{message} [{issue.slug}]", line(cells), indent, width)
                    lines += wrapped(f"→ {fix}", indent, indent + "  ", width)
                    lines += [f"{indent}    {text}" for text in copy]  # to copy as it is: never wrapped
        errors, warnings = len(self.errors), len(self.issues) - len(self.errors)
        lines.append(labels["summary"].format(errors=errors, warnings=warnings))
        return "\n".join(lines)


def wrapped(text: str, first: str, rest: str, width: int | None) -> list[str]:
    """`text` after `first`, wrapped to `width` with `rest` before the following lines; words (a path,
    a value) are never broken."""
    if width is None or width - len(rest) < 30:  # a terminal too narrow for the table: not wrapped
        return [first + text]
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [first]


def signature(issue: Issue) -> tuple[Any, ...]:
    """What makes two row issues the same problem: their message without the cell's value and rows."""
    generic: dict[str, Any] = {k: "…" for k in ("cell", "row", "other") if k in issue.params}
    return (issue.file, issue.column, issue.slug, replace(issue, params={**issue.params, **generic}).message())


def grouped(issues: tuple[Issue, ...]) -> list[tuple[Issue, list[int]]]:
    """Issues with the same problem in many rows of a file's column: the first of them and all their rows."""
    groups: dict[Any, tuple[Issue, list[int]]] = {}
    for n, issue in enumerate(issues):
        key = signature(issue) if issue.row is not None else n
        if key in groups:
            groups[key][1].append(issue.row)  # type: ignore[arg-type]
        else:
            groups[key] = (issue, [] if issue.row is None else [issue.row])
    return list(groups.values())


def ranges(rows: list[int]) -> str:
    """3, 4, 5, 9 -> "3–5, 9"."""
    spans: list[list[int]] = []
    for row in sorted(set(rows)):
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


ROW_CELL = 12  # the BARIS column of a group: its rows, cut here (the message lists them all)


def row_cell(rows: list[int]) -> str:
    text = ranges(rows) if rows else "-"
    if len(text) <= ROW_CELL:
        return text
    spans = text.split(", ")
    kept = spans[:1] + [s for n, s in enumerate(spans[1:], 2) if len(", ".join(spans[:n])) <= ROW_CELL]
    return ", ".join(kept) + ", …"


LABELS: dict[str, dict[str, str]] = {
    "id": {
        "error": "GALAT",
        "warning": "PERINGATAN",
        "level": "TINGKAT",
        "row": "BARIS",
        "column": "KOLOM",
        "what": "MASALAH → PERBAIKAN",
        "summary": "{errors} galat, {warnings} peringatan.",
        "rows": " — baris {rows} ({count} baris)",
    },
    "en": {
        "error": "ERROR",
        "warning": "WARNING",
        "level": "LEVEL",
        "row": "ROW",
        "column": "COLUMN",
        "what": "PROBLEM → FIX",
        "summary": "{errors} errors, {warnings} warnings.",
        "rows": " — rows {rows} ({count} rows)",
    },
}
