"""Shared test set-up: the library's own tests draw off-screen (notebooks keep the inline backend),
property tests are reproducible under CI, and the command-line option of the browser tests (declared here, at the root, so that
``pytest --screenshots=DIR`` works from the repository's folder)."""

import os

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts with no figure open, so a widget test can check that it closes its own."""
    plt.close("all")
    yield

# Under CI the property tests draw the same examples every run, so a result never depends on luck;
# locally they keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots", metavar="DIR", default=None,
        help="browser tests: save a full-page PNG of each lesson after running it "
             "(or set ACTLAB_SCREENSHOTS=DIR)",
    )
