"""``{% indicator_evidence documents %}``: one indicator's evidence list, as
``assessments/evidence/_indicator_evidence.html`` writes it; ``{% workspace_rows %}`` and
``{% evidence_summary %}``: the workspace's rows and its summary.

Written in Python for the pages that repeat it per indicator (the inspector's workspace: 19 indicators,
each document with its status badge, size, and links): the include, the nested status include and the
per-document tags cost more than the rest of the page (issue 14). ``tests/assessments/test_page_speed.py``
renders the template beside it and compares.
"""

from html import escape

from django import template
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()

STATUS_CLASSES = {"diterima": "text-bg-success", "perbaikan": "text-bg-danger"}


def status_badge(status: str, label) -> str:
    """``assessments/evidence/_status.html``, without its surrounding new lines."""
    return (
        f'<span class="badge {STATUS_CLASSES.get(status, "text-bg-warning")}" data-status="{escape(str(status))}">'
        f"{escape(str(label))}</span>"
    )


@register.simple_tag
def indicator_evidence(documents):
    return _indicator_evidence(documents, _DocumentLines())


class _DocumentLines:
    """Each document's line made once for a page (its documents are linked to several indicators each),
    with the words every line repeats translated once."""

    def __init__(self):
        self.lines: dict[int, str] = {}
        self.open_text = escape(gettext("Buka"))
        self.download_text = escape(gettext("Unduh"))
        self.number = gettext("v%(number)s")
        self.badges: dict[str, str] = {}
        self.none_yet = mark_safe(
            '\n\n\n\n\n<p class="small text-body-secondary mb-0">'
            f"{escape(gettext('Belum ada bukti dukung.'))}</p>\n\n"
        )

    def line(self, document) -> str:
        line = self.lines.get(document.pk)
        if line is None:
            line = self.lines[document.pk] = self._line(document)
        return line

    def _line(self, document) -> str:
        version = document.current_version
        if version is None:
            kind, version_html = "text", ""
        else:
            inline = version.opens_inline
            kind = "pdf" if version.content_type == "application/pdf" else "image" if inline else "text"
            view = (
                f'<a href="{escape(version.get_view_url())}" target="_blank" rel="noopener">{self.open_text}</a>'
                if inline
                else ""
            )
            number = escape(self.number % {"number": version.number})
            version_html = (
                f'\n      <span class="text-body-secondary">{number} · {escape(filesizeformat(version.size))}</span>\n'
                f"      {view}\n"
                f'      <a href="{escape(version.get_download_url())}">{self.download_text}</a>\n    '
            )
        status = document.status
        badge = self.badges.get(status)
        if badge is None:
            badge = self.badges[status] = status_badge(status, document.get_status_display())
        return (
            f'\n  <li class="d-flex flex-wrap align-items-center gap-2 py-1" data-testid="evidence-{document.pk}">\n'
            f'    <i class="bi bi-file-earmark-{kind}" aria-hidden="true"></i>\n'
            f'    <a href="{escape(document.get_absolute_url())}">{escape(document.title)}</a>\n'
            f"    \n{badge}\n\n"
            f"    {version_html}\n  </li>\n  "
        )


def _indicator_evidence(documents, lines: _DocumentLines) -> str:
    """``indicator_evidence`` with the lines of ``lines``."""
    if not documents:
        return lines.none_yet
    items = "".join(lines.line(document) for document in documents)
    return mark_safe(f'\n\n\n\n\n<ul class="list-unstyled mb-0 small evidence-list">\n  {items}\n</ul>\n\n')


@register.simple_tag
def workspace_rows(rows, *, candidate, can_upload: bool):
    """The indicator rows of the inspector's workspace (``assessments/evidence/workspace.html``): a
    component's heading row where the component changes, then the indicator, the expected evidence, its
    documents (``indicator_evidence``) and the upload link."""
    criterion_only = escape(gettext("Diisi dari nilai kriteria; bukti dukung tidak wajib."))
    none_yet = escape(gettext("belum ada"))
    upload = ""
    if can_upload:
        upload_url = escape(reverse("evidence:upload", args=[candidate.pk]))
        upload_text = escape(gettext("Unggah"))
    columns = "4" if can_upload else "3"
    html = []
    lines = _DocumentLines()  # each document's line, made once for all the indicators it is linked to
    component_id = object()
    for row in rows:
        indicator = row.indicator
        if indicator.component_id != component_id:
            component_id = indicator.component_id
            html.append(
                f'<tr class="table-light"><th colspan="{columns}" scope="rowgroup">'
                f"{escape(str(indicator.component))}</th></tr>"
            )
        if not row.needs_evidence:
            note = f'<div class="small text-body-secondary">{criterion_only}</div>\n        '
        elif not row.documents:
            note = f'<div><span class="badge text-bg-light border">{none_yet}</span></div>'
        else:
            note = ""
        if can_upload:
            upload = (
                f'<td class="text-end"><a class="btn btn-sm btn-outline-primary text-nowrap" '
                f'href="{upload_url}?indikator={indicator.pk}"><i class="bi bi-upload" aria-hidden="true"></i> '
                f"{upload_text}</a></td>"
            )
        expected = linebreaksbr(indicator.expected_evidence, autoescape=True) or "\N{EN DASH}"
        html.append(
            f'\n    <tr data-testid="indicator-{escape(indicator.code)}">\n'
            f'      <td style="min-width: 14rem"><strong>{escape(indicator.code)}.</strong> {escape(indicator.name)}\n'
            f"        {note}</td>\n"
            f'      <td class="small">{expected}</td>\n'
            f'      <td style="min-width: 16rem">{_indicator_evidence(row.documents, lines)}</td>\n'
            f"      {upload}\n    </tr>\n  "
        )
    return mark_safe("".join(html))


