"""Every lesson's slide metadata makes a sensible deck: one idea a screen, what matters shown.

The lessons are presented live in JupyterLab's Presentation Mode and handed out as static decks
(``jupyter nbconvert --to slides``); both read ``metadata.slideshow.slide_type`` of each cell
(see ``docs/presenting.md``). A *screen* is a ``slide`` or ``subslide`` cell with the ``-`` and
``fragment`` cells after it (``skip`` and ``notes`` cells are not on screen). The rules:

1. Every cell has a slide type, one of ``slide``, ``subslide``, ``fragment``, ``-`` (or ``""``,
   which JupyterLab's Property Inspector writes for ``-``), ``skip``, ``notes``; the first cell
   is a ``slide``.
2. A cell with a ``##`` heading (a section) starts a ``slide``; a cell with a ``###`` heading (a
   subsection) starts a ``slide`` or ``subslide``. Every Myth check is such a heading, so it gets
   a screen of its own.
3. What the lesson shows is on screen: a code cell that shows a figure or a widget, or calls a
   ``*_widget`` function, is not ``skip`` or ``notes``. Only setup is skipped (a code cell without
   outputs that only imports and calls ``use_course_style()``); notes are prose (markdown).
4. Every screen fits on a 1280×720 screen at Presentation Mode's sizes: its estimated height
   (:func:`cell_height`) is at most :data:`SCREEN_PX` — unless the screen is a single cell, which
   metadata cannot split.

``test_presentation.py`` checks the estimate and the screen size against JupyterLab in Chromium.
"""

import ast
import base64
import json
import math
import re
import struct
from pathlib import Path

import pytest

LESSONS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "", "skip", "notes")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"
WIDGET_CALL = re.compile(r"\b\w+_widget\(")

# The height of the notebook on a 1280×720 screen in the presenting view of docs/presenting.md
# (Presentation Mode, Simple Interface, no side bar, status bar or header): 720 px less the menu bar
# and the notebook's toolbar, 659 px in Chromium. test_presentation.py measures it.
SCREEN_PX = 650

# Presentation Mode's sizes, as JupyterLab 4.6 draws them in Chromium with the side bar hidden.
TEXT_PX, TEXT_LINE_PX = 17, 27.2  # prose: 17 px on lines of 1.6
TEXT_CHARS = 110                  # characters of markdown source in a line of prose
HEADING_SCALE = {1: 2.0736, 2: 1.728, 3: 1.44, 4: 1.2}  # of TEXT_PX; headings have line height 1
HEADING_MARGIN_LINES = 1.6        # in the heading's own size: 1.2 above (0.6 first), 0.8 below
CODE_LINE_PX, CODE_CHARS = 22.4, 105  # code: 16 px
OUTPUT_LINE_PX = 21.0             # printed output
TABLE_LINE_PX, TABLE_ROW_PADDING_PX, TABLE_CHARS = 15, 13, 110  # tables stay at 13 px
CONTENT_WIDTH_PX = 1064           # wider figures are scaled down to this width
CELL_PADDING_PX = 12
CONTROL_PX = 38                   # a slider, a dropdown, a row of toggle buttons
DISPLAY_MATH_LINES = 2.5
BLOCK_GAP_LINES = 0.6             # between paragraphs, lists, tables
LIST_ITEM_GAP_PX = 8.5            # between the items of a list


def source(text):
    """A notebook string field, stored as one string or a list of lines, as one string."""
    return text if isinstance(text, str) else "".join(text)


def slide_type(cell):
    """The cell's ``metadata.slideshow.slide_type``, or None where it has none."""
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def heading_levels(cell):
    """The levels of the markdown headings in ``cell`` (``{2, 3}`` for a ``##`` and a ``###``)."""
    if cell["cell_type"] != "markdown":
        return set()
    return {len(hashes) for hashes in re.findall(r"^(#{1,6}) ", source(cell["source"]), re.M)}


def is_setup(cell):
    """A code cell without outputs that only imports and sets the course's plot style."""
    if cell["cell_type"] != "code" or cell.get("outputs"):
        return False
    try:
        statements = ast.parse(source(cell["source"])).body
    except SyntaxError:
        return False
    return all(
        isinstance(node, (ast.Import, ast.ImportFrom))
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and getattr(node.value.func, "id", None) == "use_course_style")
        for node in statements
    )


