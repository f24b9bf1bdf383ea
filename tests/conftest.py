"""Shared test set-up: the library's own tests draw off-screen (notebooks keep the inline backend),
and the command-line option of the browser tests (declared here, at the root, so that
``pytest --screenshots=DIR`` works from the repository's folder)."""

import matplotlib

matplotlib.use("Agg")


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots", metavar="DIR", default=None,
        help="browser tests: save a full-page PNG of each lesson after running it "
             "(or set ACTLAB_SCREENSHOTS=DIR)",
    )
