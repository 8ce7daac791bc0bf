"""The plenary page's score grid (with its one form of agreed scores) and the assessors' first names."""

from decimal import Decimal
from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize, number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from assessments.templatetags.programme import conflict_flag

register = template.Library()


def plenary_decimal(value):
    """A prefilled or saved score as 84,50; what the user typed, as typed."""
    if isinstance(value, Decimal):
        return number_format(value, 2)
    return value


@register.filter
def first_word(text: str) -> str:
    return (text or "").split(" ", 1)[0]


def _text(value) -> str:
    """A value as ``{{ value }}`` writes it: localised, then escaped (plain text straight through
    ``html.escape``, which is what ``django.utils.html.escape`` applies)."""
    if type(value) is str:
        return escape(value)
    return conditional_escape(str(localize(value)))


class _Figures:
    """``{{ value|floatformat:2 }}``, written once per distinct value: the grid repeats the same few scores
    hundreds of times."""

    def __init__(self):
        self.written: dict = {}
        self.cells_written: dict = {}

    def __call__(self, value, empty: str = "") -> str:
        if value is None:
            return empty
        try:
            text = self.written[value]
        except KeyError:
            text = self.written[value] = floatformat(value, 2)
        return text or empty

    def cells(self, values) -> str:
        """``<td class="text-end">{{ value|floatformat:2|default:"·" }}</td>`` for each of ``values``."""
        cells = self.cells_written
        try:
            return "".join([cells[value] for value in values])
        except KeyError:
            for value in values:
                if value not in cells:
                    cells[value] = f'<td class="text-end">{self(value, "·")}</td>'
            return "".join([cells[value] for value in values])


@register.simple_tag
def plenary_assessor_heads(assessors, conflict_flags) -> SafeString:
    """The grid's column heads, one per assessor (``sheet.assessors``: name, institution): the first name,
    the conflict-of-interest badge, the institution. Written in Python like the grid; byte for byte what
    the template wrote (tests/assessments/test_plenary_grid.py)."""
    parts = []
    for name, institution in assessors:
        title = _text(name) + (f" ({_text(institution)})" if institution else "")
        parts.append(
            f'<th class="text-end assessor" title="{title}">{_text(first_word(name))}'
            f"{conflict_flag(conflict_flags, name)}"
            f'<div class="fw-normal text-body-secondary text-truncate">{_text(institution)}</div></th>'
        )
    return mark_safe("".join(parts))


@register.simple_tag
def plenary_components(components) -> SafeString:
    """The result's subtotal per component, one table row each: order and name, weight, subtotal. Byte for
    byte what the template wrote (tests/assessments/test_plenary_grid.py)."""
    figure = _Figures()
    return mark_safe(
        "".join(
            f"<tr><td>{_text(component.order)}. {_text(component.name)}</td>"
            f'<td class="text-end">{figure(component.weight)}</td>'
            f'<td class="text-end">{figure(component.shown_subtotal)}</td></tr>'
            for component in components
        )
    )


