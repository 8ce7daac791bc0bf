"""``{% outcome result %}``: one criterion's outcome as an icon with its summary in a popover.

Written in Python rather than as an included template: the screening page shows 400 of them (50 regions
by eight criteria), and an include per cell cost more than the rest of the page (issue 14).
"""

from django import template
from django.utils.html import format_html

register = template.Library()

ICONS = {
    "pass": "bi-check-circle-fill text-success",
    "fail": "bi-x-circle-fill text-danger",
}
OTHER_ICON = "bi-question-circle text-body-secondary"


@register.simple_tag
def outcome(result, show_value: bool = False):
    value = format_html(" <small>{}</small>", result.value) if result.value and show_value else ""
    summary = result.summary
    return format_html(
        '<span class="outcome outcome-{outcome}" tabindex="0" role="button" data-bs-toggle="popover" '
        'data-bs-trigger="hover focus" data-bs-placement="top" data-bs-title="{label}" '
        'data-bs-content="{summary}" title="{summary}" data-testid="outcome-{criterion}">'
        '<i class="bi {icon}" aria-hidden="true"></i> '
        '<span class="visually-hidden">{outcome_label}</span>{value}</span>',
        outcome=result.outcome,
        label=result.label,
        summary=summary,
        criterion=result.criterion,
        icon=ICONS.get(result.outcome, OTHER_ICON),
        outcome_label=result.outcome_label,
        value=value,
    )
