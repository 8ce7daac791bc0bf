"""Browser tests: Debian's Chromium, headless, driven by Playwright against pytest-django's live server."""

import os
import shutil
import subprocess

import pytest
from playwright._impl._driver import compute_driver_executable
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make between
# browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


# Shared libraries a minimal Debian 12 may lack, and the package that brings each.
DEBIAN_PACKAGE_OF = {
    "libatomic.so.1": "libatomic1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}


def missing_libraries(binary: str) -> list[str]:
    """The shared libraries `binary` needs that the dynamic loader cannot find (from ldd)."""
    try:
        listing = subprocess.run(["ldd", binary], capture_output=True, text=True, check=False).stdout
    except OSError:
        return []
    return [line.split("=>")[0].strip() for line in listing.splitlines() if "not found" in line]


def driver_problem() -> str | None:
    """Why Playwright's driver (a Node.js binary inside the playwright wheel) cannot run, if it cannot."""
    node = compute_driver_executable()[0]
    if not os.path.exists(node):
        return f"Playwright's driver is missing ({node}): reinstall the test packages (scripts/test)."
    libraries = missing_libraries(node)
    if libraries:
        packages = sorted({DEBIAN_PACKAGE_OF.get(library, "?") for library in libraries})
        return (
            f"Playwright's driver {node} cannot start: missing {', '.join(libraries)}. "
            f"Install the Debian package(s) {', '.join(packages)} (scripts/test does it when run as root)."
        )
    return None


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(executable):
        pytest.fail(f"Chromium is missing ({executable}): scripts/test installs Debian's package chromium.")
    problem = driver_problem()
    if problem:
        pytest.fail(problem)
    try:
        playwright = sync_playwright().start()
    except Exception as error:  # the driver died before answering: say what the machine lacks
        pytest.fail(f"Playwright's driver did not start ({error}). {driver_problem() or ''}".strip())
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
    except PlaywrightError as error:
        playwright.stop()
        libraries = missing_libraries(executable)
        hint = f" Missing libraries: {', '.join(libraries)}." if libraries else ""
        pytest.fail(f"Chromium ({executable}) did not start: {error.message.splitlines()[0]}.{hint}")
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Any script error, and anything else the page reports as an error on the console (a
    # Content-Security-Policy violation, an SVG attribute the browser cannot read), fails the test.
    # Failed loads are left out: tests open refused pages on purpose, and Chromium logs each 403/404.
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "errors on the browser console"


def log_in(page, username: str, password: str) -> None:
    page.goto("/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
