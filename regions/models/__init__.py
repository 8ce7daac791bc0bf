from regions.models.criteria import (
    DEFAULT_RULES,
    CriterionValue,
    CriterionValueRevision,
    LegalCase,
    LegalCaseRevision,
    Rule,
    ScreeningRule,
)
from regions.models.geography import Province, Region
from regions.models.imports import CriteriaImport

__all__ = [
    "DEFAULT_RULES",
    "CriteriaImport",
    "CriterionValue",
    "CriterionValueRevision",
    "LegalCase",
    "LegalCaseRevision",
    "Province",
    "Region",
    "Rule",
    "ScreeningRule",
]
