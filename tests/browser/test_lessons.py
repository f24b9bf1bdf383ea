"""Every lesson, as a learner meets it: opened in JupyterLab, run, and its sliders moved."""

from pathlib import Path

import pytest
from notebook_page import NotebookPage, report

pytestmark = pytest.mark.browser

LESSONS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.stem for lesson in LESSONS])
def test_lesson_runs_cleanly_and_its_sliders_redraw(lesson, lab, browser_page, screenshot_dir,
                                                    lesson_seconds):
    relative = f"notebooks/{lesson.name}"
    notebook = NotebookPage(browser_page, lab.root / relative, lab.page_url(relative))
    screenshot = screenshot_dir / f"{lesson.stem}.png" if screenshot_dir else None
    problems = notebook.check(screenshot)
    lesson_seconds[lesson.stem] = notebook.seconds
    if problems:
        pytest.fail(report(lesson.name, notebook, problems), pytrace=False)
