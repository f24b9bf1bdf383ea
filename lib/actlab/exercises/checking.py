"""Instant, specific feedback on a learner's function: the core every exercise set is built from.

An exercise set ``actlab.exercises.exNN`` declares one :class:`Question` per task. A question knows
the name and parameters of the function the learner writes, a reference solution, a few input
:class:`Case` s, and *diagnoses*: small functions that recognise a mistake learners really make and
explain it. Everything else (running the learner's code safely, catching exceptions and
RuntimeWarnings, comparing types, dtypes, shapes and values with tolerances, spotting an input changed
in place or a Python loop where vectorised code was asked for, rendering the feedback) lives here.

Declaring a question
--------------------
::

    import numpy as np
    from actlab.exercises.checking import Case, Question, returns_like, warns_like

    def sigmoid(x):
        \"\"\"The logistic function, computed without overflow.\"\"\"
        return np.exp(-np.logaddexp(0.0, -x))

    q1 = Question(
        "q1", sigmoid,                                   # the reference IS the shown solution
        cases=[Case(np.array([-2.0, 0.0, 2.0])),
               Case(np.array([-1000.0, 1000.0]), note="very large |x|")],
        diagnoses=[
            warns_like("overflow", "`np.exp(-x)` overflows for x = -1000: use a formulation "
                                   "that never exponentiates a large positive number."),
            returns_like(lambda x: x / (1 + np.abs(x)), "That is the softsign, not the sigmoid."),
        ],
        hint="σ(x) = 1 / (1 + exp(−x)); for x < 0 rewrite it as exp(x) / (1 + exp(x)).",
        vectorised=Case(np.linspace(-5, 5, 10_000), note="10,000 numbers"),
    )

The learner then runs ``exNN.q1.check(sigmoid)``, ``exNN.q1.hint()`` and ``exNN.q1.solution()``.

An exercise set module ``exNN.py`` defines its reference functions (the same text as the function
cells of ``exercises/solutions/NN_*.ipynb``, which a test compares), its questions, and ends with
``questions = (q1, q2, ...)``, which ``python -m actlab.exercises.grade`` uses. In the notebooks, a
check cell holds just ``exNN.qK.check(function)``, so that the nbgrader export can turn it into an
autograder cell.

What ``check`` does
-------------------
For each case in order, the learner's function is called on a fresh deep copy of the arguments and
the first problem found becomes the feedback (the *stage* names are what :attr:`Attempt.problem`
holds while diagnoses run):

1. ``NotImplementedError``, a body that is only ``pass``/``...``, or an ``Ellipsis`` return value:
   status ``"not attempted"``.
2. ``"signature"``: the function cannot be called with the question's parameters.
3. ``"error"``: any other exception; feedback names its type, message, the input and the line.
4. ``"warning"``: a ``RuntimeWarning`` (overflow, divide by zero, invalid value) was emitted.
5. ``"mutation"``: an input array was changed in place.
6. ``"none"``: ``None`` returned ("did you forget ``return``?").
7. ``"type"``: a list, tuple or other object where an array (or a number) was expected.
8. ``"dtype"``: bool/int/object array where floats were expected, or float64 for a float32 input.
9. ``"shape"``: wrong shape (transposed, extra axis, summed over the wrong axis...).
10. ``"values"``: not close (``np.allclose`` with a tolerance set by the dtype), NaN or inf where the
    reference is finite.
11. ``"loop"``: with ``vectorised=Case(...)``, the function ran more than :data:`LOOP_STEP_LIMIT`
    Python steps on that (large) case: it loops in Python. This is counted with ``sys.settrace``,
    so it is deterministic (never a flaky timing).

At each stage the question's diagnoses are asked in order; the first that returns a string explains
the mistake and the generic evidence (input, expected, received) follows it. A diagnosis is any
callable ``diagnosis(attempt) -> str | None``; :func:`returns_like`, :func:`raises_like`,
:func:`warns_like` and :func:`mutates_like` build the common ones.

``check`` never raises: even a bug in a checker is turned into feedback.
"""

import copy
import dataclasses
import dis
import html
import inspect
import re
import sys
import textwrap
import traceback
import warnings
from pathlib import Path

import numpy as np

CORRECT = "correct"
WRONG = "wrong"
NOT_ATTEMPTED = "not attempted"

