"""Indonesian working time: how much of an interval falls in working hours (portal.yml `jam_kerja`)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from generator.config import JamKerja

DAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]  # date.weekday() order


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[dt.date]:
    """Indonesia's national holidays of `year` (the `holidays` package, country ID)."""
    return frozenset(holidays.country_holidays("ID", years=year))


class WorkCalendar:
    """Working days and hours: the configured weekdays, minus national holidays and `extra` days off."""

    def __init__(self, jam: JamKerja, extra: list[dt.date] | tuple[dt.date, ...] = ()) -> None:
        self.zone = ZoneInfo(jam.zona)
        self.start = dt.time.fromisoformat(jam.mulai)
        self.end = dt.time.fromisoformat(jam.selesai)
        self.weekdays = {DAYS.index(day) for day in jam.hari}
        self.extra = frozenset(extra)

    @property
    def day_seconds(self) -> float:
        """One working day ("1 hari" of the Mutu Baku), in seconds."""
        today = dt.date(2000, 1, 1)
        return (dt.datetime.combine(today, self.end) - dt.datetime.combine(today, self.start)).total_seconds()

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day not in self.extra and day not in national_holidays(day.year)

    def seconds(self, start: dt.datetime, end: dt.datetime) -> float:
        """Working seconds between two aware instants (0 when end is not after start)."""
        if end <= start:
            return 0.0
        start, end = start.astimezone(self.zone), end.astimezone(self.zone)
        total = 0.0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                opens = dt.datetime.combine(day, self.start, self.zone)
                closes = dt.datetime.combine(day, self.end, self.zone)
                overlap = (min(end, closes) - max(start, opens)).total_seconds()
                total += max(0.0, overlap)
            day += dt.timedelta(days=1)
        return total
