from regions.models.catalogue import Criterion, default_catalogue
from regions.models.criteria import (
    CriterionValue,
    CriterionValueRevision,
    LegalCase,
    LegalCaseRevision,
)
from regions.models.geography import Province, Region
from regions.models.imports import PREVIEW_LIFETIME, CriteriaImport, CriteriaWorkbook
from regions.models.versions import ScreeningVersion

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
    "ScreeningVersion",
    "default_catalogue",
]
