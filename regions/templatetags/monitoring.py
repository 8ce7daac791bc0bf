"""``{% criteria_alerts alerts %}``: the staff home's monitoring list, as ``regions/_monitoring.html``
writes it.

Written in Python: the list repeats per alert an icon, the region's link, two outcome tests and a date,
and its template tags were a fifth of the staff home's rendering (issue 14). An empty list renders the
template itself (its empty state). ``tests/regions/test_monitoring_tag.py`` compares the two.
"""

from html import escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def criteria_alerts(alerts):
    if not alerts:
        return render_to_string("regions/_monitoring.html", {"alerts": alerts})
    no_data = escape(gettext("belum ada data"))
    items = []
    for alert in alerts:
        failed = alert.outcome == "fail"
        icon = "bi-x-circle-fill text-danger" if failed else "bi-question-circle text-body-secondary"
        badge = "text-bg-danger" if failed else "text-bg-secondary"
        region = alert.region
        changed = (
            escape(date_filter(template_localtime(alert.changed_at), "j F Y H:i"))
            if alert.changed_at
            else no_data
        )
        items.append(
            '\n  <li class="list-group-item px-0">\n'
            '    <div class="d-flex flex-wrap justify-content-between gap-2">\n'
            "      <div>\n"
            f'        <i class="bi {icon}" aria-hidden="true"></i>\n'
            f'        <a href="{escape(region.get_absolute_url())}">{escape(region.full_name)}</a> · '
            f"<strong>{escape(str(alert.label))}</strong>\n"
            f'        <span class="badge {badge}">{escape(str(alert.outcome_label))}</span>\n'
            "      </div>\n"
            f'      <small class="text-body-secondary">{changed}</small>\n'
            "    </div>\n"
            f'    <div class="small">{escape(str(alert.message))}</div>\n'
            "  </li>\n  "
        )
    return mark_safe(
        '\n\n<ul class="list-group list-group-flush" data-testid="criteria-alerts">\n  '
        f"{''.join(items)}\n</ul>\n\n"
    )
