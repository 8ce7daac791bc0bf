"""Forms of the staff pages; each form's data is handed to a service by the view."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.enums import Institution, Role
from accounts.models import User
from antikorupsi.validators import DecimalField
from assessments.enums import CandidateStatus, IndicatorSource, ProposerKind, TeamRole
from assessments.models import Component, Indicator, PredicateBand, ProgrammeYear, Team
from assessments.queries.programme import proposable_regions
from assessments.services.framework import fed_criteria
from assessments.services.programme import PROGRAMME_FIELDS
from regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeYearForm(forms.ModelForm):
    class Meta:
        model = ProgrammeYear
        fields = ["year", *PROGRAMME_FIELDS]
        widgets = {name: DATE for name in PROGRAMME_FIELDS if name.endswith("_on")}


class ProgrammeYearChangeForm(ProgrammeYearForm):
    class Meta(ProgrammeYearForm.Meta):
        fields = list(PROGRAMME_FIELDS)


class PredicateBandForm(forms.ModelForm):
    class Meta:
        model = PredicateBand
        fields = ["name", "min_score", "max_score"]


class ComponentForm(forms.ModelForm):
    class Meta:
        model = Component
        fields = ["order", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def _parse_lines(text: str, columns: int, field: str) -> list[tuple]:
    """Rows of "a | b | c" lines; the first columns that hold numbers become Decimals."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        numeric = 2 if field == "mappings" else 1
        if len(parts) < numeric:
            raise ValidationError(
                _("Baris %(number)d tidak lengkap."), code="incomplete", params={"number": number}
            )
        parts = (parts + [""] * columns)[:columns]
        try:
            values = [Decimal(part.replace(",", ".")) for part in parts[:numeric]]
        except InvalidOperation:
            raise ValidationError(
                _("Baris %(number)d: nilai harus berupa angka."),
                code="not_a_number",
                params={"number": number},
            ) from None
        rows.append((*values, *parts[numeric:]))
    return rows


