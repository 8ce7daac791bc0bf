"""The screening's table cells and rows, written in Python rather than as included templates: the screening
page shows 50 rows of eight or nine criteria, and a template tag or loop per cell cost more than the rest of
the page (issue 14).

- ``{% outcome result %}``: one criterion's outcome as an icon with its summary in a popover.
- ``{% province_options provinces selected %}``: the options of the province filter.
- ``screening_row(screening)``: one row of the screening page's table (a test holds it to the HTML the
  template loop rendered).
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


@register.simple_tag
def province_options(provinces: list[tuple[str, str]], selected: str):
    """The province filter's options from (code, name) pairs, the selected one marked (a loop in the
    template over the 38 provinces cost a tenth of the page)."""
    return mark_safe(
        "".join(
            f'<option value="{escape(code)}"{" selected" if code == selected else ""}>{escape(name)}</option>'
            for code, name in provinces
        )
    )


def screening_row(screening) -> str:
    """One row of the screening table: code, region with its province, each criterion's outcome with its
    value, and the verdict; the page caches it (``regions.views.screening.page_rows``)."""
    region = screening.region
    code = escape(region.code)
    cells = "".join(
        f'<td class="text-center">{outcome(result, show_value=True)}</td>'
        for result in screening.results.values()
    )
    if screening.eligible:
        verdict = (
            f'<span class="badge text-bg-success" data-testid="eligible">{escape(gettext("Memenuhi"))}</span>'
        )
    else:
        verdict = f'<span class="badge text-bg-danger" data-testid="eligible">{escape(gettext("Tidak memenuhi"))}</span>'
    return (
        f'\n        <tr data-testid="screening-row-{code}">\n'
        f'          <td class="font-monospace">{code}</td>\n'
        f'          <td><a href="{escape(region.get_absolute_url())}">{escape(region.full_name)}</a>'
        f'<div class="small text-body-secondary">{escape(region.province.name)}</div></td>\n'
        f"          {cells}\n"
        f"          <td>{verdict}</td>\n"
        f"        </tr>\n      "
    )
