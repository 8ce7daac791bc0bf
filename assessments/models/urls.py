"""``pk_url(name, pk)``: ``reverse(name, kwargs={"pk": pk})`` for the links a page repeats per row.

The evidence lists link every document and version three times; reversing each one walked the URL
resolver a hundred times per page (issue 14). The URL is reversed once per name, script prefix and URL
configuration with a placeholder key, and the key is put in.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = 918273645


@lru_cache(maxsize=128)
def _pattern(name: str, _script_prefix: str, urlconf) -> tuple[str, str]:
    url = reverse(name, kwargs={"pk": _PLACEHOLDER}, urlconf=urlconf)
    head, _sep, tail = url.partition(str(_PLACEHOLDER))
    return head, tail


def pk_url(name: str, pk: int) -> str:
    head, tail = _pattern(name, get_script_prefix(), get_urlconf())
    return f"{head}{int(pk)}{tail}"


@receiver(setting_changed)
def _forget(*, setting, **_kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _pattern.cache_clear()
