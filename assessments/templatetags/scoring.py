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
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat, floatformat
from django.urls import get_script_prefix
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from assessments.html import esc

register = template.Library()

_KEY = "assessments.scoring.fragments"
PDF = "application/pdf"
NO_VALUE = "\u2013"  # an en dash: no value


_DOCUMENT_LINES: dict[tuple, str] = {}


@receiver(setting_changed)
def _forget_document_lines(*, setting, **_kwargs) -> None:
    """A line's links and whether a type opens in the browser come from these settings (tests)."""
    if setting in ("ROOT_URLCONF", "EVIDENCE_INLINE_TYPES"):
        _DOCUMENT_LINES.clear()


class Fragments:
    """Per page (one template render): the translations, formatted numbers and values and evidence
    lines written so far, so that each is made once."""

    def __init__(self):
        self._texts: dict[str, str] = {}
        self._numbers: dict[tuple[str, str | int], str] = {}
        self._values: dict[tuple[type, object], str] = {}
        self._documents: dict[int, str] = {}
        self._names: dict[str, str] = {}
        self.history_head: str | None = None

    def name(self, user) -> str:
        """``{{ user.get_full_name }}`` of an assessor, escaped."""
        full_name = user.get_full_name()
        name = self._names.get(full_name)
        if name is None:
            name = self._names[full_name] = esc(full_name)
        return name

    def text(self, message: str) -> str:
        """``{% translate message %}``: the translation, not escaped (translations are trusted)."""
        text = self._texts.get(message)
        if text is None:
            text = self._texts[message] = gettext(message)
        return text

    def number(self, value, arg) -> str:
        """``{{ value|floatformat:arg }}``."""
        key = (f"{type(value).__name__}:{value}", arg)
        text = self._numbers.get(key)
        if text is None:
            text = self._numbers[key] = floatformat(value, arg)
        return text

    def value(self, value) -> str:
        """``{{ value }}`` (a number or a date and time): localised, in the current time zone, escaped."""
        key = (type(value), value)
        text = self._values.get(key)
        if text is None:
            text = self._values[key] = esc(str(formats.localize(timezone.template_localtime(value))))
        return text

    def document(self, document) -> str:
        """One line of ``assessments/evidence/_indicator_evidence.html``.

        Written once per page, and kept in the process under everything it shows (the document, its title,
        its current version's number, size, type and review status) and the language and script prefix
        it was written in: a changed document or review has another key."""
        line = self._documents.get(document.pk)
        if line is None:
            version = document.current_version
            key = (
                get_language(),
                get_script_prefix(),
                document.pk,
                document.title,
                None
                if version is None
                else (version.pk, version.number, version.size, version.content_type, version.review_status),
            )
            line = _DOCUMENT_LINES.get(key)
            if line is None:
                if len(_DOCUMENT_LINES) >= 4096:
                    _DOCUMENT_LINES.clear()
                line = _DOCUMENT_LINES[key] = self._document(document)
            self._documents[document.pk] = line
        return line

    def _document(self, document) -> str:
        version = document.current_version
        if version is not None and version.content_type == PDF:
            icon = "pdf"
        elif version is not None and version.opens_inline:
            icon = "image"
        else:
            icon = "text"
        line = (
            f'<li class="d-flex flex-wrap align-items-center gap-2 py-1" data-testid="evidence-{esc(document.pk)}">\n'
            f'<i class="bi bi-file-earmark-{icon}" aria-hidden="true"></i>\n'
            f'<a href="{esc(document.get_absolute_url())}">{esc(document.title)}</a>\n'
            f"{evidence_status(document.status, document.get_status_display())}\n"
        )
        if version is not None:
            number = gettext("v%(number)s") % {"number": self.value(version.number)}
            line += (
                f'<span class="text-body-secondary">{number} · {esc(filesizeformat(version.size))}</span>\n'
            )
            if version.opens_inline:
                line += (
                    f'<a href="{esc(version.get_view_url())}" target="_blank" rel="noopener">'
                    f"{self.text(gettext_noop('Buka'))}</a>\n"
                )
            line += f'<a href="{esc(version.get_download_url())}">{self.text(gettext_noop("Unduh"))}</a>\n'
        return line + "</li>"


def fragments(context) -> Fragments:
    state = context.render_context.get(_KEY)
    if state is None:
        state = context.render_context[_KEY] = Fragments()
    return state


def evidence_status(status: str, label: str) -> str:
    """``assessments/evidence/_status.html``: a review status badge."""
    if status == "diterima":
        css = "text-bg-success"
    elif status == "perbaikan":
        css = "text-bg-danger"
    else:
        css = "text-bg-warning"
    return f'<span class="badge {css}" data-status="{esc(status)}">{esc(label)}</span>'


