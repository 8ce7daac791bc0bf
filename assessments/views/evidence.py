"""Evidence pages: the inspector's workspace and uploads, the assessors' review, the file views that check
permission and checksum, and the staff overview per region."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView, TemplateView

from accounts.enums import Role
from accounts.mixins import PermissionMixin
from assessments.enums import PlenaryStatus
from assessments.forms.evidence import DeadlineForm, LinkForm, ReviewForm, UploadForm, VersionForm
from assessments.models import Candidate, Document, DocumentVersion, ProgrammeYear
from assessments.queries import evidence as queries
from assessments.queries.programme import own_conflict
from assessments.rules import candidate_assessment, evidence_is_open
from assessments.services import evidence as services
from assessments.views.base import error_text

SEE = "assessments.see_evidence"
UPLOAD = "assessments.upload_evidence"
REVIEW = "assessments.review_evidence"


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class EvidencePermissionMixin(PermissionMixin):
    """The permission object of every evidence view is the candidate. Whoever may see the candidate's
    evidence but not do the view's action (an assessor on the upload form, anyone after the plenary) gets
    403; everyone else 404."""

    def get_candidate(self) -> Candidate:
        raise NotImplementedError

    def get_permission_object(self):
        if not hasattr(self, "candidate"):
            self.candidate = self.get_candidate()
        return self.candidate

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and self.permission_required != SEE and user.has_perm(SEE, self.candidate):
            raise PermissionDenied
        return super().handle_no_permission()

    def get_context_data(self, **kwargs):
        """An assessor with a conflict of interest in the region sees the warning on every evidence page."""
        user = self.request.user
        assessment = (
            candidate_assessment(self.candidate) if getattr(user, "role", "") == Role.ASSESSOR else None
        )
        return super().get_context_data(own_conflict=own_conflict(user, assessment), **kwargs)


class CandidateMixin(EvidencePermissionMixin):
    def candidates(self):
        """The candidate with its region and programme year, its assessment, and its plenary's status
        (which the permissions read through ``rules.plenary_is_finalised``): one query instead of four.
        The status comes by a join (one plenary per assessment), cheaper to build than an EXISTS
        subquery (issue 14)."""
        return Candidate.objects.select_related("region__province", "programme_year", "assessment").annotate(
            plenary_status=F("assessment__plenary__status")
        )

    def get_candidate(self) -> Candidate:
        candidate = get_object_or_404(self.candidates(), pk=self.kwargs["pk"])
        assessment = candidate_assessment(candidate)
        if assessment is not None:
            assessment._plenary_finalised = candidate.plenary_status == PlenaryStatus.FINALISED
        return candidate


class DocumentMixin(EvidencePermissionMixin):
    def get_candidate(self) -> Candidate:
        self.document = get_object_or_404(
            Document.objects.select_related(
                "candidate__region__province", "candidate__programme_year", "current_version"
            ),
            pk=self.kwargs["pk"],
        )
        return self.document.candidate


class VersionMixin(EvidencePermissionMixin):
    def get_candidate(self) -> Candidate:
        self.version = get_object_or_404(
            DocumentVersion.objects.select_related(
                "document__candidate__region",
                "document__candidate__programme_year",
                "document__current_version",
            ),
            pk=self.kwargs["pk"],
        )
        self.document = self.version.document
        return self.document.candidate


class WorkspaceView(CandidateMixin, TemplateView):
    """Every indicator of the candidacy with its expected and uploaded evidence, the review status, the
    completeness figure and the deadline."""

    permission_required = SEE
    template_name = "assessments/evidence/workspace.html"

    def candidates(self):
        """With the year's framework: the indicators come from the kept tree (issue 14)."""
        return super().candidates().select_related("programme_year__framework")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            candidate=self.candidate,
            workspace=queries.evidence_workspace(self.candidate, timezone.localdate()),
            can_upload=user.has_perm(UPLOAD, self.candidate),
            # No can_review: the workspace shows no review action (each document's page does), and asking
            # it read the inspector's team membership on every request (issue 14).
            is_open=evidence_is_open(self.candidate),
            **kwargs,
        )


