"""The demo data: the provinces, the regions and the people named in the programme's source documents.

Typed here as the project's own data (never read from ../shared). The people are invented demo accounts in
the roles that the source documents describe; every account shares DEMO_PASSWORD.
"""

from accounts.enums import Institution, Role

DEMO_PASSWORD = "antikorupsi-demo"

PROVINCES = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "Daerah Khusus Ibukota Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "Daerah Istimewa Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
]

# (code, kind, name): the pilots of 2024 and 2025, the candidates of 2026, and Kabupaten Blitar, which
# shares its name with Kota Blitar.
REGIONS = [
    ("13.76", "kota", "Payakumbuh"),
    ("19.04", "kabupaten", "Bangka Tengah"),
    ("33.72", "kota", "Surakarta"),
    ("34.01", "kabupaten", "Kulon Progo"),
    ("35.05", "kabupaten", "Blitar"),
    ("35.72", "kota", "Blitar"),
    ("51.03", "kabupaten", "Badung"),
    ("52.71", "kota", "Mataram"),
    ("53.15", "kabupaten", "Manggarai Barat"),
    ("64.74", "kota", "Bontang"),
    ("71.07", "kabupaten", "Minahasa Tenggara"),
    ("73.09", "kabupaten", "Maros"),
]

# (username, name, role, institution, position, province code, region code)
PEOPLE = [
    (
        "permas",
        "Rina Kartika",
        Role.STAFF,
        Institution.KPK,
        "Staf Direktorat Pembinaan Peran Serta Masyarakat",
        None,
        None,
    ),
    ("penilai.kpk", "Andi Pratama", Role.ASSESSOR, Institution.KPK, "Fungsional Dit Permas KPK", None, None),
    (
        "penilai.panrb",
        "Sri Wahyuni",
        Role.ASSESSOR,
        Institution.PANRB,
        "Analis Kebijakan Kementerian PAN-RB",
        None,
        None,
    ),
    (
        "penilai.kemenkeu",
        "Budi Santoso",
        Role.ASSESSOR,
        Institution.KEMENKEU,
        "Pemeriksa Kementerian Keuangan",
        None,
        None,
    ),
    (
        "penilai.kemendagri",
        "Yusuf Hidayat",
        Role.ASSESSOR,
        Institution.KEMENDAGRI,
        "Inspektorat Jenderal Kemendagri",
        None,
        None,
    ),
    ("penilai.bpkp", "Maria Ulfa", Role.ASSESSOR, Institution.BPKP, "Auditor BPKP", None, None),
    (
        "penilai.ombudsman",
        "Hendra Wijaya",
        Role.ASSESSOR,
        Institution.OMBUDSMAN,
        "Asisten Ombudsman RI",
        None,
        None,
    ),
    (
        "penilai.jatim",
        "Siti Rahmawati",
        Role.ASSESSOR,
        Institution.PROVINCE,
        "Inspektorat Provinsi Jawa Timur",
        "35",
        None,
    ),
    (
        "inspektur.blitar",
        "Agus Setiawan",
        Role.INSPECTOR,
        Institution.REGION,
        "Inspektur Kota Blitar",
        None,
        "35.72",
    ),
    (
        "inspektur.mataram",
        "Lalu Ahmad Fauzi",
        Role.INSPECTOR,
        Institution.REGION,
        "Inspektur Kota Mataram",
        None,
        "52.71",
    ),
    (
        "penilai.sulsel",
        "Andi Nurhayati",
        Role.ASSESSOR,
        Institution.PROVINCE,
        "Inspektorat Provinsi Sulawesi Selatan",
        "73",
        None,
    ),
    (
        "inspektur.maros",
        "Muhammad Idrus",
        Role.INSPECTOR,
        Institution.REGION,
        "Inspektur Kabupaten Maros",
        None,
        "73.09",
    ),
]

