"""The navigation bar's logged-in part, written in Python by ``{% main_navigation %}`` (issue 14), writes
what its template wrote, for every role, language and active entry."""

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from accounts.enums import Role
from tests.factories import UserFactory

# includes/_navbar.html's {% if user.is_authenticated %} block before {% main_navigation %}.
NAVBAR_TEMPLATE = (
    "{% load i18n %}"
    + '\n      <button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#main-nav"\n              aria-controls="main-nav" aria-expanded="false" aria-label="{% translate \'Buka menu\' %}">\n        <span class="navbar-toggler-icon"></span>\n      </button>\n      <div class="collapse navbar-collapse" id="main-nav">\n        <ul class="navbar-nav me-auto">\n          {% for item in nav_items %}\n          <li class="nav-item">\n            <a class="nav-link{% if request.path == item.url %} active{% endif %}" href="{{ item.url }}"\n               {% if request.path == item.url %}aria-current="page"{% endif %}>\n              <i class="bi bi-{{ item.icon }}" aria-hidden="true"></i> {{ item.label }}\n            </a>\n          </li>\n          {% endfor %}\n          {% if perms.accounts.use_admin %}\n          <li class="nav-item"><a class="nav-link" href="{% url \'admin:index\' %}"><i class="bi bi-gear" aria-hidden="true"></i> {% translate "Admin" %}</a></li>\n          {% endif %}\n        </ul>\n        <ul class="navbar-nav">\n          <li class="nav-item dropdown">\n            <a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false" data-testid="user-menu">\n              <i class="bi bi-person-circle" aria-hidden="true"></i> {{ user.get_full_name|default:user.username }}\n            </a>\n            <ul class="dropdown-menu dropdown-menu-end">\n              <li><span class="dropdown-item-text small text-body-secondary">{{ user.get_role_display }} · {{ user.get_institution_display }}</span></li>\n              <li><a class="dropdown-item" href="{% url \'password_change\' %}">{% translate "Ubah kata sandi" %}</a></li>\n              <li><a class="dropdown-item" href="{% url \'two_factor\' %}">{% translate "Verifikasi dua langkah" %}</a></li>\n              <li><hr class="dropdown-divider"></li>\n              <li>\n                <form method="post" action="{% url \'logout\' %}">{% csrf_token %}\n                  <button type="submit" class="dropdown-item">{% translate "Keluar" %}</button>\n                </form>\n              </li>\n            </ul>\n          </li>\n        </ul>\n      </div>\n      '
)

STAFF_HOME, ASSESSOR_HOME = "/staf/", "/penilai/"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("path", [STAFF_HOME, ASSESSOR_HOME, "/bukti-dukung/", "/akun/kata-sandi/"])
@pytest.mark.parametrize("who", ["staff", "assessor", "inspector", "superuser", "odd name"])
def test_main_navigation_writes_what_the_template_wrote(who, path, language, staff, assessor, inspector):
    user = {
        "staff": staff,
        "assessor": assessor,
        "inspector": inspector,
        "superuser": lambda: UserFactory(username="root", name="", is_superuser=True, role=Role.ASSESSOR),
        "odd name": lambda: UserFactory(username="odd", name='Ani <b>"Rahayu"</b> & Co'),
    }[who]
    user = user() if callable(user) else user
    request = RequestFactory().get(path)
    request.user = user
    with translation.override(language):
        context = RequestContext(request, {})
        expected = Template(NAVBAR_TEMPLATE).render(context)
        written = Template("{% load navigation %}{% main_navigation %}").render(RequestContext(request, {}))
    token = 'name="csrfmiddlewaretoken" value="'
    # Each rendering masks its own CSRF token; the rest is identical.
    assert written.split(token)[0] == expected.split(token)[0]
    assert written.split(token)[1].split('"', 1)[1] == expected.split(token)[1].split('"', 1)[1]
    assert written.count(token) == expected.count(token) == 1
