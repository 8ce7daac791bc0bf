"""Filters of the plenary page's one form of agreed scores."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def plenary_field(form, row):
    """The agreed-score field of ``row`` in ``PlenaryScoresForm``."""
    return form.value_field(row)


@register.filter
def plenary_reason(form, row):
    return form.reason_field(row)


@register.filter
def plenary_decimal(value):
    """A prefilled or saved score as 84,50; what the user typed, as typed."""
    if isinstance(value, Decimal):
        return number_format(value, 2)
    return value


@register.filter
def first_word(text: str) -> str:
    return (text or "").split(" ", 1)[0]
