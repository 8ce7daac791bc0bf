"""Rendering HTML templates to PDF with WeasyPrint, without ever touching the network.

Templates extend ``reports/base_pdf.html``, which owns the A4 page, the margins, the fonts (Noto Sans, a
static file from the npm package ``@fontsource/noto-sans``) and the "Halaman X dari Y" footer. URLs in
the templates are the site's own (``{% static %}``, media URLs, ``data:`` URIs); ``RestrictedURLFetcher``
resolves them to files on disk and refuses everything else, so the output does not depend on the host
and a template can never make the server fetch a remote resource.

WeasyPrint takes over a second to import, so it is imported only when a PDF is rendered (or the fetcher
first used): ``manage.py check``, the web workers' start-up and every test process that renders nothing
do not pay for it. ``RestrictedURLFetcher`` is built on first access (``__getattr__`` below).
"""

from __future__ import annotations

import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

# A base URL that cannot be reached: relative URLs in the templates resolve against it, and only the
# fetcher below knows what to do with it.
BASE_URL = "https://pdf.antikorupsi.invalid/"


class RefusedURL(ValueError):
    """A URL the PDF renderer will not fetch."""


@cache
def _fetcher_class() -> type:
    """The fetcher class, defined on first use because its base class comes from WeasyPrint."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class RestrictedURLFetcher(URLFetcher):
        """Serves static files (through the staticfiles finders), media files (through the default storage)
        and ``data:`` URIs; refuses everything else, including any other host."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
                raise RefusedURL(f"refused: {url}")
            path = unquote(parts.path)
            if ".." in path.split("/"):
                raise RefusedURL(f"refused: {url}")
            if path.startswith(settings.STATIC_URL):
                name = path.removeprefix(settings.STATIC_URL)
                # The finders know the source files; collected (hashed) names live in STATIC_ROOT.
                found = finders.find(name) or _collected(name)
                if not found:
                    raise RefusedURL(f"no such static file: {path}")
                body = Path(found).read_bytes()
            elif path.startswith(settings.MEDIA_URL):
                name = path.removeprefix(settings.MEDIA_URL)
                if not default_storage.exists(name):
                    raise RefusedURL(f"no such media file: {path}")
                with default_storage.open(name, "rb") as handle:
                    body = handle.read()
            else:
                raise RefusedURL(f"refused: {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return RestrictedURLFetcher


def __getattr__(name: str):
    if name == "RestrictedURLFetcher":
        return _fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _collected(name: str) -> str | None:
    try:
        path = Path(staticfiles_storage.path(name))
    except (NotImplementedError, SuspiciousFileOperation):
        return None
    return str(path) if path.is_file() else None


def qr_data_uri(text: str) -> str:
    """A QR code for ``text`` as an SVG data URI (segno: pure Python, no image library needed)."""
    return segno.make(text, error="m").svg_data_uri(scale=4, border=0)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The PDF of a template, rendered in Indonesian whatever the language of the request."""
    with translation.override("id"):
        html = render_to_string(template_name, {"letterhead": settings.LETTERHEAD, **context})
    from weasyprint import HTML

    return HTML(
        string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()(fail_on_errors=False)
    ).write_pdf()
