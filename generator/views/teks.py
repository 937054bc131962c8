"""Numbers, dates and changes written as Indonesians write them (1.234,5; 26 November 2026; naik 7,8%)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MAX_DECIMALS = 2  # a chart shows no more: 4.004,9 ribu jiwa, 9.101,64 ribu rupiah
SEPARATORS = ",."  # plotly's layout.separators: decimal comma, thousands dot


def decimals(values: Iterable[Any]) -> int:
    """The decimals the values need (at most MAX_DECIMALS), ignoring float noise (4004.9000000001)."""
    needed = 0
    for value in values:
        if isinstance(value, float) and math.isfinite(value):
            text = f"{round(value, MAX_DECIMALS):.{MAX_DECIMALS}f}".rstrip("0")
            needed = max(needed, len(text.partition(".")[2]))
    return needed


def d3(places: int, trim: bool = False) -> str:
    """The d3 format of a number with `places` decimals and grouping (plotly draws it with SEPARATORS);
    `trim` drops trailing zeros (axis ticks: 5.500 rather than 5.500,00)."""
    return f",.{places}{'~' if trim else ''}f"


def number(value: Any, places: int = 0) -> str:
    """1234.5 -> "1.234,5" with exactly `places` decimals; None or NaN -> "–"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{places}f}" if places else f"{round(float(value)):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def date(value: dt.date) -> str:
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def label(value: Any) -> str:
    """A category or period as a label: 2020 (never 2.020), 26 November 2026, text as is."""
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date):
        return date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def change(latest: float, previous: float, period: str) -> tuple[str, str]:
    """("naik 7,8% dibanding 2019", "naik"); against zero the change is said in units, not percent."""
    if latest == previous:
        return f"tetap dibanding {period}", "tetap"
    direction = "naik" if latest > previous else "turun"
    if previous == 0:
        return f"{direction} dari 0 pada {period}", direction
    percent = abs(latest - previous) / abs(previous) * 100
    return f"{direction} {number(percent, 1)}% dibanding {period}", direction
