"""Open pages of the built course website in Chromium, offline, and collect what is broken.

The site is served from a local HTTP server on 127.0.0.1; every request leaving it is aborted and
reported. A page is broken when a request fails or leaves the machine, the console shows an error,
a formula is left as raw TeX or was not typeset, a widget saved in the page is not drawn, or a link
to a page of the site (or an anchor in it) leads nowhere. A slide deck must also have started
reveal.js with more than one slide. :func:`check_pages` returns the problems as sentences naming
the page.
"""

import contextlib
import functools
import http.server
import re
import sys
import threading
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Error as PlaywrightError

LOAD_TIMEOUT_MS = 30_000
MATHJAX_TIMEOUT_MS = 20_000
# How long a page has, once loaded and typeset, to draw its widgets and start reveal.js
PATIENCE_MS = 15_000
LOCAL_SCHEMES = ("data:", "blob:", "about:")

# MathJax has typeset the page. MathJax 4 (the site): every formula Sphinx marked has its container;
# its startup promise would also wait for the spoken form of every formula, which its worker
# computes in seconds more. MathJax 2 (the decks): its queue has run. Sphinx loads MathJax only on
# pages with maths.
MATHJAX_DONE_JS = """async () => {
    if (!document.querySelector('script[src*="tex-chtml"], script[src*="MathJax.js"]')) {
        return 'no maths';
    }
    const typeset = () => window.MathJax && (
        (MathJax.startup && MathJax.startup.document
         && !document.querySelector('.math:not(:has(mjx-container))'))
        || (MathJax.Hub && MathJax.isReady));
    const deadline = performance.now() + %d;
    while (!typeset()) {
        if (performance.now() > deadline) return 'MathJax did not finish';
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    if (!MathJax.startup) await new Promise(resolve => MathJax.Hub.Queue(resolve));
    return 'typeset';
}""" % MATHJAX_TIMEOUT_MS

# Every widget view saved in the page has been drawn (the renderer puts it before its script).
WIDGET_VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGETS_DRAWN_JS = f"""() => [...document.querySelectorAll('{WIDGET_VIEWS}')].every(
    script => script.previousElementSibling
              && script.previousElementSibling.querySelector('.jupyter-widgets'))"""

# What the page shows, with what it should not: maths that is raw TeX or failed, widgets not drawn.
PAGE_STATE_JS = """() => {
    const text = root => {
        const copy = root.cloneNode(true);
        copy.querySelectorAll('script, style, pre, code, kbd, samp, textarea, mjx-container, '
            + '.mjx-chtml, .MathJax_Preview, .MJX_Assistive_MathML')
            .forEach(node => node.remove());
        return copy.textContent;
    };
    // Each formula's TeX and the MathML MathJax made of it (4: its document; 2: its frames).
    const formulas = [];
    if (window.MathJax && MathJax.startup && MathJax.startup.document) {
        for (const item of MathJax.startup.document.math) {
            formulas.push([item.math, MathJax.startup.toMML(item.root)]);
        }
    }
    document.querySelectorAll('script[type^="math/tex"]').forEach(script => {
        const frame = script.previousElementSibling;  // display maths: a wrapper of the frame
        const jax = frame && (frame.matches('[data-mathml]')
                              ? frame : frame.querySelector('[data-mathml]'));
        formulas.push([script.textContent, (jax && jax.dataset.mathml) || '']);
    });
    const views = [...document.querySelectorAll('%s')];
    const reveal = document.querySelector('.reveal');
    return {
        text: text(document.body),
        untypeset: [...document.querySelectorAll('.math')]
            .filter(node => !node.querySelector('mjx-container'))
            .map(node => node.textContent.trim()),
        untypesetDeck: [...document.querySelectorAll('script[type^="math/tex"]')]
            .filter(script => !(script.previousElementSibling || {matches: () => false})
                    .matches('.mjx-chtml'))
            .map(script => script.textContent.trim()),
        mathErrors: formulas.filter(([, mathml]) => /<merror|mathcolor="red"/.test(mathml)),
        hasWidgetState: !!document.querySelector(
            'script[type="application/vnd.jupyter.widget-state+json"]'),
        widgetViews: views.length,
        undrawnWidgets: views
            .filter(script => !(script.previousElementSibling
                                && script.previousElementSibling.querySelector('.jupyter-widgets')))
            .map(script => JSON.parse(script.textContent).model_id),
        widgetErrors: [...document.querySelectorAll('.jupyter-widgets')]
            .filter(node => node.textContent.includes('Error displaying widget'))
            .map(node => node.textContent.trim().slice(0, 200)),
        links: [...document.querySelectorAll('a[href]')].map(a => a.href),
        reveal: reveal ? {
            ready: reveal.classList.contains('ready'),
            slides: reveal.querySelectorAll('.slides section:not(:has(section))').length,
        } : null,
    };
}""" % WIDGET_VIEWS

