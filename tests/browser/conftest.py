"""Fixtures of the browser tests: one JupyterLab server and one headless Chromium per session.

Chromium is Debian's (``/usr/bin/chromium``); Playwright only drives it and never downloads a
browser of its own. Without Chromium the tests skip, except under CI (``CI=true``) where its
absence is a failure.
"""

import os
from pathlib import Path

import pytest
from lab_server import LabServer, copy_course
from playwright.sync_api import sync_playwright

COURSE = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# The machine may have no network: without these, Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


def pytest_terminal_summary(terminalreporter, config):
    # Read from the test reports, which also reach the controller when pytest-xdist runs the tests.
    lines = [prop for reports in terminalreporter.stats.values() for report in reports
             if getattr(report, "when", None) == "teardown"
             for name, prop in getattr(report, "user_properties", ()) if name == "seconds"]
    if lines:
        terminalreporter.section("browser tests: seconds per notebook")
        for notebook, steps in sorted(line for seconds in lines for line in seconds.items()):
            parts = "  ".join(f"{step} {value:4.1f}" for step, value in steps.items())
            terminalreporter.write_line(f"{notebook:28} total {sum(steps.values()):4.1f}  ({parts})")


@pytest.fixture
def lesson_seconds(request):
    """Where a test records how long each step of a notebook took, for the summary of the run."""
    seconds = {}
    yield seconds
    request.node.user_properties.append(("seconds", seconds))


@pytest.fixture(scope="session")
def screenshot_dir(pytestconfig):
    """The folder for screenshots, or None when none were asked for."""
    folder = pytestconfig.getoption("screenshots", default=None) or os.environ.get("ACTLAB_SCREENSHOTS")
    if not folder:
        return None
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, or a skip (a failure under CI) where it is not installed."""
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must install it (apt-get install chromium)", pytrace=False)
        pytest.skip(f"{message}; install it with `sudo apt-get install chromium` to run the browser tests")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def lab(chromium, tmp_path_factory):
    """A JupyterLab server serving a temporary copy of the course's notebooks and exercises."""
    root = tmp_path_factory.mktemp("course")
    copy_course(COURSE, root)
    server = LabServer(root, tmp_path_factory.mktemp("jupyter"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser_page(browser, lab):
    """A fresh browser page; the kernels it started are shut down afterwards."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        yield context.new_page()
    finally:
        context.close()
        lab.shut_down_kernels()
