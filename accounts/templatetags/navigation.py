"""``{% main_navigation %}``: the logged-in part of the navigation bar (``includes/_navbar.html``).

Written in Python rather than as template tags: every logged-in page renders it, and its loop, tests,
translations and URL tags cost about a third of the trivial view per page (issue 14). The words and URLs
are looked up once per language and script prefix; only the active entry, the user's name and role and
the CSRF token change per request. ``tests/accounts/test_navigation.py`` compares it with the template it
replaced.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import CsrfTokenNode
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from accounts.enums import Institution, Role

register = template.Library()

_CSRF = CsrfTokenNode()


@lru_cache(maxsize=32)
def _words(_language: str, _script_prefix: str, urlconf) -> dict[str, str]:
    """The navigation's fixed words and URLs, escaped, in the active language (the arguments key the
    cache: gettext and reverse read the active language and script prefix themselves)."""
    return {
        "open_menu": escape(gettext("Buka menu")),
        "admin_url": escape(reverse("admin:index", urlconf=urlconf)),
        "admin": escape(gettext("Admin")),
        "password_url": escape(reverse("password_change", urlconf=urlconf)),
        "password": escape(gettext("Ubah kata sandi")),
        "two_factor_url": escape(reverse("two_factor", urlconf=urlconf)),
        "two_factor": escape(gettext("Verifikasi dua langkah")),
        "logout_url": escape(reverse("logout", urlconf=urlconf)),
        "logout": escape(gettext("Keluar")),
    }


# What ``get_<field>_display()`` gives, without hashing every lazily translated label of the choices
# (which translates each of them) on every page.
_LABELS = {Role: dict(Role.choices), Institution: dict(Institution.choices)}


def _display(choices, value) -> str:
    return str(_LABELS[choices].get(value, value))


@register.simple_tag(takes_context=True)
def main_navigation(context):
    user = context["user"]
    path = context["request"].path
    words = _words(get_language(), get_script_prefix(), get_urlconf())
    items = []
    for item in context.get("nav_items", ()):
        url = item["url"]
        active = path == url
        current = 'aria-current="page"' if active else ""
        items.append(
            '\n          <li class="nav-item">\n'
            f'            <a class="nav-link{" active" if active else ""}" href="{escape(url)}"\n'
            f"               {current}>\n"
            f'              <i class="bi bi-{escape(item["icon"])}" aria-hidden="true"></i> '
            f"{conditional_escape(item['label'])}\n"
            "            </a>\n          </li>\n          "
        )
    admin = (
        '\n          <li class="nav-item"><a class="nav-link" href="{admin_url}"><i class="bi bi-gear" '
        'aria-hidden="true"></i> {admin}</a></li>\n          '.format(**words)
        if user.has_perm("accounts.use_admin")
        else ""
    )
    name = conditional_escape(user.get_full_name() or user.username)
    role = conditional_escape(_display(Role, user.role))
    institution = conditional_escape(_display(Institution, user.institution))
    return mark_safe(
        '\n      <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-nav"\n'
        f'              aria-controls="main-nav" aria-expanded="false" aria-label="{words["open_menu"]}">\n'
        '        <span class="navbar-toggler-icon"></span>\n'
        "      </button>\n"
        '      <div class="collapse navbar-collapse" id="main-nav">\n'
        '        <ul class="navbar-nav me-auto">\n'
        f"          {''.join(items)}\n"
        f"          {admin}\n"
        "        </ul>\n"
        '        <ul class="navbar-nav">\n'
        '          <li class="nav-item dropdown">\n'
        '            <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" '
        'aria-expanded="false" data-testid="user-menu">\n'
        f'              <i class="bi bi-person-circle" aria-hidden="true"></i> {name}\n'
        "            </a>\n"
        '            <ul class="dropdown-menu dropdown-menu-end">\n'
        '              <li><span class="dropdown-item-text small text-body-secondary">'
        f"{role} · {institution}</span></li>\n"
        f'              <li><a class="dropdown-item" href="{words["password_url"]}">{words["password"]}</a></li>\n'
        f'              <li><a class="dropdown-item" href="{words["two_factor_url"]}">{words["two_factor"]}</a></li>\n'
        '              <li><hr class="dropdown-divider"></li>\n'
        "              <li>\n"
        f'                <form method="post" action="{words["logout_url"]}">{_CSRF.render(context)}\n'
        f'                  <button type="submit" class="dropdown-item">{words["logout"]}</button>\n'
        "                </form>\n"
        "              </li>\n"
        "            </ul>\n"
        "          </li>\n"
        "        </ul>\n"
        "      </div>\n"
        "      "
    )


@receiver(setting_changed)
def _forget(**_kwargs) -> None:
    _words.cache_clear()