# Raw TeX a reader would see.
RAW_TEX = re.compile(
    r"""
      \$\$.+?\$\$                               # $$...$$
    | (?<![\\$])\$(?=\S)[^$\n]*?[^\s\\$]\$        # $...$, but not "costs $5 and $10"
    | (?<![\\$])\$[^\s\\$]\$                      # $x$
    | \\[()\[\]] | \\begin\{                    # \( \) \[ \] \begin{
    """,
    re.VERBOSE | re.DOTALL,
)


# In MathJax's MathML of a formula: TeX it could not parse, or a macro it does not know (shown red).
MATH_ERROR = re.compile(r'<merror(?: data-mjx-error="(?P<message>[^"]*)")?'
                        r'|<mtext[^>]*mathcolor="red"[^>]*>(?P<macro>\\[A-Za-z]+)<')


class SiteServer:
    """Serve ``root`` on a free port of 127.0.0.1, in a thread, until :meth:`stop`."""

    def __init__(self, root):
        self.root = Path(root)
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self._server = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page closed while a file was on its way is no error; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """The test reports failed requests itself."""


@dataclass
class _Visit:
    """What one page did while it loaded."""

    name: str
    page: object
    outside: list = field(default_factory=list)
    failed: dict = field(default_factory=dict)  # address: why
    errors: list = field(default_factory=list)


def offline_context(browser, server):
    """A browser context in which every request that does not go to ``server`` is aborted."""
    context = browser.new_context()

    def only_local(route):
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", only_local)
    return context


def check_pages(context, server, names, batch=4, patience_ms=PATIENCE_MS):
    """Open each page ``names`` (paths relative to the site's root); return the problems seen.

    Up to ``batch`` pages load at the same time; each is checked once it has loaded. A page that
    has not drawn its widgets or started reveal.js within ``patience_ms`` is reported.
    """
    problems = []
    anchors = _Anchors(server.root)
    for start in range(0, len(names), batch):
        visits = [_open(context, server, name) for name in names[start:start + batch]]
        for visit in visits:
            try:
                problems += _check(visit, server, anchors, patience_ms)
            finally:
                visit.page.close()
    return problems


