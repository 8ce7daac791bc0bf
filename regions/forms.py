from pathlib import Path

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from regions.enums import GRADE_SCALES, Criterion
from regions.models import ScreeningRule

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
