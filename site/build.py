"""Build the course website and the lessons' slide decks: ``.venv/bin/python site/build.py``.

The site is built from the committed notebooks (nothing is executed) into ``build/site``; serve it
with ``.venv/bin/python -m http.server -d build/site`` and open http://127.0.0.1:8000 (the decks,
``build/site/slides/*.html``, also open straight from the disk). Steps:

1. stage the pages (this folder's ``*.md``, ``notebooks/``, ``exercises/`` without the solutions,
   ``docs/``) into ``build/site-work/sources``, so Sphinx sees one tree whose relative links are
   the repository's (unchanged files keep their times, so a rebuild only reads what changed);
2. Sphinx with myst-nb renders them (``site/conf.py``); a warning, such as a broken link between
   notebooks, fails the build;
3. the web assets are copied from ``node_modules`` (``npm ci`` first; see ``web_assets.py``);
4. meanwhile, in a second process, each lesson becomes a reveal.js deck,
   ``build/site/slides/NN_name.slides.html`` (``slides.py``).
"""

import argparse
import concurrent.futures
import contextlib
import shutil
import time
from pathlib import Path

from sphinx.cmd.build import build_main

import slides  # this folder's modules: a script's folder is the first place Python looks
import web_assets

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
# (pattern relative to the repository) of every file the site is made of
PAGES = ["site/*.md", "notebooks/*.ipynb", "exercises/*.ipynb", "docs/**/*.md"]


def stage(sources):
    """Mirror the site's pages into ``sources`` (``site/x.md`` as ``x.md``); drop stale ones."""
    wanted = {}
    for pattern in PAGES:
        for path in REPOSITORY.glob(pattern):
            relative = path.relative_to(REPOSITORY)
            if relative.parts[0] == "site":
                relative = relative.relative_to("site")
            wanted[sources / relative] = path
    stale = [path for path in sources.rglob("*") if path.is_file() and path not in wanted]
    for path in stale:
        path.unlink()
    for target, source in wanted.items():
        if not target.exists() or _signature(target) != _signature(source):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _signature(path):
    status = path.stat()
    return status.st_mtime, status.st_size


def build(out, work):
    """Build the site into ``out`` (intermediate files in ``work``); return seconds per step.

    The decks are made in a second process while Sphinx renders the site.
    """
    web_assets.check_installed()  # before the work, not after it
    seconds = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as helper:
        decks = helper.submit(_make_decks, out)
        with _timed(seconds, "site"):
            stage(work / "sources")
            code = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(HERE),
                               "-d", str(work / "doctrees"), str(work / "sources"), str(out)])
        if code:
            raise SystemExit(f"Sphinx failed (exit code {code}); its messages are above")
        with _timed(seconds, "assets"):
            web_assets.copy_assets(out)
        seconds["slides, beside the site"] = decks.result()
    return seconds


def _make_decks(site):
    """Make the lessons' decks in ``site``; return the seconds it took."""
    started = time.perf_counter()
    slides.build_decks(sorted(REPOSITORY.glob("notebooks/*.ipynb")), site)
    return time.perf_counter() - started


@contextlib.contextmanager
def _timed(seconds, step):
    started = time.perf_counter()
    yield
    seconds[step] = time.perf_counter() - started


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPOSITORY / "build" / "site",
                        help="the folder of the built site (default: build/site)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    try:
        seconds = build(out, out.with_name(out.name + "-work"))
    except web_assets.MissingAssets as error:
        raise SystemExit(f"error: {error}") from None
    steps = ", ".join(f"{step} {value:.1f} s" for step, value in seconds.items())
    print(f"built {out / 'index.html'} ({steps})")


if __name__ == "__main__":
    main()
