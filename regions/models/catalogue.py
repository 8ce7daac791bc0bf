"""The criteria catalogue: which eligibility criteria a programme year screens, each with its kind of value,
its scale or grades, the rule that passes, the data years it reads and the step of the cycle it decides.

Values (``CriterionValue``) are kept per data year under the criterion's code; the catalogue of a programme
year says how they are read. Only ``regions.services.catalogue`` writes the catalogue.
"""

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from antikorupsi.compiled import Columns, compiled_query
from regions.enums import NO, YES, CasePosition, CriterionKind, Gate, Stage

CODE_PATTERN = r"^[a-z][a-z0-9_]{0,19}$"
YES_WORDS = {"ya", "y", "yes", "ada", "benar", "1", "true"}
NO_WORDS = {"tidak", "t", "no", "tidak ada", "belum", "0", "false"}


def clean_text(cell) -> str:
    """A spreadsheet or form cell as one line of text (whole numbers without ``.0``)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return re.sub(r"\s+", " ", str(cell)).strip()


def parse_decimal(cell) -> Decimal:
    """A number written with a decimal comma or point ("74,99", "74.99") or a spreadsheet number."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Decimal(repr(cell))
    if isinstance(cell, Decimal):
        return cell
    text = clean_text(cell).replace(" ", "")
    if text.count(",") + text.count(".") > 1:
        raise ValueError(text)
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def decimal_label(value: Decimal | None) -> str:
    """A scale bound or threshold as Indonesian readers write it: 100, 2,6, 74,99."""
    if value is None:
        return ""
    value = value.normalize()
    return number_format(value, max(0, -value.as_tuple().exponent))


class CriterionQuerySet(models.QuerySet):
    def for_year(self, programme_year: int) -> list["Criterion"]:
        """The programme year's catalogue in its order, or the default catalogue (unsaved rows) when the
        year has none of its own. One query of the whole table (``Criterion.objects.for_year``), compiled
        once: every screening and the staff home read it (``antikorupsi.compiled``)."""
        rows = [_CRITERION.instance(row) for row in _catalogue(year=programme_year)]
        return rows or default_catalogue(programme_year)

    def definition(self, code: str, data_year: int) -> "Criterion | None":
        """How values of ``code`` for ``data_year`` are read: the criterion of the first programme year that
        reads that data year, else of the nearest programme year before it, else of the first after it,
        else the default catalogue's (None: no catalogue knows the code)."""
        rows = list(self.filter(code=code).order_by("programme_year"))
        if reading := [row for row in rows if data_year in row.data_years()]:
            return reading[0]
        if before := [row for row in rows if row.programme_year <= data_year + 1]:
            return before[-1]
        if rows:
            return rows[0]
        return next((row for row in default_catalogue(data_year + 1) if row.code == code), None)

    def known_codes(self) -> dict[str, str]:
        """Every code of every catalogue (and the default one) with its newest name (one query)."""
        names = {row.code: row.name for row in default_catalogue(0)}
        for code, name in self.order_by("programme_year", "order").values_list("code", "name"):
            names[code] = name
        return names


