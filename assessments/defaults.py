"""The illustrative default framework: the 6 components and 19 indicators KPK lists publicly.

Not public, and therefore only illustrative until staff enter the official values: which component each
indicator belongs to (the likely 1/6/4/4/3/1 split is used), the weights, the scales and the rubrics.

Weights are equal. 100 / 19 = 5.263..., which does not fit two decimals: every indicator gets 5.26 (the
share rounded down to the cent) and the remaining 0.06 is handed out one cent at a time to the first
indicators in order, so indicators 1-6 weigh 5.27 and 7-19 weigh 5.26: 6 x 5.27 + 13 x 5.26 = 100.00.
"""

from decimal import ROUND_DOWN, Decimal

COMPONENTS = [
    ("Tata Kelola Pemerintahan Daerah", ["1"]),
    ("Peningkatan Kualitas Pengawasan", ["2", "3", "4", "5", "6", "7"]),
    ("Peningkatan Kualitas Pelayanan Publik", ["8", "9", "10", "11"]),
    ("Budaya Kerja Antikorupsi", ["12", "13", "14", "15"]),
    ("Peran Serta Masyarakat", ["16", "17", "18"]),
    ("Kearifan Lokal", ["19"]),
]

INDICATORS = {
    "1": "Nilai MCP/MCSP",
    "2": "Pengawasan internal atas fungsi perangkat daerah",
    "3": "Sistem pelaporan pelanggaran (WBS)",
    "4": "Unit Pengendalian Gratifikasi (UPG)",
    "5": "Kepatuhan LHKPN 100%",
    "6": "Sinergi APIP dengan APH",
    "7": "Tindak lanjut pengaduan masyarakat",
    "8": "Digitalisasi pelayanan publik",
    "9": "Survei Kepuasan Masyarakat (SKM)",
    "10": "Keterbukaan informasi publik",
    "11": "Standar Pelayanan Minimal (SPM)",
    "12": "Komitmen antikorupsi kepala daerah dan kepala perangkat daerah",
    "13": "Internalisasi nilai-nilai antikorupsi",
    "14": "Budaya kerja antikorupsi di perangkat daerah",
    "15": "Penghargaan dan sanksi",
    "16": "Pemerintah daerah mendorong partisipasi masyarakat dalam pemberantasan korupsi",
    "17": "Kesadaran masyarakat",
    "18": "Kegiatan berbasis masyarakat",
    "19": "Pelestarian seni dan budaya lokal untuk menanamkan nilai antikorupsi",
}

# Indicator 1 is fed by the MCP/MCSP criterion value (0-100): (minimum value, indicator score).
FED_BY_CRITERION = {"1": "mcp"}
VALUE_MAPPINGS = {
    "1": [
        (Decimal("90"), Decimal("100")),
        (Decimal("80"), Decimal("90")),
        (Decimal("75"), Decimal("80")),
        (Decimal("0"), Decimal("0")),
    ]
}

RUBRIC = [
    (
        Decimal("100"),
        "Sangat baik",
        "Terpenuhi seluruhnya, dengan bukti dukung lengkap dan berjalan efektif.",
    ),
    (Decimal("75"), "Baik", "Terpenuhi sebagian besar, dengan bukti dukung yang memadai."),
    (Decimal("50"), "Cukup", "Terpenuhi sebagian, bukti dukung belum lengkap."),
    (Decimal("25"), "Kurang", "Baru direncanakan atau bukti dukung sangat terbatas."),
    (Decimal("0"), "Tidak ada", "Tidak terpenuhi atau tanpa bukti dukung."),
]


def equal_weights(count: int, total: Decimal = Decimal("100.00")) -> list[Decimal]:
    """``count`` weights with two decimals that sum to exactly ``total``: each the share rounded down to
    the cent, the remaining cents given one each to the first weights."""
    cent = Decimal("0.01")
    base = (total / count).quantize(cent, rounding=ROUND_DOWN)
    remainder_cents = int((total - base * count) / cent)
    return [base + cent if index < remainder_cents else base for index in range(count)]