class UploadView(CandidateMixin, FormView):
    permission_required = UPLOAD
    template_name = "assessments/evidence/upload.html"

    def get_form(self, form_class=None):
        return UploadForm(
            **self.get_form_kwargs(),
            candidate=self.candidate,
            oversized=getattr(self.request, "oversized_uploads", set()),
            oversized_names=getattr(self.request, "oversized_upload_names", []),
        )

    def get_initial(self):
        indicator = self.request.GET.get("indikator", "")
        return {"indicators": [int(indicator)]} if indicator.isdigit() else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(candidate=self.candidate, **kwargs)

    def form_valid(self, form):
        try:
            documents = services.upload_documents(
                candidate=self.candidate,
                uploads=form.uploads(),
                description=form.cleaned_data["description"],
                indicators=form.cleaned_data["indicators"],
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
            return self.form_invalid(form)
        if len(documents) == 1:
            message = _('Dokumen "%(title)s" diunggah.') % {"title": documents[0].title}
        else:
            message = _("%(count)d dokumen diunggah: %(titles)s.") % {
                "count": len(documents),
                "titles": ", ".join(f'"{document.title}"' for document in documents),
            }
        messages.success(self.request, message)
        return HttpResponseRedirect(reverse("evidence:workspace", kwargs={"pk": self.candidate.pk}))


class DocumentView(DocumentMixin, TemplateView):
    """One document: its versions with the assessors' notes, and the forms the user may use on it."""

    permission_required = SEE
    template_name = "assessments/evidence/document.html"
    forms: dict = {}

    def get_context_data(self, **kwargs):
        user = self.request.user
        can_upload = user.has_perm(UPLOAD, self.candidate)
        can_review = user.has_perm(REVIEW, self.candidate)
        document = (
            Document.objects.select_related("current_version")
            .prefetch_related(
                "indicators",
                Prefetch(
                    "versions",
                    queryset=DocumentVersion.objects.select_related("uploaded_by", "reviewed_by").order_by(
                        "-number"
                    ),
                ),
            )
            .get(pk=self.document.pk)
        )
        context = {
            "candidate": self.candidate,
            "document": document,
            "can_upload": can_upload,
            "can_review": can_review and document.current_version is not None,
        }
        if can_upload:
            context["version_form"] = self.forms.get("version") or VersionForm()
            context["link_form"] = self.forms.get("link") or LinkForm(document=document)
        if context["can_review"]:
            context["review_form"] = self.forms.get("review") or ReviewForm()
        return super().get_context_data(**context, **kwargs)


class DocumentFormView(DocumentMixin, View):
    """A form posted from the document page; when it is invalid the document page shows it again."""

    http_method_names = ["post"]
    form_key = ""

    def build_form(self):
        raise NotImplementedError

    def perform(self, form) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.build_form()
        if form.is_valid():
            try:
                message = self.perform(form)
            except ValidationError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, message)
                return HttpResponseRedirect(self.document.get_absolute_url())
        view = DocumentView(request=request, kwargs=self.kwargs, args=args)
        view.candidate, view.document, view.forms = self.candidate, self.document, {self.form_key: form}
        return render(request, DocumentView.template_name, view.get_context_data(), status=400)


class NewVersionView(DocumentFormView):
    permission_required = UPLOAD
    form_key = "version"

    def build_form(self):
        return VersionForm(
            self.request.POST, self.request.FILES, oversized=getattr(self.request, "oversized_uploads", set())
        )

    def perform(self, form) -> str:
        version = services.add_version(
            document=self.document,
            file=form.cleaned_data["file"],
            comment=form.cleaned_data["comment"],
            by=self.request.user,
            base_url=base_url(self.request),
        )
        return _("Versi %(number)s diunggah dan menunggu pemeriksaan.") % {"number": version.number}


class LinkView(DocumentFormView):
    permission_required = UPLOAD
    form_key = "link"

    def build_form(self):
        return LinkForm(self.request.POST, document=self.document)

    def perform(self, form) -> str:
        services.link_indicators(
            document=self.document, indicators=form.cleaned_data["indicators"], by=self.request.user
        )
        return _("Indikator dokumen disimpan.")


class ReviewView(DocumentFormView):
    permission_required = REVIEW
    form_key = "review"

    def build_form(self):
        return ReviewForm(self.request.POST)

    def perform(self, form) -> str:
        if self.document.current_version is None:
            raise ValidationError(_("Dokumen belum memiliki berkas."), code="no_version")
        services.review_version(
            version=self.document.current_version,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=self.request.user,
            base_url=base_url(self.request),
        )
        return _("Hasil pemeriksaan disimpan.")