# Programme years: (year, status, key dates). Dates the sources do not give are left empty.
PROGRAMME_YEARS = [
    (2024, "selesai", {"inauguration_on": "2024-12-09"}),
    (
        2025,
        "berjalan",
        {
            "designation_on": "2025-01-17",
            "assessments_start_on": "2025-11-03",
            "assessments_end_on": "2025-11-14",
            "inauguration_on": "2025-12-09",
        },
    ),
    (2026, "persiapan", {}),
]

# The cohorts: (year, region code, proposing province, status reached). The 2024 pilots went the whole way;
# the 2025 candidates were designated by one letter (17 January 2025); Kota Blitar is assessed in the system,
# Kota Mataram and Kabupaten Minahasa Tenggara became pilots on results decided outside it; the 2026
# candidates are designated. Letters other than the 2025 one are not public: the demo marks its own.
DESIGNATION_LETTERS = {
    2024: ("DEMO/2024/PENETAPAN", "2024-03-01"),
    2025: ("B/393/DKM.01.02/80-84/01/2025", "2025-01-17"),
    2026: ("DEMO/2026/PENETAPAN", "2026-01-15"),
}
COHORTS = [
    (2024, "34.01", "dikukuhkan"),
    (2024, "33.72", "dikukuhkan"),
    (2024, "13.76", "dikukuhkan"),
    (2024, "51.03", "dikukuhkan"),
    (2025, "35.72", "dinilai"),
    (2025, "52.71", "percontohan"),
    (2025, "71.07", "percontohan"),
    (2026, "19.04", "ditetapkan"),
    (2026, "64.74", "ditetapkan"),
    (2026, "73.09", "ditetapkan"),
    (2026, "53.15", "ditetapkan"),
]

# Satgas 1 of 2025, drawn from all seven institutions: (username, role).
SATGAS_1_2025 = [
    ("penilai.kpk", "ketua"),
    ("penilai.panrb", "sekretaris"),
    ("penilai.kemenkeu", "anggota"),
    ("penilai.kemendagri", "anggota"),
    ("penilai.bpkp", "anggota"),
    ("penilai.ombudsman", "anggota"),
    ("penilai.jatim", "anggota"),
]
# Kota Blitar's assessment: (region code, team, first day, last day, place).
ASSESSMENTS_2025 = [("35.72", "Satgas 1", "2025-11-05", "2025-11-06", "Kantor Wali Kota Blitar")]

# Results decided outside the system (the 2024 cohort before the system existed, and the other 2025 pilots),
# recorded by staff: (year, region code, total or None when not published, result date). The predicate comes
# from the year's bands. The letters or announcements carrying them are not public: the demo names its own.
OUTSIDE_RESULTS = [
    (2024, "34.01", "95.10", "2024-12-01"),
    (2024, "33.72", "96.10", "2024-12-01"),
    (2024, "13.76", "94.75", "2024-12-01"),
    (2024, "51.03", None, "2024-12-01"),
    (2025, "52.71", "91.85", "2025-12-01"),
    (2025, "71.07", "90.80", "2025-12-01"),
]

# The real date of each step of a cohort's year (proposal to inauguration), so the timelines and the audit
# trail read as the programme ran: {year: {status: date}}. The 2024 cohort was run in a few weeks.
STEP_DATES = {
    2024: {
        "diusulkan": "2024-01-15",
        "diskrining": "2024-02-01",
        "diobservasi": "2024-02-15",
        "ditetapkan": "2024-03-01",
        "dinilai": "2024-11-06",
        "diumumkan": "2024-11-07",
        "percontohan": "2024-12-01",
        "dikukuhkan": "2024-12-09",
    },
    2025: {
        "diusulkan": "2024-09-16",
        "diskrining": "2024-10-14",
        "diobservasi": "2024-12-03",
        "ditetapkan": "2025-01-17",
        "dinilai": "2025-11-06",
        "diumumkan": "2025-11-07",
        "percontohan": "2025-12-01",
        "dikukuhkan": "2025-12-09",
    },
    2026: {
        "diusulkan": "2025-09-15",
        "diskrining": "2025-10-13",
        "diobservasi": "2025-12-03",
        "ditetapkan": "2026-01-15",
    },
}
# When each programme year was opened, and when its status last changed: (year, created on, status changes).
PROGRAMME_YEAR_DATES = {2024: "2024-01-02", 2025: "2024-09-02", 2026: "2025-09-01"}
YEAR_STATUS_CHANGES = [(2025, "selesai", "2025-12-10"), (2026, "berjalan", "2026-01-15")]

