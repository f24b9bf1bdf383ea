"""The self-check of lesson 00 reports what is installed, and notices what is missing or old."""

import importlib.metadata

from actlab import environment


def test_this_environment_passes_and_reports_real_versions():
    report = environment.check_environment()
    assert report.ok, report
    found = {row.name: row.found for row in report.rows}
    assert found["numpy"] == importlib.metadata.version("numpy")
    assert set(found) == {"python", *environment.MINIMUM}
    assert "numpy" in str(report) and "<table>" in report._repr_html_()


def test_a_missing_or_old_package_fails_the_check(monkeypatch):
    monkeypatch.setitem(environment.MINIMUM, "numpy", "99.0")
    monkeypatch.setitem(environment.MINIMUM, "no-such-package-xyz", "1.0")
    report = environment.check_environment()
    assert not report.ok
    bad = {row.name: row.found for row in report.rows if not row.ok}
    assert bad == {"numpy": importlib.metadata.version("numpy"),
                   "no-such-package-xyz": "not installed"}
    assert "MISSING/OLD" in str(report) and "missing or too old" in report._repr_html_()


def test_versions_compare_as_numbers_not_strings():
    assert environment._as_tuple("3.11.2") > environment._as_tuple("3.8")
    assert environment._as_tuple("2.4.6") >= environment._as_tuple("2.0")