#: A vectorised answer runs a few dozen Python steps whatever the input size; a Python loop over the
#: ``vectorised`` case (which should have at least 10 000 elements) runs at least one per element.
LOOP_STEP_LIMIT = 1000

_STAGE_ORDER = ("signature", "error", "warning", "mutation", "none", "type", "dtype", "shape",
                "values", "loop")


# --------------------------------------------------------------------------------------------------
# What the learner sees
# --------------------------------------------------------------------------------------------------

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
        The stage that failed (``"values"``, ``"shape"``, ... see the module docstring), or None.
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
# What a question is made of
# --------------------------------------------------------------------------------------------------

class Case:
    """One input on which the learner's function is compared with the reference.

    Parameters
    ----------
    *args
        Positional arguments, in the order of the question's function parameters. They are deep-copied
        before every call, so neither the reference nor the learner can spoil them.
    note : str, optional
        Why this case exists, shown with the evidence (e.g. ``"the kink x = 0"``, ``"a batch of one"``).
    rtol : float, optional
        Relative tolerance; by default 1e-3 for float16, 1e-5 for float32 and 1e-9 otherwise. The
        absolute tolerance is ``rtol`` times the largest expected magnitude (at least 1).
    """

    def __init__(self, *args, note="", rtol=None):
        self.args = args
        self.note = note
        self.rtol = rtol

    def __repr__(self):
        return f"Case({', '.join(_describe(a) for a in self.args)}, note={self.note!r})"


@dataclasses.dataclass
class Attempt:
    """What a diagnosis sees: one call of the learner's function on one case.

    Attributes
    ----------
    case : Case
    args : tuple
        Pristine copies of the inputs (not the arrays the learner received).
    expected : object
        The reference's return value.
    value : object
        What the learner's function returned (None if it raised).
    error : Exception or None
        The exception the learner's code raised.
    warnings : list of str
        Messages of the RuntimeWarnings emitted while it ran.
    after : tuple
        The arrays the learner's function received, as they are after the call.
    mutated : list of str
        Names of the parameters whose array was changed in place.
    steps : int or None
        Python steps counted on the ``vectorised`` case (None on the other cases).
    problem : str or None
        The stage being diagnosed (see the module docstring).
    """

    case: Case
    args: tuple
    expected: object
    value: object = None
    error: Exception | None = None
    warnings: list = dataclasses.field(default_factory=list)
    after: tuple = ()
    mutated: list = dataclasses.field(default_factory=list)
    steps: int | None = None
    problem: str | None = None

    def returned(self, candidate):
        """True when the learner's value has the shape of ``candidate`` and is close to it.

        Parameters
        ----------
        candidate : array_like
            A value computed from ``self.args``, e.g. what a typical wrong formula returns.
        """
        try:
            received = np.asarray(self.value, dtype=float)
            candidate = np.asarray(candidate, dtype=float)
        except (TypeError, ValueError):
            return False
        if received.shape != candidate.shape:
            return False
        scale = max(1.0, float(np.max(np.abs(candidate), initial=0.0, where=np.isfinite(candidate))))
        return bool(np.allclose(received, candidate, rtol=1e-6, atol=1e-6 * scale, equal_nan=True))


def returns_like(wrong_formula, message):
    """A diagnosis that fires when the learner returned what ``wrong_formula(*args)`` returns.

    ``wrong_formula`` gets copies of the case's arguments; if it raises or warns, the diagnosis stays
    silent. Use it for the classic wrong formulas (bias forgotten, transposed weights, sum over the
    wrong axis, softmax without exp...).
    """
    def diagnose(attempt):
        if attempt.problem not in ("type", "dtype", "shape", "values") or attempt.value is None:
            return None
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                candidate = wrong_formula(*copy.deepcopy(attempt.args))
        except Exception:
            return None
        return message if attempt.returned(candidate) else None
    return diagnose


def raises_like(exception_type, text, message):
    """A diagnosis that fires when the learner's code raised ``exception_type`` whose message
    contains ``text`` (case-insensitive; ``""`` matches any message)."""
    def diagnose(attempt):
        error = attempt.error
        if isinstance(error, exception_type) and text.lower() in str(error).lower():
            return message
        return None
    return diagnose