def _open(context, server, name):
    page = context.new_page()
    visit = _Visit(name, page)

    def on_request(request):
        if not request.url.startswith((server.url, *LOCAL_SCHEMES)):
            visit.outside.append(request.url)

    def on_failed(request):
        if request.url.startswith(server.url):
            visit.failed.setdefault(_relative(request.url, server), request.failure)

    def on_response(response):
        if response.status >= 400:
            visit.failed[_relative(response.url, server)] = f"HTTP {response.status}"

    def on_console(message):
        # A failed request is reported with its address, which this message lacks.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            visit.errors.append(message.text)

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.goto(server.url + name, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    return visit


def _check(visit, server, anchors, patience_ms):
    page, problems = visit.page, []

    def problem(text):
        problems.append(f"{visit.name}: {text}")

    try:
        page.wait_for_load_state("load", timeout=LOAD_TIMEOUT_MS)
        maths = page.evaluate(MATHJAX_DONE_JS)
        if maths == "MathJax did not finish":
            problem(f"{maths} within {MATHJAX_TIMEOUT_MS / 1000:.0f} s")
        with contextlib.suppress(PlaywrightError):  # reported below, widget by widget
            page.wait_for_function(WIDGETS_DRAWN_JS, timeout=patience_ms)
        if page.query_selector(".reveal"):
            with contextlib.suppress(PlaywrightError):  # reported below
                page.wait_for_selector(".reveal.ready", timeout=patience_ms)
        page.wait_for_load_state("networkidle", timeout=LOAD_TIMEOUT_MS)
        state = page.evaluate(PAGE_STATE_JS)
    except PlaywrightError as error:
        problem(f"did not finish loading: {error.message.splitlines()[0]}")
        return problems

    for url in dict.fromkeys(visit.outside):
        problem(f"requested {url} (outside 127.0.0.1)")
    for url, why in visit.failed.items():
        problem(f"request failed: {url} ({why})")
    for error in visit.errors:
        problem(f"console error: {error}")
    for tex in dict.fromkeys(RAW_TEX.findall(state["text"])):
        problem(f"raw TeX in the text: {tex[:80]!r}")
    for tex in dict.fromkeys(state["untypeset"] + state["untypesetDeck"]):
        problem(f"formula not typeset by MathJax: {tex[:80]!r}")
    for tex, mathml in state["mathErrors"]:
        error = MATH_ERROR.search(mathml)
        if error:
            why = (f"undefined control sequence {error['macro']}" if error["macro"]
                   else unescape(error["message"] or "cannot parse it"))
            problem(f"MathJax error in {tex.strip()[:80]!r}: {why}")
    if state["hasWidgetState"] and not state["widgetViews"]:
        problem("has saved widget state but no widget view to draw")
    for model in state["undrawnWidgets"]:
        problem(f"widget {model} is not drawn")
    for message in state["widgetErrors"]:
        problem(f"widget shows an error: {message!r}")
    for url in dict.fromkeys(state["links"]):
        if url.startswith(server.url):
            broken = anchors.broken(url.removeprefix(server.url))
            if broken:
                problem(f"broken link to {url.removeprefix(server.url)}: {broken}")
    if state["reveal"] is not None:
        if not state["reveal"]["ready"]:
            problem("reveal.js did not start")
        if state["reveal"]["slides"] < 2:
            problem(f"has {state['reveal']['slides']} slide(s); the notebook's slideshow "
                    f"metadata should make more than one")
    return problems


def _relative(url, server):
    return url.removeprefix(server.url)


class _Anchors:
    """Which files of the site exist and which ids each HTML page has."""

    def __init__(self, root):
        self.root = root
        self._ids = {}

    def broken(self, link):
        """Why ``link`` (relative to the site's root, maybe with ``#anchor``) is broken, or ''."""
        parts = urlsplit(link)
        path = self.root / unquote(parts.path)
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return "no such file"
        # A browser looks for the fragment as written, then percent-decoded. One starting with "/"
        # is a route of reveal.js (#/3 is the fourth slide), not an element.
        fragment = parts.fragment
        if fragment and not fragment.startswith("/") \
                and not {fragment, unquote(fragment)} & self.ids(path):
            return f"no anchor #{fragment} in {path.relative_to(self.root).as_posix()}"
        return ""

    def ids(self, path):
        """The ``id`` and ``name`` attributes of the HTML page ``path``."""
        if path not in self._ids:
            collector = _IdCollector()
            collector.feed(path.read_text(encoding="utf-8", errors="replace"))
            self._ids[path] = collector.ids
        return self._ids[path]


class _IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)


def report(what, problems):
    """The failure message: a headline, then one line per problem."""
    return "\n".join([f"{what}: {len(problems)} problem(s)", *(f"- {p}" for p in problems)])
