"""Loads the demo data; running it again updates the same rows and never duplicates them."""

import csv
import io

from django.db import transaction

from accounts import services as account_services
from accounts.models import User
from assessments.demo.criteria import load_demo_criteria
from assessments.demo.data import DEMO_PASSWORD, PEOPLE, PROVINCES, REGIONS
from assessments.demo.maros import load_maros_2026
from assessments.demo.plenary import load_blitar_2025
from assessments.demo.programme import advance_programme_years, load_programme
from assessments.demo.region_side import load_region_side
from regions.models import Province, Region
from regions.services.region_import import KIND_BY_LABEL, import_regions


def _regions_through_the_import() -> None:
    """Provinces and regions through the same import service as ``manage.py import_regions``."""
    label = {kind: text for text, kind in KIND_BY_LABEL.items()}
    provinces, regions = io.StringIO(), io.StringIO()
    csv.writer(provinces).writerows([("kode", "nama"), *PROVINCES])
    csv.writer(regions).writerows(
        [
            ("kode", "kode_provinsi", "jenis", "nama", "nama_lengkap", "otonom"),
            *[
                (code, code[:2], label[kind], name, f"{label[kind]} {name}", "1")
                for code, kind, name in REGIONS
            ],
        ]
    )
    provinces.name, regions.name = "provinsi.csv", "kabupaten_kota.csv"
    provinces.seek(0)
    regions.seek(0)
    import_regions(provinces, regions)


def _person(username: str, fields: dict) -> User:
    """A demo account through the account services: created once, corrected when the demo data changed."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return account_services.create_user(by=None, password=DEMO_PASSWORD, username=username, **fields)
    changes = {field: value for field, value in fields.items() if getattr(user, field) != value}
    if changes:
        user = account_services.update_user(user, by=None, **changes)
    if not user.check_password(DEMO_PASSWORD):
        user = account_services.set_password(user, by=None, password=DEMO_PASSWORD)
    return user


@transaction.atomic
def load_demo() -> list[User]:
    """Every row through the services (the audit trail shows the demo as the system's own work), except
    the criteria values' history, which ``load_demo_criteria`` writes through ``record_value``."""
    _regions_through_the_import()
    provinces = {province.code: province for province in Province.objects.all()}
    regions = {
        region.code: region for region in Region.objects.filter(code__in=[code for code, *_ in REGIONS])
    }
    people = []
    for username, name, role, institution, position, province_code, region_code in PEOPLE:
        fields = {
            "name": name,
            "email": f"{username}@demo.antikorupsi.id",
            "role": role,
            "institution": institution,
            "position": position,
            "province": provinces[province_code] if province_code else None,
            "region": regions[region_code] if region_code else None,
            "is_active": True,
        }
        people.append(_person(username, fields))
    staff = User.objects.get(username="permas")
    load_demo_criteria(by=staff)
    load_programme(regions=regions, by=staff)
    load_blitar_2025(people)
    advance_programme_years(staff)
    load_maros_2026({person.username: person for person in people})
    load_region_side({person.username: person for person in people})
    return people
