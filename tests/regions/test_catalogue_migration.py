"""The eight enum criteria became the criteria catalogue (regions 0003-0005, assessments 0005) without
changing any value, revision, threshold or screening result.

``data/screening_before_catalogue.json`` was recorded with the code before the catalogue (commit "Tests: the
screening of the demo years ... recorded with the code before the criteria catalogue"): the demo's regions,
criteria values, revisions and cases, the screening of every region for programme years 2023-2027, and the
same after saving thresholds for 2025-2027 (``rules``). The tests put those rows in the old schema, migrate
forward and screen again with today's code.
"""

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from assessments.demo.loader import load_demo
from regions.models import Criterion, CriterionValue, CriterionValueRevision, LegalCase
from regions.services.screening import screen_regions

RECORDED = json.loads((Path(__file__).parent / "data" / "screening_before_catalogue.json").read_text())
BEFORE = [("regions", "0002_criteria"), ("assessments", "0005_conflicts_of_interest")]
CASES_RULE = (
    "tidak ada kasus terbuka terhadap kepala daerah, wakil kepala daerah, sekretaris daerah atau kepala OPD"
)
VALUE_FIELDS = ("region_id", "criterion", "data_year", "score", "grade", "status", "as_of", "source", "note")


def _typed(model, row: dict) -> dict:
    """A recorded row with the model's Python types (decimals, dates, times)."""
    out = {}
    for name, value in row.items():
        field = next(
            f for f in model._meta.concrete_fields if f.attname == name or (name == "id" and f.primary_key)
        )
        if value is not None and field.get_internal_type() == "DecimalField":
            value = Decimal(value)
        elif value is not None and field.get_internal_type() == "DateField":
            value = date.fromisoformat(value)
        elif value is not None and field.get_internal_type() == "DateTimeField":
            value = datetime.fromisoformat(value)
        out[name] = value
    return out


def _rows(model, fields) -> list[tuple]:
    return [tuple(row) for row in model.objects.order_by("pk").values_list("pk", *fields)]


def screening(years) -> dict:
    """Today's screening in the recorded shape."""
    out = {}
    for year in years:
        out[str(year)] = {
            s.region.code: {
                "eligible": s.eligible,
                "results": {
                    code: [
                        r.outcome,
                        r.value,
                        r.data_years,
                        r.source,
                        r.status,
                        r.as_of.isoformat() if r.as_of else None,
                        r.threshold,
                    ]
                    for code, r in s.results.items()
                },
            }
            for s in screen_regions(year)
        }
    return out


def expected(scenario: str, years) -> dict:
    """The recorded screening, with the legal-case rule in the catalogue's words (it names the positions the
    criterion lists; the outcome is the same)."""
    out = json.loads(json.dumps({str(year): RECORDED[scenario][str(year)] for year in years}))
    for regions in out.values():
        for region in regions.values():
            region["results"]["kasus"][6] = CASES_RULE
    return out


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("scenario", "years"), [("demo", range(2023, 2028)), ("with_rules", range(2024, 2028))]
)
def test_the_migration_keeps_every_value_revision_threshold_and_screening_result(scenario, years):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    tables = [
        ("Province", "provinces"),
        ("Region", "regions"),
        ("CriterionValue", "values"),
        ("CriterionValueRevision", "value_revisions"),
        ("LegalCase", "cases"),
        ("LegalCaseRevision", "case_revisions"),
    ]
    if scenario == "with_rules":
        tables.append(("ScreeningRule", "rules"))
    for model_name, key in tables:
        model = old.get_model("regions", model_name)
        model.objects.bulk_create(model(**_typed(model, row)) for row in RECORDED[key])
    old_value = old.get_model("regions", "CriterionValue")
    old_revision = old.get_model("regions", "CriterionValueRevision")
    values_before = _rows(old_value, VALUE_FIELDS)
    revisions_before = _rows(old_revision, ("value_id", *VALUE_FIELDS[3:], "changed_at"))
    cases_before = _rows(
        old.get_model("regions", "LegalCase"), ("region_id", "person_name", "stage", "position")
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert _rows(CriterionValue, VALUE_FIELDS) == values_before
    assert _rows(CriterionValueRevision, ("value_id", *VALUE_FIELDS[3:], "changed_at")) == revisions_before
    assert _rows(LegalCase, ("region_id", "person_name", "stage", "position")) == cases_before
    if scenario == "with_rules":
        assert sorted(set(Criterion.objects.values_list("programme_year", flat=True))) == [2025, 2026, 2027]
        ombudsman = Criterion.objects.get(programme_year=2026, code="ombudsman")
        assert (ombudsman.min_grade, ombudsman.grade_bands) == ("C", ["90", "85", "84", "60"])
        assert Criterion.objects.get(programme_year=2026, code="bpk").years_required == 3
        assert Criterion.objects.get(programme_year=2027, code="mcp").data_year_lag == 2
    else:
        assert (
            Criterion.objects.count() == 0
        )  # no saved thresholds: every year screens on the default catalogue
    assert screening(years) == expected(scenario, years)


@pytest.mark.django_db
def test_the_demo_screens_as_before_but_for_the_2026_changes(django_assert_max_num_queries):
    load_demo()

    now = screening(range(2023, 2028))

    before = expected("demo", range(2023, 2028))
    for year in ("2023", "2024", "2025", "2027"):
        assert now[year] == before[year]
    # 2026 reads the Ombudsman opini (no longer the score) and adds the Desa Antikorupsi criterion, which
    # decides designation only; everything else is as before.
    for code, region in now["2026"].items():
        results = dict(region["results"])
        assert results.pop("desa_antikorupsi")[6] == "Ya"
        results.pop("ombudsman")
        was = dict(before["2026"][code]["results"])
        was.pop("ombudsman")
        assert results == was
    assert {code for code, region in now["2026"].items() if region["eligible"]} == {
        code for code, region in before["2026"].items() if region["eligible"]
    } | {"73.09"}
