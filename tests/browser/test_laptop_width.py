"""The staff's menu on a laptop: every item and the user menu (with log-out) on the screen, in both
languages, at the widths where the menu bar is laid out open (Bootstrap's xl and up); in Indonesian on
one line."""

import io

import pytest
from django.core.management import call_command

from assessments.demo.data import DEMO_PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_staff_menu_fits_a_laptop_screen_in_both_languages(browser, live_server):
    call_command("load_demo", stdout=io.StringIO())
    misfits = []
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 800})
    page = context.new_page()
    log_in(page, "permas", DEMO_PASSWORD)
    for language in ("id", "en"):
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for width in (1200, 1280, 1366, 1440):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto("/staf/")
            page_width = page.evaluate("document.documentElement.scrollWidth")
            items = page.locator("#main-nav .nav-link")
            boxes = [items.nth(i).bounding_box() for i in range(items.count())]
            rights = [box["x"] + box["width"] for box in boxes]
            if page_width > width or max(rights) > width:
                misfits.append(f"{language} {width}px: page {page_width}px, menu to {max(rights):.0f}px")
            # In Indonesian, the language of every day's work, the menu is one line on a laptop.
            lines = len({round(box["y"] + box["height"] / 2) for box in boxes})
            if language == "id" and lines > 1:
                misfits.append(f"{language} {width}px: the menu takes {lines} lines")
    # The user menu opens and offers the log-out, in the last language.
    page.locator("#main-nav .dropdown-toggle").click()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert items.count() == 8  # seven pages and the user menu
    context.close()
    assert misfits == []
