"""The screening page's speed work (issue 14): its rows written in Python, the year's verdicts and the
rows cached under the data version, and what every write does to that cache."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from regions.enums import CasePosition, CaseStage
from regions.models import ScreeningVersion
from regions.services.catalogue import set_criterion
from regions.services.criteria import correct_case, correct_value, record_value
from regions.services.region_import import import_regions
from regions.services.screening import screen_regions
from regions.templatetags.screening import screening_row
from tests.factories import ProvinceFactory, RegionFactory
from tests.regions.factories import LegalCaseFactory, make_passing

SCREENING = reverse("regions:screening")

# The rows as the page's template wrote them before they were written in Python.
TEMPLATE_ROWS = """{% load i18n screening %}{% for screening in screenings %}
        <tr data-testid="screening-row-{{ screening.region.code }}">
          <td class="font-monospace">{{ screening.region.code }}</td>
          <td><a href="{{ screening.region.get_absolute_url }}">{{ screening.region.full_name }}</a><div class="small text-body-secondary">{{ screening.region.province.name }}</div></td>
          {% for result in screening.results.values %}<td class="text-center">{% outcome result show_value=True %}</td>{% endfor %}
          <td>{% if screening.eligible %}<span class="badge text-bg-success" data-testid="eligible">{% translate "Memenuhi" %}</span>{% else %}<span class="badge text-bg-danger" data-testid="eligible">{% translate "Tidak memenuhi" %}</span>{% endif %}</td>
        </tr>
      {% endfor %}"""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_rows_are_the_html_the_template_wrote(kota_blitar, kabupaten_blitar, language):
    make_passing(kota_blitar)
    make_passing(kabupaten_blitar, skip=("spi",))
    record_value(
        region=kabupaten_blitar, criterion="mcp", data_year=2025, score=Decimal("74.99"), source="<b>&"
    )
    LegalCaseFactory(region=kabupaten_blitar, person_name='Budi "B" <x>', position=CasePosition.KEPALA_DAERAH)
    odd = RegionFactory(province=kota_blitar.province, code="35.99", name='Uji <&> "kutip"')
    with translation.override(language):
        screenings = screen_regions(2026)
        expected = engines["django"].from_string(TEMPLATE_ROWS).render({"screenings": screenings})
        rows = "".join(screening_row(screening) for screening in screen_regions(2026))

    assert [s.region for s in screenings] == [kabupaten_blitar, kota_blitar, odd]

    assert rows == expected


def page(client, **params):
    return client.get(SCREENING, {"tahun": 2026, **params})


def outcomes(response, code: str) -> tuple[str, ...]:
    """The outcomes shown in the region's row (its cells' classes), and its verdict."""
    row = response.text.split(f'data-testid="screening-row-{code}"')[1].split("</tr>")[0]
    cells = [cell.split('"')[0] for cell in row.split('class="outcome outcome-')[1:]]
    return (*cells, "eligible" if "text-bg-success" in row else "not eligible")


@pytest.fixture
def cached_page(transactional_db, client, staff, kota_blitar, kota_mataram):
    """The page of two regions, once requested: its verdicts and rows are cached."""
    make_passing(kota_blitar)
    client.force_login(staff)
    cache.clear()
    response = page(client)
    assert outcomes(response, "35.72") == ("pass",) * 8 + ("eligible",)
    assert outcomes(response, "52.71") == ("missing",) * 7 + ("pass", "not eligible")
    return client


def test_the_cached_page_shows_a_corrected_value_and_a_new_case_at_once(cached_page, staff, kota_blitar):
    correct_value(region=kota_blitar, criterion="mcp", data_year=2025, by=staff, score=Decimal("74.99"))

    assert outcomes(page(cached_page), "35.72") == ("fail",) + ("pass",) * 7 + ("not eligible",)
    assert outcomes(page(cached_page, layak="tidak"), "35.72")[0] == "fail"

    correct_value(region=kota_blitar, criterion="mcp", data_year=2025, by=staff, score=Decimal("80"))
    assert outcomes(page(cached_page), "35.72") == ("pass",) * 8 + ("eligible",)

    correct_case(
        region=kota_blitar,
        person_name="Budi",
        started_on=date(2025, 1, 2),
        by=staff,
        position=CasePosition.KEPALA_DAERAH,
        stage=CaseStage.PENYIDIKAN,
        handler="kpk",
    )
    assert outcomes(page(cached_page), "35.72") == ("pass",) * 7 + ("fail", "not eligible")
    assert [v.code for v in page(cached_page, layak="ya").context["verdicts"]] == []


def test_the_cached_page_follows_the_catalogue_and_the_regions_in_each_language(
    cached_page, staff, kota_blitar
):
    set_criterion(programme_year=2026, code="mcp", values={"min_score": Decimal("81")}, by=staff)
    assert outcomes(page(cached_page), "35.72") == ("fail",) + ("pass",) * 7 + ("not eligible",)

    provinces = io.StringIO("kode,nama\n35,Jawa Timur\n52,Nusa Tenggara Barat\n")
    regions = io.StringIO(
        "kode,kode_provinsi,jenis,nama,nama_lengkap,otonom\n"
        "35.72,35,Kota,Blitar Raya,Kota Blitar Raya,1\n"
        "52.71,52,Kota,Mataram,Kota Mataram,1\n"
    )
    import_regions(provinces, regions)

    response = page(cached_page, q="raya")
    assert "Kota Blitar Raya" in response.text
    assert [v.full_name for v in response.context["verdicts"]] == ["Kota Blitar Raya"]

    # The rows are kept per language.
    cached_page.cookies["django_language"] = "en"
    english = page(cached_page)
    cached_page.cookies["django_language"] = "id"
    indonesian = page(cached_page)
    assert 'data-testid="eligible">Does not meet</span>' in english.text
    assert "data year 2025" in english.text and "tahun data" not in english.text
    assert 'data-testid="eligible">Tidak memenuhi</span>' in indonesian.text
    assert "tahun data 2025" in indonesian.text


def test_a_change_raises_the_version_once_per_transaction_after_it_commits(transactional_db, kota_blitar):
    before = ScreeningVersion.objects.current()
    with transaction.atomic():
        make_passing(kota_blitar)  # seven criteria, eight values
        assert ScreeningVersion.objects.current() == before
    assert ScreeningVersion.objects.current() == before + 1

    with transaction.atomic():
        record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("70"))
        transaction.set_rollback(True)
    assert ScreeningVersion.objects.current() == before + 1

    # Unchanged: nothing to raise.
    record_value(
        region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("80.00"), source="Contoh sumber"
    )
    assert ScreeningVersion.objects.current() == before + 1
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("70"))
    assert ScreeningVersion.objects.current() == before + 2


def test_nothing_is_cached_inside_a_transaction(db, client, staff, kota_blitar):
    """A transaction may see changes not committed yet (the tests' own too): the page works its screening
    out every time there."""
    client.force_login(staff)
    with CaptureQueriesContext(connection) as first:
        page(client)
    make_passing(kota_blitar)
    with CaptureQueriesContext(connection) as second:
        response = page(client)

    assert len(second) == len(first)
    assert outcomes(response, "35.72") == ("pass",) * 8 + ("eligible",)


def table(response) -> str:
    return response.text.split("<tbody>")[1].split("</tbody>")[0]


def make_regions(count: int, province) -> None:
    for _ in range(count):
        region = RegionFactory(province=province)
        make_passing(region)
        LegalCaseFactory(region=region)


def test_the_page_takes_the_same_queries_cached_or_not_for_one_region_and_for_many(
    transactional_db, client, staff
):
    province = ProvinceFactory(code="98", name="Provinsi Uji")
    client.force_login(staff)
    make_regions(1, province)
    cache.clear()
    with CaptureQueriesContext(connection) as cold_one:
        page(client)
    with CaptureQueriesContext(connection) as warm_one:
        page(client)
    make_regions(60, province)
    with CaptureQueriesContext(connection) as cold_many:
        response = page(client)
    with CaptureQueriesContext(connection) as warm_many:
        assert table(page(client)) == table(response)
    with CaptureQueriesContext(connection) as second_page:
        page(client, page=2)

    assert response.context["paginator"].count == 61
    # Cached: the session, the user, the catalogue, the data version, the programme years (2).
    assert len(warm_one) == len(warm_many) == 6
    # Not cached: the verdicts (3 queries), the rows (3) and the provinces.
    assert len(cold_one) == len(cold_many) == len(warm_many) + 7
    assert len(second_page) == len(warm_many) + 3  # its rows


TEMPLATE_PROVINCES = (
    "{% for province in provinces %}"
    '<option value="{{ province.code }}"{% if filters.provinsi == province.code %} selected{% endif %}>'
    "{{ province.name }}</option>{% endfor %}"
)


@pytest.mark.django_db
@pytest.mark.parametrize("selected", [{}, {"provinsi": "52"}, {"provinsi": "99"}])
def test_the_province_options_are_the_html_the_template_wrote(kota_blitar, kota_mataram, selected):
    from django.http import QueryDict

    from regions.models import Province
    from regions.queries import province_choices

    ProvinceFactory(code="11", name='Aceh <"&">')
    filters = QueryDict(mutable=True)
    filters.update(selected)
    expected = (
        engines["django"]
        .from_string(TEMPLATE_PROVINCES)
        .render({"provinces": Province.objects.order_by("code"), "filters": filters})
    )
    rendered = (
        engines["django"]
        .from_string("{% load screening %}{% province_options provinces filters.provinsi %}")
        .render({"provinces": province_choices(None), "filters": filters})
    )

    assert rendered == expected
    assert rendered.count("<option") == 3


@pytest.mark.django_db
def test_a_criterion_that_does_not_decide_the_step_is_marked_in_the_header(client, staff, kota_blitar):
    from regions.enums import Gate

    set_criterion(programme_year=2026, code="spbe", values={"gate": Gate.DESIGNATION}, by=staff)
    client.force_login(staff)

    text = page(client).text
    designation = page(client, tahap="penetapan").text

    assert (
        '<th class="text-center small text-body-secondary fw-normal" title="Indeks SPBE (tidak menentukan '
        'tahap ini)" data-testid="column-spbe">SPBE<span class="visually-hidden"> (tidak menentukan tahap '
        "ini)</span>*</th>"
    ) in text
    assert '<th class="text-center small" title="Nilai MCP/MCSP" data-testid="column-mcp">MCP</th>' in text
    assert (
        '<th class="text-center small" title="Indeks SPBE" data-testid="column-spbe">SPBE</th>' in designation
    )


def test_the_monitoring_alerts_are_cached_with_the_screening_and_follow_every_change(
    transactional_db, staff, kota_blitar, kota_mataram, django_assert_num_queries
):
    """The staff home's monitoring (``criteria_alerts``) is kept under the year's screening key: a second
    reading takes the catalogue and the data version only, and a corrected value, a new case or another
    language shows at once."""
    from regions.services.monitoring import criteria_alerts

    make_passing(kota_blitar)
    make_passing(kota_mataram)
    cache.clear()

    def alerts():
        return [
            (a.region.code, a.criterion, a.message)
            for a in criteria_alerts([kota_blitar, kota_mataram], programme_year=2026)
        ]

    assert alerts() == []
    with django_assert_num_queries(2):  # the catalogue, the data version
        assert alerts() == []

    correct_value(region=kota_blitar, criterion="mcp", data_year=2025, by=staff, score=Decimal("74.5"))
    assert alerts() == [("35.72", "mcp", "2025: 80,00 menjadi 74,50 (syarat ≥ 75,00).")]
    correct_case(
        region=kota_mataram,
        person_name="Lalu Budi",
        started_on=date(2025, 3, 1),
        by=staff,
        position=CasePosition.KEPALA_DAERAH,
        stage=CaseStage.PENYIDIKAN,
        handler="kpk",
    )
    assert [row[:2] for row in alerts()] == [("52.71", "kasus"), ("35.72", "mcp")]
    with translation.override("en"):
        assert alerts()[0][2].startswith("Open case: Lalu Budi")
    assert alerts()[0][2].startswith("Kasus terbuka: Lalu Budi")
    # Another set of regions is another entry.
    assert [a.region.code for a in criteria_alerts([kota_blitar], programme_year=2026)] == ["35.72"]
