"""What the learner sees: the coloured boxes of a check, a hint and a solution, and the short texts
that describe values in feedback."""

import dataclasses
import html
import re
import textwrap

import numpy as np

CORRECT = "correct"
WRONG = "wrong"
NOT_ATTEMPTED = "not attempted"

_BOX_STYLE = {
    CORRECT: ("#2e7d32", "#e8f5e9", "✔", "correct"),
    WRONG: ("#c62828", "#fdecea", "✘", "not quite"),
    NOT_ATTEMPTED: ("#b26a00", "#fff4e5", "●", "not attempted yet"),
    "hint": ("#1565c0", "#e3f2fd", "➤", "hint"),
}


def _html_paragraphs(text):
    """Render feedback text as HTML: blank lines split paragraphs, indented lines are evidence
    (rendered preformatted) and `backticks` become inline code."""
    parts = []
    for block in text.split("\n\n"):
        if block.startswith("  "):
            parts.append('<pre style="margin:0.4em 0;padding:0.4em;background:rgba(0,0,0,0.04);'
                         'font-family:monospace;white-space:pre">'
                         f"{html.escape(textwrap.dedent(block))}</pre>")
        else:
            escaped = html.escape(block).replace("\n", "<br>")
            parts.append("<p style=\"margin:0.4em 0\">"
                         + re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped) + "</p>")
    return "".join(parts)


def _box(kind, title, body):
    border, background, icon, _ = _BOX_STYLE[kind]
    return (f'<div style="border-left:6px solid {border};background:{background};color:#1a1a1a;'
            f'padding:0.5em 0.9em;margin:0.3em 0;border-radius:3px">'
            f'<div style="font-weight:bold;color:{border}">{icon} {html.escape(title)}</div>'
            f"{_html_paragraphs(body)}</div>")


@dataclasses.dataclass(frozen=True)
class Result:
    """The outcome of ``Question.check``: displays itself as a coloured box in Jupyter.

    Attributes
    ----------
    question : str
        The question's label, e.g. ``"q2 · relu"``.
    status : str
        ``"correct"``, ``"wrong"`` or ``"not attempted"``.
    message : str
        The feedback, plain text (evidence blocks are the lines indented by two spaces).
    problem : str or None
        The stage that failed (``"values"``, ``"shape"``, ... see the package docstring), or None.
    """

    question: str
    status: str
    message: str
    problem: str | None = None

    @property
    def passed(self):
        """True only for a correct answer: usable in a grading cell, ``assert q.check(f).passed``."""
        return self.status == CORRECT

    @property
    def headline(self):
        return f"{self.question}: {_BOX_STYLE[self.status][3]}"

    def __str__(self):
        return f"{self.headline}\n{self.message}"

    __repr__ = __str__

    def _repr_html_(self):
        return _box(self.status, self.headline, self.message)


@dataclasses.dataclass(frozen=True)
class Hint:
    """A nudge towards the answer; displays as a blue box."""

    question: str
    text: str

    def __str__(self):
        return f"Hint for {self.question}:\n{self.text}"

    __repr__ = __str__

    def _repr_html_(self):
        return _box("hint", f"Hint for {self.question}", self.text)


@dataclasses.dataclass(frozen=True)
class Solution:
    """The reference solution's code; displays as a highlighted Python block."""

    question: str
    code: str

    def __str__(self):
        return f"Solution for {self.question}:\n\n{self.code}"

    __repr__ = __str__

    def _repr_markdown_(self):
        return f"**Solution for {self.question}**\n\n```python\n{self.code}\n```\n"


# --------------------------------------------------------------------------------------------------
# Describing values
# --------------------------------------------------------------------------------------------------

def describe(value):
    """A short, deterministic text for a value shown in feedback."""
    if isinstance(value, np.ndarray):
        if value.size > 24:
            return f"array of shape {value.shape}, dtype {value.dtype}"
        with np.printoptions(precision=4, suppress=False, threshold=1000, linewidth=76,
                             legacy=False, floatmode="maxprec"):
            text = np.array2string(value, separator=", ")
        suffix = "" if value.dtype == np.float64 else f"  (dtype {value.dtype})"
        return text + suffix
    if isinstance(value, np.generic):
        return f"{value.item()!r}  (numpy {value.dtype})"
    if isinstance(value, (list, tuple)) and len(value) > 12:
        return f"{type(value).__name__} of length {len(value)}"
    if isinstance(value, tuple) and any(isinstance(v, np.ndarray) for v in value):
        return "(" + ",\n ".join(describe(v).replace("\n", "\n ") for v in value) + ")"
    if isinstance(value, dict) and len(value) <= 12:
        entries = (f"{k!r}: " + describe(v).replace("\n", "\n" + " " * (len(repr(k)) + 3))
                   for k, v in value.items())
        return "{" + ",\n ".join(entries) + "}"
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def type_name(value):
    """``value``'s type in words: "a numpy array of dtype float64", "a Python list", "None"..."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"a numpy array of dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"a single numpy number ({value.dtype})"
    if isinstance(value, bool):
        return "a Python bool"
    if isinstance(value, (int, float)):
        return f"a single Python {type(value).__name__}"
    if isinstance(value, list):
        return "a Python list"
    if isinstance(value, tuple):
        return "a Python tuple"
    if isinstance(value, dict):
        return "a Python dict"
    return f"a {type(value).__module__}.{type(value).__qualname__} object"


def evidence(label, text, indent=2):
    """``label  text`` indented by ``indent`` spaces, continuation lines aligned under the text."""
    first, *rest = text.split("\n")
    pad = " " * (indent + len(label) + 2)
    return "\n".join([f"{' ' * indent}{label}  {first}"] + [pad + line for line in rest])


def two_numbers(a, b):
    """``a`` and ``b`` as text, with enough digits to tell them apart."""
    for digits in (6, 10):
        if f"{float(a):.{digits}g}" != f"{float(b):.{digits}g}":
            return f"{float(a):.{digits}g}", f"{float(b):.{digits}g}"
    return repr(float(a)), repr(float(b))


def names_list(names):
    """```a```, ```a` and `b```, ```a`, `b` and `c```."""
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
