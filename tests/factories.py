"""One factory per model (factory_boy). Later issues add theirs here or in tests/<app>/factories.py."""

import factory

from accounts.enums import Institution, Role
from accounts.models import User
from regions.enums import RegionKind, TimeZone
from regions.models import Province, Region

PASSWORD = "rahasia-uji-123"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{10 + n % 90:02d}")
    name = factory.LazyAttribute(lambda o: f"Provinsi {o.code}")
    time_zone = TimeZone.WIB


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code}.{n % 100:02d}")
    kind = RegionKind.KABUPATEN
    name = factory.LazyAttribute(lambda o: f"Contoh {o.code}")
    full_name = factory.LazyAttribute(lambda o: f"{RegionKind(o.kind).label} {o.name}")
    autonomous = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    name = factory.Sequence(lambda n: f"Pengguna {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.go.id")
    role = Role.ASSESSOR
    institution = Institution.KPK
    password = factory.django.Password(PASSWORD)

    class Params:
        staff = factory.Trait(role=Role.STAFF, institution=Institution.KPK)
        inspector = factory.Trait(
            role=Role.INSPECTOR, institution=Institution.REGION, region=factory.SubFactory(RegionFactory)
        )
