"""The question: a function the learner writes, checked against a reference on given cases, stage by
stage (see the package docstring)."""

import ast
import copy
import inspect
import textwrap

import numpy as np

from actlab.exercises.checking.comparing import (Subject, dtype_problem, part, part_label, parts,
                                                 shape_problem, structure_problem, type_problem,
                                                 values_problem)
from actlab.exercises.checking.diagnoses import Attempt
from actlab.exercises.checking.feedback import (CORRECT, NOT_ATTEMPTED, WRONG, Hint, Result,
                                                Solution, describe, evidence, names_list,
                                                type_name)
from actlab.exercises.checking.running import (LOOP_STEP_LIMIT, borrowed_globals, call,
                                               failing_expression, is_empty_stub, learner_line)

_STAGE_ORDER = ("signature", "error", "warning", "mutation", "none", "type", "dtype", "shape",
                "values", "loop")


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
        return f"Case({', '.join(describe(a) for a in self.args)}, note={self.note!r})"


def _returned_names(reference):
    """The names in the reference's ``return a, b`` (its last return statement), or ()."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(reference)))
    except (OSError, TypeError, SyntaxError):
        return ()
    returns = [node for node in ast.walk(tree.body[0]) if isinstance(node, ast.Return)]
    value = returns[-1].value if returns else None
    if isinstance(value, ast.Tuple) and all(isinstance(e, ast.Name) for e in value.elts):
        return tuple(e.id for e in value.elts)
    return ()


def _same_array(before, after):
    if not isinstance(after, np.ndarray) or before.shape != after.shape:
        return False
    return bool(np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))


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
        ``diagnosis(attempt) -> str | None``, asked in order at the failing stage (see the package
        docstring and :class:`Attempt`).
    vectorised : Case, optional
        A large input (10 000+ elements along the axis a loop would run over). When given, a function
        that runs more than :data:`LOOP_STEP_LIMIT` Python steps on it is told to vectorise.
    check_dtype : bool, default True
        Require the exact dtype of the reference's result (e.g. float32 in, float32 out).
    praise : str, optional
        Added to the feedback of a correct answer (a tip, the idea to remember).
    returns : tuple of str, optional
        For a reference that returns a tuple, the names of its values, used in feedback ("the
        second value (`grad`)"). By default the names in the reference's ``return loss, grad``.
    random_case : callable, optional
        ``random_case(rng) -> Case``: new inputs drawn with the numpy Generator ``rng``, like the
        cases but never shown. The grader (``python -m actlab.exercises.grade``) adds a few to the
        cases, so an answer written for the visible cases only fails.
    """

    def __init__(self, name, reference, cases, hint, diagnoses=(), vectorised=None,
                 check_dtype=True, praise="", returns=None, random_case=None):
        self.name = name
        self.reference = reference
        self.function = reference.__name__
        self.params = tuple(inspect.signature(reference).parameters)
        self.cases = list(cases)
        self.diagnoses = list(diagnoses)
        self.vectorised = vectorised
        self.check_dtype = check_dtype
        self.praise = praise
        self.returns = tuple(returns) if returns is not None else _returned_names(reference)
        self._hint = hint
        self.random_case = random_case
        #: What :meth:`solution` shows instead of the code, in a graded release (see
        #: :mod:`actlab.exercises.release`); None when the solution is available.
        self.withheld = None
        self.label = f"{name} · {self.function}"
        # what the learner types: ex00.q2 for a question defined in actlab.exercises.ex00
        self.path = f"{reference.__module__.rpartition('.')[2]}.{name}"
        code = getattr(reference, "__code__", None)
        # the variables the reference sets or receives: a learner's function that reads a global of
        # one of these names forgot to set it (or renamed a parameter)
        self._own_names = set(code.co_varnames + code.co_cellvars) if code else set()

    def __repr__(self):
        call_text = f"{self.function}({', '.join(self.params)})"
        return (f"{self.label}: write {call_text}, then run {self.path}.check({self.function}); "
                f"{self.path}.hint() and {self.path}.solution() help")

    def hint(self):
        """Return the hint (displays as a blue box)."""
        return Hint(self.label, self._hint)

    def solution(self):
        """Return the reference solution's code (displays highlighted), or in a graded release
        the note that it is withheld."""
        if self.withheld is not None:
            return self.withheld
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
                       f"`{self.path}.check({self.function}(...))`. It received {type_name(fn)}.",
                "type")
        if is_empty_stub(fn):
            return self._not_attempted(f"The body of `{self.function}` is still empty.")
        signature_problem = self._signature_problem(fn)
        if signature_problem:
            return self._result(WRONG, signature_problem, "signature")
        borrowed = borrowed_globals(fn, self._own_names)
        attempts = []
        for case in self.cases:   # every case first: a diagnosis tests its hypothesis on all of them
            attempt = self._attempt(fn, case, count_steps=False)
            if isinstance(attempt, Result):
                return attempt
            attempts.append(attempt)
        failed = self._first_problem(attempts, attempts, borrowed)
        if failed:
            return failed
        if self.vectorised is not None:   # the large case runs once the others pass
            large = self._attempt(fn, self.vectorised, count_steps=True)
            if isinstance(large, Result):
                return large
            failed = self._first_problem([large], attempts + [large], borrowed)
            if failed:
                return failed
        tested = len(self.cases) + (self.vectorised is not None)
        message = f"Your `{self.function}` passed all {tested} tests."
        if self.vectorised is not None:
            message += " It is vectorised: no Python loop over the elements."
        if self.praise:
            message += "\n\n" + self.praise
        return self._result(CORRECT, message)

    def _first_problem(self, batch, every, borrowed):
        """The :class:`Result` of the first attempt of ``batch`` with a problem, or None; ``every``
        is what the diagnoses see as ``attempt.attempts``."""
        for attempt in batch:
            attempt.borrowed, attempt.attempts = borrowed, every
        for attempt in batch:
            message = self._problem(attempt)
            if message:
                return self._result(WRONG, message, attempt.problem)
        return None

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
        ran = call(fn, given, count_steps)
        attempt = Attempt(case, copy.deepcopy(case.args), expected, ran.value, ran.error,
                          ran.warnings, after=given, steps=ran.steps, locals=ran.locals)
        if isinstance(ran.error, NotImplementedError):
            return self._not_attempted(f"`{self.function}` still raises NotImplementedError "
                                       f"(the placeholder).")
        if ran.value is Ellipsis:
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
                return "\n\n".join(text for text in (specific, generic) if text)
        return None

    def _diagnose(self, attempt):
        for diagnosis in [self._borrowed_globals, *self.diagnoses]:
            message = diagnosis(attempt)
            if message:
                return message
        return None

    def _borrowed_globals(self, attempt):
        """The built-in diagnosis asked first: the function used a global variable of the notebook
        (often an earlier task's) where it should have set its own."""
        if not attempt.borrowed:
            return None
        names = list(attempt.borrowed)
        shown = "\n".join(evidence(f"{name} =", describe(value))
                          for name, value in attempt.borrowed.items())
        them, globals_ = ("it", "the global variable of that name") if len(names) == 1 else \
            ("them", "the global variables of those names")
        return (f"Your function reads {names_list(names)} without setting {them}, so Python used "
                f"{globals_}, left by another cell of the notebook (perhaps an earlier task):"
                f"\n\n{shown}\n\nSet {them} inside `{self.function}`: a function should work from "
                f"its own parameters and variables.")

    def _inputs(self, attempt):
        title = f"input ({attempt.case.note}):" if attempt.case.note else "input:"
        return "\n".join([f"  {title}"] + [evidence(f"{name} =", describe(arg), indent=4)
                                           for name, arg in zip(self.params, attempt.args)])

    def _compared(self, attempt, path=()):
        expected, value = attempt.expected, attempt.value
        if path:
            expected, value = part(expected, path), part(value, path)
        return "\n".join([self._inputs(attempt), evidence("expected:", describe(expected)),
                          evidence("received:", describe(value))])

    def _stage_signature(self, attempt):
        if isinstance(attempt.error, TypeError) and "positional argument" in str(attempt.error) \
                and learner_line(attempt.error) is None:
            return (f"Calling `{self.function}({', '.join(self.params)})` failed: "
                    f"{attempt.error}. Keep the parameters of the exercise.")
        return None

    def _stage_error(self, attempt):
        error = attempt.error
        if error is None:
            return None
        line = learner_line(error)
        where = ""
        if line:
            expression = failing_expression(error)
            at = f", at `{expression}`" if expression and expression in line and \
                expression != line.removeprefix("return ") else ""
            where = f"\n\nIt happened in this line of your code{at}:\n\n  {line}"
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
        after = "\n".join(evidence(f"{name} =", describe(arg), indent=4)
                          for name, arg in zip(self.params, attempt.after) if name in attempt.mutated)
        return (f"Your function changed its input {names} in place: after the call the caller's "
                f"array is different. Compute a new array instead of writing into the input."
                f"\n\n{self._inputs(attempt)}\n  after your function ran:\n{after}")

    def _stage_none(self, attempt):
        if attempt.value is None:
            return ("Your function returned None: did you forget `return`? (A function without a "
                    "`return` statement returns None.)")
        return None

    def _each_part(self, attempt, problem_of):
        """Ask ``problem_of(expected part, received part, subject)`` of every part in order; the
        first problem, with its evidence, or None."""
        for path in parts(attempt.expected):
            subject = Subject(part_label(attempt.expected, path, self.returns))
            text = problem_of(part(attempt.expected, path), part(attempt.value, path), subject)
            if text:
                attempt.part = path
                return f"{text}\n\n{self._compared(attempt, path)}"
        return None

    def _stage_type(self, attempt):
        structure = structure_problem(attempt.expected, attempt.value, self.returns)
        if structure:
            return f"{structure}\n\n{self._compared(attempt)}"
        return self._each_part(attempt, type_problem)

    def _stage_dtype(self, attempt):
        return self._each_part(attempt, lambda expected, value, subject: dtype_problem(
            expected, value, subject, self.check_dtype))

    def _stage_shape(self, attempt):
        return self._each_part(attempt, shape_problem)

    def _stage_values(self, attempt):
        return self._each_part(attempt, lambda expected, value, subject: values_problem(
            expected, value, subject, attempt.case.rtol))

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
