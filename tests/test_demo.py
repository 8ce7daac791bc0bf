from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.enums import Role
from accounts.models import User
from assessments.demo.data import DEMO_PASSWORD
from assessments.models import RecordedResult
from regions.models import Province, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_load_demo_twice_duplicates_nothing(capsys):
    call_command("load_demo")  # the second time: the module's demo is the first

    assert Province.objects.count() == 38
    assert set(Region.objects.values_list("full_name", flat=True)) >= {
        "Kota Blitar", "Kabupaten Blitar", "Kota Mataram", "Kabupaten Minahasa Tenggara", "Kabupaten Kulon Progo",
        "Kota Surakarta", "Kota Payakumbuh", "Kabupaten Badung", "Kabupaten Bangka Tengah", "Kota Bontang",
        "Kabupaten Maros", "Kabupaten Manggarai Barat",
    }  # fmt: skip
    assert User.objects.filter(role=Role.STAFF).count() >= 1
    assert User.objects.filter(role=Role.ASSESSOR).values("institution").distinct().count() == 7
    inspector = User.objects.get(username="inspektur.blitar")
    assert (inspector.role, inspector.region.full_name) == (Role.INSPECTOR, "Kota Blitar")
    assert inspector.check_password(DEMO_PASSWORD)
    output = capsys.readouterr().out
    assert f"password for all: {DEMO_PASSWORD}" in output
    assert "inspektur.blitar" in output


def test_load_demo_twice_records_each_outside_result_once(capsys):
    call_command("load_demo")

    assert sorted(RecordedResult.objects.values_list("candidate__region__code", "total")) == [
        ("13.76", Decimal("94.75")),
        ("33.72", Decimal("96.10")),
        ("34.01", Decimal("95.10")),
        ("51.03", None),
        ("52.71", Decimal("91.85")),
        ("71.07", Decimal("90.80")),
    ]
