"""Forms of the region's side of the cycle. Each form's data goes to a service; files are checked here with
the evidence rules so the reason shows on the field (the services check them again)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from assessments.enums import MonitoringKind, RecommendationSource
from assessments.forms.evidence import MultipleFileField
from assessments.forms.scoring import score_field
from assessments.models import Candidate, Indicator, MonitoringRound
from assessments.services.evidence import allowed_extensions, check_file, max_size_text, too_large_error
from assessments.services.selfassessment import SelfEntry

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilesMixin:
    """Fields whose name starts with ``berkas`` are lists of files checked with the evidence rules."""

    def __init__(self, *args, oversized=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized

    def file_field(self) -> MultipleFileField:
        field = MultipleFileField(label=_("Berkas bukti"), required=False)
        field.help_text = _("PDF, gambar atau dokumen perkantoran (%(types)s), paling besar %(size)s.") % {
            "types": ", ".join(allowed_extensions()),
            "size": max_size_text(),
        }
        field.widget.attrs.update({"accept": ",".join(allowed_extensions()), "class": "form-control"})
        return field

    def clean(self):
        cleaned = super().clean()
        for name in list(self.fields):
            if not name.startswith("berkas"):
                continue
            if self.add_prefix(name) in self.oversized:
                self.add_error(name, too_large_error())
                continue
            for file in cleaned.get(name) or []:
                try:
                    check_file(file)
                except ValidationError as error:
                    self.add_error(name, error)
                    break
        return cleaned


# Self-assessment.


class SelfAssessmentForm(forms.Form):
    """Every indicator of the framework at once: self-score, justification and the evidence documents
    linked to that indicator. ``rows`` are (indicator, self score or None, documents of the indicator)."""

    def __init__(self, *args, rows, disabled: bool = False, **kwargs):
        self.rows = rows
        initial = {}
        for indicator, score, _documents in rows:
            if score is not None:
                initial[f"nilai_{indicator.pk}"] = score.value
                initial[f"penjelasan_{indicator.pk}"] = score.justification
                initial[f"bukti_{indicator.pk}"] = [document.pk for document in score.documents.all()]
        super().__init__(*args, initial=initial, **kwargs)
        for indicator, _score, documents in rows:
            self.fields[f"nilai_{indicator.pk}"] = score_field(
                indicator, label=_("Nilai mandiri %(code)s") % {"code": indicator.code}, disabled=disabled
            )
            self.fields[f"penjelasan_{indicator.pk}"] = forms.CharField(
                label=_("Penjelasan %(code)s") % {"code": indicator.code},
                required=False,
                disabled=disabled,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            self.fields[f"bukti_{indicator.pk}"] = forms.TypedMultipleChoiceField(
                label=_("Bukti dukung %(code)s") % {"code": indicator.code},
                required=False,
                disabled=disabled,
                coerce=int,
                choices=[
                    (
                        document.pk,
                        f"{document.title} (v{document.current_version.number if document.current_version else 0})",
                    )
                    for document in documents
                ],
                widget=forms.CheckboxSelectMultiple,
            )

    def entries(self) -> dict[int, SelfEntry]:
        return {
            indicator.pk: SelfEntry(
                value=self.cleaned_data.get(f"nilai_{indicator.pk}"),
                justification=self.cleaned_data.get(f"penjelasan_{indicator.pk}") or "",
                document_ids=tuple(self.cleaned_data.get(f"bukti_{indicator.pk}") or ()),
            )
            for indicator, _score, _documents in self.rows
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}))


class InviteForm(forms.Form):
    username = forms.CharField(
        label=_("Nama pengguna rekan"),
        max_length=150,
        help_text=_("Akun rekan dari pemerintah daerah yang sama; akun baru dibuat oleh staf Dit Permas."),
    )

    def __init__(self, *args, candidate: Candidate, **kwargs):
        self.candidate = candidate
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None or user.region_id != self.candidate.region_id or user.role == Role.STAFF:
            raise ValidationError(
                _("Tidak ada akun pegawai %(region)s dengan nama pengguna itu.")
                % {"region": self.candidate.region.full_name},
                code="unknown",
            )
        return user


class ScheduleForm(forms.Form):
    self_assessment_due_on = forms.DateField(
        label=_("Batas pengiriman penilaian mandiri"), required=False, widget=DATE
    )
    objection_working_days = forms.IntegerField(
        label=_("Masa sanggah (hari kerja)"), min_value=1, max_value=30
    )


# Monitoring rounds.


class AssessorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.get_institution_display()})"


class RoundForm(forms.Form):
    held_on = forms.DateField(
        label=_("Tanggal"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=MonitoringKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    # Styled as Bootstrap's controls, which fit their column: a plain select as wide as its longest
    # assessor's name widened a phone's page.
    assessors = AssessorChoiceField(
        label=_("Penilai yang ikut mencatat nilai"),
        required=False,
        queryset=get_user_model().objects.filter(role=Role.ASSESSOR, is_active=True).order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 6, "class": "form-select"}),
    )


class RoundScoresForm(forms.Form):
    notes = forms.CharField(
        label=_("Catatan putaran"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, monitoring_round: MonitoringRound, indicators, **kwargs):
        self.indicators = indicators
        scores = {score.indicator_id: score for score in monitoring_round.scores.all()}
        initial = {"notes": monitoring_round.notes}
        for indicator in indicators:
            if indicator.pk in scores:
                initial[f"nilai_{indicator.pk}"] = scores[indicator.pk].value
                initial[f"catatan_{indicator.pk}"] = scores[indicator.pk].note
        super().__init__(*args, initial=initial, **kwargs)
        for indicator in indicators:
            self.fields[f"nilai_{indicator.pk}"] = score_field(
                indicator, label=_("Nilai berjalan %(code)s") % {"code": indicator.code}
            )
            self.fields[f"catatan_{indicator.pk}"] = forms.CharField(
                label=_("Catatan %(code)s") % {"code": indicator.code},
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def scores(self) -> dict[int, tuple[Decimal | None, str]]:
        return {
            indicator.pk: (
                self.cleaned_data.get(f"nilai_{indicator.pk}"),
                self.cleaned_data.get(f"catatan_{indicator.pk}") or "",
            )
            for indicator in self.indicators
        }


# Recommendations.


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}. {obj.name}"


class RecommendationForm(forms.Form):
    indicator = IndicatorChoice(label=_("Indikator"), queryset=Indicator.objects.none(), required=False)
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}))
    agency = forms.CharField(label=_("OPD penanggung jawab"), max_length=200)
    due_on = forms.DateField(label=_("Batas waktu"), widget=DATE)
    source = forms.ChoiceField(label=_("Asal"), choices=RecommendationSource.choices)
    monitoring_round = forms.ModelChoiceField(
        label=_("Putaran monitoring"), queryset=MonitoringRound.objects.none(), required=False
    )

    def __init__(self, *args, candidate: Candidate, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            framework__programme_year=candidate.programme_year_id
        ).order_by("order")
        self.fields["monitoring_round"].queryset = candidate.monitoring_rounds.order_by("number")
        if not staff:
            # The chair records the plenary's recommendations only.
            del self.fields["source"]
            del self.fields["monitoring_round"]


class FollowUpForm(FilesMixin, forms.Form):
    text = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"] = self.file_field()


class ReviewForm(forms.Form):
    ACCEPT, REJECT, REOPEN = "terima", "tolak", "buka"
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[(ACCEPT, _("Terima, selesai")), (REJECT, _("Tidak diterima")), (REOPEN, _("Buka kembali"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


# Objections.


class ObjectionForm(FilesMixin, forms.Form):
    """One row per indicator scored in the plenary; a point is filed for each row with an argument."""

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"alasan_{indicator.pk}"] = forms.CharField(
                label=_("Alasan sanggahan %(code)s") % {"code": indicator.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )
            self.fields[f"nilai_{indicator.pk}"] = score_field(
                indicator, label=_("Nilai yang diminta %(code)s") % {"code": indicator.code}
            )
            self.fields[f"berkas_{indicator.pk}"] = self.file_field()

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"alasan_{indicator.pk}") or "").strip() for indicator in self.indicators):
            raise ValidationError(
                _("Tuliskan alasan sanggahan paling sedikit untuk satu indikator."), code="empty"
            )
        return cleaned

    def points(self):
        from assessments.services.objections import PointInput

        return [
            PointInput(
                indicator=indicator,
                argument=self.cleaned_data[f"alasan_{indicator.pk}"],
                requested_value=self.cleaned_data.get(f"nilai_{indicator.pk}"),
                files=self.cleaned_data.get(f"berkas_{indicator.pk}") or [],
            )
            for indicator in self.indicators
            if (self.cleaned_data.get(f"alasan_{indicator.pk}") or "").strip()
        ]


class AnswerForm(forms.Form):
    ACCEPT, REJECT = "terima", "tolak"
    decision = forms.ChoiceField(
        label=_("Jawaban"),
        choices=[(ACCEPT, _("Diterima")), (REJECT, _("Ditolak"))],
        widget=forms.RadioSelect,
    )
    new_value = forms.DecimalField(
        label=_("Nilai baru"),
        required=False,
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        localize=True,
    )
    reason = forms.CharField(label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.ACCEPT and cleaned.get("new_value") is None:
            self.add_error("new_value", _("Isi nilai baru untuk sanggahan yang diterima."))
        if cleaned.get("decision") == self.REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Tuliskan alasan sanggahan ditolak."))
        return cleaned