@register.simple_tag
def plenary_grid(rows, scores_visible, threshold, scores_form, finalised) -> SafeString:
    """The plenary page's rows, one ``<tbody>`` per indicator: the indicator and its rubric, the assessors'
    scores per stage with their mean, median and spread (when ``scores_visible``), the evidence and the
    agreed score (a field of ``scores_form`` while the plenary is open, else the figure).

    Written in Python rather than in the template: 7 assessors x 4 stages x 19 indicators are more than 500
    cells, and the template language spent more on them than the rest of the page (issue 14). The HTML is
    byte for byte what the template wrote (tests/assessments/test_plenary_grid.py keeps that template and
    compares)."""
    figure = _Figures()
    span = "4" if scores_visible else "1"
    with_form = bool(scores_form) and not finalised
    stage_cell = '<th class="fw-normal text-body-secondary stage">'
    stage_labels: dict[int, str] = {}  # id of a stage's (lazy) label -> its text, once per page

    def stage(label) -> str:
        try:
            return stage_labels[id(label)]
        except KeyError:
            text = stage_labels[id(label)] = f"{stage_cell}{_text(label)}</th>"
            return text

    parts = []
    for row in rows:
        code, indicator_cell = _indicator_cell(row.indicator)
        if scores_visible:
            label, values = row.stage_rows[0] if row.stage_rows else ("", ())
            spread_class = " text-danger fw-semibold" if row.spread and row.spread > threshold else ""
            grid = (
                f"\n        {stage(label)}"
                + figure.cells(values)
                + f'\n        <td rowspan="4" class="text-end">{figure(row.mean, "-")}</td>'
                f'\n        <td rowspan="4" class="text-end">{figure(row.median, "-")}</td>'
                f'\n        <td rowspan="4" class="text-end{spread_class}">{figure(row.spread, "-")}</td>\n      '
            )
            other_stages = "".join(
                f"<tr>{stage(label)}{figure.cells(values)}</tr>" for label, values in row.stage_rows[1:]
            )
        else:
            grid = other_stages = ""
        evidence = ", ".join(conditional_escape(status) for status in row.evidence) or "-"
        if row.feed:
            feed = row.feed
            if feed.is_provisional:
                badge, word = "text-bg-warning", gettext("sementara")
            else:
                badge, word = "text-bg-success", gettext("akhir")
            agreed = (
                f"\n          {figure(feed.value)} ({_text(feed.data_year)})\n"
                f'          <span class="badge {badge}">{conditional_escape(word)}</span>\n        '
            )
        elif with_form:
            agreed = "\n          " + _agreed_fields(scores_form, row, code) + "\n        "
        else:
            score = row.agreed
            reason = ""
            if score is not None and score.reason:
                reason = f'<div class="text-body-secondary">{_text(score.reason)}</div>'
            value = figure(score.value if score is not None else None, "-")
            agreed = f"\n          {value}{reason}\n        "
        parts.append(
            f'\n  <tbody data-indicator="{code}">\n    \n    <tr>\n'
            f'      <td rowspan="{span}" class="indicator-cell">\n'
            f"{indicator_cell}\n      </td>\n      {grid}\n"
            f'      <td rowspan="{span}">{evidence}</td>\n'
            f'      <td rowspan="{span}" class="agreed-cell">\n        {agreed}\n      </td>\n'
            f"    </tr>\n    {other_stages}\n    \n  </tbody>\n  "
        )
    return mark_safe("".join(parts))


def _indicator_cell(indicator) -> tuple[str, str]:
    """The indicator's code (escaped) and its cell: code, name and rubric. They depend on the framework
    alone, so they are written once per language and kept on the indicator: the indicators of a published
    framework are read once per process and shared by every request
    (``assessments.queries.programme.published_framework_tree``; a new publication means new indicators),
    those of a draft are read afresh for each request."""
    kept = indicator.__dict__.setdefault("_plenary_cells", {})
    language = get_language()
    try:
        return kept[language]
    except KeyError:
        pass
    figure = _Figures()
    code = _text(indicator.code)
    levels = indicator.rubric_levels.all()
    if levels:
        rubric_title = conditional_escape(gettext("Rubrik"))
        rubric = (
            f'<details class="rubric"><summary class="text-body-secondary">{rubric_title}</summary>\n'
            '          <ul class="list-unstyled mb-0">'
            + "".join(
                f"<li><strong>{figure(level.score)}</strong> {_text(level.label)}"
                + (f": {_text(level.description)}" if level.description else "")
                + "</li>"
                for level in levels
            )
            + "</ul>\n        </details>"
        )
    else:
        rubric = ""
    cell = kept[language] = (
        code,
        f"        <strong>{code}.</strong> {_text(indicator.name)}\n        {rubric}",
    )
    return cell


def _agreed_fields(form, row, code: str) -> str:
    value_field, reason_field = form.value_field(row), form.reason_field(row)
    errors = value_field.errors
    value = value_field.value()
    reason = reason_field.value()
    value_label = conditional_escape(gettext("Nilai pleno"))
    reason_label = conditional_escape(gettext("Alasan"))
    return (
        '\n          <div class="d-flex gap-1">\n'
        f'            <input class="form-control form-control-sm agreed-value{" is-invalid" if errors else ""}" '
        f'name="{_text(value_field.html_name)}" id="{_text(value_field.id_for_label)}" inputmode="decimal" '
        f'aria-label="{value_label} {code}" '
        f'value="{_text(plenary_decimal("" if value is None else value))}">\n'
        f'            <input class="form-control form-control-sm" name="{_text(reason_field.html_name)}" '
        f'placeholder="{reason_label}" aria-label="{reason_label} {code}" '
        f'value="{_text("" if reason is None else reason)}">\n'
        "          </div>\n          "
        + "".join(
            f'<div class="invalid-feedback d-block" data-testid="error-{code}">{_text(error)}</div>'
            for error in errors
        )
        + "\n          "
    )
