"""The demo's clock: each chapter of the demo story is replayed at its real date.

The services stamp their rows (candidate events, audit entries, uploads, scores) with ``timezone.now()``
and ``auto_now_add``. While the demo replays a chapter, ``at(moment)`` stands Django's clock at that
moment, advancing one second per reading so the order of the steps is kept; the services themselves run
unchanged. Only the ``load_demo`` command uses this, in one thread, inside its own transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone

WIB = ZoneInfo("Asia/Jakarta")


def moment(day: date | str, hour: int = 9, minute: int = 0) -> datetime:
    """A working-hours moment of ``day`` in Jakarta time."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


@contextmanager
def at(when: datetime | date | str) -> Iterator[None]:
    """Run the block as if it were ``when`` (a date means 09:00 WIB that day)."""
    start = when if isinstance(when, datetime) else moment(when)
    ticks = count()
    original = timezone.now

    def now() -> datetime:
        return start + timedelta(seconds=next(ticks))

    timezone.now = now
    try:
        yield
    finally:
        timezone.now = original
