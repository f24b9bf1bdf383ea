"""Sphinx configuration of the course website (built by ``site/build.py``; see its docstring).

The pages are the committed notebooks, rendered from their saved outputs (nothing is executed), the
instructor guide and notes, and the pages in this folder. MathJax and the widget renderer are
served from the site itself, copied from ``node_modules`` at build time, so a page makes no request
outside the site.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this folder's Sphinx extension

from web_assets import static_path, widget_manager_js  # noqa: E402

# The repository the site's "launch on Binder" links and the repository button point at.
course_repository = "https://github.com/activation-functions-hands-on/course"
course_branch = "main"

project = "Activation Functions, Hands-On"
language = "en"

extensions = ["myst_nb", "course_pages"]
root_doc = "index"
exclude_patterns = ["exercises/solutions", "**/.ipynb_checkpoints"]

# Notebooks are shown with their committed outputs, which the test suite keeps honest (nbval).
nb_execution_mode = "off"
# Markdown outputs (lesson 00's table of formulas) are parsed like the notebooks' own Markdown.
nb_render_markdown_format = "myst"
nb_ipywidgets_js = {
    static_path("requirejs"): {},
    "": {"body": widget_manager_js("document.documentElement.dataset.content_root")},
    static_path("widgets"): {},
}

myst_enable_extensions = ["dollarmath", "amsmath"]
# Jupyter Markdown allows $$...$$ inside a paragraph; show it as display maths, as JupyterLab does.
myst_dmath_double_inline = True
# Anchors like JupyterLab's (`04_sigmoid.ipynb#Stable-evaluation`), so a link that works in the
# notebook works on the site.
myst_heading_anchors = 6
myst_heading_slug_func = "course_pages.jupyterlab_slug"

mathjax_path = static_path("mathjax")

html_theme = "sphinx_book_theme"
html_title = project
html_favicon = "static/favicon.svg"
html_static_path = ["static"]
html_js_files = [("course_mathjax.js", {"priority": 501})]
# The plots and widgets are drawn for a light background.
html_context = {"default_mode": "light"}
html_theme_options = {
    "repository_url": course_repository,
    "repository_branch": course_branch,
    "use_repository_button": True,
    "use_download_button": True,
    "show_toc_level": 2,
}