@register.simple_tag(takes_context=True)
def indicator_evidence(context, documents) -> SafeString:
    """``{% include "assessments/evidence/_indicator_evidence.html" with documents=documents %}``: the
    evidence of one indicator, each document linked to its page, PDFs and images opening in a new tab."""
    page = fragments(context)
    if not documents:
        return mark_safe(
            f'<p class="small text-body-secondary mb-0">{page.text(gettext_noop("Belum ada bukti dukung."))}</p>'
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
    return mark_safe(f'<small class="text-body-secondary">{message}</small>')


@register.simple_tag(takes_context=True)
def indicator_rubric(context, indicator) -> SafeString:
    """The rubric levels of an indicator (prefetched), folded; nothing when it has none."""
    levels = indicator.rubric_levels.all()
    if not levels:
        return ""
    page = fragments(context)
    items = "".join(
        f'<dt class="col-3 col-md-2">{page.number(level.score, "-2")} · {esc(level.label)}</dt>'
        f'<dd class="col-9 col-md-10">{esc(level.description)}</dd>'
        for level in levels
    )
    return mark_safe(
        f'<details class="small mb-2"><summary>{page.text(gettext_noop("Rubrik"))}</summary>\n'
        f'<dl class="row mb-0 mt-1">{items}</dl>\n</details>'
    )


HISTORY_COLUMNS = (
    (gettext_noop("Waktu"), ""),
    (gettext_noop("Oleh"), ""),
    (gettext_noop("Lama"), ' class="text-end"'),
    (gettext_noop("Baru"), ' class="text-end"'),
    (gettext_noop("Catatan"), ""),
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
    head = page.history_head
    if head is None:
        head = page.history_head = "".join(
            f'<th scope="col"{css}>{page.text(title)}</th>' for title, css in HISTORY_COLUMNS
        )
    body = "".join(
        f'<tr><td class="text-nowrap">{page.value(change.changed_at)}</td>'
        f"<td>{page.name(change.changed_by)}</td>"
        f'<td class="text-end">{NO_VALUE if change.old_value is None else page.number(change.old_value, 2)}</td>'
        f'<td class="text-end">{NO_VALUE if change.new_value is None else page.number(change.new_value, 2)}</td>'
        f"<td>{esc(change.new_note or NO_VALUE) if change.old_note != change.new_note else ''}</td></tr>"
        for change in changes
    )
    return mark_safe(
        f'<details class="small mt-2" data-testid="history-{esc(row.indicator.code)}"><summary>{summary}</summary>\n'
        f'<table class="table table-sm mb-0 mt-1"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>{body}</tbody>\n</table>\n</details>"
    )


def _colleague_value(score, page: Fragments) -> str:
    if score is not None and score.value is not None:
        return page.number(score.value, 2)
    return NO_VALUE


@register.simple_tag(takes_context=True)
def colleague_scores(context, row) -> SafeString:
    """The colleagues' scores and notes of one indicator (``row.others``: filled by the page's query only
    for a viewer who may see them); nothing when there are none."""
    if not row.others:
        return ""
    page = fragments(context)
    body = "".join(
        f'<tr><th scope="row" class="fw-normal">{page.name(other.assessor)}</th>'
        f'<td class="text-end">{_colleague_value(other.score, page)}</td>'
        f"<td>{esc(other.score.note) if other.score else ''}</td></tr>"
        for other in row.others
    )
    return mark_safe(
        f'<table class="table table-sm small mt-2 mb-0 others" data-testid="others-{esc(row.indicator.code)}">\n'
        f'<caption class="caption-top py-1">{page.text(gettext_noop("Nilai penilai lain"))}</caption>\n'
        f"<tbody>{body}</tbody>\n</table>"
    )


def _criterion(row, page: Fragments) -> str:
    """An indicator fed by a criterion value: the value, its data year and status, the indicator's score."""
    value = row.criterion_value
    if value:
        shown = (
            f"<strong>{esc(value.display_value())}</strong> ({page.text(gettext_noop('tahun data'))} "
            f"{page.value(value.data_year)}, {esc(str(value.get_status_display()).lower())})"
        )
        if row.criterion_score is not None:
            shown += (
                f" → {page.text(gettext_noop('nilai indikator'))} "
                f"<strong>{page.number(row.criterion_score, 2)}</strong>"
            )
    else:
        shown = f'<span class="text-danger">{page.text(gettext_noop("belum ada nilai"))}</span>'
    return (
        f'<div class="alert alert-light border mb-0 py-2" data-testid="criterion-{esc(row.indicator.code)}">\n'
        f'<i class="bi bi-link-45deg" aria-hidden="true"></i> {page.text(gettext_noop("Diisi dari nilai kriteria"))} '
        f"{esc(row.indicator.get_criterion_display())}:\n{shown}\n</div>"
    )


def _fields(row, page: Fragments) -> str:
    """The score and note fields of an indicator (``row.score_widget``, ``row.score_field`` and
    ``row.note_field``, set by the view), the region's self-score, the errors and an unsaved attempt."""
    indicator = row.indicator
    code = esc(indicator.code)
    self_score = ""
    if row.self_score:
        value = NO_VALUE if row.self_score.value is None else page.number(row.self_score.value, 2)
        self_score = (
            f'<div class="form-text" data-testid="self-score-{code}">'
            f"{page.text(gettext_noop('Nilai mandiri daerah:'))} <strong>{value}</strong></div>"
        )
    errors = "".join(
        f'<div class="invalid-feedback d-block">{esc(error)}</div>' for error in row.score_field.errors
    )
    attempted = getattr(row, "attempted", None)
    if attempted:
        value = NO_VALUE if attempted.value is None else page.number(attempted.value, "-2")
        note = f" · {esc(attempted.note)}" if attempted.note else ""
        attempted = (
            f'<div class="col-12"><div class="alert alert-warning py-1 px-2 small mb-0" data-testid="attempted-{code}">\n'
            f"{page.text(gettext_noop('Isian Anda yang belum tersimpan:'))} <strong>{value}</strong>{note}\n</div></div>"
        )
    else:
        attempted = ""
    return (
        '<div class="row g-2 align-items-start">\n<div class="col-5 col-sm-3 col-lg-2">\n'
        f'<label class="form-label small mb-1" for="{esc(row.score_field.id_for_label)}">'
        f"{page.text(gettext_noop('Nilai'))}</label>\n{esc(row.score_widget)}\n"
        f'<div id="skala-{esc(indicator.pk)}" class="form-text">0–{page.number(indicator.max_score, "-2")}</div>\n'  # noqa: RUF001
        f"{self_score}\n{errors}\n</div>\n"
        '<div class="col-7 col-sm-9 col-lg-10">\n'
        f'<label class="form-label small mb-1" for="{esc(row.note_field.id_for_label)}">'
        f"{page.text(gettext_noop('Catatan'))}</label>\n{esc(row.note_field)}\n</div>\n"
        f"{attempted}\n</div>"
    )


def _indicator_head(context, indicator) -> str:
    """What a row shows of the indicator itself: its code, name, scale and weight, description and
    rubric. It depends on the indicator and the language only, so it is written once per language and
    kept on the indicator: a published framework's indicators are kept per process under (framework,
    ``published_at``) (``queries.programme.published_framework_tree``) and cannot change while kept; a
    draft's are read afresh for each request, and the head with them."""
    heads = indicator.__dict__.get("_scoring_heads")
    if heads is None:
        heads = indicator.__dict__["_scoring_heads"] = {}
    language = get_language()
    head = heads.get(language)
    if head is None:
        code = esc(indicator.code)
        description = (
            f'<p class="small mb-2">{esc(indicator.description)}</p>' if indicator.description else ""
        )
        head = heads[language] = (
            '<div class="d-flex flex-wrap justify-content-between gap-2">\n'
            f'<h3 class="h6 mb-1">{code}. {esc(indicator.name)}</h3>\n{indicator_scale(context, indicator)}\n</div>\n'
            f"{description}\n{indicator_rubric(context, indicator)}\n"
        )
    return head


@register.simple_tag(takes_context=True)
def indicator_row(context, row, others_visible) -> SafeString:
    """One indicator of the scoring page: its name, scale, description, rubric and evidence; then the
    criterion value that feeds it, or the fields with the viewer's own history and, when
    ``others_visible`` (the page's ``may_see_colleague_scores``), the colleagues' scores."""
    page = fragments(context)
    indicator = row.indicator
    code = esc(indicator.code)
    if row.fed_by_criterion:
        body = _criterion(row, page)
    else:
        body = "\n".join(
            (
                _fields(row, page),
                score_history(context, row),
                colleague_scores(context, row) if others_visible else "",
            )
        )
    return mark_safe(
        f'<li class="list-group-item py-3" id="indikator-{code}" data-testid="indicator-{code}">\n'
        f"{_indicator_head(context, indicator)}"
        f'<div class="small mb-2">\n{indicator_evidence(context, row.documents)}\n</div>\n'
        f"{body}\n</li>"
    )
