"""The programme years as the regions app sees them: plain integers (screening rules are keyed by year).

The assessments app owns programme years and registers how to read them (``AssessmentsConfig.ready``), so
this lower app never imports it; the screening, the region page and the staff home all take "the current
year" from ``assessments.queries.programme.current_programme_year`` through here. Without a registered
reader (or without any programme year) the next calendar year stands in: the cohort being prepared.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class YearReader:
    current: Callable[[], int | None]  # the current programme year, or None when there is none
    years: Callable[[], list[int]]  # every programme year, oldest first


_reader: YearReader | None = None


def register(reader: YearReader) -> None:
    global _reader
    _reader = reader


def current_year() -> int:
    year = _reader.current() if _reader else None
    return year if year is not None else timezone.localdate().year + 1


def programme_years() -> list[int]:
    return _reader.years() if _reader else []


def year_from(params) -> int:
    """The programme year asked for (``tahun``), else the current one."""
    try:
        year = int(params.get("tahun", ""))
    except ValueError:
        return current_year()
    return year if 2000 <= year <= 2100 else current_year()
