from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from antikorupsi.observability import HealthView
from antikorupsi.views import FaviconView

admin.site.site_header = _("Antikorupsi: administrasi Dit Permas")
admin.site.site_title = _("Antikorupsi")
admin.site.index_title = _("Administrasi")

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("assessments.urls.home")),
    path("wilayah/", include("regions.urls")),
    path("program/", include("assessments.urls.programme")),
    path("penilaian/", include("assessments.urls.scoring")),
    path("", include("reports.urls")),
    path("percontohan/", include("assessments.urls.public")),
    path("bukti-dukung/", include("assessments.urls.evidence")),
    path("daerah/", include("assessments.urls.region")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("health/", HealthView.as_view(checks=settings.HEALTH_CHECKS), name="health"),
    path("favicon.ico", FaviconView.as_view()),
]
