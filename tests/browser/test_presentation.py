"""Presenting a lesson live, in JupyterLab's own presenting view, keeps its sliders working.

The presenting view is the one ``docs/presenting.md`` teaches, made of JupyterLab's own switches
(View ▸ Appearance): Presentation Mode (larger text), Simple Interface (one notebook, no tabs), and
Show Left Sidebar, Show Status Bar, Show Header switched off. On a 1280×720 screen, as from a
projector, the test opens a lesson with a slider, runs it, and enters the view from the menus. It
checks what the view promises: larger text, the chrome gone, the notebook as tall as
``test_slides.py`` assumes a screen is, and no cell taller than ``test_slides.py`` estimates. Then
it presents as the guide says — every section folded, the slider's section unfolded with the
keyboard — drags a slider with the mouse (the figure must be redrawn), and leaves the view: the
normal view must be back.
"""

import json
from pathlib import Path

import pytest
from notebook_page import SLIDERS_JS, NotebookPage, report
from test_slides import SCREEN_PX, cell_height, heading_levels, widget_state

pytestmark = pytest.mark.browser

LESSON = "notebooks/01_perceptron.ipynb"
PROJECTOR = {"width": 1280, "height": 720}
PRESENTING_VIEW = ["Presentation Mode", "Simple Interface", "Show Left Sidebar", "Show Status Bar",
                   "Show Header"]  # each in View ▸ Appearance, a switch
DRAG_PX = 60
# The estimate of test_slides.py may fall this far short of the height JupyterLab draws (fonts
# differ a little between machines); it measured 0.90 to 1.6 times the drawn height.
ESTIMATE_SHORTFALL = 0.85

# What the presenting view changes, as a viewer sees it.
VIEW_JS = """() => {
    const fontPx = selector =>
        parseFloat(getComputedStyle(document.querySelector(selector)).fontSize);
    const shown = selector => [...document.querySelectorAll(selector)]
        .some(node => node.getBoundingClientRect().height > 0);
    return {
        'prose px': fontPx('.jp-Notebook .jp-RenderedMarkdown p'),
        'code px': fontPx('.jp-Notebook .cm-content'),
        'notebook height': document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
            .getBoundingClientRect().height,
        'file browser': shown('#jp-left-stack'),
        'status bar': shown('#jp-main-statusbar'),
        'header': shown('#jp-top-panel'),
        'tabs': shown('#jp-main-dock-panel .lm-TabBar'),
    };
}"""

CELL_HEIGHTS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')]
    .map(cell => cell.getBoundingClientRect().height)"""


def switch_presenting_view(notebook, on=True):
    """Click each switch of the presenting view in View ▸ Appearance; off in the reverse order
    (Show Header is in the menu only with the Simple Interface)."""
    for item in PRESENTING_VIEW if on else PRESENTING_VIEW[::-1]:
        notebook.choose("View", "Appearance", item)


def sections_around(cells, index):
    """The heading cells to unfold to reach cell ``index`` (its ``##`` section and, if it is in
    one, its ``###`` subsection), and the index of the next ``##`` heading (None if none)."""
    section = max(i for i in range(index + 1) if 2 in heading_levels(cells[i]))
    subsection = [i for i in range(section + 1, index + 1) if 3 in heading_levels(cells[i])]
    following = next((i for i in range(index + 1, len(cells)) if 2 in heading_levels(cells[i])),
                     None)
    return [section] + subsection[-1:], following


def test_presenting_keeps_a_slider_working(lab, browser_page, lesson_seconds):
    page = browser_page
    page.set_viewport_size(PROJECTOR)
    notebook = NotebookPage(page, lab.root / LESSON, lab.page_url(LESSON))
    lesson = json.loads((lab.root / LESSON).read_text(encoding="utf-8"))
    try:
        notebook.timed("open", notebook.open)
        problems = notebook.timed("run all", notebook.run_all) + notebook.problems()
        if problems:
            pytest.fail(report(LESSON, notebook, problems), pytrace=False)
        normal = page.evaluate(VIEW_JS)

        notebook.timed("present", lambda: switch_presenting_view(notebook))
        presenting = page.evaluate(VIEW_JS)
        assert presenting["prose px"] > normal["prose px"], (normal, presenting)
        assert presenting["code px"] > normal["code px"], (normal, presenting)
        chrome = ("file browser", "status bar", "header", "tabs")
        assert all(normal[part] for part in chrome), f"the normal view lacks some chrome: {normal}"
        assert not any(presenting[part] for part in chrome), f"chrome left on screen: {presenting}"
        assert presenting["notebook height"] >= SCREEN_PX, (
            f"the presenting view shows {presenting['notebook height']:.0f} px of notebook on a "
            f"1280×720 screen; test_slides.py sizes the lessons' screens for {SCREEN_PX} px")

        drawn = page.evaluate(CELL_HEIGHTS_JS)
        state = widget_state(lesson)
        too_tall = [f"{notebook.cell_title(i)}: drawn {height:.0f} px, estimated "
                    f"{cell_height(cell, state):.0f} px"
                    for i, (cell, height) in enumerate(zip(lesson["cells"], drawn))
                    if cell_height(cell, state) < ESTIMATE_SHORTFALL * height]
        assert not too_tall, "test_slides.py underestimates cells:\n" + "\n".join(too_tall)

        index = page.evaluate(SLIDERS_JS)[0]["cell"]
        headings, following = sections_around(lesson["cells"], index)
        problems = notebook.timed("unfold", lambda: notebook.unfold(headings))
        if problems:
            pytest.fail(report(LESSON, notebook, problems), pytrace=False)
        assert notebook.shown(index), f"{notebook.cell_title(index)} is still folded"
        if following is not None and following + 1 < len(lesson["cells"]):
            assert not notebook.shown(following + 1), (
                f"{notebook.cell_title(following + 1)} is on the page: its section is not folded")

        problems = notebook.timed("drag", lambda: notebook.drag_slider(0, DRAG_PX))
        problems += notebook.problems()
        if problems:
            pytest.fail(report(LESSON, notebook, problems), pytrace=False)

        page.keyboard.press("Control+Shift+ArrowRight")  # unfold every section
        notebook.timed("leave", lambda: switch_presenting_view(notebook, on=False))
        assert page.evaluate(VIEW_JS) == normal
    finally:
        lesson_seconds[f"presenting {Path(LESSON).stem}"] = notebook.seconds
        lab.restore_settings()  # Show Status Bar is a user setting: it would outlive the page
