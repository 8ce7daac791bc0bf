"""Template tags that let pages of lower apps show programme data without importing this app."""

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from assessments.enums import CandidateStatus, RecommendationStatus
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


@register.inclusion_tag("assessments/region/_region_monitoring.html", takes_context=True)
def region_monitoring(context, region):
    """The region's page: the monitoring trend of its newest candidacy from designation on, and the
    recommendations still open from any year."""
    from assessments.enums import REVOCABLE_STATUSES
    from assessments.queries.region import monitoring_trend, open_recommendations

    candidate = (
        Candidate.objects.filter(region=region, status__in=REVOCABLE_STATUSES)
        .select_related("programme_year", "region")
        .order_by("-programme_year__year")
        .first()
    )
    return {
        "candidate": candidate,
        "trend": monitoring_trend(candidate) if candidate else None,
        "open_items": list(open_recommendations([region.pk])),
        "request": context.get("request"),
    }


_PLACES = {places: Decimal(1).scaleb(-places) for places in (0, 2)}


def decimal_text(value, places: int, separator: str) -> str:
    """``floatformat(value, places)`` for a Decimal (0 or 2 places, no thousands grouping as the settings
    have it), without its general machinery: the framework page formats about 150 numbers (issue 14).
    Anything else goes to floatformat; tests/assessments/test_page_speed.py compares the two."""
    if (
        not isinstance(value, Decimal)
        or not value.is_finite()
        or places not in _PLACES
        or settings.USE_THOUSAND_SEPARATOR
    ):
        return floatformat(value, places)
    rounded = value.quantize(_PLACES[places], ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # floatformat writes no minus sign on a zero
    return format(rounded, "f").replace(".", separator)


@register.simple_tag
def framework_row(indicator, running_weight, criterion_name: str, *, year: int, editable: bool):
    """One indicator's row of the framework page (``assessments/framework.html``), written in Python
    rather than with per-cell template tags and filters: the page repeats it per indicator (issue 14).
    ``running_weight`` is the sum of the weights so far, ``criterion_name`` the feeding criterion's name in
    the year's catalogue (the indicator may be a published framework's, shared between requests: it is
    read, never annotated). ``tests/assessments/test_page_speed.py`` compares it with the template it
    replaced."""
    separator = get_format("DECIMAL_SEPARATOR")
    rubric = " · ".join(
        f"{decimal_text(level.score, 0, separator)} {level.label}" for level in indicator.rubric_levels.all()
    )
    mappings = " · ".join(
        f"≥ {decimal_text(mapping.min_value, 2, separator)} → {decimal_text(mapping.score, 2, separator)}"
        for mapping in indicator.value_mappings.all()
    )
    source = str(indicator.get_source_display())
    if indicator.criterion:
        source += f" ({criterion_name or indicator.get_criterion_display()})"
    edit = (
        format_html(
            '<a href="{}" aria-label="{} {}"><i class="bi bi-pencil" aria-hidden="true"></i></a>',
            reverse("assessments:indicator_update", args=[year, indicator.pk]),
            gettext("Ubah"),
            indicator.code,
        )
        if editable
        else ""
    )
    details = '<div class="small text-body-secondary">{}</div>'
    return format_html(
        '<tr>\n      <td class="font-monospace">{}</td>\n      <td>{}{}{}</td>\n      <td>{}</td>\n'
        '      <td class="text-end">{}</td>\n      <td class="text-end">{}</td>\n'
        '      <td class="text-end text-body-secondary">{}</td>\n      <td class="text-end text-nowrap">{}</td>\n'
        "    </tr>",
        indicator.code,
        indicator.name,
        format_html(details, rubric) if rubric else "",
        format_html(details, mappings) if mappings else "",
        source,
        decimal_text(indicator.max_score, 2, separator),
        decimal_text(indicator.weight, 2, separator),
        decimal_text(running_weight, 2, separator),
        edit,
    )


def _label(choices: dict, value) -> str:
    """``get_<field>_display()`` from a dict of the choices built once: the method hashes every lazily
    translated label, which translates each of them, on every call."""
    return str(choices.get(value, value))


_CANDIDATE_STATUSES = dict(CandidateStatus.choices)
_RECOMMENDATION_STATUSES = dict(RecommendationStatus.choices)
_RECOMMENDATION_BADGES = {
    "selesai": "text-bg-success",
    "tidak_diterima": "text-bg-danger",
    "dalam_proses": "text-bg-info",
}


@register.simple_tag
def revocation_flag_items(flags):
    """The staff home's list of candidacies to revoke (``assessments/home/staff.html``), one item per flag,
    written in Python (issue 14; tests/assessments/test_page_speed.py compares it with the old loop)."""
    revoke = escape(gettext("Cabut status"))
    items = []
    for flag in flags:
        candidate = flag.candidate
        cases = "".join(f'<div class="small">{escape(case)}</div>' for case in flag.cases)
        items.append(
            '\n    <li class="d-flex flex-wrap justify-content-between align-items-center gap-2 border-top '
            'border-danger-subtle py-2" data-testid="revocation-flag">\n      <div>\n'
            f'        <a class="alert-link" href="{escape(candidate.get_absolute_url())}">'
            f"{escape(candidate.region.full_name)}</a> · {escape(candidate.programme_year.name)} · "
            f"{escape(_label(_CANDIDATE_STATUSES, candidate.status))}\n"
            f"        {cases}\n      </div>\n"
            '      <a class="btn btn-danger btn-sm" '
            f'href="{escape(reverse("assessments:candidate_step", args=[candidate.pk, "cabut"]))}">{revoke}</a>\n'
            "    </li>\n    "
        )
    return mark_safe("".join(items))


@register.simple_tag
def recommendation_items(items):
    """The items of ``assessments/region/_open_recommendations.html``, written in Python (issue 14; the
    per-item status badge was an include)."""
    html = []
    for item in items:
        status = item.status
        html.append(
            f'<li class="mb-1"><a href="{escape(item.get_absolute_url())}">{escape(item.candidate.region.full_name)}'
            f"</a>: {escape(Truncator(item.text).chars(80))} · {escape(localize(item.due_on))} "
            f'<span class="badge {_RECOMMENDATION_BADGES.get(status, "text-bg-warning")}" '
            f'data-status="{escape(status)}">{escape(_label(_RECOMMENDATION_STATUSES, status))}</span>\n</li>'
        )
    return mark_safe("".join(html))
