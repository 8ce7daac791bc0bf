"""Forms of the plenary and announcement pages; each valid form is handed to a service."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from antikorupsi.validators import DecimalField
from assessments.models import Announcement, Plenary


def parse_lines(text: str, fields: int) -> list[tuple[str, ...]]:
    """One person per line, parts separated by ";" (name; position[; institution])."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if not parts[0] or len(parts) > fields:
            raise ValidationError(
                _("Baris %(number)d: tulis nama; jabatan%(more)s.")
                % {"number": number, "more": "; instansi" if fields == 3 else ""},
                code="bad_line",
            )
        rows.append(tuple(parts + [""] * (fields - len(parts))))
    return rows


class PlenaryScoresForm(forms.Form):
    """The agreed score of every indicator the plenary scores, in one form: ``nilai_<id>`` (decimal comma)
    and ``alasan_<id>`` per indicator row (``assessments.queries.plenary.PlenaryRow``). An indicator
    without an agreed score yet starts from the assessors' median or mean, as the programme year chooses,
    when the reader may see the assessors' scores. ``scores()`` gives what ``record_plenary_scores``
    takes."""

    def __init__(self, rows, *args, prefill: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if row.feed is None and not row.indicator.is_fed_by_criterion]
        for row in self.rows:
            indicator = row.indicator
            agreed = row.agreed
            initial = agreed.value if agreed is not None else row.prefill(prefill)
            self.fields[f"nilai_{indicator.pk}"] = DecimalField(
                label=_("Nilai pleno %(code)s") % {"code": indicator.code},
                max_digits=6,
                decimal_places=2,
                min_value=0,
                max_value=indicator.max_score,
                localize=True,
                required=False,
                initial=initial,
            )
            self.fields[f"alasan_{indicator.pk}"] = forms.CharField(
                label=_("Alasan %(code)s") % {"code": indicator.code},
                required=False,
                initial=agreed.reason if agreed is not None else "",
            )

    def value_field(self, row):
        return self[f"nilai_{row.indicator.pk}"]

    def reason_field(self, row):
        return self[f"alasan_{row.indicator.pk}"]

    def scores(self) -> dict:
        """Indicator -> (value, reason) for every indicator given a value."""
        return {
            row.indicator: (
                self.cleaned_data[f"nilai_{row.indicator.pk}"],
                self.cleaned_data[f"alasan_{row.indicator.pk}"],
            )
            for row in self.rows
            if self.cleaned_data.get(f"nilai_{row.indicator.pk}") is not None
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Show each refused indicator's message beside its field."""
        by_code = {row.indicator.code: row for row in self.rows}
        for code, errors in error.error_dict.items():
            row = by_code.get(code)
            self.add_error(None if row is None else f"nilai_{row.indicator.pk}", errors)


class PlenaryMeetingForm(forms.ModelForm):
    attendees = forms.CharField(
        label=_("Peserta yang hadir"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Satu orang per baris: nama; jabatan; instansi."),
    )

    class Meta:
        model = Plenary
        fields = ["held_on", "place", "notes", "recommendations"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["place"].required = True
        if self.instance.pk and not self.is_bound:
            self.initial["attendees"] = "\n".join(
                "; ".join(part for part in (a.name, a.position, a.institution))
                for a in self.instance.attendees.all()
            )

    def clean_attendees(self):
        rows = parse_lines(self.cleaned_data["attendees"], 3)
        if not rows:
            raise ValidationError(_("Catat paling sedikit satu peserta."), code="no_attendees")
        return rows


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Alasan membuka kembali"), widget=forms.Textarea(attrs={"rows": 3}))


class AnnouncementForm(forms.ModelForm):
    witnesses = forms.CharField(
        label=_("Saksi (Forkopimda)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Satu orang per baris: nama; jabatan."),
    )

    class Meta:
        model = Announcement
        fields = ["announced_on", "place", "official_name", "official_position"]
        widgets = {"announced_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_witnesses(self):
        return parse_lines(self.cleaned_data["witnesses"], 2)