def warns_like(text, message):
    """A diagnosis that fires when a RuntimeWarning containing ``text`` (e.g. ``"overflow"``) was
    emitted while the learner's code ran."""
    def diagnose(attempt):
        if attempt.problem == "warning" and any(text.lower() in w.lower() for w in attempt.warnings):
            return message
        return None
    return diagnose


def mutates_like(message):
    """A diagnosis that explains an input changed in place (e.g. ``x[x < 0] = 0``)."""
    def diagnose(attempt):
        return message if attempt.problem == "mutation" else None
    return diagnose


# --------------------------------------------------------------------------------------------------
# Running learner code safely
# --------------------------------------------------------------------------------------------------

_EMPTY_BODIES = ([("LOAD_CONST", None), ("RETURN_VALUE", None)],   # Python 3.11
                 [("RETURN_CONST", None)])                         # Python 3.12+


def is_empty_stub(fn):
    """True when ``fn``'s body is only ``pass``, ``...``, comments and/or a docstring, i.e. the
    learner has not written anything yet (its bytecode just returns None)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    ops = [(op.opname, op.argval) for op in dis.get_instructions(code)
           if op.opname not in ("RESUME", "NOP")]
    return ops in _EMPTY_BODIES


_LIBRARY_DIRS = tuple(str(Path(p).resolve()) for p in {
    Path(np.__file__).parent, Path(inspect.__file__).parent, Path(__file__).parent})


def _learner_line(error):
    """The source line of the learner's code where ``error`` was raised, or None."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__)[1:]:   # [0] is our own call
        if not str(Path(frame.filename).resolve()).startswith(_LIBRARY_DIRS) and frame.line:
            line = frame.line.strip()
    return line


