from django.templatetags.static import static
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, a PDF opened in a tab): the
    logo every page names."""

    public = True  # a static file, for everybody (tests/test_urls.py)
    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/logo.svg")
