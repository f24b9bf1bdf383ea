"""The JavaScript the website and the slide decks load, copied from ``node_modules`` into the site.

Nothing is vendored in the repository: ``npm ci`` at the repository's root installs the versions
pinned in ``package.json``/``package-lock.json``, and :func:`copy_assets` copies the files a page
needs (not whole packages: MathJax 2 alone is 73 MB) to ``_static/npm/`` of the built site. The
pages and decks then never reach a CDN.
"""

import json
import posixpath
import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
NODE_MODULES = REPOSITORY / "node_modules"
VENDOR = "_static/npm"

# Where each asset lives in VENDOR.
ASSETS = {
    "mathjax": "mathjax/tex-chtml.js",  # MathJax 4: the website
    "requirejs": "requirejs/require.js",
    "widgets": "html-manager/embed-amd.js",
    "mathjax2": "mathjax2/MathJax.js",  # MathJax 2: nbconvert's templates configure it
    "jquery": "jquery/jquery.min.js",
    "reveal": "reveal.js",
}


def widget_manager_js(root):
    """JavaScript telling require.js where the widget renderer's modules are, given the site's root.

    Each module of the renderer finds its icon fonts next to the address require.js resolves the
    module's name to: by default ``@jupyter-widgets/...`` under the page's own folder. ``root`` is
    a JavaScript expression.
    """
    folder = f"{VENDOR}/{posixpath.dirname(ASSETS['widgets'])}"
    return (f"require.config({{paths: {{'@jupyter-widgets': {root} + '{folder}', "
            f"'@jupyter-widgets/html-manager/dist': {root} + '{folder}'}}}});")


# (npm package, glob patterns inside it, folder under VENDOR): the files the pages may load.
FILES = [
    ("mathjax", ["tex-chtml.js", "input/**/*", "output/**/*", "ui/**/*", "a11y/**/*", "sre/**/*"],
     "mathjax"),
    # static/course_mathjax.js tells MathJax to look for its font here
    ("@mathjax/mathjax-newcm-font", ["chtml.js", "chtml/**/*"], "mathjax/fonts/mathjax-newcm-font"),
    ("requirejs", ["require.js"], "requirejs"),
    # its icon fonts: browsers take woff2 or woff, before the older formats the CSS also names
    ("@jupyter-widgets/html-manager", ["dist/embed-amd.js", "dist/*.woff*"], "html-manager"),
    ("mathjax2", ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions/**/*",
                  "jax/input/TeX/**/*", "jax/output/CommonHTML/**/*", "jax/element/**/*",
                  "fonts/HTML-CSS/TeX/woff/**/*", "localization/en/**/*"], "mathjax2"),
    ("jquery", ["dist/jquery.min.js"], "jquery"),
    ("reveal.js", ["dist/reveal.css", "dist/reveal.js", "dist/theme/white.css",
                   "dist/theme/fonts/source-sans-pro/**/*", "plugin/notes/**/*"], "reveal.js"),
]
# Folders of a package whose layout the copy flattens (html-manager's dist/, jquery's dist/).
FLATTEN = {"@jupyter-widgets/html-manager": "dist", "jquery": "dist"}


def site_path(name):
    """Where the asset ``name`` (a key of :data:`ASSETS`) is, relative to the site's root."""
    return f"{VENDOR}/{ASSETS[name]}"


def static_path(name):
    """Where the asset ``name`` is relative to ``_static``, as Sphinx's ``add_js_file`` wants it."""
    return posixpath.relpath(site_path(name), "_static")


class MissingAssets(RuntimeError):
    """``node_modules`` lacks a package or holds another version than ``package.json`` pins."""


def check_installed(node_modules=NODE_MODULES):
    """Raise :class:`MissingAssets` unless every pinned web asset is installed at its version."""
    pins = json.loads((REPOSITORY / "package.json").read_text(encoding="utf-8"))["dependencies"]
    problems = []
    for name, pin in pins.items():
        wanted = pin.rsplit("@", 1)[-1]  # "npm:mathjax@2.7.9" installs mathjax 2.7.9
        manifest = node_modules / name / "package.json"
        if not manifest.exists():
            problems.append(f"{name} is not installed")
            continue
        found = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        if found != wanted:
            problems.append(f"{name} is {found}, package.json pins {wanted}")
    if problems:
        raise MissingAssets(
            "the site's web assets are not installed as pinned ("
            + "; ".join(problems)
            + f"): run `npm ci` in {REPOSITORY}"
        )


def copy_assets(site, node_modules=NODE_MODULES):
    """Copy the web assets into ``site`` (under :data:`VENDOR`); skip files already up to date."""
    check_installed(node_modules)
    for package, patterns, folder in FILES:
        source = node_modules / package
        flatten = FLATTEN.get(package)
        for pattern in patterns:
            for path in source.glob(pattern):
                if not path.is_file() or path.suffix == ".map":
                    continue
                relative = path.relative_to(source / flatten if flatten else source)
                target = site / VENDOR / folder / relative
                if target.exists() and target.stat().st_mtime >= path.stat().st_mtime:
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
