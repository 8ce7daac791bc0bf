"""Forms of the evidence pages. Files are checked here (name, size, type by content) so the inspector
sees the reason on the field; the services check them again before storing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.enums import EvidenceStatus
from assessments.models import Candidate, Document, Indicator
from assessments.services.evidence import (
    allowed_extensions,
    batch_title,
    check_file,
    max_size_text,
    too_large_error,
)


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}. {obj.name}"


class EvidenceFileMixin:
    """A ``file`` field checked with the evidence rules; ``oversized`` are the field names the upload
    handler dropped because they passed the size limit."""

    def __init__(self, *args, oversized=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized
        self.fields["file"].help_text = _(
            "PDF, gambar atau dokumen perkantoran (%(types)s), paling besar %(size)s."
        ) % {
            "types": ", ".join(allowed_extensions()),
            "size": max_size_text(),
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(allowed_extensions())

    def clean_file(self):
        if self.add_prefix("file") in self.oversized:
            raise too_large_error()
        file = self.cleaned_data.get("file")
        if file is None:
            raise ValidationError(_("Pilih berkas yang akan diunggah."), code="required")
        check_file(file)
        return file


def indicator_queryset(candidate: Candidate):
    return Indicator.objects.filter(framework__programme_year=candidate.programme_year_id).order_by(
        "component__order", "order", "pk"
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or several files under one name; cleans to a list."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class UploadForm(EvidenceFileMixin, forms.Form):
    """One or several files, each becoming its own document linked to the chosen indicators. Every file
    is checked; one refused file refuses the whole upload."""

    title = forms.CharField(
        label=_("Judul"),
        max_length=200,
        required=False,
        help_text=_(
            "Wajib untuk satu berkas. Untuk beberapa berkas, judul tiap dokumen adalah judul ini ditambah "
            "nama berkasnya (atau nama berkasnya saja bila judul kosong)."
        ),
    )
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    indicators = IndicatorChoiceField(
        label=_("Indikator yang didukung"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Satu dokumen dapat mendukung beberapa indikator."),
    )
    file = MultipleFileField(label=_("Berkas"), required=False, allow_empty_file=True)

    def __init__(self, *args, candidate: Candidate, oversized_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized_names = list(oversized_names)
        self.fields["indicators"].queryset = indicator_queryset(candidate)
        self.fields["file"].help_text = _(
            "Satu atau beberapa berkas sekaligus; setiap berkas menjadi satu dokumen. PDF, gambar atau "
            "dokumen perkantoran (%(types)s), paling besar %(size)s per berkas."
        ) % {"types": ", ".join(allowed_extensions()), "size": max_size_text()}

    def clean_file(self):
        files = self.cleaned_data.get("file") or []
        if self.add_prefix("file") in self.oversized:
            if not files and len(self.oversized_names) <= 1:
                raise too_large_error()
            raise ValidationError(
                _("Unggahan ditolak seluruhnya karena berkas %(name)s: %(reason)s")
                % {"name": ", ".join(self.oversized_names), "reason": too_large_error().messages[0]},
                code="too_large",
            )
        if not files:
            raise ValidationError(_("Pilih berkas yang akan diunggah."), code="required")
        errors = []
        for file in files:
            try:
                check_file(file)
            except ValidationError as error:
                if len(files) == 1:
                    raise
                errors.append(f"{file.name}: {' '.join(error.messages)}")
        if errors:
            heading = _(
                "Unggahan ditolak seluruhnya; tidak ada berkas yang disimpan. Perbaiki atau buang berkas ini:"
            )
            raise ValidationError([heading, *errors], code="batch_refused")
        return files

    def clean(self):
        data = super().clean()
        files = data.get("file") or []
        if len(files) == 1 and not (data.get("title") or "").strip():
            self.add_error("title", ValidationError(_("Isi judul dokumen."), code="required"))
        return data

    def uploads(self) -> list[tuple[str, object]]:
        """(title, file) of each document to create."""
        files = self.cleaned_data["file"]
        return [(batch_title(self.cleaned_data["title"], file.name, len(files)), file) for file in files]


class VersionForm(EvidenceFileMixin, forms.Form):
    file = forms.FileField(label=_("Berkas versi baru"), required=False, allow_empty_file=True)
    comment = forms.CharField(
        label=_("Catatan unggahan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya apa yang diperbaiki dari versi sebelumnya."),
    )


class LinkForm(forms.Form):
    indicators = IndicatorChoiceField(
        label=_("Indikator yang didukung"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, document: Document, **kwargs):
        kwargs.setdefault("initial", {"indicators": list(document.indicators.all())})
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicator_queryset(document.candidate)


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=[(EvidenceStatus.ACCEPTED, _("Diterima")), (EvidenceStatus.REVISION, _("Perlu perbaikan"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Catatan untuk daerah"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila perlu perbaikan: apa yang kurang atau tidak terbaca."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == EvidenceStatus.REVISION and not (data.get("note") or "").strip():
            self.add_error(
                "note", ValidationError(_("Tulis apa yang perlu diperbaiki."), code="note_required")
            )
        return data


class DeadlineForm(forms.Form):
    due_on = forms.DateField(
        label=_("Batas unggah bukti dukung"), widget=forms.DateInput(attrs={"type": "date"})
    )
