from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regions.enums import CaseHandler, CasePosition, CaseStage, CriterionKind, ValueStatus
from regions.models import Criterion, CriterionValue, LegalCase
from regions.models.catalogue import parse_decimal
from regions.services.criteria_import import find_criterion

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def criterion_choices(*, cases: bool = True) -> list[tuple[str, str]]:
    """Every criterion code any catalogue knows, with its newest name (two queries)."""
    names = Criterion.objects.known_codes()
    case_codes = set(Criterion.objects.filter(kind=CriterionKind.CASES).values_list("code", flat=True)) | {
        criterion.code for criterion in Criterion.objects.for_year(0) if criterion.is_cases
    }
    return [(code, f"{name} ({code})") for code, name in names.items() if cases or code not in case_codes]


class CriteriaImportForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Kriteria"), choices=())
    data_year = forms.IntegerField(
        label=_("Tahun data"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Tahun yang digambarkan nilai, misalnya 2025. Tidak perlu untuk kasus hukum."),
    )
    final = forms.BooleanField(
        label=_("Nilai akhir"),
        required=False,
        help_text=_(
            "Hanya untuk kriteria yang punya nilai sementara (MCP/MCSP): tanpa centang, nilainya dicatat "
            "sebagai nilai sementara (berjalan). Kriteria lain selalu nilai akhir."
        ),
    )
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_(
            "Kolom: kode atau nama, nilai, dan bila ada tanggal, sumber, keterangan. Untuk kasus hukum: kode "
            "atau nama, nama_orang, jabatan, tahap, penangan, tanggal_mulai, tanggal_selesai."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = criterion_choices()
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in {".csv", ".xlsx"}:
            raise forms.ValidationError(_("Unggah berkas .csv atau .xlsx."), code="file_type")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 5 MB."), code="file_size")
        return upload

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("criterion")
        if code and "data_year" not in self.errors:
            definition = find_criterion(code, cleaned.get("data_year"))
            if definition is not None and not definition.is_cases and cleaned.get("data_year") is None:
                self.add_error(
                    "data_year", forms.ValidationError(_("Isi tahun data."), code="data_year_required")
                )
        return cleaned


class CriteriaWorkbookForm(forms.Form):
    """The whole workbook of a programme year's criteria (the template from "Unduh templat")."""

    programme_year = forms.IntegerField(
        label=_("Tahun program"), min_value=2000, max_value=2100, help_text=_("Katalog kriteria yang dibaca.")
    )
    final = forms.BooleanField(
        label=_("Nilai akhir"),
        required=False,
        help_text=_(
            "Untuk kriteria yang punya nilai sementara (MCP/MCSP): centang bila nilainya nilai akhir."
        ),
    )
    file = forms.FileField(label=_("Buku kerja XLSX"))

    def __init__(self, *args, **kwargs):
        # Shown on the same page as CriteriaImportForm: ids of its own, so each label names its own field.
        kwargs.setdefault("auto_id", "id_workbook_%s")
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("Unggah buku kerja .xlsx."), code="file_type")
        if upload.size > 4 * MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 20 MB."), code="file_size")
        return upload


class ListField(forms.CharField):
    """A list typed one item per line (or separated by semicolons), e.g. grades best first."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        text = super().to_python(value)
        return [item.strip() for item in text.replace(";", "\n").splitlines() if item.strip()]


class BandsField(ListField):
    """The lowest score of each grade, as Indonesian readers type them (88; 77,5; 66)."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "; ".join(str(item).replace(".", ",") for item in value)
        return value

    def to_python(self, value):
        items = super().to_python(value)
        try:
            return [str(parse_decimal(item)) for item in items]
        except ValueError:
            raise forms.ValidationError(
                _("Tulis angka dipisah titik koma, misalnya 88; 78; 66; 54."), code="bands_number"
            ) from None


class CriterionForm(forms.ModelForm):
    """One criterion of a programme year's catalogue; the code is set when it is added and stays. The
    model's ``clean()`` checks what each kind needs; the view saves through ``regions.services.catalogue``."""

    grades = ListField(
        label=_("Predikat"),
        required=False,
        help_text=_("Satu per baris, dari yang terbaik (predikat berurutan)."),
    )
    grade_bands = BandsField(
        label=_("Batas skor predikat"),
        required=False,
        widget=forms.TextInput(),
        help_text=Criterion._meta.get_field("grade_bands").help_text,
    )
    positions = forms.MultipleChoiceField(
        label=_("Jabatan"),
        required=False,
        choices=CasePosition.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=Criterion._meta.get_field("positions").help_text,
    )

    class Meta:
        model = Criterion
        fields = [
            "code",
            "name",
            "publisher",
            "order",
            "kind",
            "gate",
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
            "has_provisional",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("scale_min", "scale_max", "min_score", "designation_min_score"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True
            self.fields[name].widget.input_type = "text"
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        if self.instance.pk:
            del self.fields["code"]
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Kosongkan untuk menaruhnya paling akhir.")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_order(self):
        """A blank order keeps the current one (a new criterion goes last: the service places it)."""
        order = self.cleaned_data.get("order")
        self.order_given = order is not None
        return order if order is not None else self.instance.order


def _label(model, name: str):
    """A model field's label, so the admin and these forms agree."""
    return capfirst(model._meta.get_field(name).verbose_name)


class CriterionValueForm(forms.Form):
    """One criterion value added or corrected by Dit Permas staff; ``nilai`` is read on the criterion's
    own scale (the catalogue that reads its data year) exactly as an imported cell is (decimal comma or
    point, grades by name)."""

    criterion = forms.ChoiceField(label=_label(CriterionValue, "criterion"), choices=())
    data_year = forms.IntegerField(
        label=_label(CriterionValue, "data_year"),
        min_value=2000,
        max_value=2100,
        help_text=_("Tahun yang digambarkan nilai, misalnya 2025."),
    )
    value = forms.CharField(
        label=_("Nilai"),
        max_length=40,
        help_text=_(
            "Pada skala kriteria menurut katalog: angka dengan paling banyak dua angka desimal (74,99), "
            "predikat dari daftarnya (SAKIP BB, BPK WTP), Ya/Tidak, atau jumlah."
        ),
    )
    status = forms.ChoiceField(
        label=_label(CriterionValue, "status"),
        choices=ValueStatus.choices,
        initial=ValueStatus.FINAL,
        help_text=_("Hanya kriteria dengan nilai berjalan (MCP/MCSP) yang punya nilai sementara."),
    )
    as_of = forms.DateField(
        label=_label(CriterionValue, "as_of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source = forms.CharField(
        label=_label(CriterionValue, "source"),
        max_length=255,
        help_text=_("Dokumen atau surat penerbit yang memuat nilai ini."),
    )
    source_url = forms.URLField(
        label=_label(CriterionValue, "source_url"), required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label=_label(CriterionValue, "note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = criterion_choices(cases=False)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        code, year = cleaned.get("criterion"), cleaned.get("data_year")
        definition = find_criterion(code, year) if code and year else None
        if definition is None:
            return cleaned
        if cleaned.get("value"):
            try:
                cleaned["score"], cleaned["grade"] = definition.parse_value(cleaned["value"])
            except ValueError as exc:
                self.add_error("value", forms.ValidationError(capfirst(str(exc)), code="value_scale"))
        if not definition.has_provisional and cleaned.get("status") == ValueStatus.PROVISIONAL:
            self.add_error(
                "status",
                forms.ValidationError(
                    _("Kriteria ini tidak punya nilai sementara; nilainya selalu nilai akhir."),
                    code="status_final_only",
                ),
            )
        return cleaned


class LegalCaseForm(forms.Form):
    """One legal case added or updated by Dit Permas staff. A case is known by its person and start date,
    so those two are fixed once the case exists; closing it means stage "selesai" with an end date."""

    person_name = forms.CharField(label=_label(LegalCase, "person_name"), max_length=150)
    position = forms.ChoiceField(label=_label(LegalCase, "position"), choices=CasePosition.choices)
    stage = forms.ChoiceField(label=_label(LegalCase, "stage"), choices=CaseStage.choices)
    handler = forms.ChoiceField(label=_label(LegalCase, "handler"), choices=CaseHandler.choices)
    started_on = forms.DateField(
        label=_label(LegalCase, "started_on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ended_on = forms.DateField(
        label=_label(LegalCase, "ended_on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Wajib bila tahapnya selesai."),
    )
    source = forms.CharField(
        label=_label(LegalCase, "source"),
        max_length=255,
        help_text=_("Berita, surat atau putusan yang memuat tahap ini."),
    )
    note = forms.CharField(
        label=_label(LegalCase, "note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case: LegalCase | None = None, **kwargs):
        if case is not None:
            kwargs["initial"] = {
                "person_name": case.person_name,
                "started_on": case.started_on,
                "position": case.position,
                "stage": case.stage,
                "handler": case.handler,
                "ended_on": case.ended_on,
                "source": case.source,
                "note": case.note,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["person_name"].disabled = True
            self.fields["started_on"].disabled = True
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if cleaned.get("stage") == CaseStage.SELESAI and ended is None and "ended_on" not in self.errors:
            self.add_error(
                "ended_on",
                forms.ValidationError(
                    _("Isi tanggal selesai untuk kasus yang selesai."), code="ended_required"
                ),
            )
        if started and ended and ended < started:
            self.add_error(
                "ended_on",
                forms.ValidationError(_("Tanggal selesai sebelum tanggal mulai."), code="ended_before_start"),
            )
        return cleaned
