from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regions.enums import GRADE_SCALES, CaseHandler, CasePosition, CaseStage, Criterion, ValueStatus
from regions.models import CriterionValue, LegalCase, ScreeningRule
from regions.services.criteria_import import parse_value

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CriteriaImportForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Kriteria"), choices=Criterion.choices)
    data_year = forms.IntegerField(
        label=_("Tahun data"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Tahun yang digambarkan nilai, misalnya 2025. Tidak perlu untuk kasus hukum."),
    )
    final = forms.BooleanField(
        label=_("Nilai akhir MCP/MCSP"),
        required=False,
        help_text=_("Tanpa centang, nilai MCP/MCSP dicatat sebagai nilai sementara (berjalan)."),
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
        if cleaned.get("criterion") not in (None, Criterion.KASUS) and cleaned.get("data_year") is None:
            self.add_error(
                "data_year", forms.ValidationError(_("Isi tahun data."), code="data_year_required")
            )
        return cleaned


class ScreeningRuleForm(forms.ModelForm):
    """One criterion's rule for a programme year; only the fields that criterion uses are shown."""

    class Meta:
        model = ScreeningRule
        fields = [
            "min_score",
            "min_grade",
            "data_year_lag",
            "years_required",
            "band_a",
            "band_b",
            "band_c",
            "band_d",
        ]

    def __init__(self, *args, criterion: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.criterion = criterion
        self.criterion = criterion
        self.label = Criterion(criterion).label
        if criterion in GRADE_SCALES:
            self.fields["min_grade"] = forms.ChoiceField(
                label=self.fields["min_grade"].label,
                choices=[(grade, grade) for grade in GRADE_SCALES[criterion]],
                help_text=self.fields["min_grade"].help_text,
            )
            del self.fields["min_score"]
        else:
            del self.fields["min_grade"]
        if criterion != Criterion.OMBUDSMAN:
            for name in ("band_a", "band_b", "band_c", "band_d"):
                del self.fields[name]
        if criterion in (Criterion.KASUS,):
            del self.fields["min_score"]
        if "min_score" in self.fields:
            self.fields["min_score"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def _label(model, name: str):
    """A model field's label, so the admin and these forms agree."""
    return capfirst(model._meta.get_field(name).verbose_name)


class CriterionValueForm(forms.Form):
    """One criterion value added or corrected by Dit Permas staff; ``nilai`` is read on the criterion's
    own scale exactly as an imported cell is (decimal comma or point, grades by name)."""

    criterion = forms.ChoiceField(
        label=_label(CriterionValue, "criterion"),
        choices=[(value, label) for value, label in Criterion.choices if value != Criterion.KASUS],
    )
    data_year = forms.IntegerField(
        label=_label(CriterionValue, "data_year"),
        min_value=2000,
        max_value=2100,
        help_text=_("Tahun yang digambarkan nilai, misalnya 2025."),
    )
    value = forms.CharField(
        label=_("Nilai"),
        max_length=20,
        help_text=_(
            "MCP/MCSP dan SPI 0-100 dengan paling banyak dua angka desimal (74,99); SAKIP AA, A, BB, B, CC, "
            "C atau D; Ombudsman kategori A-E atau skor 0-100; SPIP dan SPBE 0-5; BPK WTP, WDP, TW atau TMP."
        ),
    )
    status = forms.ChoiceField(
        label=_label(CriterionValue, "status"),
        choices=ValueStatus.choices,
        initial=ValueStatus.FINAL,
        help_text=_("Hanya MCP/MCSP yang punya nilai sementara (berjalan) sebelum nilai akhirnya terbit."),
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
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        criterion = cleaned.get("criterion")
        if criterion and cleaned.get("value"):
            try:
                cleaned["score"], cleaned["grade"] = parse_value(criterion, cleaned["value"])
            except ValueError as exc:
                self.add_error("value", forms.ValidationError(capfirst(str(exc)), code="value_scale"))
        if criterion and criterion != Criterion.MCP and cleaned.get("status") == ValueStatus.PROVISIONAL:
            self.add_error(
                "status",
                forms.ValidationError(
                    _("Hanya MCP/MCSP yang punya nilai sementara; kriteria ini selalu nilai akhir."),
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
