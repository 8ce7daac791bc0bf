"""The repeated fragments of the scoring page, written in Python (issue 14).

The scoring page of a stage shows, per indicator, its scale and rubric, its evidence, the assessor's own
score history and the colleagues' scores: thousands of template variable lookups, hundreds of
``floatformat`` calls and translations per request. Each tag here writes what the template it replaced
wrote (the tests compare both: tests/assessments/test_scoring_fragments.py), looking each translation
up once per page, each number formatted once per page and each document's line written once however many
indicators it is linked to.

What a tag shows is what its caller passes in: who may see which score stays with the page's query
(``queries.scoring.scoring_page``) and its template.
"""

from django import template
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

register = template.Library()

_KEY = "assessments.scoring.fragments"
PDF = "application/pdf"
NO_VALUE = "\u2013"  # an en dash: no value


class Fragments:
    """Per page (one template render): the translations, formatted numbers and evidence lines written
    so far, so that each is made once."""

    def __init__(self):
        self._texts: dict[str, str] = {}
        self._numbers: dict[tuple[str, str | int], str] = {}
        self._documents: dict[int, SafeString] = {}

    def text(self, message: str) -> SafeString:
        """``{% translate message %}``: the translation, not escaped (translations are trusted)."""
        if message not in self._texts:
            self._texts[message] = mark_safe(gettext(message))
        return self._texts[message]

    def number(self, value, arg) -> str:
        """``{{ value|floatformat:arg }}``."""
        key = (f"{type(value).__name__}:{value}", arg)
        if key not in self._numbers:
            self._numbers[key] = floatformat(value, arg)
        return self._numbers[key]

    def value(self, value) -> str:
        """``{{ value }}``: localised, in the current time zone, escaped."""
        return conditional_escape(str(formats.localize(timezone.template_localtime(value))))

    def document(self, document) -> SafeString:
        """One line of ``assessments/evidence/_indicator_evidence.html``."""
        line = self._documents.get(document.pk)
        if line is None:
            line = self._documents[document.pk] = self._document(document)
        return line

    def _document(self, document) -> SafeString:
        version = document.current_version
        if version is not None and version.content_type == PDF:
            icon = "pdf"
        elif version is not None and version.opens_inline:
            icon = "image"
        else:
            icon = "text"
        html = format_html(
            '<li class="d-flex flex-wrap align-items-center gap-2 py-1" data-testid="evidence-{}">\n'
            '<i class="bi bi-file-earmark-{}" aria-hidden="true"></i>\n'
            '<a href="{}">{}</a>\n'
            "{}\n",
            document.pk,
            icon,
            document.get_absolute_url(),
            document.title,
            evidence_status(document.status, document.get_status_display()),
        )
        if version is not None:
            html += format_html(
                '<span class="text-body-secondary">{} · {}</span>\n',
                mark_safe(gettext("v%(number)s") % {"number": self.value(version.number)}),
                filesizeformat(version.size),
            )
            if version.opens_inline:
                html += format_html(
                    '<a href="{}" target="_blank" rel="noopener">{}</a>\n',
                    version.get_view_url(),
                    self.text(gettext_noop("Buka")),
                )
            html += format_html(
                '<a href="{}">{}</a>\n', version.get_download_url(), self.text(gettext_noop("Unduh"))
            )
        return mark_safe(html + "</li>")


def fragments(context) -> Fragments:
    state = context.render_context.get(_KEY)
    if state is None:
        state = context.render_context[_KEY] = Fragments()
    return state


def evidence_status(status: str, label: str) -> SafeString:
    """``assessments/evidence/_status.html``: a review status badge."""
    if status == "diterima":
        css = "text-bg-success"
    elif status == "perbaikan":
        css = "text-bg-danger"
    else:
        css = "text-bg-warning"
    return format_html('<span class="badge {}" data-status="{}">{}</span>', css, status, label)


@register.simple_tag(takes_context=True)
def indicator_evidence(context, documents) -> SafeString:
    """``{% include "assessments/evidence/_indicator_evidence.html" with documents=documents %}``: the
    evidence of one indicator, each document linked to its page, PDFs and images opening in a new tab."""
    page = fragments(context)
    if not documents:
        return format_html(
            '<p class="small text-body-secondary mb-0">{}</p>',
            page.text(gettext_noop("Belum ada bukti dukung.")),
        )
    lines = "\n".join(page.document(document) for document in documents)
    return mark_safe(f'<ul class="list-unstyled mb-0 small evidence-list">\n{lines}\n</ul>')


