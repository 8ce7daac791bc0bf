"""Issue 12, item 8: numbers in messages in the reader's format, the default framework in Indonesian, and a
box to type a verification code."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from antikorupsi.validators import DecimalField, MaxValueValidator, MinValueValidator
from assessments.defaults import INDICATORS
from assessments.models import PredicateBand


def message(validator, value) -> list[str]:
    with pytest.raises(ValidationError) as error:
        validator(value)
    return error.value.messages


def test_limits_in_messages_use_the_indonesian_decimal_comma():
    with translation.override("id"):
        assert message(MaxValueValidator(Decimal("100.00")), Decimal("120")) == [
            "Pastikan nilai ini lebih kecil dari atau sama dengan 100,00."
        ]
        assert message(MinValueValidator(Decimal("0.01")), Decimal("0")) == [
            "Pastikan nilai ini lebih besar dari atau sama dengan 0,01."
        ]
        assert message(MaxValueValidator(2100), 2200) == [
            "Pastikan nilai ini lebih kecil dari atau sama dengan 2100."
        ]
    with translation.override("en"):
        assert message(MaxValueValidator(Decimal("100.00")), Decimal("120")) == [
            "Ensure this value is less than or equal to 100.00."
        ]


def test_a_form_field_says_the_limit_with_a_decimal_comma():
    field = DecimalField(max_value=Decimal("100.00"), min_value=Decimal("0"), max_digits=6, decimal_places=2,
                         localize=True)  # fmt: skip
    with translation.override("id"), pytest.raises(ValidationError) as error:
        field.clean("120,5")
    assert error.value.messages == ["Pastikan nilai ini lebih kecil dari atau sama dengan 100,00."]


def test_every_indicator_score_field_says_the_limit_with_a_decimal_comma():
    """The one score field of the assessors' stages and the region's self-assessment, monitoring and
    objection forms (the region's forms used Django's own field, which said "4.00")."""
    from assessments.forms.scoring import score_field
    from assessments.models import Indicator

    field = score_field(Indicator(code="3", max_score=Decimal("4.00")), label="Nilai 3")
    with translation.override("id"), pytest.raises(ValidationError) as error:
        field.clean("4,5")
    assert error.value.messages == ["Pastikan nilai ini lebih kecil dari atau sama dengan 4,00."]
    assert field.clean("3,25") == Decimal("3.25")


@pytest.mark.django_db
def test_a_model_field_says_the_limit_with_a_decimal_comma():
    band = PredicateBand(name="Istimewa", min_score=Decimal("90"), max_score=Decimal("100.5"))
    with translation.override("id"), pytest.raises(ValidationError) as error:
        band.clean_fields(exclude=["programme_year"])
    assert error.value.message_dict["max_score"] == [
        "Pastikan nilai ini lebih kecil dari atau sama dengan 100."
    ]


def test_the_default_framework_speaks_indonesian():
    english = {"system", "reward", "punishment", "and", "the", "of"}
    assert [code for code, name in INDICATORS.items() if english & set(name.lower().split())] == []
    assert (INDICATORS["3"], INDICATORS["15"]) == (
        "Sistem pelaporan pelanggaran (WBS)",
        "Penghargaan dan sanksi",
    )


@pytest.mark.django_db
def test_verification_without_a_code_shows_a_box_to_type_one(client):
    response = client.get("/verifikasi/")
    assert response.status_code == 200
    assert 'data-testid="verification-form"' in response.content.decode()
    response = client.get("/verifikasi/", {"kode": " ab12 cd34 "})
    assert (response.status_code, response["Location"]) == (302, reverse("reports:verify", args=["AB12CD34"]))
    unknown = client.get(response["Location"])
    assert unknown.status_code == 404
    assert 'data-testid="verification-form"' in unknown.content.decode()
