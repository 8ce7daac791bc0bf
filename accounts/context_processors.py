from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

import antikorupsi
from accounts.navigation import NAV_ITEMS


@lru_cache(maxsize=32)
def _nav_urls(_script_prefix: str, urlconf) -> tuple[str, ...]:
    """The entries' URLs, reversed once per script prefix and URL configuration (every logged-in page
    shows the navigation: issue 14)."""
    return tuple(reverse(item.url_name, urlconf=urlconf) for item in NAV_ITEMS)


@receiver(setting_changed)
def _forget(**_kwargs) -> None:
    _nav_urls.cache_clear()


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        urls = _nav_urls(get_script_prefix(), get_urlconf())
        items = [
            {"label": item.label, "url": url, "icon": item.icon}
            for item, url in zip(NAV_ITEMS, urls, strict=True)
            if user.has_perm(item.permission)
        ]
    return {"nav_items": items, "app_version": antikorupsi.__version__}
