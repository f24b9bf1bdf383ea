"""The course website and the lessons' slide decks: built the README's way, then read offline.

``site/build.py`` builds the site into a temporary folder; a local server on 127.0.0.1 serves it,
and Chromium opens every page and every deck with each request that would leave the machine
aborted. Every formula must be typeset, every saved widget drawn, every link inside the site must
lead to a page (and anchor) that exists, and nothing may fail (``site_checks.py``). The last tests
break a page and a deck on purpose and expect the checks to say so.
"""

import ast
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_checks import SiteServer, check_pages, offline_context, report

pytestmark = pytest.mark.browser

REPOSITORY = Path(__file__).resolve().parents[2]
LESSONS = sorted((REPOSITORY / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((REPOSITORY / "exercises").glob("*.ipynb"))
DOCUMENTS = sorted((REPOSITORY / "docs").rglob("*.md"))
BUILD_TIMEOUT_S = 300


def _settings(*names):
    """The values ``site/conf.py`` gives ``names`` (read, not run: it changes ``sys.path``)."""
    module = ast.parse((REPOSITORY / "site" / "conf.py").read_text(encoding="utf-8"))
    return {target.id: ast.literal_eval(node.value)
            for node in module.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name) and target.id in names}


SETTINGS = _settings("course_repository", "course_branch")


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    seconds: float

    def pages(self, folder=""):
        """The HTML pages under ``folder``, relative to the root, without the theme's files."""
        return sorted(path.relative_to(self.root).as_posix()
                      for path in (self.root / folder).rglob("*.html")
                      if not path.relative_to(self.root).parts[0].startswith("_"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built from this repository by the README's command, into a temporary folder."""
    root = tmp_path_factory.mktemp("website") / "site"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(REPOSITORY / "site" / "build.py"), "--out", str(root)],
        cwd=REPOSITORY, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
    )
    if result.returncode:
        pytest.fail(f"site/build.py failed with exit code {result.returncode}:\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)
    return BuiltSite(root, time.perf_counter() - started)


@pytest.fixture(scope="session")
def site_server(built_site):
    server = SiteServer(built_site.root)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def offline(browser, site_server):
    """One browser context for every page of the site, with every outside request aborted."""
    context = offline_context(browser, site_server)
    try:
        yield context
    finally:
        context.close()


def test_every_page_loads_offline_with_formulas_widgets_and_links(built_site, site_server, offline,
                                                                  lesson_seconds):
    pages = [page for page in built_site.pages() if not page.startswith("slides/")]
    expected = {_relative(path.with_suffix(".html"))
                for path in LESSONS + EXERCISES + DOCUMENTS} | {"index.html"}
    assert expected <= set(pages), f"pages missing from the site: {sorted(expected - set(pages))}"

    started = time.perf_counter()
    problems = check_pages(offline, site_server, pages)
    seconds = time.perf_counter() - started
    lesson_seconds["website"] = {"build": built_site.seconds, "pages": seconds}
    assert not problems, report(f"the website ({len(pages)} pages)", problems)


def test_every_deck_starts_offline_with_slides_formulas_and_widgets(built_site, site_server,
                                                                   offline, lesson_seconds):
    decks = built_site.pages("slides")
    assert decks == [f"slides/{lesson.stem}.slides.html" for lesson in LESSONS]

    started = time.perf_counter()
    problems = check_pages(offline, site_server, decks)
    lesson_seconds["slide decks"] = {"open": time.perf_counter() - started}
    assert not problems, report(f"the slide decks ({len(decks)})", problems)


class _Links(HTMLParser):
    """The links (text and address) of the line of links under a page's title."""

    def __init__(self):
        super().__init__()
        self.links, self._inside, self._href = {}, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "course-links" in (attrs.get("class") or "").split():
            self._inside = True
        elif self._inside and tag == "a":
            self._href = attrs["href"]

    def handle_data(self, data):
        if self._href:
            self.links[data.strip()] = self._href

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None
        elif tag == "p":
            self._inside = False


def _relative(path):
    return path.relative_to(REPOSITORY).as_posix()


@pytest.mark.parametrize("notebook", LESSONS + EXERCISES, ids=_relative)
def test_page_links_to_binder_its_notebook_and_its_deck(notebook, built_site):
    relative = _relative(notebook)
    page = built_site.root / Path(relative).with_suffix(".html")
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    links = parser.links

    owner_and_name = SETTINGS["course_repository"].removeprefix("https://github.com/")
    assert links.get("Launch on Binder") == (
        f"https://mybinder.org/v2/gh/{owner_and_name}/{SETTINGS['course_branch']}"
        f"?urlpath=lab/tree/{relative}"), links
    download = (page.parent / links["Download the notebook"]).resolve()
    assert download.read_bytes() == notebook.read_bytes(), f"{download} is not {relative}"
    if notebook in LESSONS:
        deck = (page.parent / links["Slides"]).resolve()
        assert deck == built_site.root / "slides" / f"{notebook.stem}.slides.html"
    else:
        assert "Slides" not in links, links


def _problems_with(built_site, browser, tmp_path, name, html, others=()):
    """The failure message of the checks of the page ``name`` made of ``html`` (and ``others``).

    The page is served with the built site around it; that site is links to the built one, so the
    site the other tests read is left as it is.
    """
    root, folder = tmp_path / "site", Path(name).parent
    root.mkdir()
    for entry in built_site.root.iterdir():
        if entry.name != folder.name:
            (root / entry.name).symlink_to(entry)
    (root / folder).mkdir()
    for entry in (built_site.root / folder).iterdir():
        (root / folder / entry.name).symlink_to(entry)
    (root / name).write_text(html, encoding="utf-8")
    server = SiteServer(root)
    context = offline_context(browser, server)
    try:
        # What is broken on purpose stays broken: no need to wait long for it.
        return report(name, check_pages(context, server, [name, *others], patience_ms=3_000))
    finally:
        context.close()
        server.stop()


BROKEN_PAGE_ADDITIONS = """
<p>A formula left raw: $w^\\top x$ and \\(b\\).</p>
<p><span class="math notranslate nohighlight">\\(\\frac{1}\\)</span>
   <span class="math notranslate nohighlight">\\(\\relu(x)\\)</span></p>
<p><a href="no_such_lesson.html">a missing page</a>,
   <a href="01_perceptron.html#no-such-section">a missing anchor</a>,
   <a href="01_perceptron.html#the-perceptron">a good anchor</a></p>
<img src="https://example.org/pixel.png" alt="from outside">
<img src="no_such_figure.png" alt="missing">
<script>throw new Error("broken on purpose");</script>
"""


def test_the_checks_report_a_broken_page(built_site, browser, tmp_path):
    healthy = (built_site.root / "notebooks" / "00_start_here.html").read_text(encoding="utf-8")
    # Without its saved state the widget cannot be drawn.
    broken = re.sub(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>',
                    "", healthy, count=1, flags=re.DOTALL)
    assert broken != healthy
    # In the page's first section, where MathJax typesets only the formulas Sphinx marked as such.
    links = '<p class="course-links">'
    assert links in broken
    broken = broken.replace(links, BROKEN_PAGE_ADDITIONS + links, 1)
    # A healthy page checked alongside: nothing may be reported about it.
    message = _problems_with(built_site, browser, tmp_path, "notebooks/broken.html", broken,
                             others=["notebooks/01_perceptron.html"])

    assert "- notebooks/01_perceptron.html: " not in message, message
    for expected in [
        r"raw TeX in the text: '$w^\\top x$'",
        r"raw TeX in the text: '\\('",
        r"MathJax error in '\\frac{1}': Missing argument for \frac",
        r"MathJax error in '\\relu(x)': undefined control sequence \relu",
        "requested https://example.org/pixel.png (outside 127.0.0.1)",
        "request failed: notebooks/no_such_figure.png (HTTP 404)",
        "console error: ",
        "broken on purpose",
        "is not drawn",
        "broken link to notebooks/no_such_lesson.html: no such file",
        "broken link to notebooks/01_perceptron.html#no-such-section: no anchor #no-such-section",
    ]:
        assert expected in message, f"{expected!r} missing from:\n{message}"
    assert "#the-perceptron" not in message, message


BROKEN_DECK_ADDITIONS = """
<p>$$\\frac{1}$$</p>
<script src="https://cdn.example.org/plugin.js"></script>
<script>
document.querySelectorAll('.reveal .slides > section').forEach((slide, i) => i && slide.remove());
</script>
"""


def test_the_checks_report_a_broken_deck(built_site, browser, tmp_path):
    healthy = (built_site.root / "slides" / f"{LESSONS[0].stem}.slides.html").read_text(
        encoding="utf-8")
    broken = healthy.replace("Reveal.initialize(", "Reveal.initialise(", 1)  # no such function
    assert broken != healthy
    broken = broken.replace("</body>", BROKEN_DECK_ADDITIONS + "</body>", 1)
    message = _problems_with(built_site, browser, tmp_path, "slides/broken.slides.html", broken)

    for expected in [
        "reveal.js did not start",
        "has 1 slide(s)",
        "requested https://cdn.example.org/plugin.js (outside 127.0.0.1)",
        "console error: ",
        "initialise is not a function",
        r"MathJax error in '\\frac{1}'",
    ]:
        assert expected in message, f"{expected!r} missing from:\n{message}"
