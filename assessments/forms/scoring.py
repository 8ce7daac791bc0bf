"""Forms of the scoring pages: one form per stage with a score and a note field per indicator, and the
forms of the stage records. Each form's data goes to a service."""

from decimal import Decimal

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from antikorupsi.validators import DecimalField
from assessments.enums import AttendeeRole, FieldFacility
from assessments.html import esc
from assessments.models import Component, FieldVisit, FieldVisitPhoto, Presentation, QaAttendee, QaQuestion
from assessments.queries.programme import kept_with_framework
from assessments.queries.scoring import ScoringPage
from assessments.services.scoring import Entry

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def score_field_name(indicator_id: int) -> str:
    return f"nilai_{indicator_id}"


def note_field_name(indicator_id: int) -> str:
    return f"catatan_{indicator_id}"


def _html_attrs(attrs: dict) -> str:
    """The attributes as Django's ``django/forms/widgets/attrs.html`` writes them."""
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class DirectTextInput(forms.TextInput):
    """A text input written in Python rather than through the form template engine: the scoring page has
    two fields per indicator, and each widget template rendered cost more than the rest of its row. The
    HTML is what ``django/forms/widgets/input.html`` writes (tests/assessments/test_scoring_views.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value_attr = "" if widget["value"] is None else f' value="{esc(str(widget["value"]))}"'
        return mark_safe(
            f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{value_attr}'
            f"{_html_attrs(widget['attrs'])}>"
        )


class DirectHiddenInput(DirectTextInput, forms.HiddenInput):
    input_type = "hidden"


class DirectTextarea(forms.Textarea):
    """A textarea written in Python, as ``django/forms/widgets/textarea.html`` writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = esc(widget["value"]) if widget["value"] else ""
        return mark_safe(
            f'<textarea name="{esc(widget["name"])}"{_html_attrs(widget["attrs"])}>\n{text}</textarea>'
        )


def score_field(indicator, *, label, disabled=False, required=False, widget=None) -> DecimalField:
    """A score of ``indicator``: 0 to its maximum with two decimals, typed with the reader's decimal comma,
    and refused with the maximum in the reader's number format. Every form that takes an indicator's score
    (the assessors' stages, the region's self-assessment, monitoring scores and objections) uses it."""
    return DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_value=indicator.max_score,
        max_digits=6,
        decimal_places=2,
        localize=True,
        disabled=disabled,
        widget=widget
        or forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}),
    )


def _build_indicator_fields(rows, *, disabled: bool) -> dict[str, forms.Field]:
    fields = {}
    for row in rows:
        indicator = row.indicator
        fields[score_field_name(indicator.pk)] = score_field(
            indicator,
            label=_("Nilai %(code)s") % {"code": indicator.code},
            disabled=disabled,
            widget=DirectTextInput(
                attrs={
                    "inputmode": "decimal",
                    "autocomplete": "off",
                    "class": "form-control form-control-lg score-input",
                    "data-max": str(indicator.max_score),
                }
            ),
        )
        fields[note_field_name(indicator.pk)] = forms.CharField(
            label=_("Catatan %(code)s") % {"code": indicator.code},
            required=False,
            disabled=disabled,
            widget=DirectTextarea(attrs={"rows": 2, "class": "form-control"}),
        )
    return fields


def _indicator_fields(page: ScoringPage, *, disabled: bool) -> dict[str, forms.Field]:
    """The score and note fields of every indicator the assessors score. For a published framework they
    are made once per process, language and state (enabled or not) and kept with its tree
    (``queries.programme.kept_with_framework``). Kept fields are shared by every form: nothing here
    changes a field once made (Django copies a form's ``base_fields`` for forms that do)."""
    return kept_with_framework(
        page.assessment.framework,
        ("scoring fields", disabled, get_language()),
        lambda: _build_indicator_fields(page.scored_rows, disabled=disabled),
    )


class StageScoresForm(forms.Form):
    """All indicators of one stage at once, built from the page's prefetched framework.

    ``submit`` (the button pressed) makes every score required. ``version`` is the submission version the
    form was rendered from; the service refuses the save when it is outdated.
    """

    version = forms.IntegerField(widget=DirectHiddenInput, min_value=0)

    def __init__(self, *args, page: ScoringPage, submit: bool = False, **kwargs):
        self.page = page
        self.submit = submit or (page.submission is not None and page.submission.is_submitted)
        initial = kwargs.pop("initial", None) or {}
        initial.setdefault("version", page.version)
        for row in page.scored_rows:
            if row.score is not None:
                initial.setdefault(score_field_name(row.indicator.pk), row.score.value)
                initial.setdefault(note_field_name(row.indicator.pk), row.score.note)
        super().__init__(*args, initial=initial, **kwargs)
        self.fields.update(_indicator_fields(page, disabled=not page.can_edit))

    def clean(self):
        cleaned = super().clean()
        if self.submit:
            for row in self.page.scored_rows:
                name = score_field_name(row.indicator.pk)
                if name not in self.errors and cleaned.get(name) is None:
                    self.add_error(name, _("Wajib diisi untuk mengirim."))
        return cleaned

    def entries(self) -> dict[int, Entry]:
        return {
            row.indicator.pk: Entry(
                value=self.cleaned_data.get(score_field_name(row.indicator.pk)),
                note=self.cleaned_data.get(note_field_name(row.indicator.pk)) or "",
            )
            for row in self.page.scored_rows
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class FieldVisitForm(forms.ModelForm):
    facilities = forms.MultipleChoiceField(
        label=_("Fasilitas yang diperiksa"),
        choices=FieldFacility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photos = MultipleFileField(
        label=_("Foto"), required=False, help_text=_("JPEG, PNG atau WebP, paling besar 10 MB.")
    )

    class Meta:
        model = FieldVisit
        fields = ["place", "visited_at", "facilities", "checked", "findings"]
        widgets = {
            "visited_at": DATETIME,
            "checked": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "place": forms.TextInput(attrs={"list": "tempat-umum"}),
        }


class PhotoChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class FieldVisitEditForm(FieldVisitForm):
    """A recorded visit corrected: its fields, photos to add, and photos of the visit to remove."""

    remove_photos = PhotoChoiceField(
        label=_("Hapus foto"),
        queryset=FieldVisitPhoto.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].label = _("Tambah foto")
        self.fields["remove_photos"].queryset = FieldVisitPhoto.objects.filter(visit=self.instance.pk)
        if not self.instance.pk or not self.instance.photos.exists():
            del self.fields["remove_photos"]


class PresentationForm(forms.ModelForm):
    """The presentation with one note field per component of the framework."""

    class Meta:
        model = Presentation
        fields = ["presenter", "presenter_position", "presented_at", "summary"]
        widgets = {"presented_at": DATETIME, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, components: list[Component], **kwargs):
        super().__init__(*args, **kwargs)
        self.components = components
        notes = (
            {note.component_id: note.note for note in self.instance.notes.all()} if self.instance.pk else {}
        )
        for component in components:
            self.fields[f"komponen_{component.pk}"] = forms.CharField(
                label=component.name,
                required=False,
                initial=notes.get(component.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def notes(self) -> dict[int, str]:
        return {
            component.pk: self.cleaned_data.get(f"komponen_{component.pk}", "")
            for component in self.components
        }


class QaQuestionForm(forms.ModelForm):
    class Meta:
        model = QaQuestion
        fields = ["question", "asked_by", "answered_by", "summary"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class QaAttendeeForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("Unsur"), choices=AttendeeRole.choices)

    class Meta:
        model = QaAttendee
        fields = ["role", "name", "position"]