def shows_figure_or_widget(cell):
    """A code cell with a figure or a widget in its outputs, or that calls a ``*_widget``."""
    if cell["cell_type"] != "code":
        return False
    outputs = [output.get("data", {}) for output in cell.get("outputs", [])]
    return (any(WIDGET_MIME in data or "image/png" in data for data in outputs)
            or WIDGET_CALL.search(source(cell["source"])) is not None)


# --- the estimated height of a cell, in pixels ------------------------------------------------

def _wrapped_lines(text, width):
    return sum(max(1, math.ceil(len(line) / width)) for line in text.rstrip("\n").split("\n"))


def table_height(rows):
    """A table's rows, each a list of cell texts: columns get widths in proportion to their
    longest text, and each row is as tall as its most wrapped cell."""
    columns = max(len(row) for row in rows)
    longest = [max((len(row[j]) for row in rows if j < len(row)), default=0)
               for j in range(columns)]
    chars = [max(3.0, TABLE_CHARS * length / max(1, sum(longest))) for length in longest]
    return sum(TABLE_ROW_PADDING_PX + TABLE_LINE_PX * max(
        (math.ceil(max(1, len(text)) / chars[j]) for j, text in enumerate(row)), default=1)
        for row in rows)


def markdown_height(text):
    """Paragraphs and list items wrap at TEXT_CHARS, headings at fewer as they are larger;
    display math, table rows and code blocks take their own lines."""
    height = 0.0
    for block in re.split(r"\n\s*\n", text.strip()):
        if block.startswith("```"):
            height += len(block.splitlines()) * CODE_LINE_PX
        elif block.lstrip().startswith("|"):
            rows = [[text.strip() for text in row.strip().strip("|").split("|")]
                    for row in block.splitlines() if not re.fullmatch(r"\|[-:| ]+\|", row.strip())]
            height += table_height(rows)
        elif block.startswith("$$"):
            height += DISPLAY_MATH_LINES * TEXT_LINE_PX
        else:
            for item in re.split(r"\n(?=\s*(?:#{1,6} |[-*] |\d+\. ))", block):
                heading = re.match(r"(#{1,6}) ", item)
                words = " ".join(item.split())
                if heading:
                    scale = HEADING_SCALE.get(len(heading.group(1)), 1.0)
                    lines = _wrapped_lines(words, TEXT_CHARS / scale) + HEADING_MARGIN_LINES
                    height += lines * scale * TEXT_PX
                else:
                    height += _wrapped_lines(words, TEXT_CHARS) * TEXT_LINE_PX
                    if re.match(r"\s*(?:[-*]|\d+\.) ", item):
                        height += LIST_ITEM_GAP_PX
        height += BLOCK_GAP_LINES * TEXT_LINE_PX
    return height


def _png_height(data):
    png = base64.b64decode(source(data))
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    return height * min(1.0, CONTENT_WIDTH_PX / width)


def _widget_height(model_id, state):
    """From the widget state saved in the notebook: boxes stack their children, an Output
    widget shows its outputs, every other widget is one control."""
    model = state.get(model_id)
    if model is None:
        return CONTROL_PX
    name, values = model["model_name"], model["state"]
    children = [child.removeprefix("IPY_MODEL_") for child in values.get("children", [])]
    if name == "HBoxModel":
        return max((_widget_height(child, state) for child in children), default=0.0)
    if children:
        return sum(_widget_height(child, state) for child in children)
    if name == "OutputModel":
        return sum(output_height(output, state) for output in values.get("outputs", []))
    if name in ("HTMLModel", "HTMLMathModel"):
        text = re.sub(r"<[^>]+>", "\n", values.get("value", "")).strip()
        return _wrapped_lines(text, TEXT_CHARS) * TEXT_LINE_PX
    return CONTROL_PX


def html_height(html):
    """HTML output (a table, with perhaps a line of text before it)."""
    tables = re.findall(r"<table.*?</table>", html, re.S)
    rows = [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[dh]\b.*?</t[dh]>", row, re.S)]
            for table in tables for row in re.findall(r"<tr\b.*?</tr>", table, re.S)]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<table.*?</table>", "", html, flags=re.S)).split()
    prose = _wrapped_lines(" ".join(text), TEXT_CHARS) * TEXT_LINE_PX if text else 0.0
    return prose + (table_height(rows) if rows else 0.0)