# The 2026 cohort in progress: Kabupaten Maros, assessed by Satgas 1 of 2026 (the six national assessors
# and the Sulawesi Selatan provincial government's). The provincial member shares the region's province:
# a conflict of interest, seated with the written reason below.
SATGAS_1_2026 = [
    ("penilai.kpk", "ketua"),
    ("penilai.panrb", "sekretaris"),
    ("penilai.kemenkeu", "anggota"),
    ("penilai.kemendagri", "anggota"),
    ("penilai.bpkp", "anggota"),
    ("penilai.ombudsman", "anggota"),
    ("penilai.sulsel", "anggota"),
]
JATIM_SEATING_REASON = (
    "Kursi pemerintah provinsi pada tim diisi oleh Inspektorat Provinsi Jawa Timur sesuai komposisi tim; "
    "penilai tidak pernah bertugas di Kota Blitar."
)
SULSEL_SEATING_REASON = (
    "Kursi pemerintah provinsi pada tim diisi oleh Inspektorat Provinsi Sulawesi Selatan sesuai komposisi tim; "
    "penilai tidak pernah bertugas di Kabupaten Maros dan nilainya dibahas terbuka dalam rapat pleno."
)
MAROS_2026 = {
    "code": "73.09",
    "team": "Satgas 1",
    "team_on": "2026-09-14",
    "scheduled_on": "2026-09-21",
    "starts_on": "2026-12-01",
    "ends_on": "2026-12-02",
    "place": "Kantor Bupati Maros",
    "deadline": "2026-11-30",
    "stage_opened_on": "2026-11-23",
}
# The Maros inspectorate's uploads so far: (date, title, indicator codes, file name). Indicators 1-19 of
# the framework; the rest is still missing.
MAROS_UPLOADS = [
    ("2026-10-05", "Laporan pengawasan internal fungsi OPD 2026", ["2"], "pengawasan-internal-2026.pdf"),
    ("2026-10-07", "SK Unit Pengendalian Gratifikasi", ["4"], "sk-upg.pdf"),
    ("2026-10-12", "Rekapitulasi kepatuhan LHKPN 2026", ["5"], "rekap-lhkpn-2026.pdf"),
    ("2026-10-20", "Laporan Survei Kepuasan Masyarakat 2026", ["9"], "skm-2026.pdf"),
    ("2026-11-02", "Peraturan Bupati tentang Sistem Pelaporan Pelanggaran", ["3", "7"], "perbup-wbs.pdf"),
]
# Reviews by the team: (date, assessor, document title, status, note).
MAROS_REVIEWS = [
    ("2026-11-24", "penilai.kpk", "SK Unit Pengendalian Gratifikasi", "diterima", ""),
    ("2026-11-24", "penilai.kpk", "Rekapitulasi kepatuhan LHKPN 2026", "diterima", ""),
    (
        "2026-11-25",
        "penilai.bpkp",
        "Laporan pengawasan internal fungsi OPD 2026",
        "perbaikan",
        "Lampirkan laporan hasil pengawasan semester II dan tindak lanjutnya; yang terunggah baru semester I.",
    ),
]
# Document-stage scores entered so far: (date, assessor, submit, {indicator code: score}).
MAROS_SCORES = [
    ("2026-11-25", "penilai.kpk", False, {"2": "80", "3": "85", "4": "90", "5": "95", "9": "85"}),
    ("2026-11-26", "penilai.panrb", False, {"4": "85", "5": "90", "9": "80"}),
]
OUTSIDE_RESULT_SOURCE = "DEMO/{year}/HASIL: pengumuman hasil penilaian KPK (nomor surat tidak dipublikasikan)"
