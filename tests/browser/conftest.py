"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from apt (`/usr/bin/chromium`, or CHROMIUM_PATH) and axe-core from npm
(`node_modules/axe-core`, installed by `npm ci`): `make browser-deps` installs both, and `make test`
and `.ci/run` call it. Playwright never downloads a browser here. When either is missing the tests
fail with a message saying so (deselect them with `-m "not browser"` on a machine without them).
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django refuses database access from a
# thread with a running loop unless told it is safe, which it is here (one test at a time).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make browser-deps` (apt-get install chromium)", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make browser-deps` (npm ci)", pytrace=False)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server's address, with the real catalogue loaded."""
    call_command("load_catalogue", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def page(browser):
    """A page in a fresh context; the CSP is bypassed so axe-core can be injected."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
