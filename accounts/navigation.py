"""The main navigation: each entry shows only to users who hold its permission."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    icon: str


NAV_ITEMS = [
    NavItem(_("Beranda"), "staff_home", "accounts.view_staff_home", "house"),
    NavItem(_("Penilaian saya"), "assessor_home", "accounts.view_assessor_home", "clipboard-check"),
    NavItem(_("Bukti dukung"), "inspector_home", "accounts.view_inspector_home", "folder2-open"),
    NavItem(_("Wilayah"), "regions:list", "regions.view_region", "map"),
    NavItem(_("Skrining"), "regions:screening", "regions.view_screening", "funnel"),
    NavItem(
        _("Program"), "assessments:programme_current", "assessments.view_programmeyear", "calendar2-week"
    ),
    NavItem(_("Bukti dukung"), "evidence:overview", "assessments.see_evidence_overview", "folder2-open"),
    NavItem(_("Bukti dukung"), "evidence:assessor_list", "accounts.view_assessor_home", "folder2-open"),
    NavItem(
        _("Progres penilaian"), "scoring:progress_list", "assessments.view_scoring_progress", "clipboard-data"
    ),
]
