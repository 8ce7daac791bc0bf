"""Writing HTML in Python for the fragments a page repeats many times (issue 14)."""

import html

from django.utils.functional import Promise
from django.utils.safestring import SafeData


def esc(value) -> str:
    """``django.utils.html.conditional_escape`` as a plain string (the same five characters escaped),
    without its wrappers: a page writing its rows in Python calls it thousands of times."""
    if isinstance(value, str):
        return value if isinstance(value, SafeData) else html.escape(value)
    if isinstance(value, Promise):
        return html.escape(str(value))
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
