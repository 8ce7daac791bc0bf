import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.enums import Institution, Role
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_is_staff_follows_the_role(staff, assessor):
    assert (staff.is_staff, assessor.is_staff) == (True, False)
    assessor.role = Role.STAFF
    assessor.save()
    assert User.objects.get(pk=assessor.pk).is_staff is True


def test_inspector_must_be_bound_to_a_region_by_the_form_rules(kota_blitar):
    user = User(username="x", name="X", role=Role.INSPECTOR, institution=Institution.KPK)

    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()

    assert excinfo.value.message_dict == {
        "institution": ["Inspektur daerah harus berinstansi pemerintah kabupaten/kota."],
        "password": ["Field ini tidak boleh kosong."],
    }


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"role": Role.INSPECTOR, "institution": Institution.KPK}, "user_inspector_works_for_region"),
        ({"institution": Institution.REGION}, "user_region_iff_regional_government"),
        ({"institution": Institution.PROVINCE}, "user_province_iff_provincial_government"),
        ({"role": "raja"}, "user_role_valid"),
    ],
)
def test_database_refuses_inconsistent_people(db, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        User.objects.create(username="x", name="X", **fields)


def test_regional_government_user_with_region_is_valid(kota_blitar):
    user = User.objects.create(
        username="y", name="Y", role=Role.INSPECTOR, institution=Institution.REGION, region=kota_blitar
    )
    assert str(user) == "Y"
