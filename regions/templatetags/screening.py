"""``{% outcome result %}``: one criterion's outcome as an icon with its summary in a popover.

Written in Python rather than as an included template: the screening page shows 400 of them (50 regions
by eight criteria), and an include per cell cost more than the rest of the page (issue 14).
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ICONS = {
    "pass": "bi-check-circle-fill text-success",
    "fail": "bi-x-circle-fill text-danger",
}
OTHER_ICON = "bi-question-circle text-body-secondary"


@register.simple_tag
def outcome(result, show_value: bool = False):
    # html.escape is what django.utils.html.escape applies; called directly, and the summary (shown twice)
    # escaped once, as this runs 400 times per screening page.
    summary = escape(result.summary)
    value = f" <small>{escape(result.value)}</small>" if result.value and show_value else ""
    return mark_safe(
        f'<span class="outcome outcome-{escape(result.outcome)}" tabindex="0" role="button" '
        f'data-bs-toggle="popover" data-bs-trigger="hover focus" data-bs-placement="top" '
        f'data-bs-title="{escape(str(result.label))}" data-bs-content="{summary}" title="{summary}" '
        f'data-testid="outcome-{escape(result.criterion)}">'
        f'<i class="bi {ICONS.get(result.outcome, OTHER_ICON)}" aria-hidden="true"></i> '
        f'<span class="visually-hidden">{escape(str(result.outcome_label))}</span>{value}</span>'
    )