class IndicatorForm(forms.ModelForm):
    rubric = forms.CharField(
        label=_("Rubrik"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Satu tingkat per baris: nilai | tingkat | arti, misalnya 100 | Sangat baik | Terpenuhi seluruhnya."
        ),
    )
    mappings = forms.CharField(
        label=_("Pemetaan nilai kriteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Untuk indikator yang diisi dari kriteria, satu baris per batas: nilai kriteria minimal | nilai indikator."
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "component",
            "order",
            "code",
            "name",
            "description",
            "expected_evidence",
            "weight",
            "max_score",
            "source",
            "criterion",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "expected_evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        fed = fed_criteria(framework)
        if self.instance.criterion and self.instance.criterion not in fed:
            fed[self.instance.criterion] = self.instance.criterion
        self.fields["criterion"] = forms.ChoiceField(
            label=self.fields["criterion"].label,
            required=False,
            choices=[("", "---------"), *((code, f"{name} ({code})") for code, name in fed.items())],
            help_text=_("Kriteria angka dari katalog kriteria tahun program ini."),
        )
        self.fields["component"].queryset = framework.components.order_by("order")
        if self.instance.pk:
            self.initial["rubric"] = "\n".join(
                f"{level.score} | {level.label} | {level.description}"
                for level in self.instance.rubric_levels.all()
            )
            self.initial["mappings"] = "\n".join(
                f"{mapping.min_value} | {mapping.score}" for mapping in self.instance.value_mappings.all()
            )

    def clean_rubric(self):
        return _parse_lines(self.cleaned_data["rubric"], 3, "rubric")

    def clean_mappings(self):
        return _parse_lines(self.cleaned_data["mappings"], 2, "mappings")

    def clean(self):
        data = super().clean()
        if data.get("source") == IndicatorSource.CRITERION and not data.get("criterion"):
            self.add_error(
                "criterion",
                ValidationError(_("Pilih kriteria yang mengisi indikator ini."), code="criterion_required"),
            )
        if data.get("source") == IndicatorSource.ASSESSORS:
            data["criterion"] = ""
        return data

    def _post_clean(self):
        # The service validates the whole indicator; skip the model validation against a half-set instance.
        pass


class ProposeForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Kabupaten/kota"), queryset=Region.objects.none())
    proposer_kind = forms.ChoiceField(label=_("Pengusul"), choices=ProposerKind.choices)
    proposer = forms.CharField(
        label=_("Nama pengusul"), max_length=200, help_text=_("Misalnya Pemerintah Provinsi Jawa Timur.")
    )
    letter_number = forms.CharField(label=_("Nomor surat usulan"), max_length=100, required=False)
    letter_date = forms.DateField(label=_("Tanggal surat usulan"), required=False, widget=DATE)
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, programme_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = proposable_regions(programme_year)
        self.fields["region"].label_from_instance = lambda region: f"{region.code} {region.full_name}"


class NotesForm(forms.Form):
    notes = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ObserveForm(NotesForm):
    observed_on = forms.DateField(label=_("Tanggal observasi"), widget=DATE)
    team = forms.CharField(label=_("Tim observasi"), max_length=255)
    field_order = ["observed_on", "team", "notes"]


class DesignateForm(forms.Form):
    letter_number = forms.CharField(
        label=_("Nomor surat penetapan"),
        max_length=100,
        help_text=_("Misalnya B/393/DKM.01.02/80-84/01/2025."),
    )
    letter_date = forms.DateField(label=_("Tanggal surat penetapan"), widget=DATE)
    override_reason = forms.CharField(
        label=_("Alasan penetapan meskipun tidak memenuhi kriteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila daerah tidak memenuhi atau belum memiliki nilai salah satu kriteria."),
    )


class AnnounceForm(NotesForm):
    announced_on = forms.DateField(label=_("Tanggal pengumuman"), widget=DATE)
    field_order = ["announced_on", "notes"]


class ResultForm(NotesForm):
    pilot = forms.TypedChoiceField(
        label=_("Hasil akhir"),
        choices=[("1", _("Menjadi percontohan")), ("0", _("Tidak menjadi percontohan"))],
        coerce=lambda value: value == "1",
    )
    result_on = forms.DateField(label=_("Tanggal hasil akhir"), widget=DATE)
    field_order = ["pilot", "result_on", "notes"]


class RecordedResultForm(NotesForm):
    """A result decided outside the system (``services.candidates.record_outside_result``)."""

    # Localised: staff type 95,10 (a decimal comma).
    total = DecimalField(
        label=_("Nilai total"),
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        localize=True,
        help_text=_("Kosongkan bila nilai tidak dipublikasikan."),
    )
    predicate = forms.CharField(
        label=_("Predikat"),
        required=False,
        max_length=50,
        help_text=_("Kosongkan untuk mengambil predikat tahun program sesuai nilai total."),
    )
    source = forms.CharField(
        label=_("Sumber"),
        max_length=255,
        help_text=_("Nomor surat, berita acara atau pengumuman yang memuat hasil."),
    )
    decided_on = forms.DateField(label=_("Tanggal hasil"), widget=DATE)
    field_order = ["total", "predicate", "source", "decided_on", "notes"]


class InaugurateForm(NotesForm):
    inaugurated_on = forms.DateField(label=_("Tanggal pengukuhan"), widget=DATE)
    field_order = ["inaugurated_on", "notes"]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("Tanggal pencabutan"), widget=DATE)
    reason = forms.CharField(label=_("Alasan pencabutan"), widget=forms.Textarea(attrs={"rows": 2}))


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nama tim"), max_length=100, help_text=_("Misalnya Satgas 1."))


class BulkStepForm(forms.Form):
    """One step for several candidates at once: one letter number and one date serve them all."""

    action = forms.ChoiceField(label=_("Langkah"), choices=())
    letter_number = forms.CharField(
        label=_("Nomor surat penetapan"),
        max_length=100,
        required=False,
        help_text=_("Untuk penetapan sebagai calon."),
    )
    on = forms.DateField(
        label=_("Tanggal"),
        required=False,
        widget=DATE,
        help_text=_("Tanggal surat penetapan atau observasi."),
    )
    team = forms.CharField(
        label=_("Tim observasi"), max_length=255, required=False, help_text=_("Untuk observasi.")
    )
    reason = forms.CharField(
        label=_("Catatan atau alasan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Wajib untuk tidak dilanjutkan; pada penetapan menjadi alasan bagi calon yang tidak memenuhi kriteria."
        ),
    )
    REQUIRED = {
        "observasi": ("on", "team"),
        "penetapan": ("letter_number", "on"),
        "tidak-lanjut": ("reason",),
    }

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions

    def clean(self):
        data = super().clean()
        for name in self.REQUIRED.get(data.get("action"), ()):
            if not data.get(name):
                self.add_error(
                    name,
                    ValidationError(
                        _("Wajib diisi untuk langkah ini: %(field)s.") % {"field": self.fields[name].label},
                        code="required",
                    ),
                )
        return data


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Penilai"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Peran"), choices=TeamRole.choices, initial=TeamRole.MEMBER)
    conflict_reason = forms.CharField(
        label=_("Alasan bila ada konflik kepentingan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila penilai berasal dari provinsi atau daerah yang dinilai tim ini."),
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(role=Role.ASSESSOR, is_active=True)
            .exclude(team_memberships__team=team)
            .select_related("province", "region")
            .order_by("institution", "name")
        )
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.name} ({user.get_institution_display()})"
        )


# The seven seats of a team, in the order teams are listed.
TEAM_SEATS = [
    Institution.KPK,
    Institution.PANRB,
    Institution.KEMENKEU,
    Institution.KEMENDAGRI,
    Institution.BPKP,
    Institution.OMBUDSMAN,
    Institution.PROVINCE,
]


