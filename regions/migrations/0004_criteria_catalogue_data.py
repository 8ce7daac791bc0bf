"""The eight criteria become data: each programme year with saved thresholds (``ScreeningRule``) gets its own
catalogue of the eight, with the saved threshold, data-year lag, number of years and Ombudsman bands where a
rule was saved and the old defaults elsewhere, exactly as the screening read them. A year without saved
rules keeps being screened on the default catalogue (regions/defaults.py), which holds the same defaults,
so every screening result stays the same. Values, revisions and cases are untouched: they already carry the
criterion's code.

The eight are written out here (not imported) so the migration keeps doing what it did when the code moves
on.
"""

from decimal import Decimal

from django.db import migrations

POSITIONS = ["kepala_daerah", "wakil_kepala_daerah", "sekretaris_daerah", "kepala_opd"]

# The enum-based defaults of regions/enums.py and regions/models/criteria.py before this migration.
EIGHT = [
    {"code": "mcp", "name": "Nilai MCP/MCSP", "publisher": "KPK", "kind": "angka", "scale_min": Decimal("0"),
     "scale_max": Decimal("100"), "min_score": Decimal("75"), "has_provisional": True},
    {"code": "spi", "name": "Skor SPI", "publisher": "KPK", "kind": "angka", "scale_min": Decimal("0"),
     "scale_max": Decimal("100"), "min_score": Decimal("68")},
    {"code": "sakip", "name": "Nilai SAKIP", "publisher": "Kementerian PAN-RB", "kind": "predikat",
     "grades": ["AA", "A", "BB", "B", "CC", "C", "D"], "min_grade": "B"},
    {"code": "ombudsman", "name": "Kepatuhan Pelayanan Publik (Ombudsman)", "publisher": "Ombudsman RI",
     "kind": "predikat", "grades": ["A", "B", "C", "D", "E"], "scale_min": Decimal("0"),
     "scale_max": Decimal("100"), "grade_bands": ["88", "78", "66", "54"], "min_grade": "B"},
    {"code": "spip", "name": "Maturitas SPIP", "publisher": "BPKP", "kind": "angka", "scale_min": Decimal("0"),
     "scale_max": Decimal("5"), "min_score": Decimal("3")},
    {"code": "spbe", "name": "Indeks SPBE", "publisher": "Kementerian PAN-RB", "kind": "angka",
     "scale_min": Decimal("0"), "scale_max": Decimal("5"), "min_score": Decimal("2.6")},
    {"code": "bpk", "name": "Opini BPK", "publisher": "BPK", "kind": "predikat",
     "grades": ["WTP", "WDP", "TW", "TMP"], "min_grade": "WTP", "years_required": 2},
    {"code": "kasus", "name": "Kasus hukum", "publisher": "KPK, Polri, Kejaksaan", "kind": "kasus",
     "positions": POSITIONS},
]
NUMERIC = {"mcp", "spi", "spip", "spbe"}
GRADED = {"sakip", "ombudsman", "bpk"}


def _band(value: Decimal) -> str:
    return format(value.normalize(), "f")


def forwards(apps, schema_editor):
    ScreeningRule = apps.get_model("regions", "ScreeningRule")
    Criterion = apps.get_model("regions", "Criterion")
    CriteriaImport = apps.get_model("regions", "CriteriaImport")
    rules: dict[int, dict[str, object]] = {}
    for rule in ScreeningRule.objects.all():
        rules.setdefault(rule.programme_year, {})[rule.criterion] = rule
    for year, saved in sorted(rules.items()):
        for order, entry in enumerate(EIGHT, start=1):
            fields = {key: (list(value) if isinstance(value, list) else value) for key, value in entry.items()}
            rule = saved.get(entry["code"])
            if rule is not None:
                # As ScreeningRule.to_rule() read it: the saved minimum or the default one, the saved lag
                # and number of years, the saved Ombudsman bands or the default ones.
                fields["data_year_lag"] = rule.data_year_lag
                fields["years_required"] = rule.years_required
                if entry["code"] in NUMERIC and rule.min_score is not None:
                    fields["min_score"] = rule.min_score
                if entry["code"] in GRADED and rule.min_grade:
                    fields["min_grade"] = rule.min_grade
                if entry["code"] == "ombudsman" and rule.band_a is not None:
                    fields["grade_bands"] = [_band(band) for band in (rule.band_a, rule.band_b, rule.band_c, rule.band_d)]
            Criterion.objects.create(
                programme_year=year, order=order, gate="keduanya", updated_by_id=rule.updated_by_id if rule else None,
                **fields,
            )
    names = {entry["code"]: (entry["name"], entry["kind"]) for entry in EIGHT}
    for batch in CriteriaImport.objects.all():
        name, kind = names.get(batch.criterion, (batch.criterion, "angka"))
        batch.criterion_name, batch.kind = name, kind
        batch.save(update_fields=["criterion_name", "kind"])


def backwards(apps, schema_editor):
    """Back to saved thresholds: each catalogue's eight become ScreeningRule rows (criteria added later,
    and the designation thresholds, have no place there and are dropped)."""
    ScreeningRule = apps.get_model("regions", "ScreeningRule")
    Criterion = apps.get_model("regions", "Criterion")
    for criterion in Criterion.objects.filter(code__in=[entry["code"] for entry in EIGHT]):
        bands = [Decimal(str(band)) for band in criterion.grade_bands] if criterion.code == "ombudsman" else []
        ScreeningRule.objects.update_or_create(
            programme_year=criterion.programme_year,
            criterion=criterion.code,
            defaults={
                "min_score": criterion.min_score if criterion.code in NUMERIC else None,
                "min_grade": criterion.min_grade if criterion.code in GRADED else "",
                "data_year_lag": criterion.data_year_lag,
                "years_required": criterion.years_required,
                "band_a": bands[0] if len(bands) == 4 else None,
                "band_b": bands[1] if len(bands) == 4 else None,
                "band_c": bands[2] if len(bands) == 4 else None,
                "band_d": bands[3] if len(bands) == 4 else None,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ("regions", "0003_criterion_catalogue"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