def output_height(output, state):
    """The height of one output of a code cell; ``state`` is the notebook's saved widget state."""
    if output["output_type"] == "stream":
        return _wrapped_lines(source(output["text"]), CODE_CHARS) * OUTPUT_LINE_PX
    if output["output_type"] == "error":
        return _wrapped_lines("\n".join(output["traceback"]), CODE_CHARS) * OUTPUT_LINE_PX
    data = output.get("data", {})
    if WIDGET_MIME in data:
        return _widget_height(data[WIDGET_MIME]["model_id"], state)
    if "image/png" in data:
        return _png_height(data["image/png"])
    if "text/markdown" in data:
        return markdown_height(source(data["text/markdown"]))
    if "text/html" in data:
        return html_height(source(data["text/html"]))
    return _wrapped_lines(source(data.get("text/plain", "")), CODE_CHARS) * OUTPUT_LINE_PX


def cell_height(cell, state):
    """The estimated height in pixels of ``cell`` with its outputs, at Presentation Mode's sizes."""
    if cell["cell_type"] != "code":
        return markdown_height(source(cell["source"])) + CELL_PADDING_PX
    code = _wrapped_lines(source(cell["source"]), CODE_CHARS) * CODE_LINE_PX + 2 * CELL_PADDING_PX
    return code + sum(output_height(output, state) for output in cell.get("outputs", []))


def widget_state(notebook):
    """The widget models saved in ``notebook`` (what a widget shows without a kernel), by id."""
    return notebook["metadata"].get("widgets", {}).get(WIDGET_STATE_MIME, {}).get("state", {})


def screens(cells):
    """The screens of the deck: lists of cell indices, each starting at a slide or subslide."""
    found = []
    for index, cell in enumerate(cells):
        kind = slide_type(cell)
        if kind in ("slide", "subslide") or not found:
            found.append([index])
        elif kind not in ("skip", "notes"):
            found[-1].append(index)
    return found


# --- the rules --------------------------------------------------------------------------------

def deck_problems(notebook):
    """Every way ``notebook``'s slide metadata breaks the rules of this module, as sentences."""
    cells = notebook["cells"]
    problems = []

    def problem(index, text):
        first_line = (source(cells[index]["source"]).strip().splitlines() or [""])[0][:60]
        problems.append(f"cell {index} (`{first_line}`): {text}")

    for index, cell in enumerate(cells):
        kind = slide_type(cell)
        levels = heading_levels(cell)
        if kind not in SLIDE_TYPES:
            problem(index, f"slide_type is {kind!r}, expected one of "
                           f"{', '.join(map(repr, SLIDE_TYPES))} (View ▸ Property Inspector ▸ "
                           f"Common Tools ▸ Slide Type)")
            continue
        if index == 0 and kind != "slide":
            problem(index, f"the first cell must start a slide, it is {kind!r}")
        if 2 in levels and kind != "slide":
            problem(index, f"a ## heading must start a slide, it is {kind!r}")
        elif 3 in levels and kind not in ("slide", "subslide"):
            problem(index, f"a ### heading must start a slide or subslide, it is {kind!r}")
        if kind in ("skip", "notes") and shows_figure_or_widget(cell):
            problem(index, f"it shows a figure or a widget, so it must be on screen, not {kind!r}")
        elif kind == "skip" and not is_setup(cell):
            problem(index, "only setup (imports, use_course_style()) may be skipped")
        if kind == "notes" and cell["cell_type"] != "markdown":
            problem(index, "speaker notes must be markdown")

    state = widget_state(notebook)
    for screen in screens(cells):
        height = sum(cell_height(cells[index], state) for index in screen)
        if height > SCREEN_PX and len(screen) > 1:
            problem(screen[0], f"its screen (cells {screen[0]}–{screen[-1]}) is about "
                               f"{height:.0f} px tall, more than the {SCREEN_PX} px of the "
                               f"screen: start a subslide inside it")
    return problems


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.stem for lesson in LESSONS])
def test_lesson_deck_follows_the_rules(lesson):
    problems = deck_problems(json.loads(lesson.read_text(encoding="utf-8")))
    assert not problems, f"{lesson.name}:\n" + "\n".join(problems)


# --- the rules can fail -----------------------------------------------------------------------

def _cell(cell_type, text, kind, outputs=()):
    cell = {"cell_type": cell_type, "metadata": {}, "source": text}
    if kind is not None:
        cell["metadata"]["slideshow"] = {"slide_type": kind}
    if cell_type == "code":
        cell.update(outputs=list(outputs), execution_count=None)
    return cell


def _notebook(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def _figure(width, height):
    """A display_data output with a PNG header of the given size (all the estimate reads)."""
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", width, height)
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(header).decode()}}