class FileView(VersionMixin, View):
    """Serves one stored version after checking permission and its SHA-256 checksum, with the content type
    detected at upload and a Content-Disposition with the cleaned name. PDFs and images open inline
    (``inline``), everything else is downloaded."""

    permission_required = SEE
    inline = False

    @method_decorator(xframe_options_sameorigin)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        version = self.version
        try:
            stored = services.open_verified(version)
        except services.ChecksumMismatch:
            return render(request, "assessments/evidence/file_refused.html", {"version": version}, status=409)
        inline = self.inline and version.opens_inline
        response = FileResponse(
            stored,
            content_type=version.content_type,
            as_attachment=not inline,
            filename=version.original_name,
        )
        response["Content-Length"] = str(version.size)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        if version.content_type.startswith("image/") or not inline:
            response["Content-Security-Policy"] = (
                "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
            )
        return response


class InlineFileView(FileView):
    inline = True


class OverviewView(PermissionMixin, TemplateView):
    """Staff: per region of a programme year, what evidence is missing, waiting, to be revised or accepted."""

    permission_required = "assessments.see_evidence_overview"
    template_name = "assessments/evidence/overview.html"

    def get_programme_year(self) -> ProgrammeYear | None:
        year = self.request.GET.get("tahun", "")
        years = ProgrammeYear.objects.order_by("-year")
        if year.isdigit():
            return years.filter(year=int(year)).first() or self._not_found()
        return years.first()

    @staticmethod
    def _not_found():
        raise Http404

    def get_context_data(self, **kwargs):
        programme_year = kwargs.pop("programme_year", None) or self.get_programme_year()
        context = {"programme_year": programme_year, "years": ProgrammeYear.objects.order_by("-year")}
        if programme_year is not None:
            required = programme_year and queries.required_evidence_count(programme_year)
            deadline = queries.year_evidence_deadline(programme_year)
            rows = list(queries.evidence_overview(programme_year))
            for row in rows:
                row.missing_count = required - row.covered_count
                row.due_on = row.own_due_on or (deadline.due_on if deadline else None)
            context.update(
                rows=rows,
                required=required,
                deadline=deadline,
                deadline_form=kwargs.pop("deadline_form", None)
                or DeadlineForm(initial={"due_on": deadline.due_on if deadline else None}),
            )
        return super().get_context_data(**context, **kwargs)


class OverviewExportView(OverviewView):
    """The evidence status per region of a programme year as CSV or XLSX in Indonesian."""

    def get(self, request, *args, **kwargs):
        from antikorupsi import exports

        context = self.get_context_data()
        programme_year = context["programme_year"]
        if programme_year is None:
            raise Http404
        export = exports.Export(
            title=_("Bukti dukung per daerah tahun program %s") % programme_year.year,
            file_name=f"bukti-dukung-{programme_year.year}",
            columns=[
                exports.Column(_("Kabupaten/kota"), width=28),
                exports.Column(_("Indikator tanpa bukti"), exports.INTEGER, width=12),
                exports.Column(_("Menunggu pemeriksaan"), exports.INTEGER, width=12),
                exports.Column(_("Perlu perbaikan"), exports.INTEGER, width=12),
                exports.Column(_("Diterima"), exports.INTEGER, width=12),
                exports.Column(_("Batas waktu"), exports.DATE, width=16),
            ],
            rows=[
                [
                    str(row.region),
                    row.missing_count,
                    row.waiting_count,
                    row.revision_count,
                    row.accepted_count,
                    row.due_on,
                ]
                for row in context["rows"]
            ],
        )
        return exports.export_response(export, request.GET.get("format"))


class DeadlineView(OverviewView):
    """Staff set the programme year's evidence deadline."""

    permission_required = "assessments.change_evidencedeadline"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        programme_year = get_object_or_404(ProgrammeYear, year=self.kwargs["year"])
        form = DeadlineForm(request.POST)
        if form.is_valid():
            services.set_deadline(
                programme_year=programme_year, due_on=form.cleaned_data["due_on"], by=request.user
            )
            messages.success(request, _("Batas waktu bukti dukung disimpan."))
            return HttpResponseRedirect(f"{reverse('evidence:overview')}?tahun={programme_year.year}")
        context = self.get_context_data(programme_year=programme_year, deadline_form=form)
        return self.render_to_response(context, status=400)


class AssessorListView(PermissionMixin, TemplateView):
    """An assessor's way in: the assessments of their teams (not recused) with the evidence to review."""

    permission_required = "accounts.view_assessor_home"
    template_name = "assessments/evidence/assessor_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=queries.evidence_for_assessor(self.request.user), **kwargs)
