"""The criteria catalogue per programme year: the services, a ninth criterion end to end, grades that change
for one year only, designation thresholds and gates, and the staff pages."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from assessments.enums import CandidateStatus as S
from assessments.services import candidates as steps
from assessments.services.programme import create_programme_year
from audit.models import AuditEntry
from regions.enums import CriterionKind, Gate, Stage
from regions.models import Criterion, CriterionValue
from regions.services.catalogue import (
    add_criterion,
    create_catalogue,
    remove_criterion,
    set_criterion,
    update_criterion,
)
from regions.services.criteria import CriteriaError, record_value
from regions.services.criteria_import import import_file
from regions.services.screening import screen_region
from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory
from tests.regions.factories import make_passing

pytestmark = pytest.mark.django_db

EIGHT = ["mcp", "spi", "sakip", "ombudsman", "spip", "spbe", "bpk", "kasus"]
DESA = {
    "name": "Memiliki Desa Antikorupsi",
    "publisher": "Dit Permas KPK",
    "kind": CriterionKind.YES_NO,
    "gate": Gate.BOTH,
}


def codes(year: int) -> list[str]:
    return [criterion.code for criterion in Criterion.objects.for_year(year)]


def write_csv(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(tmp_path, name: str, rows: list[list]):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


# The catalogue services.


def test_a_year_without_a_catalogue_screens_on_the_default_eight(kota_blitar):
    catalogue = Criterion.objects.for_year(2031)

    assert [criterion.code for criterion in catalogue] == EIGHT
    assert [criterion.pk for criterion in catalogue] == [None] * 8
    assert list(screen_region(kota_blitar, 2031).results) == EIGHT


def test_a_new_catalogue_copies_the_nearest_earlier_year_with_an_audit_entry(staff):
    create_catalogue(programme_year=2025, by=staff)
    set_criterion(programme_year=2025, code="mcp", values={"min_score": Decimal("80")}, by=staff)

    created = create_catalogue(programme_year=2027, by=staff)

    assert [criterion.code for criterion in created] == EIGHT
    assert Criterion.objects.get(programme_year=2027, code="mcp").min_score == Decimal("80.00")
    entry = AuditEntry.objects.filter(action="regions.catalogue.create").order_by("pk").last()
    assert (entry.actor, entry.after) == (
        staff,
        {"programme_year": 2027, "source_year": 2025, "codes": EIGHT},
    )
    with pytest.raises(ValidationError) as error:
        create_catalogue(programme_year=2027, by=staff)
    assert error.value.code == "catalogue_exists"


def test_creating_a_programme_year_copies_the_previous_years_catalogue(staff):
    create_catalogue(programme_year=2026, by=staff)
    add_criterion(programme_year=2026, code="desa_antikorupsi", values=DESA, by=staff)

    create_programme_year(year=2027, by=staff)

    assert codes(2027) == [*EIGHT, "desa_antikorupsi"]


def test_changing_a_criterion_is_audited_with_before_and_after_and_unchanged_writes_nothing(staff):
    create_catalogue(programme_year=2026, by=staff)
    mcp = Criterion.objects.get(programme_year=2026, code="mcp")

    update_criterion(mcp, values={"designation_min_score": Decimal("90")}, by=staff)
    update_criterion(mcp, values={"designation_min_score": Decimal("90")}, by=staff)

    entries = AuditEntry.objects.filter(action="regions.criterion.update")
    assert entries.count() == 1
    assert (entries.get().before["designation_min_score"], entries.get().after["designation_min_score"]) == (
        None,
        "90",
    )


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"kind": CriterionKind.GRADE, "grades": ["A"], "min_grade": "A"}, "grades", "grades_required"),
        ({"kind": CriterionKind.GRADE, "grades": ["A", "a"], "min_grade": "A"}, "grades", "grades_unique"),
        (
            {"kind": CriterionKind.GRADE, "grades": ["A", "B"], "min_grade": "C"},
            "min_grade",
            "min_grade_invalid",
        ),
        (
            {"kind": CriterionKind.GRADE, "grades": ["A", "B", "C"], "min_grade": "B", "grade_bands": ["50"]},
            "grade_bands",
            "bands_invalid",
        ),
        ({"kind": CriterionKind.SCORE, "scale_min": 0, "scale_max": 100}, "min_score", "min_score_required"),
        (
            {"kind": CriterionKind.SCORE, "scale_min": 0, "scale_max": 5, "min_score": Decimal("6")},
            "min_score",
            "min_score_scale",
        ),
        (
            {"kind": CriterionKind.SCORE, "scale_min": 5, "scale_max": 5, "min_score": 5},
            "scale_max",
            "scale_order",
        ),
        ({"kind": CriterionKind.COUNT, "min_score": Decimal("1.5")}, "min_score", "min_count_invalid"),
        ({"kind": CriterionKind.CASES, "positions": []}, "positions", "positions_required"),
    ],
)
def test_a_criterion_must_be_complete_for_its_kind(staff, values, field, code):
    with pytest.raises(ValidationError) as error:
        add_criterion(
            programme_year=2026, code="baru", values={"name": "Baru", "publisher": "KPK", **values}, by=staff
        )

    assert [e.code for e in error.value.error_dict[field]] == [code]
    assert not Criterion.objects.filter(code="baru").exists()


def test_codes_are_unique_per_year_and_the_last_criterion_stays(staff):
    create_catalogue(programme_year=2026, by=staff)
    with pytest.raises(ValidationError) as error:
        add_criterion(programme_year=2026, code="mcp", values=DESA, by=staff)
    assert error.value.message_dict == {"code": ["Kode mcp sudah ada di katalog 2026."]}

    for criterion in Criterion.objects.filter(programme_year=2026).exclude(code="kasus"):
        remove_criterion(criterion, by=staff)
    with pytest.raises(ValidationError) as error:
        remove_criterion(Criterion.objects.get(programme_year=2026, code="kasus"), by=staff)
    assert error.value.code == "last_criterion"
    assert codes(2026) == ["kasus"]
    assert AuditEntry.objects.filter(action="regions.criterion.remove").count() == 7


# Done when: a ninth criterion for a new year, imported from CSV and XLSX, found everywhere; the previous
# year is unchanged.


@pytest.fixture
def ninth(staff, kota_blitar, kota_mataram):
    """Programme year 2027 with "Memiliki Desa Antikorupsi" (yes/no, both gates); 2026 keeps the eight."""
    create_catalogue(programme_year=2026, by=staff)
    create_programme_year(year=2027, by=staff)
    add_criterion(programme_year=2027, code="desa_antikorupsi", values=DESA, by=staff)
    for region in (kota_blitar, kota_mataram):
        make_passing(region, 2026)
        make_passing(region, 2027, skip=("desa_antikorupsi",))


def test_a_ninth_criterion_is_imported_from_csv_and_xlsx_and_screened(
    tmp_path, ninth, kota_blitar, kota_mataram
):
    import_file(
        write_csv(tmp_path, "desa.csv", "kode,nilai,sumber\n35.72,ya,SK Desa Antikorupsi 2026\n"),
        criterion="desa_antikorupsi",
        data_year=2026,
    )
    import_file(
        write_xlsx(tmp_path, "desa.xlsx", [["nama", "nilai"], ["Kota Mataram", "Tidak"]]),
        criterion="desa_antikorupsi",
        data_year=2026,
    )

    assert sorted(
        CriterionValue.objects.filter(criterion="desa_antikorupsi").values_list("grade", flat=True)
    ) == [
        "Tidak",
        "Ya",
    ]
    blitar, mataram = screen_region(kota_blitar, 2027), screen_region(kota_mataram, 2027)
    assert list(blitar.results) == [*EIGHT, "desa_antikorupsi"]
    assert (blitar.results["desa_antikorupsi"].value, blitar.eligible) == ("Ya", True)
    assert (mataram.results["desa_antikorupsi"].outcome, mataram.eligible) == ("fail", False)
    assert [p.criterion for p in mataram.problems()] == ["desa_antikorupsi"]
    # The previous year knows nothing of it.
    assert list(screen_region(kota_mataram, 2026).results) == EIGHT
    assert screen_region(kota_mataram, 2026).eligible is True


def test_a_bad_value_for_the_ninth_criterion_changes_nothing(tmp_path, ninth):
    from regions.services.criteria_import import CriteriaImportError

    with pytest.raises(CriteriaImportError) as error:
        import_file(
            write_csv(tmp_path, "desa.csv", "kode,nilai\n35.72,ya\n52.71,mungkin\n"),
            criterion="desa_antikorupsi",
            data_year=2026,
        )

    assert [e["message"] for e in error.value.errors] == ["nilai 'mungkin' tidak sah; tulis Ya atau Tidak."]
    assert not CriterionValue.objects.filter(criterion="desa_antikorupsi").exists()


def test_the_ninth_criterion_on_the_screening_page_command_export_and_region_page(
    client, staff, ninth, kota_blitar, kota_mataram
):
    record_value(region=kota_blitar, criterion="desa_antikorupsi", data_year=2026, grade="Ya")
    client.force_login(staff)

    page = client.get(reverse("regions:screening"), {"tahun": 2027})
    export = client.get(reverse("regions:screening_export"), {"tahun": 2027, "format": "csv"})
    out = io.StringIO()
    call_command("screening", year=2027, stdout=out)
    region = client.get(kota_blitar.get_absolute_url(), {"tahun": 2027})

    assert [c.code for c in page.context["catalogue"]] == [*EIGHT, "desa_antikorupsi"]
    assert 'data-testid="column-desa_antikorupsi"' in page.text
    assert out.getvalue().splitlines() == [
        "kode,nama,mcp,spi,sakip,ombudsman,spip,spbe,bpk,kasus,desa_antikorupsi,eligible",
        "35.72,Kota Blitar,pass,pass,pass,pass,pass,pass,pass,pass,pass,yes",
        "52.71,Kota Mataram,pass,pass,pass,pass,pass,pass,pass,pass,missing,no",
    ]
    assert export.content.decode("utf-8-sig").splitlines()[0].split(";")[-6:] == [
        "Memiliki Desa Antikorupsi: nilai",
        "Memiliki Desa Antikorupsi: tahun data",
        "Memiliki Desa Antikorupsi: status",
        "Memiliki Desa Antikorupsi: sumber",
        "Memiliki Desa Antikorupsi: hasil",
        "Hasil",
    ]
    assert 'data-testid="region-criterion-desa_antikorupsi"' in region.text
    assert [history.criterion for history in region.context["histories"]] == [
        "mcp",
        "spi",
        "sakip",
        "ombudsman",
        "spip",
        "spbe",
        "bpk",
        "desa_antikorupsi",
    ]


def test_the_ninth_criterion_in_the_designation_check(staff, ninth, kota_mataram):
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2028), region=kota_mataram, status=S.OBSERVED
    )
    create_catalogue(programme_year=2028, by=staff)
    make_passing(kota_mataram, 2028, skip=("desa_antikorupsi",))

    with pytest.raises(ValidationError) as error:
        steps.designate_candidate(
            candidate=candidate, by=staff, letter_number="B/1", letter_date=date(2028, 1, 5)
        )
    assert "Memiliki Desa Antikorupsi" in error.value.message
    record_value(region=kota_mataram, criterion="desa_antikorupsi", data_year=2027, grade="Ya")

    steps.designate_candidate(
        candidate=candidate, by=staff, letter_number="B/1", letter_date=date(2028, 1, 5)
    )

    candidate.refresh_from_db()
    assert (candidate.status, candidate.designation_override_reason) == (S.DESIGNATED, "")


def test_the_screening_command_keeps_the_eight_columns_of_2025(kota_blitar):
    make_passing(kota_blitar, 2025)
    out = io.StringIO()

    call_command("screening", year=2025, format="csv", stdout=out)

    assert out.getvalue().splitlines() == [
        "kode,nama,mcp,spi,sakip,ombudsman,spip,spbe,bpk,kasus,eligible",
        "35.72,Kota Blitar,pass,pass,pass,pass,pass,pass,pass,pass,yes",
    ]


# Done when: the Ombudsman's grades change for one year only.


def test_ombudsman_grades_change_for_one_year_and_each_year_screens_by_its_own(staff, kota_blitar, tmp_path):
    create_catalogue(programme_year=2025, by=staff)
    create_catalogue(programme_year=2026, by=staff)
    opini = [
        "Kualitas Tertinggi",
        "Kualitas Tinggi",
        "Kualitas Sedang",
        "Kualitas Rendah",
        "Kualitas Terendah",
    ]
    set_criterion(
        programme_year=2026,
        code="ombudsman",
        values={"grades": opini, "grade_bands": [], "min_grade": "Kualitas Tinggi", "missing_fails": False},
        by=staff,
    )
    record_value(region=kota_blitar, criterion="ombudsman", data_year=2024, grade="B")
    import_file(
        write_csv(tmp_path, "opini.csv", "kode,nilai\n35.72,kualitas sedang\n"),
        criterion="ombudsman",
        data_year=2025,
    )

    with pytest.raises(CriteriaError):
        record_value(region=kota_blitar, criterion="ombudsman", data_year=2025, grade="B")
    old, new = screen_region(kota_blitar, 2025), screen_region(kota_blitar, 2026)
    assert (
        old.results["ombudsman"].value,
        old.results["ombudsman"].outcome,
        old.results["ombudsman"].threshold,
    ) == (
        "B",
        "pass",
        "B atau lebih baik",
    )
    assert (
        new.results["ombudsman"].value,
        new.results["ombudsman"].outcome,
        new.results["ombudsman"].threshold,
    ) == (
        "Kualitas Sedang",
        "fail",
        "Kualitas Tinggi atau lebih baik",
    )
    # In 2026 a region the Ombudsman did not assess is not failed for it.
    CriterionValue.objects.filter(criterion="ombudsman", data_year=2025).delete()
    missing = screen_region(kota_blitar, 2026).results["ombudsman"]
    assert (missing.outcome, missing.blocks) == ("missing", False)


# Gates and their thresholds.


def test_candidacy_and_designation_have_their_own_thresholds_and_gates(staff, kota_blitar):
    create_catalogue(programme_year=2026, by=staff)
    set_criterion(programme_year=2026, code="mcp", values={"designation_min_score": Decimal("90")}, by=staff)
    add_criterion(
        programme_year=2026, code="desa_antikorupsi", values={**DESA, "gate": Gate.DESIGNATION}, by=staff
    )
    make_passing(kota_blitar, 2026, skip=("desa_antikorupsi",))
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("85"))

    candidacy = screen_region(kota_blitar, 2026)
    designation = screen_region(kota_blitar, 2026, stage=Stage.DESIGNATION)

    assert candidacy.eligible is True
    assert (candidacy.results["mcp"].threshold, candidacy.results["mcp"].outcome) == ("≥ 75,00", "pass")
    assert candidacy.results["desa_antikorupsi"].counts is False
    assert (designation.results["mcp"].threshold, designation.results["mcp"].outcome) == ("≥ 90,00", "fail")
    assert [p.criterion for p in designation.problems()] == ["mcp", "desa_antikorupsi"]


def test_a_count_criterion_and_the_last_n_years_rule(staff, kota_blitar):
    add_criterion(
        programme_year=2026,
        code="desa_jumlah",
        values={
            "name": "Jumlah Desa Antikorupsi",
            "publisher": "Dit Permas KPK",
            "kind": CriterionKind.COUNT,
            "min_score": 2,
            "years_required": 2,
        },
        by=staff,
    )
    record_value(region=kota_blitar, criterion="desa_jumlah", data_year=2025, score=Decimal("3"))
    record_value(region=kota_blitar, criterion="desa_jumlah", data_year=2024, score=Decimal("1"))

    result = screen_region(kota_blitar, 2026).results["desa_jumlah"]

    assert (result.value, result.data_years, result.threshold, result.outcome) == (
        "3 2025, 1 2024",
        [2025, 2024],
        "≥ 2 selama 2 tahun berturut-turut",
        "fail",
    )
    with pytest.raises(CriteriaError):
        record_value(region=kota_blitar, criterion="desa_jumlah", data_year=2025, score=Decimal("2.5"))


# Query counts with nine criteria and the country's 514 regions.


def test_screening_queries_stay_constant_with_nine_criteria_and_514_regions(
    client, staff, wilayah_files, django_assert_num_queries
):
    from regions.models import Region
    from regions.services.region_import import import_regions
    from regions.services.screening import screen_regions

    import_regions(*wilayah_files)
    create_catalogue(programme_year=2027, by=staff)
    add_criterion(programme_year=2027, code="desa_antikorupsi", values=DESA, by=staff)
    regions = list(Region.objects.order_by("code"))
    assert len(regions) == 514
    one = regions[0]
    make_passing(one, 2027)

    with django_assert_num_queries(3):  # the catalogue, the values, the open cases
        single = screen_regions(2027, [one])
    client.force_login(staff)
    with django_assert_num_queries(4):  # and the regions
        screen_regions(2027, Region.objects.filter(pk=one.pk))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("regions:screening"), {"tahun": 2027})

    CriterionValue.objects.bulk_create(
        CriterionValue(
            region=region,
            criterion=criterion.code,
            data_year=year,
            score=Decimal("80")
            if criterion.kind == CriterionKind.SCORE and criterion.scale_max == 100
            else (Decimal("4") if criterion.kind == CriterionKind.SCORE else None),
            grade="" if criterion.kind == CriterionKind.SCORE else criterion.grade_list[0],
            entered_at=single[0].results["mcp"].values[0].entered_at,
        )
        for region in regions[1:]
        for criterion in Criterion.objects.for_year(2027)
        if not criterion.is_cases
        for year in criterion.data_years()
    )

    with django_assert_num_queries(4):
        everything = screen_regions(2027)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("regions:screening"), {"tahun": 2027})

    assert len(everything) == 514
    assert sum(s.eligible for s in everything) == 514
    assert len(many) == len(few)
    assert response.context["paginator"].count == 514


# The staff pages and the admin.


@pytest.mark.parametrize(
    "url",
    [
        reverse("regions:screening_rules", args=[2026]),
        reverse("regions:criterion_add", args=[2026]),
        reverse("regions:criterion_change", args=[2026, "mcp"]),
        reverse("regions:criterion_delete", args=[2026, "mcp"]),
        reverse("regions:catalogue_diff", args=[2026]),
    ],
)
def test_only_staff_see_the_catalogue_pages(client, staff, assessor, inspector, url):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/akun/masuk/?next={url}")
    for outsider in (assessor, inspector):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert not Criterion.objects.exists()  # a GET changes nothing


def test_an_unknown_criterion_or_year_is_a_404(client, staff):
    client.force_login(staff)

    assert client.get(reverse("regions:criterion_change", args=[2026, "tidak_ada"])).status_code == 404
    assert client.get(reverse("regions:screening_rules", args=[1999])).status_code == 404


def test_staff_create_the_catalogue_and_add_a_criterion_on_the_pages(client, staff):
    client.force_login(staff)
    page = client.get(reverse("regions:screening_rules", args=[2026]))
    assert 'data-testid="default-catalogue"' in page.text

    client.post(reverse("regions:catalogue_create", args=[2026]))
    response = client.post(
        reverse("regions:criterion_add", args=[2026]),
        {
            "code": "desa_antikorupsi",
            "name": "Memiliki Desa Antikorupsi",
            "publisher": "Dit Permas KPK",
            "order": "",
            "kind": CriterionKind.YES_NO,
            "gate": Gate.DESIGNATION,
            "data_year_lag": "1",
            "years_required": "1",
            "missing_fails": "on",
        },
    )

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("regions:screening_rules", args=[2026]),
    )
    assert codes(2026) == [*EIGHT, "desa_antikorupsi"]
    desa = Criterion.objects.get(code="desa_antikorupsi")
    assert (desa.order, desa.gate, desa.updated_by) == (9, Gate.DESIGNATION, staff)
    page = client.get(reverse("regions:screening_rules", args=[2026]))
    assert 'data-testid="criterion-desa_antikorupsi"' in page.text
    assert 'data-testid="default-catalogue"' not in page.text


def test_the_form_shows_what_is_missing_in_indonesian_and_saves_nothing(client, staff):
    client.force_login(staff)

    response = client.post(
        reverse("regions:criterion_add", args=[2026]),
        {
            "code": "Desa Anti",
            "name": "Predikat baru",
            "publisher": "KPK",
            "kind": CriterionKind.GRADE,
            "gate": Gate.BOTH,
            "grades": "Baik\nCukup",
            "min_grade": "Sangat baik",
            "scale_min": "0",
            "scale_max": "2,5",
            "data_year_lag": "1",
            "years_required": "1",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "code": ["Kode: huruf kecil, angka atau garis bawah, diawali huruf (misalnya desa_antikorupsi)."],
        "min_grade": ["Pilih salah satu dari: Baik, Cukup."],
    }
    assert not Criterion.objects.exists()


def test_the_edit_form_takes_a_decimal_comma_and_gives_a_default_year_its_own_catalogue(client, staff):
    client.force_login(staff)
    url = reverse("regions:criterion_change", args=[2026, "spbe"])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data.update(grades="", positions=[], min_score="2,75", missing_fails="on")

    assert client.post(url, data).status_code == 302

    assert codes(2026) == EIGHT
    assert Criterion.objects.get(programme_year=2026, code="spbe").min_score == Decimal("2.75")
    assert Criterion.objects.for_year(2026)[5].threshold_label() == "≥ 2,75"


def test_the_diff_page_shows_what_changed_from_the_previous_year(client, staff):
    create_catalogue(programme_year=2025, by=staff)
    create_catalogue(programme_year=2026, by=staff)
    set_criterion(programme_year=2026, code="spi", values={"min_score": Decimal("73.6")}, by=staff)
    add_criterion(programme_year=2026, code="desa_antikorupsi", values=DESA, by=staff)
    remove_criterion(Criterion.objects.get(programme_year=2026, code="spbe"), by=staff)
    client.force_login(staff)

    response = client.get(reverse("regions:catalogue_diff", args=[2026]))

    assert response.context["other_year"] == 2025
    assert [(c.code, c.change, c.fields) for c in response.context["changes"]] == [
        ("spi", "changed", [("Nilai minimum", "68", "73,6")]),
        ("desa_antikorupsi", "added", []),
        ("spbe", "removed", []),
    ]


def test_removing_a_criterion_on_the_page_keeps_its_values(client, staff, kota_blitar):
    create_catalogue(programme_year=2026, by=staff)
    record_value(region=kota_blitar, criterion="spbe", data_year=2025, score=Decimal("3"))
    client.force_login(staff)

    client.post(reverse("regions:criterion_delete", args=[2026, "spbe"]))

    assert "spbe" not in codes(2026)
    assert CriterionValue.objects.filter(criterion="spbe").count() == 1
    region = client.get(kota_blitar.get_absolute_url(), {"tahun": 2026})
    assert [(h.criterion, h.in_catalogue) for h in region.context["histories"]][-1] == ("spbe", False)


def test_the_admin_changes_the_catalogue_through_the_service(client, staff):
    create_catalogue(programme_year=2026, by=staff)
    mcp = Criterion.objects.get(programme_year=2026, code="mcp")
    client.force_login(staff)
    url = reverse("admin:regions_criterion_change", args=[mcp.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data.update(
        designation_min_score="90",
        has_provisional="on",
        missing_fails="on",
        grades="[]",
        grade_bands="[]",
        positions="[]",
    )
    for name in ("has_provisional", "missing_fails"):
        data[name] = "on"

    response = client.post(url, data)

    assert response.status_code == 302
    mcp.refresh_from_db()
    assert mcp.designation_min_score == Decimal("90.00")
    assert AuditEntry.objects.get(action="regions.criterion.update").actor == staff
    assert client.get(reverse("admin:regions_criterion_changelist")).status_code == 200
