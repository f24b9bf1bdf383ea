"""Fixtures of the classroom tests: a real JupyterHub on 127.0.0.1, the course's git repository,
the instructor and the learners.

The hub needs the proxy from ``npm ci`` (``node_modules/.bin/configurable-http-proxy``), and
jupyterhub and nbgitpuller from ``requirements-dev.txt``, and git. Without them the tests skip,
except under CI (``CI=true``) where their absence is a failure.
"""

import importlib.util
import os
import shutil

import pytest
from course_repository import CourseRepository
from hub import PROXY, ClassroomHub
from people import Instructor


def pytest_terminal_summary(terminalreporter):
    # From the test reports, which also reach the controller when pytest-xdist runs the tests.
    for report in (report for reports in terminalreporter.stats.values() for report in reports):
        for name, value in getattr(report, "user_properties", ()):
            if name == "classroom timings" and report.when == "call":
                title, lines = value
                terminalreporter.section(title)
                for line in lines:
                    terminalreporter.write_line(line)


def _missing_prerequisite():
    """What the classroom tests need and is not installed, with how to install it; or None."""
    if not os.access(PROXY, os.X_OK):
        return f"configurable-http-proxy is not installed at {PROXY}; run `npm ci` in the repository"
    for module in ("jupyterhub", "nbgitpuller"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed; run `.venv/bin/pip install -r requirements-dev.txt`"
    if shutil.which("git") is None:
        return "git is not installed"
    return None


@pytest.fixture(scope="session")
def classroom_prerequisites():
    """Skip (fail under CI) when what the hub needs is not installed."""
    missing = _missing_prerequisite()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} (CI must install it)", pytrace=False)
        pytest.skip(missing)


@pytest.fixture(scope="session")
def hub(classroom_prerequisites, tmp_path_factory):
    """The course's JupyterHub, running; stopped with everything it started at the end."""
    with ClassroomHub(tmp_path_factory.mktemp("hub")) as server:
        yield server
    left = server.survivors()
    assert not left, f"processes of the hub outlived it: {left}"


@pytest.fixture(scope="session")
def instructor(hub):
    """The hub's admin, logged in, with an API token; ``instructor.enrol(*names)`` adds learners."""
    return Instructor(hub.url)


@pytest.fixture(scope="session")
def course(classroom_prerequisites, tmp_path_factory):
    """The course's repository as the class clones it (tests that commit to it make their own)."""
    return CourseRepository(tmp_path_factory.mktemp("upstream"))
