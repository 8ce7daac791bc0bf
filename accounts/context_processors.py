from django.urls import reverse

import antikorupsi
from accounts.navigation import NAV_ITEMS


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items = [
            {"label": item.label, "url": reverse(item.url_name), "icon": item.icon}
            for item in NAV_ITEMS
            if user.has_perm(item.permission)
        ]
    return {"nav_items": items, "app_version": antikorupsi.__version__}
