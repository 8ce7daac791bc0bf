"""Loads the demo data; running it again updates the same rows and never duplicates them."""

from django.db import transaction

from accounts.models import User
from assessments.demo.criteria import load_demo_criteria
from assessments.demo.data import DEMO_PASSWORD, PEOPLE, PROVINCES, REGIONS
from assessments.demo.maros import load_maros_2026
from assessments.demo.plenary import load_blitar_2025
from assessments.demo.programme import advance_programme_years, load_programme
from regions.enums import RegionKind, time_zone_for_province_code
from regions.models import Province, Region


@transaction.atomic
def load_demo() -> list[User]:
    provinces = {}
    for code, name in PROVINCES:
        provinces[code], _ = Province.objects.update_or_create(
            code=code, defaults={"name": name, "time_zone": time_zone_for_province_code(code)}
        )
    regions = {}
    for code, kind, name in REGIONS:
        regions[code], _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "province": provinces[code[:2]],
                "kind": kind,
                "name": name,
                "full_name": f"{RegionKind(kind).label} {name}",
                "autonomous": True,
            },
        )
    people = []
    for username, name, role, institution, position, province_code, region_code in PEOPLE:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "name": name,
                "email": f"{username}@demo.antikorupsi.id",
                "role": role,
                "institution": institution,
                "position": position,
                "province": provinces[province_code] if province_code else None,
                "region": regions[region_code] if region_code else None,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        people.append(user)
    load_demo_criteria()
    staff = User.objects.get(username="permas")
    load_programme(regions=regions, by=staff)
    load_blitar_2025(people)
    advance_programme_years(staff)
    load_maros_2026({person.username: person for person in people})
    return people
