"""The default criteria catalogue: the eight eligibility criteria as KPK listed them for the first cohorts.

A programme year without a catalogue of its own is screened on this one; a new programme year starts from a
copy of the previous year's catalogue (``regions.services.catalogue.create_catalogue``), or of this one when
there is none. Staff change a year's catalogue on the ``Kriteria`` pages, never here. Thresholds that public
statements do not give (SAKIP, SPIP, SPBE) and the Ombudsman score bands are ILLUSTRATIVE.
"""

from decimal import Decimal

from regions.enums import CasePosition, CriterionKind, Gate

# A case against one of these positions makes a region ineligible while it is open.
DISQUALIFYING_POSITIONS = [
    CasePosition.KEPALA_DAERAH.value,
    CasePosition.WAKIL_KEPALA_DAERAH.value,
    CasePosition.SEKRETARIS_DAERAH.value,
    CasePosition.KEPALA_OPD.value,
]

# Each entry: the fields of a regions.models.Criterion but the programme year, in KPK's order.
DEFAULT_CATALOGUE: list[dict] = [
    {
        "code": "mcp",
        "name": "Nilai MCP/MCSP",
        "publisher": "KPK",
        "kind": CriterionKind.SCORE,
        "scale_min": Decimal("0"),
        "scale_max": Decimal("100"),
        "min_score": Decimal("75"),
        "has_provisional": True,
    },
    {
        "code": "spi",
        "name": "Skor SPI",
        "publisher": "KPK",
        "kind": CriterionKind.SCORE,
        "scale_min": Decimal("0"),
        "scale_max": Decimal("100"),
        "min_score": Decimal("68"),
    },
    {
        "code": "sakip",
        "name": "Nilai SAKIP",
        "publisher": "Kementerian PAN-RB",
        "kind": CriterionKind.GRADE,
        "grades": ["AA", "A", "BB", "B", "CC", "C", "D"],
        "min_grade": "B",
    },
    {
        "code": "ombudsman",
        "name": "Kepatuhan Pelayanan Publik (Ombudsman)",
        "publisher": "Ombudsman RI",
        "kind": CriterionKind.GRADE,
        "grades": ["A", "B", "C", "D", "E"],
        # A score 0-100 is put in a category: A from 88, B from 78, C from 66, D from 54, else E.
        "scale_min": Decimal("0"),
        "scale_max": Decimal("100"),
        "grade_bands": ["88", "78", "66", "54"],
        "min_grade": "B",
    },
    {
        "code": "spip",
        "name": "Maturitas SPIP",
        "publisher": "BPKP",
        "kind": CriterionKind.SCORE,
        "scale_min": Decimal("0"),
        "scale_max": Decimal("5"),
        "min_score": Decimal("3"),
    },
    {
        "code": "spbe",
        "name": "Indeks SPBE",
        "publisher": "Kementerian PAN-RB",
        "kind": CriterionKind.SCORE,
        "scale_min": Decimal("0"),
        "scale_max": Decimal("5"),
        "min_score": Decimal("2.6"),
    },
    {
        "code": "bpk",
        "name": "Opini BPK",
        "publisher": "BPK",
        "kind": CriterionKind.GRADE,
        "grades": ["WTP", "WDP", "TW", "TMP"],
        "min_grade": "WTP",
        "years_required": 2,
    },
    {
        "code": "kasus",
        "name": "Kasus hukum",
        "publisher": "KPK, Polri, Kejaksaan",
        "kind": CriterionKind.CASES,
        "positions": DISQUALIFYING_POSITIONS,
    },
]

# Every default criterion gates both candidacy and designation with one threshold, reads the data year
# before the programme year, and fails when its value is missing.
for _entry in DEFAULT_CATALOGUE:
    _entry.setdefault("gate", Gate.BOTH)
