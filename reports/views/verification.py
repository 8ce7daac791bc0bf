from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from accounts.mixins import PermissionMixin
from accounts.security import rate_limited_response, too_many_requests
from assessments.enums import AnnouncementKind
from assessments.models import Announcement
from reports.enums import DocumentKind
from reports.models import IssuedDocument
from reports.responses import pdf_response


class VerifyFormView(PermissionMixin, TemplateView):
    """``/verifikasi/`` without a code: a box to type the code printed on the document; the typed code
    (``?kode=``) opens its verification page."""

    permission_required = "reports.verify_document"
    open_to_anonymous = True
    template_name = "reports/verification_form.html"

    def get_permission_object(self):
        return None

    def get(self, request, *args, **kwargs):
        code = "".join(request.GET.get("kode", "").split()).upper()
        if code:
            return HttpResponseRedirect(reverse("reports:verify", kwargs={"code": code}))
        return super().get(request, *args, **kwargs)


def later_final_announcement(document: IssuedDocument) -> Announcement | None:
    """The final announcement of the plenary a document comes from, when it was published after the
    document was issued (the document then states a result that is no longer the current one)."""
    if document.kind == DocumentKind.FINAL_ANNOUNCEMENT:
        return None
    kind, _sep, pk = document.source.partition(":")
    if not pk.isdigit():
        return None
    if kind == "announcement":
        plenary = Announcement.objects.filter(pk=pk).values("plenary_id")
    elif kind == "plenary":
        plenary = [int(pk)]
    else:
        return None
    return Announcement.objects.filter(
        plenary_id__in=plenary, kind=AnnouncementKind.FINAL, published_at__gt=document.issued_at
    ).first()


class VerifyDocumentView(PermissionMixin, DetailView):
    """The public page a printed document's QR code opens: when it was issued, what it states, its checksum,
    and, when a later document replaced it, which one (with what that one states).

    A code the system never issued answers 404 with a page that says so plainly.
    """

    permission_required = "reports.verify_document"
    open_to_anonymous = True
    model = IssuedDocument
    template_name = "reports/verification.html"
    context_object_name = "document"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_permission_object(self):
        return None  # public: the page itself answers 404 for an unknown code

    def get(self, request, *args, **kwargs):
        # Codes are long and random, but nobody gets to try them by the thousand.
        if wait := too_many_requests(request, "verification"):
            return rate_limited_response(request, wait)
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return render(
                request,
                "reports/verification_unknown.html",
                {"code": kwargs["code"], "title": _("Kode verifikasi tidak dikenal")},
                status=404,
            )

    def get_context_data(self, **kwargs):
        current = self.object.current
        return super().get_context_data(
            current=None if current.pk == self.object.pk else current,
            final=later_final_announcement(self.object),
            **kwargs,
        )

    def get_object(self, queryset=None) -> IssuedDocument:
        """Codes are matched whatever their case, as people type them off paper."""
        code = self.kwargs["code"].strip().upper()
        try:
            return IssuedDocument.objects.select_related("issued_by").get(code=code)
        except IssuedDocument.DoesNotExist as missing:
            raise Http404(code) from missing


class DownloadDocumentView(PermissionMixin, DetailView):
    """The stored PDF of an issued document, for staff (the admin links here): the same file every time."""

    permission_required = "reports.view_issueddocument"
    model = IssuedDocument
    slug_field = "code"
    slug_url_kwarg = "code"

    def get(self, request, *args, **kwargs):
        return pdf_response(self.get_object())