def _call(fn, args, count_steps):
    """Call ``fn(*args)``; return ``(value, error, runtime warning messages, steps or None)``."""
    steps = 0

    def trace_line(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace_line

    def trace_call(frame, event, arg):
        nonlocal steps
        steps += 1
        return trace_line

    value = error = None
    previous = sys.gettrace()
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        if count_steps:
            sys.settrace(trace_call)
        try:
            value = fn(*args)
        except Exception as exc:  # the learner's exception is feedback, not a crash
            error = exc
        finally:
            if count_steps:
                sys.settrace(previous)
    runtime = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    return value, error, runtime, (steps if count_steps else None)


# --------------------------------------------------------------------------------------------------
# Describing values
# --------------------------------------------------------------------------------------------------

def _describe(value):
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
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _type_name(value):
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
    return f"a {type(value).__module__}.{type(value).__qualname__} object"


def _evidence(label, text, indent=2):
    """``label  text`` indented by ``indent`` spaces, continuation lines aligned under the text."""
    first, *rest = text.split("\n")
    pad = " " * (indent + len(label) + 2)
    return "\n".join([f"{' ' * indent}{label}  {first}"] + [pad + line for line in rest])


def _default_rtol(dtype):
    return {np.dtype(np.float16): 1e-3, np.dtype(np.float32): 1e-5}.get(np.dtype(dtype), 1e-9)


# --------------------------------------------------------------------------------------------------
# The question
# --------------------------------------------------------------------------------------------------

class Question:
    """One exercise: a function the learner writes, checked against a reference on given cases.

    Parameters
    ----------
    name : str
        ``"q1"``, ``"q2"``, ...
    reference : callable
        The reference solution. Its name and parameters are those the learner's function must have,
        and its source (``inspect.getsource``) is what :meth:`solution` shows, so write it exactly as
        the solution notebook does.
    cases : list of Case
        Inputs compared in order; put the simplest first so the first failure is the clearest one.
    hint : str
        Shown by :meth:`hint`. Backticks mark code.
    diagnoses : list of callable, optional
        ``diagnosis(attempt) -> str | None``, asked in order at the failing stage (see the module
        docstring and :class:`Attempt`).
    vectorised : Case, optional
        A large input (10 000+ elements along the axis a loop would run over). When given, a function
        that runs more than :data:`LOOP_STEP_LIMIT` Python steps on it is told to vectorise.
    check_dtype : bool, default True
        Require the exact dtype of the reference's result (e.g. float32 in, float32 out).
    praise : str, optional
        Added to the feedback of a correct answer (a tip, the idea to remember).
    """

    def __init__(self, name, reference, cases, hint, diagnoses=(), vectorised=None,
                 check_dtype=True, praise=""):
        self.name = name
        self.reference = reference
        self.function = reference.__name__
        self.params = tuple(inspect.signature(reference).parameters)
        self.cases = list(cases)
        self.diagnoses = list(diagnoses)
        self.vectorised = vectorised
        self.check_dtype = check_dtype
        self.praise = praise
        self._hint = hint
        self.label = f"{name} · {self.function}"
        # what the learner types: ex00.q2 for a question defined in actlab.exercises.ex00
        self.path = f"{reference.__module__.rpartition('.')[2]}.{name}"

    def __repr__(self):
        call = f"{self.function}({', '.join(self.params)})"
        return (f"{self.label}: write {call}, then run {self.path}.check({self.function}); "
                f"{self.path}.hint() and {self.path}.solution() help")

    def hint(self):
        """Return the hint (displays as a blue box)."""
        return Hint(self.label, self._hint)

    def solution(self):
        """Return the reference solution's code (displays highlighted)."""
        return Solution(self.label, self.solution_code)

    @property
    def solution_code(self):
        """The reference function's source, as the solution notebook has it."""
        return textwrap.dedent(inspect.getsource(self.reference)).strip()

    def check(self, fn):
        """Check the learner's function; return a :class:`Result` (never raises).

        Parameters
        ----------
        fn : callable
            The learner's function itself (``check(relu)``, not ``check(relu(x))``).
        """
        try:
            return self._check(fn)
        except Exception as exc:  # a bug in a checker must reach the learner as feedback, too
            return Result(self.label, WRONG,
                          f"The checker itself failed ({type(exc).__name__}: {exc}). Your answer may "
                          f"well be right: please tell the course authors.", "checker")

    # -- the pipeline --------------------------------------------------------------------------------

    def _result(self, status, message, problem=None):
        return Result(self.label, status, message, problem)

    def _not_attempted(self, why):
        return self._result(NOT_ATTEMPTED, f"{why} Write your code in place of the placeholder, run "
                                           f"that cell, then run this check again.")

    def _check(self, fn):
        if fn is None:
            return self._not_attempted(f"`{self.function}` is None.")
        if not callable(fn):
            return self._result(
                WRONG, f"`check` expects your function itself: write "
                       f"`{self.path}.check({self.function})`, not "
                       f"`{self.path}.check({self.function}(...))`. It received {_type_name(fn)}.",
                "type")
        if is_empty_stub(fn):
            return self._not_attempted(f"The body of `{self.function}` is still empty.")
        signature_problem = self._signature_problem(fn)
        if signature_problem:
            return self._result(WRONG, signature_problem, "signature")
        plan = [(case, False) for case in self.cases]
        if self.vectorised is not None:
            plan.append((self.vectorised, True))
        for case, count_steps in plan:
            attempt = self._attempt(fn, case, count_steps)
            if isinstance(attempt, Result):
                return attempt
            message = self._problem(attempt)
            if message:
                return self._result(WRONG, message, attempt.problem)
        tested = len(self.cases) + (self.vectorised is not None)
        message = f"Your `{self.function}` passed all {tested} tests."
        if self.vectorised is not None:
            message += " It is vectorised: no Python loop over the elements."
        if self.praise:
            message += "\n\n" + self.praise
        return self._result(CORRECT, message)

    def _signature_problem(self, fn):
        try:
            inspect.signature(fn).bind(*self.cases[0].args)
        except TypeError:
            try:
                theirs = str(inspect.signature(fn))
            except (TypeError, ValueError):
                return None
            return (f"Your function's parameters are `{theirs}`, but it is called as "
                    f"`{self.function}({', '.join(self.params)})`: keep the parameters of the "
                    f"exercise.")
        except ValueError:  # builtins without a signature: just call them
            return None
        return None

    def _attempt(self, fn, case, count_steps):
        expected = self.reference(*copy.deepcopy(case.args))
        given = copy.deepcopy(case.args)
        value, error, runtime, steps = _call(fn, given, count_steps)
        attempt = Attempt(case, copy.deepcopy(case.args), expected, value, error, runtime,
                          after=given, steps=steps)
        if isinstance(error, NotImplementedError):
            return self._not_attempted(f"`{self.function}` still raises NotImplementedError "
                                       f"(the placeholder).")
        if value is Ellipsis:
            return self._not_attempted(f"`{self.function}` still returns `...` (the placeholder).")
        attempt.mutated = [name for name, before, after in zip(self.params, case.args, given)
                           if isinstance(before, np.ndarray) and not _same_array(before, after)]
        return attempt

    def _problem(self, attempt):
        """Run the stages in order; return the feedback for the first problem, or None."""
        for stage in _STAGE_ORDER:
            generic = getattr(self, f"_stage_{stage}")(attempt)
            if generic:
                attempt.problem = stage
                specific = self._diagnose(attempt)
                return "\n\n".join(part for part in (specific, generic) if part)
        return None

    def _diagnose(self, attempt):
        for diagnosis in self.diagnoses:
            message = diagnosis(attempt)
            if message:
                return message
        return None

    def _inputs(self, attempt):
        title = f"input ({attempt.case.note}):" if attempt.case.note else "input:"
        return "\n".join([f"  {title}"] + [_evidence(f"{name} =", _describe(arg), indent=4)
                                           for name, arg in zip(self.params, attempt.args)])

    def _compared(self, attempt):
        return "\n".join([self._inputs(attempt),
                          _evidence("expected:", _describe(attempt.expected)),
                          _evidence("received:", _describe(attempt.value))])

    def _stage_signature(self, attempt):
        if isinstance(attempt.error, TypeError) and "positional argument" in str(attempt.error) \
                and _learner_line(attempt.error) is None:
            return (f"Calling `{self.function}({', '.join(self.params)})` failed: "
                    f"{attempt.error}. Keep the parameters of the exercise.")
        return None

    def _stage_error(self, attempt):
        error = attempt.error
        if error is None:
            return None
        line = _learner_line(error)
        where = f"\n\nIt happened in this line of your code:\n\n  {line}" if line else ""
        return (f"Your function raised {type(error).__name__}: {error}{where}\n\nThe input was:"
                f"\n\n{self._inputs(attempt)}")

    def _stage_warning(self, attempt):
        if not attempt.warnings:
            return None
        said = "; ".join(sorted(set(attempt.warnings)))
        explained = []
        if any("overflow" in w for w in attempt.warnings):
            explained.append("overflow: a result grew beyond the largest float "
                             "(about 1.8e308 in float64), typically `np.exp` of a large number")
        if any("divide by zero" in w for w in attempt.warnings):
            explained.append("divide by zero: a division by 0 (or log of 0) gave ±inf")
        if any("invalid value" in w for w in attempt.warnings):
            explained.append("invalid value: an operation such as 0/0, inf − inf or 0·inf gave NaN")
        why = f" ({'; '.join(explained)})" if explained else ""
        return (f"numpy warned `{said}` while your function ran{why}. A correct answer runs "
                f"without warnings on this input:\n\n{self._inputs(attempt)}")

    def _stage_mutation(self, attempt):
        if not attempt.mutated:
            return None
        names = ", ".join(f"`{n}`" for n in attempt.mutated)
        after = "\n".join(_evidence(f"{name} =", _describe(arg), indent=4)
                          for name, arg in zip(self.params, attempt.after) if name in attempt.mutated)
        return (f"Your function changed its input {names} in place: after the call the caller's "
                f"array is different. Compute a new array instead of writing into the input."
                f"\n\n{self._inputs(attempt)}\n  after your function ran:\n{after}")

    def _stage_none(self, attempt):
        if attempt.value is None:
            return ("Your function returned None: did you forget `return`? (A function without a "
                    "`return` statement returns None.)")
        return None

    def _stage_type(self, attempt):
        expected, value = attempt.expected, attempt.value
        if isinstance(expected, np.ndarray) and expected.ndim > 0:
            if isinstance(value, np.ndarray):
                return None
            if isinstance(value, (list, tuple)):
                fix = ("expected a numpy array. Build the result with numpy operations, or convert "
                       "it with `np.array(...)`.")
            elif isinstance(value, (int, float, np.generic)):
                fix = (f"expected an array of shape {expected.shape}, one value per element. Did "
                       f"you sum or reduce over every axis?")
            else:
                fix = f"expected a numpy array of shape {expected.shape}."
            return f"Your function returned {_type_name(value)}; {fix}\n\n{self._compared(attempt)}"
        if isinstance(expected, (float, int, np.generic, np.ndarray)):
            if isinstance(value, (int, float, np.generic)) or (
                    isinstance(value, np.ndarray) and value.ndim == 0):
                return None
            return (f"Your function returned {_type_name(value)}; expected a single number."
                    f"\n\n{self._compared(attempt)}")
        return None

    def _stage_dtype(self, attempt):
        expected, value = np.asarray(attempt.expected), np.asarray(attempt.value)
        if expected.dtype.kind != "f" or value.dtype == expected.dtype:
            return None
        kind = value.dtype.kind
        if kind == "b":
            why = ("an array of True/False (a comparison such as `x > 0` gives a boolean mask, not "
                   "numbers)")
        elif kind in "iu":
            why = (f"an integer array ({value.dtype}), which cannot hold fractions: was the result "
                   f"created with an integer dtype, or converted with `astype(int)`?")
        elif kind == "O":
            why = "an array of Python objects (dtype=object): was it built from a list of arrays?"
        elif kind == "f":
            if not self.check_dtype:
                return None
            why = (f"{value.dtype} numbers, but the input was {expected.dtype}: keep the input's "
                   f"precision (numpy does if you combine the input with plain Python numbers)")
        else:
            why = f"dtype {value.dtype}"
        return (f"Your function returned {why}; expected {expected.dtype} values.\n\n"
                f"{self._compared(attempt)}")

    def _stage_shape(self, attempt):
        expected, value = np.asarray(attempt.expected), np.asarray(attempt.value)
        if value.shape == expected.shape:
            return None
        message = f"Your function returned shape {value.shape}, expected {expected.shape}."
        if expected.ndim >= 2 and value.shape == expected.shape[::-1]:
            message += " That is the transposed shape."
        elif value.shape == expected.shape + (1,) or value.shape == (1,) + expected.shape:
            message += " There is an extra axis of length 1."
        elif value.size == expected.size:
            message += " It has the right number of values, arranged differently."
        return f"{message}\n\n{self._compared(attempt)}"

    def _stage_values(self, attempt):
        expected = np.asarray(attempt.expected, dtype=float)
        received = np.asarray(attempt.value, dtype=float)
        rtol = attempt.case.rtol or _default_rtol(np.asarray(attempt.expected).dtype)
        finite = np.isfinite(expected)
        scale = max(1.0, float(np.max(np.abs(expected), initial=0.0, where=finite)))
        close = np.isclose(received, expected, rtol=rtol, atol=rtol * scale, equal_nan=True)
        if close.all():
            return None
        wrong = np.argwhere(~close)
        first = tuple(int(i) for i in wrong[0])
        at = f" at index {first}" if expected.ndim else ""
        how = "wrong"
        if np.isnan(received[first]) and not np.isnan(expected[first]):
            how = "NaN (not a number)"
        elif np.isinf(received[first]) and not np.isinf(expected[first]):
            how = "infinite"
        count = f"{len(wrong)} of {expected.size} values differ" if expected.ndim else "it differs"
        shown_expected, shown_received = _two_numbers(expected[first], received[first])
        return (f"Your function returned {how} values: {count}. First{at}: expected "
                f"{shown_expected}, received {shown_received}."
                f"\n\n{self._compared(attempt)}")

    def _stage_loop(self, attempt):
        if attempt.steps is None or attempt.steps <= LOOP_STEP_LIMIT:
            return None
        size = max((np.asarray(a).size for a in attempt.args), default=0)
        return (f"Your function gives the right values but runs a Python loop (a `for` loop, a "
                f"list comprehension, `np.vectorize`...): on an input of {size:,} numbers it "
                f"executed over {LOOP_STEP_LIMIT:,} Python steps, where a vectorised version runs "
                f"a handful whatever the size. Loops over array elements are typically 50–100× "
                f"slower than numpy's whole-array operations; this task asks for the vectorised "
                f"form.")


def _two_numbers(a, b):
    """``a`` and ``b`` as text, with enough digits to tell them apart."""
    for digits in (6, 10):
        if f"{float(a):.{digits}g}" != f"{float(b):.{digits}g}":
            return f"{float(a):.{digits}g}", f"{float(b):.{digits}g}"
    return repr(float(a)), repr(float(b))


def _same_array(before, after):
    if not isinstance(after, np.ndarray) or before.shape != after.shape:
        return False
    return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