@register.simple_tag(takes_context=True)
def indicator_scale(context, indicator) -> SafeString:
    """The scale and weight of an indicator ("skala 0 to 100, bobot 5,27%")."""
    page = fragments(context)
    message = gettext("skala 0–%(max)s · bobot %(weight)s%%") % {  # noqa: RUF001
        "max": page.number(indicator.max_score, "-2"),
        "weight": page.number(indicator.weight, "-2"),
    }
    return format_html('<small class="text-body-secondary">{}</small>', mark_safe(message))


@register.simple_tag(takes_context=True)
def indicator_rubric(context, indicator) -> SafeString:
    """The rubric levels of an indicator (prefetched), folded; nothing when it has none."""
    levels = indicator.rubric_levels.all()
    if not levels:
        return ""
    page = fragments(context)
    items = "".join(
        format_html(
            '<dt class="col-3 col-md-2">{} · {}</dt><dd class="col-9 col-md-10">{}</dd>',
            page.number(level.score, "-2"),
            level.label,
            level.description,
        )
        for level in levels
    )
    return format_html(
        '<details class="small mb-2"><summary>{}</summary>\n<dl class="row mb-0 mt-1">{}</dl>\n</details>',
        page.text(gettext_noop("Rubrik")),
        mark_safe(items),
    )


@register.simple_tag(takes_context=True)
def score_history(context, row) -> SafeString:
    """The changes of the viewer's own score of one indicator (``row.history``, oldest first), folded;
    nothing when there are none."""
    changes = row.history
    if not changes:
        return ""
    page = fragments(context)
    summary = ngettext(
        "Riwayat nilai (%(counter)s perubahan)", "Riwayat nilai (%(counter)s perubahan)", len(changes)
    ) % {"counter": page.value(len(changes))}
    head = "".join(
        format_html('<th scope="col"{}>{}</th>', mark_safe(css), page.text(title))
        for title, css in (
            (gettext_noop("Waktu"), ""),
            (gettext_noop("Oleh"), ""),
            (gettext_noop("Lama"), ' class="text-end"'),
            (gettext_noop("Baru"), ' class="text-end"'),
            (gettext_noop("Catatan"), ""),
        )
    )
    body = "".join(
        format_html(
            '<tr><td class="text-nowrap">{}</td><td>{}</td><td class="text-end">{}</td>'
            '<td class="text-end">{}</td><td>{}</td></tr>',
            page.value(change.changed_at),
            change.changed_by.get_full_name(),
            NO_VALUE if change.old_value is None else page.number(change.old_value, 2),
            NO_VALUE if change.new_value is None else page.number(change.new_value, 2),
            (change.new_note or NO_VALUE) if change.old_note != change.new_note else "",
        )
        for change in changes
    )
    return format_html(
        '<details class="small mt-2" data-testid="history-{}"><summary>{}</summary>\n'
        '<table class="table table-sm mb-0 mt-1"><thead><tr>{}</tr></thead>\n'
        "<tbody>{}</tbody>\n</table>\n</details>",
        row.indicator.code,
        mark_safe(summary),
        mark_safe(head),
        mark_safe(body),
    )


@register.simple_tag(takes_context=True)
def colleague_scores(context, row) -> SafeString:
    """The colleagues' scores and notes of one indicator (``row.others``: filled by the page's query only
    for a viewer who may see them); nothing when there are none."""
    if not row.others:
        return ""
    page = fragments(context)
    body = "".join(
        format_html(
            '<tr><th scope="row" class="fw-normal">{}</th><td class="text-end">{}</td><td>{}</td></tr>',
            other.assessor.get_full_name(),
            page.number(other.score.value, 2) if other.score and other.score.value is not None else NO_VALUE,
            other.score.note if other.score else "",
        )
        for other in row.others
    )
    return format_html(
        '<table class="table table-sm small mt-2 mb-0 others" data-testid="others-{}">\n'
        '<caption class="caption-top py-1">{}</caption>\n<tbody>{}</tbody>\n</table>',
        row.indicator.code,
        page.text(gettext_noop("Nilai penilai lain")),
        mark_safe(body),
    )
