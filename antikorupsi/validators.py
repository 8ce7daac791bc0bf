"""Minimum and maximum validators whose messages show the limit in the reader's number format.

Django's own put the bare value into the message ("... sama dengan 100.00", a decimal point); these format
decimals with ``number_format`` ("... sama dengan 100,00" in Indonesian, "100.00" in English) and leave
whole numbers such as years as they are ("2100", never "2.100"). They deconstruct as Django's, so using
them changes no migration. Form fields get them through ``DecimalField`` below.
"""

from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.formats import number_format


def shown(value):
    """A limit as the reader writes it: decimals localised, whole numbers unchanged."""
    if isinstance(value, Decimal | float):
        return number_format(value)
    return value


class _Localised:
    def __call__(self, value):
        cleaned = self.clean(value)
        limit_value = self.limit_value() if callable(self.limit_value) else self.limit_value
        if self.compare(cleaned, limit_value):
            params = {"limit_value": shown(limit_value), "show_value": shown(cleaned), "value": value}
            raise ValidationError(self.message, code=self.code, params=params)

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return self.django_path, args, kwargs


class MinValueValidator(_Localised, validators.MinValueValidator):
    django_path = "django.core.validators.MinValueValidator"


class MaxValueValidator(_Localised, validators.MaxValueValidator):
    django_path = "django.core.validators.MaxValueValidator"


class DecimalField(forms.DecimalField):
    """``forms.DecimalField`` whose minimum and maximum messages use the reader's number format."""

    def __init__(self, *, max_value=None, min_value=None, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None:
            self.max_value = max_value
            self.validators.append(MaxValueValidator(max_value))
        if min_value is not None:
            self.min_value = min_value
            self.validators.append(MinValueValidator(min_value))
        self.widget.attrs.update(self.widget_attrs(self.widget))  # min and max on a number input
