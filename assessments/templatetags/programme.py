"""Template tags that let pages of lower apps show programme data without importing this app."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from assessments.models import Candidate

register = template.Library()


@register.inclusion_tag("assessments/_region_history.html", takes_context=True)
def region_programme_history(context, region):
    """The region's candidacies, newest programme year first (one query)."""
    candidacies = (
        Candidate.objects.filter(region=region)
        .select_related("programme_year")
        .order_by("-programme_year__year")
    )
    return {"candidacies": candidacies, "request": context.get("request")}


@register.simple_tag
def conflict_flag(conflict_flags, name):
    """A small "konflik kepentingan" badge beside an assessor's name (``conflict_flags``: name -> flag, as
    the plenary page's context gives it), with the conflicts and the seating reason on hover; nothing when
    the assessor has no conflict. A tag, not an include, so a long score table stays cheap."""
    flag = (conflict_flags or {}).get(name)
    if flag is None:
        return ""
    title = " ".join(flag.reasons)
    if flag.seating_reason:
        title += " " + gettext("Alasan tetap ditugaskan: %(reason)s") % {"reason": flag.seating_reason}
    return format_html(
        ' <span class="badge text-bg-warning" title="{}" data-testid="conflict-flag">'
        '<i class="bi bi-exclamation-triangle-fill" aria-hidden="true"></i> {}</span>',
        title,
        gettext("konflik kepentingan"),
    )
