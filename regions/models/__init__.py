from regions.models.catalogue import Criterion, default_catalogue
from regions.models.criteria import (
    CriterionValue,
    CriterionValueRevision,
    LegalCase,
    LegalCaseRevision,
)
from regions.models.geography import Province, Region
from regions.models.imports import PREVIEW_LIFETIME, CriteriaImport, CriteriaWorkbook

__all__ = [
    "PREVIEW_LIFETIME",
    "CriteriaImport",
    "CriteriaWorkbook",
    "Criterion",
    "CriterionValue",
    "CriterionValueRevision",
    "LegalCase",
    "LegalCaseRevision",
    "Province",
    "Region",
    "default_catalogue",
]