class TeamBuildForm(forms.Form):
    """A whole team in one form: its name, one row per institution (the seven seats laid out), the chair and
    the secretary among the rows, and a written reason for any assessor seated despite a conflict of interest
    with the region the team will assess."""

    name = forms.CharField(label=_("Nama tim"), max_length=100, help_text=_("Misalnya Satgas 1."))
    candidate = forms.ModelChoiceField(
        label=_("Calon yang akan dinilai"),
        queryset=None,
        required=False,
        help_text=_("Untuk memeriksa konflik kepentingan sekarang; jadwal penilaian diatur sesudahnya."),
    )
    chair = forms.ChoiceField(label=_("Ketua"), choices=())
    secretary = forms.ChoiceField(label=_("Sekretaris"), choices=(), required=False)

    def __init__(self, *args, programme_year: ProgrammeYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = (
            programme_year.candidates.filter(status=CandidateStatus.DESIGNATED, assessment__isnull=True)
            .select_related("region")
            .order_by("region__code")
        )
        self.fields["candidate"].label_from_instance = lambda candidate: candidate.region.full_name
        assessors = list(
            User.objects.filter(role=Role.ASSESSOR, is_active=True, institution__in=TEAM_SEATS)
            .select_related("province")
            .order_by("name")
        )
        self.seats = []
        for institution in TEAM_SEATS:
            label = Institution(institution).label
            choices = [
                (
                    user.pk,
                    f"{user.name or user.username}{f' ({user.province.name})' if user.province else ''}",
                )
                for user in assessors
                if user.institution == institution
            ]
            self.fields[f"{institution}_user"] = forms.TypedChoiceField(
                label=label,
                choices=[("", _("(kosong)")), *choices],
                coerce=int,
                required=False,
                empty_value=None,
                # A national institution with a single active assessor: her seat is laid for her. The
                # provincial seat depends on the region, so it is always chosen.
                initial=choices[0][0] if len(choices) == 1 and institution != Institution.PROVINCE else None,
            )
            self.fields[f"{institution}_reason"] = forms.CharField(
                label=_("Alasan bila ada konflik kepentingan (%(seat)s)") % {"seat": label},
                required=False,
                max_length=1000,
            )
            self.seats.append(
                (institution, label, self[f"{institution}_user"], self[f"{institution}_reason"])
            )
        seat_choices = [(institution, Institution(institution).label) for institution in TEAM_SEATS]
        self.fields["chair"].choices = seat_choices
        self.fields["secretary"].choices = [("", _("(tidak ada)")), *seat_choices]
        self.users = {user.pk: user for user in assessors}

    def clean(self):
        data = super().clean()
        chair, secretary = data.get("chair"), data.get("secretary")
        filled = [institution for institution in TEAM_SEATS if data.get(f"{institution}_user")]
        if not filled:
            raise ValidationError(_("Pilih sedikitnya satu penilai."), code="empty_team")
        if chair and chair not in filled:
            self.add_error("chair", _("Kursi ketua belum diisi penilai."))
        if secretary and secretary not in filled:
            self.add_error("secretary", _("Kursi sekretaris belum diisi penilai."))
        if chair and secretary and chair == secretary:
            self.add_error("secretary", _("Ketua dan sekretaris harus orang yang berbeda."))
        return data

    def seat_list(self) -> list[tuple[User, str, str]]:
        """(assessor, role, conflict reason) for every filled seat."""
        data = self.cleaned_data
        seats = []
        for institution in TEAM_SEATS:
            user_id = data.get(f"{institution}_user")
            if not user_id:
                continue
            role = (
                TeamRole.CHAIR
                if institution == data["chair"]
                else TeamRole.SECRETARY
                if institution == data.get("secretary")
                else TeamRole.MEMBER
            )
            seats.append((self.users[user_id], role, data.get(f"{institution}_reason", "")))
        return seats


class ConflictReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tetap ditugaskan meskipun ada konflik kepentingan"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclareConflictForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Penilai"), queryset=User.objects.none())
    description = forms.CharField(
        label=_("Konflik kepentingan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Misalnya: saudara kandung menjabat kepala OPD di daerah ini."),
    )

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(team_memberships__team=assessment.team).order_by(
            "name"
        )
        self.fields["user"].label_from_instance = lambda user: user.name or user.username


class AssessmentForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Calon"), queryset=None)
    team = forms.ModelChoiceField(label=_("Tim"), queryset=None)
    starts_on = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    place = forms.CharField(label=_("Tempat"), max_length=255)

    def __init__(self, *args, programme_year: ProgrammeYear, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = (
            programme_year.candidates.filter(status=CandidateStatus.DESIGNATED, assessment__isnull=True)
            .select_related("region", "programme_year")
            .order_by("region__code")
        )
        self.fields["candidate"].label_from_instance = lambda candidate: str(candidate.region)
        self.fields["team"].queryset = programme_year.teams.order_by("name")
        self.fields["team"].label_from_instance = lambda team: team.name


class RescheduleForm(forms.Form):
    """Dates, place and team of a scheduled assessment; the service refuses another team once scores exist."""

    team = forms.ModelChoiceField(label=_("Tim"), queryset=None)
    starts_on = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    place = forms.CharField(label=_("Tempat"), max_length=255)

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = assessment.candidate.programme_year.teams.order_by("name")
        self.fields["team"].label_from_instance = lambda team: team.name


class RecusalForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Anggota tim"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(team_memberships__team=assessment.team).exclude(
            recusals__assessment=assessment
        )


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))
