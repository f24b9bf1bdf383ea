"""Drive one notebook in JupyterLab as a learner would, and collect what went wrong.

A learner opens the notebook, runs every cell from the menu, then plays with the sliders; in an
exercise notebook they also type an answer into a cell and run it and its check. What they would
notice as broken is collected as a list of :class:`Problem` (a cell index and a sentence), which
:func:`report` turns into the failure message of a test.
"""

import json
import re
import time
from dataclasses import dataclass

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

KERNEL_READY_TIMEOUT_MS = 60_000
RUN_ALL_TIMEOUT_MS = 120_000
WIDGETS_RENDER_TIMEOUT_MS = 10_000
SLIDER_UPDATE_TIMEOUT_MS = 15_000
QUIET_MS = 300  # the kernel must stay idle this long before an update counts as finished
KEY_PRESSES = 2

# The kernel of the notebook in front of the learner, through the app JupyterLab exposes with
# --LabApp.expose_app_in_browser.
_KERNEL_JS = """(() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const session = panel && panel.sessionContext && panel.sessionContext.session;
    return session ? session.kernel : null;
})()"""

KERNEL_READY_JS = f"""() => {{
    const kernel = {_KERNEL_JS};
    return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}}"""

KERNEL_STATUS_JS = f"() => {{ const kernel = {_KERNEL_JS}; return kernel ? kernel.status : 'none'; }}"

# Counts the kernel's busy periods, execute requests and replies, and remembers when its status
# last changed, so a test can wait until the kernel has answered every cell, or handled a slider's
# update, and then stayed quiet. (The prompts cannot tell: after a cell tagged raises-exception
# fails, JupyterLab shows "[ ]" for the cells still queued behind it.) A kernel that died is
# remembered too, as JupyterLab restarts it at once.
WATCH_KERNEL_JS = f"""() => {{
    const kernel = {_KERNEL_JS};
    const activity = {{busy: 0, changed: performance.now(), requests: 0, replies: 0, died: false}};
    window.actlabActivity = activity;
    kernel.statusChanged.connect((_, status) => {{
        activity.changed = performance.now();
        if (status === 'busy') activity.busy += 1;
        if (['dead', 'autorestarting'].includes(status)) activity.died = true;
    }});
    kernel.anyMessage.connect((_, {{msg, direction}}) => {{
        if (direction === 'send' && msg.header.msg_type === 'execute_request') activity.requests += 1;
        if (direction === 'recv' && msg.header.msg_type === 'execute_reply') activity.replies += 1;
    }});
}}"""

UPDATE_DONE_JS = f"""([busyBefore, quietMs]) => {{
    const kernel = {_KERNEL_JS};
    const activity = window.actlabActivity;
    return activity.busy > busyBefore && kernel.status === 'idle'
        && performance.now() - activity.changed > quietMs;
}}"""

