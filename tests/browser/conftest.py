"""Browser-test harness: Playwright driving Debian's Chromium against pytest-django's
live server. Screenshots land in test-artifacts/ for a human to look at."""

import os
from pathlib import Path

import pytest

from .. import factory

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# test itself (creating data) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIZES = {"phone": (390, 844), "laptop": (1366, 768), "projector": (1920, 1080)}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A page at one of the three sizes. Every page of every browser test also checks the
    Content-Security-Policy: a script, handler or style it refused fails the test."""
    contexts = []
    refused = []

    def make(size="laptop", **options):
        width, height = SIZES[size]
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="da-DK", **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert refused == [], refused


@pytest.fixture
def trio(transactional_db):
    """Børnehaven Solsikken and its leader `leder` (Lise), for the live-session screens."""
    organisation = factory.unit("Testkommune", code="TK")
    unit = factory.unit("Børnehaven Solsikken", parent=organisation)
    factory.user("leder", role="leader", unit=unit, first_name="Lise")
    return unit


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")
