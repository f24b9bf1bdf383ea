"""Sphinx extension of the course website: what each lesson and exercise page offers besides itself.

Under the title of every lesson and exercise page goes a line of links: launch the notebook on
Binder, download the notebook, and (lessons) open its slide deck. A link to a file of the
repository that is not a page of the site (``../../lib/actlab/activations.py``) leads to the file
on GitHub. The repository is the ``course_repository`` setting of ``conf.py``.
"""

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
REPOSITORY = Path(__file__).resolve().parents[1]

BINDER = "https://mybinder.org/v2/gh"
LESSONS = "notebooks/"
EXERCISES = "exercises/"
SLIDES = "slides"


def jupyterlab_slug(title):
    """The anchor JupyterLab gives a heading: its text with spaces replaced by hyphens."""
    return title.replace(" ", "-")


def deck_path(docname):
    """Where the slide deck of lesson ``docname`` is in the site: ``slides/NN_name.slides.html``."""
    return f"{SLIDES}/{posixpath.basename(docname)}.slides.html"


def binder_url(repository, branch, notebook):
    """The mybinder.org address that opens ``notebook`` (a path in the repository) in JupyterLab."""
    parts = urlsplit(repository)
    owner_and_name = parts.path.strip("/").removesuffix(".git")
    if parts.netloc != "github.com" or owner_and_name.count("/") != 1:
        raise ConfigError(
            f"course_repository must be a GitHub repository's address like "
            f"https://github.com/OWNER/NAME, not {repository!r}"
        )
    return f"{BINDER}/{owner_and_name}/{branch}?urlpath=lab/tree/{notebook}"


def _link(text, uri):
    return nodes.reference("", text, refuri=uri, internal=False)


def add_links(app, doctree):
    """Put the line of links under the title of a lesson or exercise page."""
    docname = app.env.docname
    if not docname.startswith((LESSONS, EXERCISES)):
        return
    here = posixpath.dirname(docname)
    notebook = f"{docname}.ipynb"
    links = [
        _link("Launch on Binder", binder_url(app.config.course_repository,
                                             app.config.course_branch, notebook)),
        # Sphinx copies each page's source (the notebook, with its outputs) into _sources/.
        _link("Download the notebook", posixpath.relpath(f"_sources/{notebook}", here)),
    ]
    if docname.startswith(LESSONS):
        links.append(_link("Slides", posixpath.relpath(deck_path(docname), here)))
    line = nodes.paragraph(classes=["course-links"])
    for index, link in enumerate(links):
        if index:
            line += nodes.Text(" · ")
        line += link
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        LOGGER.warning("the page has no title to put its links under", location=docname)
        return
    section.insert(section.first_child_matching_class(nodes.title) + 1, line)


def link_repository_files(app, doctree):
    """Point links to files of the repository that are not pages of the site at GitHub.

    The pages keep the repository's layout, so a link resolves against the repository the same
    way. A link to nothing stays as it is, and the build reports it.
    """
    here = posixpath.dirname(app.env.docname)
    for node in list(doctree.findall(addnodes.pending_xref)):
        if node.get("reftype") != "myst" or node.get("refdomain"):
            continue  # a page of the site, or not a link written in Markdown
        path, _, anchor = node["reftarget"].partition("#")
        relative = posixpath.normpath(posixpath.join(here, path)) if path else ""
        if not relative or relative.startswith("..") or not (REPOSITORY / relative).exists():
            continue
        kind = "tree" if (REPOSITORY / relative).is_dir() else "blob"
        uri = f"{app.config.course_repository}/{kind}/{app.config.course_branch}/{relative}"
        node.replace_self(nodes.reference("", "", *node.children, internal=False,
                                          refuri=uri + (f"#{anchor}" if anchor else "")))


def setup(app):
    app.add_config_value("course_repository", "", "env", types=frozenset({str}))
    app.add_config_value("course_branch", "main", "env", types=frozenset({str}))
    app.connect("doctree-read", add_links)
    app.connect("doctree-read", link_repository_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