PROMPTS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(
    cell => cell.classList.contains('jp-CodeCell')
        ? cell.querySelector('.jp-InputArea-prompt').textContent.trim() : null)"""

RUN_FINISHED_JS = f"""quietMs => {{
    const kernel = {_KERNEL_JS};
    const activity = window.actlabActivity;
    return activity.died || (activity.requests > 0 && activity.replies >= activity.requests
        && kernel.status === 'idle' && performance.now() - activity.changed > quietMs);
}}"""

# Like RUN_FINISHED_JS, for cells run one by one: the kernel has received at least `requests`
# execute requests in all, answered each of them, and stayed quiet since.
CELLS_FINISHED_JS = f"""([requests, quietMs]) => {{
    const kernel = {_KERNEL_JS};
    const activity = window.actlabActivity;
    return activity.died || (activity.requests >= requests && activity.replies >= activity.requests
        && kernel.status === 'idle' && performance.now() - activity.changed > quietMs);
}}"""

NO_WIDGET_LOADING_JS = """() => ![...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')]
    .some(output => output.childElementCount === 0 && output.textContent === 'Loading widget...')"""

# What a learner would see as broken in each cell. Error outputs and stream stderr are both
# rendered with the stderr MIME type; the widget renderer writes its failures as plain text into
# the output node, and a widget view that cannot be created becomes an error widget.
CELL_PROBLEMS_JS = """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell => {
    const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
    const bare = outputs.filter(output => output.childElementCount === 0);
    return {
        stderr: outputs
            .filter(output => output.dataset.mimeType === 'application/vnd.jupyter.stderr')
            .map(output => output.textContent),
        widgetFailures: bare.map(output => output.textContent)
            .filter(text => text.startsWith('Error displaying widget')
                            || text === 'Loading widget...'),
        errorWidgets: [...cell.querySelectorAll('.jupyter-widgets-error-widget')].map(node => {
            if (node.classList.contains('icon-error')) {
                node.closest('.jupyter-widgets').click();  // reveals the message in the view
            }
            return node.textContent;
        }),
        disconnected: cell.querySelectorAll('.jupyter-widgets-disconnected').length,
        brokenImages: [...cell.querySelectorAll('img')]
            .filter(img => img.complete && img.naturalWidth === 0)
            .map(img => {
                const url = new URL(img.src, document.baseURI);  // files are served under /files/
                const file = url.pathname.split('/files/')[1];
                return file ? decodeURIComponent(file) : img.src.slice(0, 100);
            }),
    };
})"""

# A fingerprint of everything a widget can redraw in each cell: images, vector graphics,
# canvases, and the text of Output and HTML widgets (not the sliders' own read-outs).
OUTPUT_FINGERPRINTS_JS = """() => {
    const hash = text => {
        let h = 5381;
        for (let i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) >>> 0;
        return `${text.length}:${h}`;
    };
    return [...document.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell => {
        const area = cell.querySelector('.jp-Cell-outputArea');
        if (!area) return '';
        const parts = [];
        area.querySelectorAll('img').forEach(img => parts.push(img.src));
        area.querySelectorAll('svg:not([data-icon])').forEach(svg => parts.push(svg.outerHTML));
        area.querySelectorAll('canvas').forEach(canvas => parts.push(canvas.toDataURL()));
        area.querySelectorAll('.widget-output, .widget-html-content')
            .forEach(node => parts.push(node.textContent));
        return hash(parts.join('\\u0000'));
    });
}"""

SLIDERS_JS = """() => {
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell')];
    return [...document.querySelectorAll('.jp-Notebook .widget-slider')].map(slider => ({
        cell: cells.indexOf(slider.closest('.jp-Cell')),
        label: (slider.querySelector('.widget-label') || {textContent: ''}).textContent.trim(),
        vertical: slider.classList.contains('widget-vslider'),
        disabled: !!slider.querySelector('.noUi-target[disabled]'),
    }));
}"""


ACTIVE_CELL_JS = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"

DIALOGS_JS = "() => [...document.querySelectorAll('.jp-Dialog')].map(dialog => dialog.innerText)"


@dataclass(frozen=True)
class Problem:
    cell: int | None  # index in the notebook, None for the notebook as a whole
    text: str


class _Stuck(Exception):
    """A learner could not go on (the kernel never got ready, Run All never finished)."""

    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


class NotebookPage:
    """One notebook open in JupyterLab in a browser page.

    Parameters
    ----------
    page : playwright.sync_api.Page
        A fresh page of the browser.
    path : pathlib.Path
        The notebook file the server serves (used for the cells' sources in messages).
    url : str
        The address that opens it in JupyterLab.
    """

    def __init__(self, page, path, url):
        self.page = page
        self.url = url
        self.cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        self.page_errors = []
        self.seconds = {}  # how long each step took: open, run all, sliders
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def cell_title(self, index):
        """``cell 7 (`first line of its source`)`` for failure messages."""
        source = _source(self.cells[index]).strip()
        first_line = source.splitlines()[0] if source else ""
        if len(first_line) > 70:
            first_line = first_line[:67] + "..."
        return f"cell {index} (`{first_line}`)"

    def check(self, screenshot=None):
        """Open, run all, check, move every slider, check again; return the problems seen.

        Problems are checked right after Run All and again after the sliders moved (an update
        function may raise only for new values), each reported once, in the order of the cells.
        """
        problems = []
        try:
            self.timed("open", self.open)
            problems += self.timed("run all", self.run_all) + self.problems()
            problems += self.timed("sliders", self.move_sliders) + self.problems()
        except _Stuck as stuck:
            problems += stuck.problems + self.problems()
        except PlaywrightError as error:
            first_line = str(error).splitlines()[0]
            problems.append(Problem(None, f"the browser could not go on: {first_line}{self._dialogs()}"))
        if screenshot is not None:
            try:
                self.timed("screenshot", lambda: self.screenshot(screenshot))
            except PlaywrightError as error:
                problems.append(Problem(None, f"no screenshot: {str(error).splitlines()[0]}"))
        unique = dict.fromkeys(problems)
        return sorted(unique, key=lambda p: len(self.cells) if p.cell is None else p.cell)

    def timed(self, step, action):
        """Run ``action()`` and return its result; its seconds are kept in ``self.seconds[step]``."""
        start = time.monotonic()
        try:
            return action()
        finally:
            self.seconds[step] = time.monotonic() - start

    def _dialogs(self):
        texts = self.page.evaluate(DIALOGS_JS)
        return "".join(f"; JupyterLab shows the dialog {' '.join(text.split())!r}" for text in texts)

    def open(self):
        """Open the notebook and wait until its kernel is connected and idle."""
        self.page.goto(self.url)
        try:
            self.page.wait_for_function(KERNEL_READY_JS, timeout=KERNEL_READY_TIMEOUT_MS, polling=100)
        except PlaywrightTimeout:
            raise _Stuck([Problem(None, f"its kernel was not connected and idle "
                                        f"{KERNEL_READY_TIMEOUT_MS // 1000} s after opening it"
                                        + self._dialogs())]) from None
        self.page.evaluate(WATCH_KERNEL_JS)
        shown = self.page.locator(".jp-Notebook .jp-Cell").count()
        if shown != len(self.cells):
            raise _Stuck([Problem(None, f"JupyterLab shows {shown} cells, "
                                        f"the file has {len(self.cells)}")])

    def _menu(self, menu, item):
        self.page.get_by_role("menuitem", name=menu, exact=True).click()
        self.page.get_by_role("menuitem", name=item, exact=True).click()

    def run_all(self):
        """Clear the saved outputs, run every cell from the Run menu; return the problems seen."""
        if not any(cell["cell_type"] == "code" and _source(cell).strip() for cell in self.cells):
            return []
        self._menu("Edit", "Clear Outputs of All Cells")
        self._menu("Run", "Run All Cells")
        try:
            self.page.wait_for_function(RUN_FINISHED_JS, arg=QUIET_MS,
                                        timeout=RUN_ALL_TIMEOUT_MS, polling=100)
        except PlaywrightTimeout:
            running = [i for i, p in enumerate(self.page.evaluate(PROMPTS_JS)) if p and "*" in p]
            stuck = f"still running {RUN_ALL_TIMEOUT_MS // 1000} s after Run All Cells{self._dialogs()}"
            raise _Stuck([Problem(i, stuck) for i in running] or [Problem(None, stuck)]) from None
        try:
            self.page.wait_for_function(NO_WIDGET_LOADING_JS, timeout=WIDGETS_RENDER_TIMEOUT_MS)
        except PlaywrightTimeout:
            pass  # reported by problems() as a widget stuck on "Loading widget..."
        return self.unexecuted_cells()

    def unexecuted_cells(self):
        problems = []
        for index, prompt in enumerate(self.page.evaluate(PROMPTS_JS)):
            source = _source(self.cells[index]).strip()
            if prompt is not None and source and not re.fullmatch(r"\[\d+\]:", prompt):
                problems.append(Problem(index, "has no execution count after Run All "
                                               "(it never ran, or the run stopped there)"))
        return problems

    def problems(self):
        """Errors, stderr output, broken widgets and images now visible in the notebook.

        Any output on stderr counts, warnings too; only a cell tagged ``raises-exception`` (the
        tag JupyterLab and nbval know) may show a traceback.
        """
        found = []
        for index, outputs in enumerate(self.page.evaluate(CELL_PROBLEMS_JS)):
            may_raise = "raises-exception" in self.cells[index].get("metadata", {}).get("tags", [])
            for text in outputs["stderr"]:
                is_error = re.search(r"Traceback|Error\b", text) is not None
                if not (is_error and may_raise):
                    kind = "error" if is_error else "stderr"
                    found.append(Problem(index, f"shows {kind} output:\n{quote(text)}"))
            for text in outputs["widgetFailures"]:
                found.append(Problem(index, f"shows a widget that failed to render: {text!r}"))
            for text in outputs["errorWidgets"]:
                skipped = ("at ", "[Open Browser Console")  # the JavaScript stack, the hint
                message = [line for line in text.splitlines()
                           if line.strip() and not line.strip().startswith(skipped)]
                found.append(Problem(index, "shows a widget error:\n" + quote("\n".join(message))))
            if outputs["disconnected"]:
                found.append(Problem(index, "shows widgets disconnected from the kernel"))
            found += [Problem(index, f"shows a broken image: {src}")
                      for src in outputs["brokenImages"]]
        if self.page.evaluate("() => window.actlabActivity.died"):
            found.append(Problem(None, "the kernel died (JupyterLab restarts it)" + self._dialogs()))
        else:
            status = self.page.evaluate(KERNEL_STATUS_JS)
            if status != "idle":
                found.append(Problem(None, f"the kernel is {status}, not idle{self._dialogs()}"))
        found += [Problem(None, f"the page raised a JavaScript error: {error}")
                  for error in self.page_errors]
        return found

    def move_sliders(self):
        """Move every slider with the keyboard; return the problems (a slider that redraws nothing).

        Each slider gets focus by a click on its handle, then a few arrow-key presses; once the
        kernel has handled the updates and stayed idle, some output of the notebook (usually the
        figure in the same cell) must differ from before.
        """
        if self.page.evaluate("() => window.actlabActivity.died"):
            return []  # its widgets died with it; problems() reports the death
        status = self.page.evaluate(KERNEL_STATUS_JS)
        if status != "idle":
            return [Problem(None, f"the sliders were not tried: the kernel is {status}")]
        found = []
        for number, slider in enumerate(self.page.evaluate(SLIDERS_JS)):
            handle = self._slider_handle(number)
            if slider["disabled"] or not handle.is_visible():
                continue  # a learner cannot move it either
            keys = ("ArrowUp", "ArrowDown") if slider["vertical"] else ("ArrowRight", "ArrowLeft")
            found += self._move_slider(number, slider, "with the arrow keys",
                                       lambda handle=handle, keys=keys: _press_arrows(handle, keys))
        return found

    def drag_slider(self, number, pixels):
        """Drag slider ``number`` (counted in the notebook's order) ``pixels`` to the right with
        the mouse, as a presenter does; return the problems, as :meth:`move_sliders` does.

        The mouse goes down on the middle of the handle, moves in steps and is released there.
        """
        slider = self.page.evaluate(SLIDERS_JS)[number]
        handle = self._slider_handle(number)
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

        def drag():
            self.page.mouse.move(x, y)
            self.page.mouse.down()
            self.page.mouse.move(x + pixels, y, steps=8)
            self.page.mouse.up()

        return self._move_slider(number, slider, f"when dragged {pixels} px", drag)

    def _slider_handle(self, number):
        slider = self.page.locator(".jp-Notebook .widget-slider").nth(number)
        return slider.locator(".noUi-handle").first

    def _move_slider(self, number, slider, how, move):
        """Call ``move()`` to move slider ``number`` (``slider`` as SLIDERS_JS describes it);
        return the problems: it did not move (``how`` names the way it was moved), the kernel did
        not handle the update, or no output of the notebook changed."""
        name = f"slider {slider['label']!r}" if slider["label"] else f"slider #{number}"
        where = slider["cell"] if slider["cell"] >= 0 else None
        handle = self._slider_handle(number)
        before = self.page.evaluate(OUTPUT_FINGERPRINTS_JS)
        value_before = handle.get_attribute("aria-valuenow")
        busy_before = self.page.evaluate("() => window.actlabActivity.busy")
        move()
        value_after = handle.get_attribute("aria-valuenow")
        if value_after == value_before:
            return [Problem(where, f"{name} did not move {how}")]
        moved = f"{name}, moved from {value_before} to {value_after}"
        try:
            self.page.wait_for_function(UPDATE_DONE_JS, arg=[busy_before, QUIET_MS],
                                        timeout=SLIDER_UPDATE_TIMEOUT_MS, polling=50)
        except PlaywrightTimeout:
            return [Problem(where, f"{moved}: the kernel did not handle the update "
                                   f"within {SLIDER_UPDATE_TIMEOUT_MS // 1000} s")]
        if self.page.evaluate(OUTPUT_FINGERPRINTS_JS) == before:
            return [Problem(where, f"{moved}: no plot or output in the notebook changed")]
        return []

    def choose(self, *path):
        """Click a menu of the menu bar, then each label of ``path`` in the menus it opens, as in
        ``choose("View", "Appearance", "Presentation Mode")``."""
        self.page.get_by_role("menuitem", name=path[0], exact=True).click()
        for label in path[1:]:
            text = self.page.locator(".lm-Menu-itemLabel").filter(
                has_text=re.compile(f"^{re.escape(label)}$"))
            self.page.locator(".lm-Menu .lm-Menu-item").filter(has=text).last.click()

    def unfold(self, headings):
        """Present section by section, with the keyboard: select the title, fold every section
        (Ctrl+Shift+←), unfold the title (→: the list of sections), then go down (↓) to each
        heading cell of ``headings`` in turn and unfold it (→); return the problems (a heading
        that ↓ did not reach)."""
        self._cell(0).locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("Control+Shift+ArrowLeft")
        self.page.keyboard.press("ArrowRight")
        for heading in headings:
            for _ in range(len(self.cells)):
                if self.page.evaluate(ACTIVE_CELL_JS) >= heading:
                    break
                self.page.keyboard.press("ArrowDown")
            reached = self.page.evaluate(ACTIVE_CELL_JS)
            if reached != heading:
                return [Problem(heading, f"↓ did not reach it: the selection stopped at "
                                         f"cell {reached}")]
            self.page.keyboard.press("ArrowRight")
        return []

    def shown(self, index):
        """Whether cell ``index`` is on the page, not folded away under a heading."""
        return self._cell(index).is_visible()

    def _cell(self, index):
        return self.page.locator(".jp-Notebook .jp-Cell").nth(index)

    def outputs(self, index):
        """The text of each output of cell ``index``, as rendered (HTML as the learner reads it)."""
        return self._cell(index).locator(".jp-OutputArea-output").all_inner_texts()

    def source(self, index):
        """The code now in the editor of cell ``index`` (what the learner typed, too)."""
        return "\n".join(self._cell(index).locator(".cm-line").all_text_contents())

    def answer(self, index, old, new, check_index):
        """Type ``new`` over the line containing ``old`` in cell ``index``, run that cell, then
        the check in cell ``check_index``; return the problems seen, each once."""
        problems = self.replace_line(index, old, new)
        if not problems:
            problems = self.run_cell(index)
        if not problems:
            problems = self.run_cell(check_index)
        return list(dict.fromkeys(problems))

    def replace_line(self, index, old, new):
        """Type ``new`` over the line of cell ``index`` that contains ``old``, as a learner does;
        return the problems seen (the line is not there).

        A click on the line puts the cursor in it; End, then Shift+Home select the line up to its
        indentation, which stays; the keyboard types ``new`` over the selection.
        """
        line = self._cell(index).locator(".cm-line", has_text=old)
        if line.count() != 1:
            return [Problem(index, f"has {line.count()} lines containing {old!r}, expected one; "
                                   f"its code is:\n{quote(self.source(index))}")]
        line.click()
        self.page.keyboard.press("End")
        self.page.keyboard.press("Shift+Home")
        self.page.keyboard.type(new)
        return []

    def run_cell(self, index):
        """Select cell ``index`` by its prompt, run it with Shift+Enter and wait for the kernel's
        answer; return the problems seen (see :meth:`problems`)."""
        requests = self.page.evaluate("() => window.actlabActivity.requests") + 1
        self._cell(index).locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Shift+Enter")
        try:
            self.page.wait_for_function(CELLS_FINISHED_JS, arg=[requests, QUIET_MS],
                                        timeout=RUN_ALL_TIMEOUT_MS, polling=100)
        except PlaywrightTimeout:
            return [Problem(index, f"did not finish within {RUN_ALL_TIMEOUT_MS // 1000} s of "
                                   f"Shift+Enter{self._dialogs()}")] + self.problems()
        return self.problems()

    def screenshot(self, path):
        """A PNG of the whole notebook: the window is made as tall as the notebook's content."""
        scroller = self.page.locator(".jp-NotebookPanel .jp-WindowedPanel-outer").first
        extra = scroller.evaluate("node => node.scrollHeight - node.clientHeight")
        size = self.page.viewport_size
        tall = min(size["height"] + extra, 16_000)  # Chromium's limit for one picture
        self.page.set_viewport_size({"width": size["width"], "height": tall})
        scroller.evaluate("node => { node.scrollTop = 0; }")
        self.page.wait_for_timeout(300)  # let the layout follow the new size
        self.page.screenshot(path=path, full_page=True)
        self.page.set_viewport_size(size)


def _press_arrows(handle, keys):
    """Click a slider's handle and press the first arrow key a few times, or the second where the
    first did not move it (the slider sat at its end)."""
    value_before = handle.get_attribute("aria-valuenow")
    handle.click()
    for key in keys:
        for _ in range(KEY_PRESSES):
            handle.press(key)
        if handle.get_attribute("aria-valuenow") != value_before:
            break


def _source(cell):
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def quote(text, max_lines=12):
    lines = text.strip("\n").splitlines()
    if len(lines) > max_lines:
        lines = ["..."] + lines[-max_lines:]
    return "\n".join("    | " + line for line in lines)


def report(lesson, page, problems):
    """The failure message: the lesson, then each problem under the cell it belongs to."""
    lines = [f"{lesson}: {len(problems)} problem(s) a learner would see in JupyterLab"]
    for problem in problems:
        where = page.cell_title(problem.cell) if problem.cell is not None else "notebook"
        lines.append(f"- {lesson}, {where}: {problem.text}")
    return "\n".join(lines)