PLOT = _figure(640, 360)
TITLE = _cell("markdown", "# Title", "slide")
LONG_PROSE = "\n\n".join(["A paragraph of a hundred characters or so, to fill a screen of the"
                          " deck with words and words."] * 12)


def test_a_sensible_deck_passes():
    deck = _notebook(
        TITLE,
        _cell("code", "import numpy as np\nfrom actlab.plotting import use_course_style\n"
                      "use_course_style()", "skip"),
        _cell("markdown", "## 1. A section\n\nSome prose.", "slide"),
        _cell("code", "plt.plot(x)", "-", [PLOT]),
        _cell("markdown", "The Property Inspector's spelling of '-'.", ""),
        _cell("markdown", "### Myth check: a subsection", "subslide"),
        _cell("code", "tangent_widget()", "-"),
        _cell("markdown", LONG_PROSE * 3, "subslide"),  # one cell may be taller than the screen
        _cell("markdown", "Say this aloud.", "notes"),
    )
    assert deck_problems(deck) == []


# A deck that breaks one rule each, and the start of the problem it must produce.
BROKEN_DECKS = {
    "no slide type": ([_cell("markdown", "# Title", None)],
                      "cell 0 (`# Title`): slide_type is None"),
    "unknown slide type": ([_cell("markdown", "# Title", "sliide")], "slide_type is 'sliide'"),
    "first cell continues": ([_cell("markdown", "Intro", "-")],
                             "the first cell must start a slide, it is '-'"),
    "## heading in a subslide": (
        [TITLE, _cell("markdown", "## 2. Section", "subslide")],
        "cell 1 (`## 2. Section`): a ## heading must start a slide, it is 'subslide'"),
    "### heading continues": (
        [TITLE, _cell("markdown", "Text\n\n### Myth check: x", "-")],
        "cell 1 (`Text`): a ### heading must start a slide or subslide, it is '-'"),
    "widget skipped": (
        [TITLE, _cell("code", "perceptron_widget()", "skip")],
        "cell 1 (`perceptron_widget()`): it shows a figure or a widget, so it must be on screen"),
    "figure in notes": (
        [TITLE, _cell("code", "fig = plt.figure()", "notes", [PLOT])],
        "it shows a figure or a widget, so it must be on screen, not 'notes'"),
    "computation skipped": (
        [TITLE, _cell("code", "rng = make_data()", "skip")],
        "cell 1 (`rng = make_data()`): only setup (imports, use_course_style()) may be skipped"),
    "code as notes": ([TITLE, _cell("code", "x = 1", "notes")], "speaker notes must be markdown"),
    "screen too tall": (
        [TITLE, _cell("markdown", LONG_PROSE, "-"), _cell("markdown", LONG_PROSE, "-")],
        "cell 0 (`# Title`): its screen (cells 0–2) is about"),
}


@pytest.mark.parametrize("broken", BROKEN_DECKS)
def test_each_rule_fails_on_a_deck_that_breaks_it(broken):
    cells, expected = BROKEN_DECKS[broken]
    problems = deck_problems(_notebook(*cells))
    assert any(expected in text for text in problems), problems


def test_a_long_screen_splits_into_two_that_fit():
    """The same two long cells pass once the second starts a subslide: the size rule measures
    screens, not the notebook."""
    halves = [_cell("markdown", "# Title\n\n" + LONG_PROSE, "slide"),
              _cell("markdown", LONG_PROSE, "subslide")]
    assert deck_problems(_notebook(*halves)) == []


def test_the_estimate_reads_a_figure_and_a_widget_from_the_notebook():
    """A figure is as tall as its PNG (scaled to the content width); a widget is its controls and
    the figure of its Output, from the state saved in the notebook."""
    assert output_height(PLOT, {}) == 360
    assert output_height(_figure(2 * CONTENT_WIDTH_PX, 800), {}) == 400
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_s1", "IPY_MODEL_s2",
                                                                  "IPY_MODEL_out"]}},
        "s1": {"model_name": "FloatSliderModel", "state": {}},
        "s2": {"model_name": "FloatSliderModel", "state": {}},
        "out": {"model_name": "OutputModel", "state": {"outputs": [PLOT]}},
    }
    view = {"output_type": "display_data", "metadata": {},
            "data": {WIDGET_MIME: {"model_id": "box"}}}
    assert output_height(view, state) == 2 * CONTROL_PX + 360
