"""The lessons as reveal.js slide decks, for presenting and handing out.

Each lesson becomes ``slides/NN_name.slides.html`` in the site, with nbconvert's reveal template
(cells are grouped into slides by their ``slideshow`` metadata, as in JupyterLab's property
inspector). The decks load reveal.js, jQuery, require.js, MathJax 2 and the widget renderer from
the site's ``_static/npm`` (see ``web_assets.py``), never from a CDN; the ``white`` theme is
reveal.js's own (``simple`` imports web fonts). ``templates/course_slides.html.j2`` leaves out
nbconvert's import of mermaid from a CDN (no setting changes its address; no lesson needs it).
A lesson's links to other notebooks lead to their pages on the site.
"""

import logging
import posixpath
import re
from pathlib import Path

from nbconvert import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from course_pages import LESSONS, SLIDES, deck_path
from web_assets import site_path, widget_manager_js

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
# The files that shape a deck besides its notebook: a deck older than one of them is rebuilt.
DECK_MAKERS = [HERE / "slides.py", HERE / "web_assets.py", *TEMPLATES.glob("*")]
# A Markdown link to a page of the site, relative to the lesson: [text](path.ipynb#anchor)
PAGE_LINK = re.compile(r"\]\((?![a-z]+:)([^)\s#]+)\.(?:ipynb|md)(#[^)\s]*)?\)")


def _from_deck(path):
    """``path`` (relative to the site's root) as a deck sees it, one folder below the root."""
    return posixpath.relpath(path, SLIDES)


# What the deck template adds to nbconvert's resources.
RESOURCES = {
    "widget_manager_js": widget_manager_js(repr(_from_deck(".") + "/")),
    "favicon": _from_deck("_static/favicon.svg"),
}


class _NotAltText(logging.Filter):
    """Drop nbconvert's note, deck after deck, that the plots have no alternative text.

    Matplotlib's outputs have none; the lessons' prose says what each plot shows.
    """

    def filter(self, record):
        return "Alternative text is missing" not in record.getMessage()


class SitePageLinks(Preprocessor):
    """Point a lesson's Markdown links to notebooks and documents at their pages on the site."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = PAGE_LINK.sub(self._page_link, cell.source)
        return cell, resources

    @staticmethod
    def _page_link(match):
        page = posixpath.normpath(posixpath.join(LESSONS, match[1])) + ".html"
        return f"]({_from_deck(page)}{match[2] or ''})"


def exporter():
    """nbconvert's slides exporter, set up for the course's offline decks."""
    config = Config()
    config.SlidesExporter.update(
        extra_template_paths=[str(TEMPLATES)],
        template_file="course_slides.html.j2",
        reveal_url_prefix=_from_deck(site_path("reveal")),
        reveal_theme="white",
        reveal_number="c/t",
        reveal_scroll=True,  # a slide taller than the screen scrolls rather than being cut off
        require_js_url=_from_deck(site_path("requirejs")),
        jquery_url=_from_deck(site_path("jquery")),
        mathjax_url=_from_deck(site_path("mathjax2")) + "?config=TeX-AMS_CHTML-full,Safe",
        widget_renderer_url=_from_deck(site_path("widgets")),
    )
    log = logging.getLogger(__name__)
    log.addFilter(_NotAltText())
    slides = SlidesExporter(config=config, log=log)
    slides.register_preprocessor(SitePageLinks, enabled=True)
    return slides


def build_decks(notebooks, site):
    """Write the deck of each notebook in ``notebooks`` into ``site``; return the decks' paths.

    A deck newer than its notebook and than the files that shape it is kept as it is.
    """
    slides = exporter()
    makers = max(path.stat().st_mtime for path in DECK_MAKERS)
    decks = []
    for notebook in notebooks:
        deck = site / deck_path(notebook.stem)
        decks.append(deck)
        if deck.exists() and deck.stat().st_mtime >= max(makers, notebook.stat().st_mtime):
            continue
        body, _ = slides.from_filename(str(notebook), resources=dict(RESOURCES))
        deck.parent.mkdir(parents=True, exist_ok=True)
        deck.write_text(body, encoding="utf-8")
    return decks
