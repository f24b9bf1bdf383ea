"""The browser check itself can fail: a notebook broken on purpose must be reported in detail."""

import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell
from notebook_page import NotebookPage, report

pytestmark = pytest.mark.browser

IMPORTS = """\
import sys, warnings
import numpy as np
import matplotlib.pyplot as plt
import ipywidgets as widgets
from IPython.display import display
"""

HEALTHY_SLIDER = """\
def plot(w=1.0):
    x = np.linspace(-3, 3, 50)
    plt.plot(x, np.tanh(w * x))
    plt.show()

widgets.interact(plot, w=widgets.FloatSlider(1.0, min=0.5, max=2.0));
"""

UPDATE_RAISES = """\
def fragile(k=0):
    if k:
        raise ValueError(f'update failed at k={k}')
    plot()

widgets.interact(fragile, k=(0, 5));
"""

MISSING_MODEL = """\
display({'application/vnd.jupyter.widget-view+json':
         {'model_id': '0' * 32, 'version_major': 2, 'version_minor': 0}}, raw=True)
"""

MISSING_VIEW = """\
from traitlets import Unicode

class NoView(widgets.DOMWidget):
    _view_name = Unicode('NoSuchView').tag(sync=True)
    _view_module = Unicode('@jupyter-widgets/controls').tag(sync=True)

NoView()
"""

# (cell, whether the check must name it)
CELLS = [
    (new_markdown_cell("# Broken on purpose"), False),
    (new_code_cell(IMPORTS), False),
    (new_code_cell(f"assert sys.prefix == {sys.prefix!r}, sys.prefix"), False),  # the venv's kernel
    (new_code_cell(HEALTHY_SLIDER), False),
    (new_code_cell("raise RuntimeError('on purpose')", metadata={"tags": ["raises-exception"]}), False),
    (new_markdown_cell("![a figure](no_such_figure.png)"), True),
    (new_code_cell("warnings.warn('a warning on stderr')"), True),
    (new_code_cell(UPDATE_RAISES), True),
    (new_code_cell("widgets.interact(lambda n=1: None, n=(0, 10));"), True),
    (new_code_cell(MISSING_MODEL), True),
    (new_code_cell(MISSING_VIEW), True),
    (new_code_cell("1 / 0"), True),
    (new_code_cell("print('unreachable')"), True),
]


def write_notebook(lab, name, cells):
    """Write ``cells`` as a notebook in the served folder; return its path and its address."""
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                       "language": "python"}
    relative = f"self-check/{name}"
    (lab.root / relative).parent.mkdir(exist_ok=True)
    nbformat.write(notebook, lab.root / relative)
    return lab.root / relative, lab.page_url(relative)


def test_a_broken_lesson_is_reported_with_its_cells(lab, browser_page):
    page = NotebookPage(browser_page, *write_notebook(lab, "broken_lesson.ipynb",
                                                      [cell for cell, _ in CELLS]))
    message = report("broken_lesson.ipynb", page, page.check())

    for index, (_, broken) in enumerate(CELLS):
        assert (f"broken_lesson.ipynb, {page.cell_title(index)}:" in message) == broken, (
            f"cell {index} {'not ' if broken else ''}reported:\n{message}")
    for expected in [
        "shows a broken image: self-check/no_such_figure.png",
        "UserWarning: a warning on stderr",
        "ValueError: update failed at k=2",
        "slider 'n', moved from 1.0 to 3.0: no plot or output in the notebook changed",
        "'Error displaying widget: model not found'",
        "Class NoSuchView not found in module @jupyter-widgets/controls",
        "ZeroDivisionError: division by zero",
        "has no execution count after Run All",
    ]:
        assert expected in message, f"{expected!r} missing from:\n{message}"


def test_a_crashing_kernel_is_reported(lab, browser_page):
    cells = [new_code_cell("print('before')"), new_code_cell("import os\nos._exit(1)"),
             new_code_cell("print('after')")]
    page = NotebookPage(browser_page, *write_notebook(lab, "crashing_lesson.ipynb", cells))
    message = report("crashing_lesson.ipynb", page, page.check())

    assert "crashing_lesson.ipynb, notebook: the kernel died" in message, message
    assert "crashing_lesson.ipynb, cell 2 (`print('after')`): has no execution count" in message, (
        message)
    # Nothing is asserted about cell 0: os._exit can kill the kernel before its reply to cell 0
    # leaves the socket, so under load that cell may show no execution count either.