class Criterion(models.Model):
    """One eligibility criterion of one programme year's catalogue."""

    programme_year = models.PositiveSmallIntegerField(
        _("tahun program"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    code = models.CharField(
        _("kode"),
        max_length=20,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _("Kode: huruf kecil, angka atau garis bawah, diawali huruf (misalnya desa_antikorupsi)."),
                code="code_invalid",
            )
        ],
        help_text=_("Dipakai di impor (--criterion) dan ekspor; tetap sama dari tahun ke tahun."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=150)
    publisher = models.CharField(
        _("penerbit"), max_length=150, help_text=_("Lembaga yang menerbitkan nilai.")
    )
    description = models.TextField(_("keterangan"), blank=True)
    kind = models.CharField(_("jenis nilai"), max_length=10, choices=CriterionKind.choices)
    scale_min = models.DecimalField(
        _("batas bawah skala"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    scale_max = models.DecimalField(
        _("batas atas skala"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Untuk angka: misalnya 0 dan 100, atau 0 dan 5. Untuk jumlah: kosongkan bila tanpa batas."
        ),
    )
    grades = models.JSONField(
        _("predikat"),
        default=list,
        blank=True,
        help_text=_("Dari yang terbaik, misalnya AA, A, BB, B, CC, C, D."),
    )
    grade_bands = models.JSONField(
        _("batas skor predikat"),
        default=list,
        blank=True,
        help_text=_(
            "Bila penerbit memberi skor: skor terendah tiap predikat kecuali yang terakhir, dari yang terbaik "
            "(misalnya 88, 78, 66, 54 untuk A-D; di bawahnya E)."
        ),
    )
    positions = models.JSONField(
        _("jabatan"),
        default=list,
        blank=True,
        help_text=_("Kasus terbuka terhadap jabatan ini membuat daerah tidak memenuhi."),
    )
    min_score = models.DecimalField(
        _("nilai minimum"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Angka atau jumlah terendah yang masih memenuhi."),
    )
    min_grade = models.CharField(
        _("predikat minimum"),
        max_length=40,
        blank=True,
        help_text=_("Predikat terendah yang masih memenuhi."),
    )
    designation_min_score = models.DecimalField(
        _("nilai minimum penetapan"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Bila penetapan meminta lebih (misalnya MCP ≥ 90); kosong: sama dengan pencalonan."),
    )
    designation_min_grade = models.CharField(
        _("predikat minimum penetapan"),
        max_length=40,
        blank=True,
        help_text=_("Kosong: sama dengan pencalonan."),
    )
    data_year_lag = models.PositiveSmallIntegerField(
        _("selisih tahun data"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("1: tahun program 2026 membaca data tahun 2025."),
    )
    years_required = models.PositiveSmallIntegerField(
        _("jumlah tahun data"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_(
            "Berapa tahun data terakhir yang semuanya harus memenuhi (BPK: WTP 2 tahun berturut-turut)."
        ),
    )
    missing_fails = models.BooleanField(
        _("data tidak ada berarti tidak memenuhi"),
        default=True,
        help_text=_(
            "Matikan bila penerbit hanya menilai sebagian daerah (misalnya opini Ombudsman sejak 2025)."
        ),
    )
    gate = models.CharField(
        _("syarat untuk"),
        max_length=10,
        choices=Gate.choices,
        default=Gate.BOTH,
        help_text=_("Tahap yang ditentukan kriteria ini: pencalonan, penetapan, atau keduanya."),
    )
    has_provisional = models.BooleanField(
        _("ada nilai sementara"),
        default=False,
        help_text=_("Penerbit merilis nilai berjalan sebelum nilai akhir (MCP/MCSP)."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kriteria")
        verbose_name_plural = _("katalog kriteria")
        ordering = ["-programme_year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme_year", "code"], name="criterion_unique_year_code"),
            models.CheckConstraint(condition=Q(kind__in=CriterionKind.values), name="criterion_kind_valid"),
            models.CheckConstraint(condition=Q(gate__in=Gate.values), name="criterion_gate_valid"),
            models.CheckConstraint(
                condition=Q(years_required__gte=1), name="criterion_years_required_positive"
            ),
            models.CheckConstraint(
                condition=Q(scale_min__isnull=True)
                | Q(scale_max__isnull=True)
                | Q(scale_min__lt=models.F("scale_max")),
                name="criterion_scale_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year} · {self.name}"

    # Reading the catalogue entry.

    @property
    def is_cases(self) -> bool:
        return self.kind == CriterionKind.CASES

    @property
    def takes_values(self) -> bool:
        return self.kind != CriterionKind.CASES

    @property
    def accepts_score(self) -> bool:
        """Whether a value may be a number: scores and counts, and graded criteria with score bands."""
        return self.kind in (CriterionKind.SCORE, CriterionKind.COUNT) or bool(
            self.kind == CriterionKind.GRADE and self.grade_bands
        )

    @property
    def is_numeric(self) -> bool:
        """Whether the value is a number compared with a minimum (scores and counts), e.g. to feed an
        indicator or draw a chart."""
        return self.kind in (CriterionKind.SCORE, CriterionKind.COUNT)

    @property
    def grade_list(self) -> list[str]:
        """The accepted grades, best first (yes/no: Ya, Tidak)."""
        if self.kind == CriterionKind.YES_NO:
            return [YES, NO]
        if self.kind == CriterionKind.GRADE:
            return list(self.grades)
        return []

    @property
    def band_floors(self) -> list[Decimal]:
        return [Decimal(str(band)) for band in self.grade_bands]

    @property
    def chart_top(self) -> Decimal | None:
        """The top of the chart of this criterion's scores (None: no chart)."""
        if self.kind == CriterionKind.COUNT:
            return self.scale_max
        return self.scale_max if self.accepts_score else None

    def data_years(self, programme_year: int | None = None) -> list[int]:
        """The data years read for the programme year, newest first: by default Y-1 (BPK: Y-1 and Y-2)."""
        if self.kind == CriterionKind.CASES:
            return []
        first = (self.programme_year if programme_year is None else programme_year) - self.data_year_lag
        return [first - offset for offset in range(self.years_required)]

    def gates(self, stage: str) -> bool:
        return self.gate == Gate.BOTH or self.gate == stage

    def min_score_for(self, stage: str) -> Decimal | None:
        if stage == Stage.DESIGNATION and self.designation_min_score is not None:
            return self.designation_min_score
        return self.min_score

    def min_grade_for(self, stage: str) -> str:
        if self.kind == CriterionKind.YES_NO:
            return YES
        if stage == Stage.DESIGNATION and self.designation_min_grade:
            return self.designation_min_grade
        return self.min_grade

    def grade_for_score(self, score: Decimal) -> str:
        """The grade a score falls in with the score bands (the last grade below every band)."""
        grades = self.grade_list
        for grade, lowest in zip(grades, self.band_floors, strict=False):
            if score >= lowest:
                return grade
        return grades[-1]

    def positions_label(self) -> str:
        labels = dict(CasePosition.choices)
        names = [str(labels.get(code, code)) for code in self.positions]
        names = [name[:1].lower() + name[1:] for name in names]
        if len(names) > 1:
            return gettext("%(first)s atau %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
        return "".join(names)

    def threshold_label(self, stage: str = Stage.CANDIDACY) -> str:
        """The rule that passes, readable: "≥ 75,00", "B atau lebih baik", "WTP selama 2 tahun berturut-turut"."""
        if self.kind == CriterionKind.CASES:
            return gettext("tidak ada kasus terbuka terhadap %(positions)s") % {
                "positions": self.positions_label()
            }
        if self.kind == CriterionKind.SCORE:
            minimum = self.min_score_for(stage)
            rule = "≥ %s" % number_format(minimum, 2) if minimum is not None else ""
        elif self.kind == CriterionKind.COUNT:
            minimum = self.min_score_for(stage)
            rule = "≥ %d" % minimum if minimum is not None else ""
        else:
            grade = self.min_grade_for(stage)
            grades = self.grade_list
            if not grades or grade not in grades or grades.index(grade) == 0:
                rule = grade
            else:
                rule = gettext("%(grade)s atau lebih baik") % {"grade": grade}
        if self.years_required > 1:
            return gettext("%(grade)s selama %(years)d tahun berturut-turut") % {
                "grade": rule,
                "years": self.years_required,
            }
        return rule

    @property
    def designation_threshold(self) -> str:
        return self.threshold_label(Stage.DESIGNATION)

    def scale_label(self) -> str:
        """What a value looks like, for forms, templates and import errors."""
        if self.kind == CriterionKind.SCORE:
            return f"{decimal_label(self.scale_min)}-{decimal_label(self.scale_max)}"
        if self.kind == CriterionKind.COUNT:
            if self.scale_max is not None:
                return gettext("bilangan bulat 0-%s") % decimal_label(self.scale_max)
            return gettext("bilangan bulat 0 atau lebih")
        if self.kind == CriterionKind.YES_NO:
            return gettext("Ya atau Tidak")
        if self.kind == CriterionKind.GRADE:
            text = ", ".join(self.grade_list)
            if self.grade_bands:
                text += gettext(" atau skor %(low)s-%(high)s") % {
                    "low": decimal_label(self.scale_min),
                    "high": decimal_label(self.scale_max),
                }
            return text
        return ""

    def parse_value(self, cell) -> tuple[Decimal | None, str]:
        """(score, grade) of a cell on this criterion's scale; ValueError with the reason in Indonesian."""
        text = clean_text(cell)
        if not text:
            raise ValueError(gettext("nilai kosong."))
        if self.kind == CriterionKind.YES_NO:
            word = text.lower()
            if word in YES_WORDS:
                return None, YES
            if word in NO_WORDS:
                return None, NO
            raise ValueError(gettext("nilai %(value)r tidak sah; tulis Ya atau Tidak.") % {"value": text})
        if self.kind == CriterionKind.GRADE and not (self.grade_bands and re.match(r"^[\d.,]+$", text)):
            by_key = {grade.casefold(): grade for grade in self.grade_list}
            if text.casefold() not in by_key:
                raise ValueError(
                    gettext("nilai %(value)r tidak sah; pilih salah satu dari %(options)s.")
                    % {"value": text, "options": ", ".join(self.grade_list)}
                )
            return None, by_key[text.casefold()]
        try:
            score = parse_decimal(cell)
        except ValueError:
            raise ValueError(
                gettext("nilai %(value)r bukan angka (misalnya 74,99).") % {"value": text}
            ) from None
        if self.kind == CriterionKind.COUNT:
            if score != score.to_integral() or score < 0:
                raise ValueError(
                    gettext("nilai %(value)s bukan bilangan bulat 0 atau lebih.") % {"value": text}
                )
            if self.scale_max is not None and score > self.scale_max:
                raise ValueError(
                    gettext("nilai %(value)s di luar skala 0-%(top)s.")
                    % {"value": text, "top": decimal_label(self.scale_max)}
                )
            return score.quantize(Decimal("0.01")), ""
        low = self.scale_min if self.scale_min is not None else Decimal(0)
        if not (low <= score and (self.scale_max is None or score <= self.scale_max)):
            raise ValueError(
                gettext("nilai %(value)s di luar skala %(low)s-%(top)s.")
                % {"value": text, "low": decimal_label(low), "top": decimal_label(self.scale_max)}
            )
        if score != score.quantize(Decimal("0.01")):
            raise ValueError(
                gettext("nilai %(value)s memiliki lebih dari dua angka desimal.") % {"value": text}
            )
        return score.quantize(Decimal("0.01")), ""

    def value_fits(self, score: Decimal | None, grade: str) -> str:
        """Why a stored (score, grade) does not fit this criterion, or "" when it does."""
        if self.kind == CriterionKind.CASES:
            return gettext("kasus hukum dicatat sebagai kasus, bukan nilai.")
        if grade and grade not in self.grade_list:
            return gettext("predikat %(grade)r tidak ada pada kriteria ini (%(options)s).") % {
                "grade": grade,
                "options": ", ".join(self.grade_list) or "-",
            }
        if score is not None:
            if not self.accepts_score:
                return gettext("kriteria ini tidak menerima angka.")
            try:
                self.parse_value(score if self.kind != CriterionKind.GRADE else f"{score:f}")
            except ValueError as exc:
                return str(exc)
        if score is None and not grade:
            return gettext("nilai kosong.")
        if self.kind in (CriterionKind.SCORE, CriterionKind.COUNT) and score is None:
            return gettext("kriteria ini memerlukan angka.")
        return ""

    # Validation (the staff form, the admin and the services all call full_clean()).

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        kind = self.kind
        if kind == CriterionKind.SCORE:
            if self.scale_min is None or self.scale_max is None:
                errors["scale_max"] = ValidationError(
                    _("Isi batas bawah dan batas atas skala."), code="scale_required"
                )
            elif self.scale_min >= self.scale_max:
                errors["scale_max"] = ValidationError(
                    _("Batas atas skala harus lebih besar dari batas bawahnya."), code="scale_order"
                )
        if kind in (CriterionKind.SCORE, CriterionKind.COUNT):
            for name in ("min_score", "designation_min_score"):
                minimum = getattr(self, name)
                if minimum is None:
                    if name == "min_score":
                        errors[name] = ValidationError(_("Isi nilai minimum."), code="min_score_required")
                    continue
                if kind == CriterionKind.COUNT and (minimum != minimum.to_integral() or minimum < 0):
                    errors[name] = ValidationError(
                        _("Jumlah minimum harus bilangan bulat 0 atau lebih."), code="min_count_invalid"
                    )
                elif (self.scale_min is not None and minimum < self.scale_min) or (
                    self.scale_max is not None and minimum > self.scale_max
                ):
                    errors[name] = ValidationError(
                        _("Nilai minimum di luar skala kriteria (%(scale)s).")
                        % {"scale": self.scale_label()},
                        code="min_score_scale",
                    )
        if kind == CriterionKind.GRADE:
            grades = [str(grade).strip() for grade in self.grades or []]
            if len(grades) < 2 or any(not grade or len(grade) > 40 for grade in grades):
                errors["grades"] = ValidationError(
                    _(
                        "Isi paling sedikit dua predikat (masing-masing paling panjang 40 huruf), dari yang terbaik."
                    ),
                    code="grades_required",
                )
            elif len({grade.casefold() for grade in grades}) != len(grades):
                errors["grades"] = ValidationError(
                    _("Ada predikat yang ditulis dua kali."), code="grades_unique"
                )
            else:
                for name in ("min_grade", "designation_min_grade"):
                    grade = getattr(self, name)
                    if (grade or name == "min_grade") and grade not in grades:
                        errors[name] = ValidationError(
                            _("Pilih salah satu dari: %(grades)s.") % {"grades": ", ".join(grades)},
                            code="min_grade_invalid",
                        )
                if self.grade_bands:
                    try:
                        bands = [parse_decimal(band) for band in self.grade_bands]
                    except ValueError:
                        bands = None
                    if (
                        bands is None
                        or len(bands) != len(grades) - 1
                        or bands != sorted(bands, reverse=True)
                        or self.scale_min is None
                        or self.scale_max is None
                        or any(not self.scale_min <= band <= self.scale_max for band in bands)
                    ):
                        errors["grade_bands"] = ValidationError(
                            _(
                                "Isi %(count)d skor terendah, dari predikat terbaik ke bawah, di dalam skala "
                                "(isi juga batas bawah dan atas skala)."
                            )
                            % {"count": len(grades) - 1},
                            code="bands_invalid",
                        )
        if kind == CriterionKind.CASES and (
            not self.positions or any(code not in CasePosition.values for code in self.positions)
        ):
            errors["positions"] = ValidationError(
                _("Pilih jabatan yang kasusnya membuat daerah tidak memenuhi."), code="positions_required"
            )
        if errors:
            raise ValidationError(errors)

    # Comparing and copying.

    COPIED_FIELDS = (
        "code",
        "order",
        "name",
        "publisher",
        "description",
        "kind",
        "scale_min",
        "scale_max",
        "grades",
        "grade_bands",
        "positions",
        "min_score",
        "min_grade",
        "designation_min_score",
        "designation_min_grade",
        "data_year_lag",
        "years_required",
        "missing_fails",
        "gate",
        "has_provisional",
    )

    def snapshot(self) -> dict:
        """The catalogue fields as JSON-ready values (audit trail, the diff between years, copies)."""
        out = {}
        for name in self.COPIED_FIELDS:
            value = getattr(self, name)
            if isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            elif isinstance(value, list):
                value = [str(item) for item in value]
            out[name] = value
        return out

    def copy_fields(self) -> dict:
        return {name: getattr(self, name) for name in self.COPIED_FIELDS}


_CRITERION = Columns(Criterion)


@compiled_query
def _catalogue(p):
    return (
        Criterion.objects.filter(programme_year=p.year).order_by("order", "pk").values_list(*_CRITERION.names)
    )


def default_catalogue(programme_year: int) -> list[Criterion]:
    """The default catalogue as unsaved criteria of the programme year, in order."""
    from regions.defaults import DEFAULT_CATALOGUE

    return [
        Criterion(
            programme_year=programme_year,
            order=index,
            **{name: list(value) if isinstance(value, list) else value for name, value in entry.items()},
        )
        for index, entry in enumerate(DEFAULT_CATALOGUE, start=1)
    ]