def _card(label: str, value, test_id: str, unit: str, *, value_class: str = "h4 mb-0") -> str:
    """One of the summary's small cards: a label, a count and its unit (``label`` and ``unit`` translated)."""
    return (
        '<div class="card h-100"><div class="card-body">'
        f'<div class="small text-body-secondary">{escape(label)}</div>'
        f'<div class="{value_class}" data-testid="{test_id}">{escape(localize(value))}</div>'
        f'<div class="small text-body-secondary">{escape(unit)}</div></div></div>'
    )


@register.simple_tag
def evidence_summary(workspace):
    """The completeness, deadline and review counts of a workspace (the inspector's home and workspace), as
    ``assessments/evidence/_summary.html`` wrote them (issue 14: the include cost 0,3 ms a page;
    ``tests/assessments/test_page_speed.py`` compares the two)."""
    completeness = escape(localize(workspace.completeness))
    completeness_label = escape(gettext("Kelengkapan"))
    covered = gettext("%(covered)s dari %(total)s indikator memiliki bukti dukung") % {
        "covered": escape(localize(workspace.covered_count)),
        "total": escape(localize(len(workspace.required))),
    }
    if workspace.due_on:
        days_left = workspace.days_left
        if days_left > 0:
            days = ngettext("%(days)s hari lagi", "%(days)s hari lagi", days_left) % {
                "days": escape(localize(days_left))
            }
        elif days_left == 0:
            days = escape(gettext("hari ini"))
        else:
            days = escape(gettext("sudah lewat"))
        days_class = "text-danger" if days_left < 0 else "text-body-secondary"
        deadline = (
            f'\n      <div class="h5 mb-1" data-testid="deadline">{escape(localize(workspace.due_on))}</div>\n'
            f'      <div class="small {days_class}" data-testid="days-left">{days}</div>\n    '
        )
    else:
        deadline = (
            '<div class="h5 mb-1">\N{EN DASH}</div><div class="small text-body-secondary">'
            f"{escape(gettext('Belum ditetapkan Dit Permas'))}</div>"
        )
    revision_class = "h4 mb-0 text-danger" if workspace.revision_count else "h4 mb-0 "
    documents = gettext("dokumen")
    accepted = _card(gettext("Diterima"), workspace.accepted_count, "accepted", gettext("indikator"))
    waiting = _card(gettext("Menunggu pemeriksaan"), workspace.waiting_count, "waiting", documents)
    revision = _card(
        gettext("Perlu perbaikan"),
        workspace.revision_count,
        "revision",
        documents,
        value_class=revision_class,
    )
    return mark_safe(
        '\n<div class="row g-3 mb-3" data-testid="summary">\n'
        '  <div class="col-sm-6 col-lg-3"><div class="card h-100"><div class="card-body">\n'
        f'    <div class="small text-body-secondary">{completeness_label}</div>\n'
        f'    <div class="h4 mb-1" data-testid="completeness">{completeness}%</div>\n'
        f'    <div class="progress" role="progressbar" aria-label="{completeness_label}" '
        f'aria-valuenow="{completeness}" aria-valuemin="0" aria-valuemax="100" style="height: .4rem">'
        f'<div class="progress-bar" style="width: {completeness}%"></div></div>\n'
        f'    <div class="small text-body-secondary mt-1">{covered}</div>\n'
        "  </div></div></div>\n"
        '  <div class="col-sm-6 col-lg-3"><div class="card h-100"><div class="card-body">\n'
        f'    <div class="small text-body-secondary">{escape(gettext("Batas unggah"))}</div>\n'
        f"    {deadline}\n"
        "  </div></div></div>\n"
        f'  <div class="col-sm-4 col-lg-2">{accepted}</div>\n'
        f'  <div class="col-sm-4 col-lg-2">{waiting}</div>\n'
        f'  <div class="col-sm-4 col-lg-2">{revision}</div>\n'
        "</div>\n"
    )
