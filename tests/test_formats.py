import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import timezone, translation


def render(source: str, **context) -> str:
    return Template("{% load humanize %}" + source).render(Context(context))


def test_indonesian_numbers_and_dates():
    with translation.override("id"):
        assert render("{{ score|floatformat:2 }}", score=Decimal("92.15")) == "92,15"
        assert render("{{ score|floatformat:'2g' }}", score=Decimal("1234.5")) == "1.234,50"
        assert render("{{ day }}", day=datetime.date(2025, 11, 7)) == "7 November 2025"
        assert render("{{ day|date:'l, j F Y' }}", day=datetime.date(2025, 11, 6)) == "Kamis, 6 November 2025"
        assert render("{{ year }}", year=2025) == "2025"


def test_times_are_shown_in_jakarta_and_can_be_shown_in_wita_and_wit():
    moment = datetime.datetime(2025, 11, 6, 1, 30, tzinfo=datetime.UTC)
    with translation.override("id"):
        assert render("{{ moment }}", moment=moment) == "6 November 2025, 08.30"
        assert render("{% load tz %}{{ moment|timezone:'Asia/Makassar'|time }}", moment=moment) == "09.30"
        assert render("{% load tz %}{{ moment|timezone:'Asia/Jayapura'|time }}", moment=moment) == "10.30"
    assert timezone.get_current_timezone_name() == "Asia/Jakarta"


def test_english_formats():
    with translation.override("en"):
        assert render("{{ score|floatformat:2 }}", score=Decimal("92.15")) == "92.15"
        assert render("{{ day }}", day=datetime.date(2025, 11, 7)) == "7 November 2025"
