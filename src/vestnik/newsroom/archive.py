"""The date archive's periods: a year, a month or a day of the site's time zone.

The URL gives the digits (``2026``, ``2026/03``, ``2026/03/05``); anything that is not a
real date (2026/02/30, month 13, year 0000) is answered 404, never 500.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class Period:
    """[start, end) in the site's time zone; ``kind`` is "year", "month" or "day"."""

    kind: str
    first_day: date
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        """The period as readers of the active language write it."""
        formats = {"year": "Y", "month": "YEAR_MONTH_FORMAT", "day": "DATE_FORMAT"}
        return date_format(self.first_day, formats[self.kind])

    # Not strftime: it writes the year 5 as "5", not "0005".
    @property
    def year_path(self) -> str:
        return f"{self.first_day.year:04d}/"

    @property
    def month_path(self) -> str:
        return f"{self.year_path}{self.first_day.month:02d}/"

    @property
    def path(self) -> str:
        """The period's address below the edition's home: ``2026/``, ``2026/03/``..."""
        if self.kind == "day":
            return f"{self.month_path}{self.first_day.day:02d}/"
        return self.month_path if self.kind == "month" else self.year_path


def period_from_url(year: str, month: str | None = None, day: str | None = None) -> Period:
    """The period that the URL's parts name. Raises Http404 if it is not a real date."""
    try:
        first = date(int(year), int(month or 1), int(day or 1))
        if day:
            kind, after = "day", first + timedelta(days=1)
        elif month:
            kind = "month"
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        else:
            kind, after = "year", date(first.year + 1, 1, 1)
        zone = timezone.get_default_timezone()
        start = datetime.combine(first, datetime.min.time(), zone)
        end = datetime.combine(after, datetime.min.time(), zone)
        # The database stores UTC: 0001-01-01 in a zone east of UTC falls before year 1.
        start.astimezone(UTC)
    except (ValueError, OverflowError) as error:  # no such day; or outside years 1-9999
        raise Http404("No such date") from error
    return Period(kind=kind, first_day=first, start=start, end=end)
