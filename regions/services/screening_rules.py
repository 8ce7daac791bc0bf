from typing import Any

from django.db import transaction

from audit.services import record
from regions.models import ScreeningRule

RULE_FIELDS = (
    "min_score",
    "min_grade",
    "data_year_lag",
    "years_required",
    "band_a",
    "band_b",
    "band_c",
    "band_d",
)


def _snapshot(rule: ScreeningRule) -> dict[str, Any]:
    return {name: None if getattr(rule, name) is None else str(getattr(rule, name)) for name in RULE_FIELDS}


@transaction.atomic
def set_screening_rule(*, programme_year: int, criterion: str, values: dict[str, Any], by) -> ScreeningRule:
    """Save the programme year's rule for one criterion (creating it over the default) with an audit entry."""
    rule = (
        ScreeningRule.objects.select_for_update()
        .filter(programme_year=programme_year, criterion=criterion)
        .first()
    )
    before = _snapshot(rule) if rule else None
    if rule is None:
        rule = ScreeningRule(programme_year=programme_year, criterion=criterion)
    for name in RULE_FIELDS:
        if name in values:
            setattr(rule, name, values[name])
    rule.updated_by = by if by is not None and by.is_authenticated else None
    rule.full_clean(exclude=["updated_by"])
    after = _snapshot(rule)
    if before == after:
        return rule
    rule.save()
    record(actor=by, action="regions.screening_rule.set", obj=rule, before=before, after=after)
    return rule
