"""Diagnoses: small functions that recognise a mistake learners really make, and explain it.

A diagnosis is any callable ``diagnosis(attempt) -> str | None``. It is asked at the stage where
the check failed and sees an :class:`Attempt`: the learner's call on the failing case, and through
``attempt.attempts`` the calls on every other case, so it can test its hypothesis on all of them.
"""

import copy
import dataclasses
import functools
import warnings

import numpy as np

from actlab.exercises.checking.comparing import close, part
from actlab.exercises.checking.running import NOT_FORMULA, NOT_LEARNER, operation

#: The stages at which a learner's function can "behave like" a wrong formula.
RESULT_STAGES = ("error", "type", "dtype", "shape", "values")


@dataclasses.dataclass(frozen=True)
class Raised:
    """An exception as diagnoses compare it.

    Attributes
    ----------
    kind : type
        The exception's type.
    message : str
        Its message; numpy's messages name the shapes involved.
    operation : str or None
        The operation that raised it, named like numpy does: ``a * b`` and ``np.multiply(a, b)`` are
        both "multiply", ``a @ b`` is "matmul", ``np.dot(a, b)`` is "dot". None when unknown.
    """

    kind: type
    message: str
    operation: str | None = None

    @classmethod
    def of(cls, error, skip=NOT_LEARNER):
        """The :class:`Raised` of ``error``, its operation looked up in the code outside ``skip``."""
        return cls(type(error), str(error), operation(error, skip))

    def same_as(self, other):
        """Same type and message, and the same operation when both are known."""
        return (isinstance(other, Raised) and self.kind is other.kind
                and self.message == other.message
                and (None in (self.operation, other.operation) or self.operation == other.operation))


_MISSING = object()   # the learner's result has no such part


def same_outcome(a, b):
    """True when two outcomes (a value, or a :class:`Raised`) are the same: close values, or the same
    exception."""
    if a is _MISSING or b is _MISSING:
        return False
    if isinstance(a, Raised) or isinstance(b, Raised):
        return isinstance(a, Raised) and a.same_as(b)
    return close(a, b)


def _copied(args):
    """Copies of the arguments (numpy arrays copied directly: much faster than deepcopy)."""
    return tuple(a.copy() if isinstance(a, np.ndarray) and a.dtype != object else copy.deepcopy(a)
                 for a in args)


def outcome(formula, args):
    """What ``formula(*args)`` gives, on copies of the arguments: its value, or the :class:`Raised`
    exception. Warnings are silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return formula(*_copied(args))
        except Exception as exc:
            return Raised.of(exc, NOT_FORMULA)


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
        The stage being diagnosed (see the package docstring).
    part : tuple
        Which value of a result with several values failed: its path, e.g. ``(1,)`` for the second
        value of a tuple, ``("W1",)`` for a dict entry; ``()`` for the whole result.
    locals : dict
        The local variables of the learner's function when it returned or raised (empty on the
        ``vectorised`` case and for callables without Python code).
    borrowed : dict
        Global variables the learner's function reads although the reference solution sets (or
        receives) a variable of that name itself: ``{name: value}``.
    attempts : list of Attempt
        The learner's calls on every case of the check, this one included.
    """

    case: object
    args: tuple
    expected: object
    value: object = None
    error: Exception | None = None
    warnings: list = dataclasses.field(default_factory=list)
    after: tuple = ()
    mutated: list = dataclasses.field(default_factory=list)
    steps: int | None = None
    problem: str | None = None
    part: tuple = ()
    locals: dict = dataclasses.field(default_factory=dict, repr=False)
    borrowed: dict = dataclasses.field(default_factory=dict, repr=False)
    attempts: list = dataclasses.field(default_factory=list, repr=False, compare=False)

    def returned(self, candidate):
        """True when the learner's function returned (did not raise) a value with the structure
        and shape of ``candidate``, close to it.

        Parameters
        ----------
        candidate : array_like, tuple or dict
            A value computed from ``self.args``, e.g. what a typical wrong formula returns.
        """
        return self.error is None and close(self.value, candidate)

    @functools.cached_property
    def outcome(self):
        """What the learner's function gave: its value, or the :class:`Raised` exception."""
        return Raised.of(self.error) if self.error is not None else self.value

    def outcome_at(self, path):
        """The outcome's part at ``path`` (the whole :class:`Raised` if the function raised)."""
        if self.error is not None or not path:
            return self.outcome
        try:
            return part(self.value, path)
        except (KeyError, IndexError, TypeError):
            return _MISSING


def returns_like(wrong_formula, message, part=None):
    """A diagnosis that fires when the learner's function behaves like ``wrong_formula``.

    It fires when, on every case of the check, the learner's function returned what
    ``wrong_formula(*args)`` returns (within 1e-6), or raised the same exception (same type, same
    message, which names the shapes, raised by the same operation: ``a * b`` and
    ``np.multiply(a, b)`` are the same, ``a + b`` is not), *and* on the failing case that differs
    from the reference's result. So it never fires where its mistake was not made: a right answer
    of the wrong type, or an answer that agrees with the formula on one case but not on the others.

    Parameters
    ----------
    wrong_formula : callable
        Gets copies of the case's arguments; warnings it emits are ignored.
    message : str
        The explanation shown to the learner.
    part : int, str or tuple, optional
        For a result with several values: the formula computes only this part (an index of a
        tuple, a key of a dict, or a path such as ``(0, "W")``), compared with that part of the
        learner's result.

    The diagnosis keeps its arguments as attributes ``formula``, ``message`` and ``part`` (a path),
    so tests can check that the cases tell every diagnosis apart.
    """
    path = () if part is None else (part if isinstance(part, tuple) else (part,))

    def diagnose(attempt):
        if attempt.problem not in RESULT_STAGES:
            return None
        wrong = outcome(wrong_formula, attempt.args)
        if same_outcome(wrong, _part(attempt.expected, path)):
            return None   # the wrong formula is right on this case: its mistake is not the cause
        if not same_outcome(attempt.outcome_at(path), wrong):
            return None
        for other in attempt.attempts:
            if other is not attempt and not same_outcome(other.outcome_at(path),
                                                         outcome(wrong_formula, other.args)):
                return None
        return message

    diagnose.formula, diagnose.message, diagnose.part = wrong_formula, message, path
    return diagnose


def _part(value, path):
    try:
        return part(value, path)
    except (KeyError, IndexError, TypeError):
        return _MISSING


def raises_like(exception_type, text, message):
    """A diagnosis that fires when the learner's code raised ``exception_type`` whose message
    contains ``text`` (case-insensitive; ``""`` matches any message).

    Use it for errors that only one mistake can raise (``if`` on an array: "truth value ... is
    ambiguous"). Where several mistakes raise the same kind of error (broadcasting, a matrix
    product whose sizes do not meet), describe each with :func:`returns_like`, which also matches
    the operation and the shapes.
    """
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


_WARNING_KINDS = ("overflow", "divide by zero", "invalid value")


def _kinds(messages):
    """The kinds of RuntimeWarning among ``messages``: overflow, divide by zero, invalid value."""
    messages = list(messages)
    return frozenset(kind for kind in _WARNING_KINDS for message in messages if kind in message)


def warned_outcome(formula, args):
    """Like :func:`outcome`, with the warnings kept: ``(outcome, kinds)``, what ``formula(*args)``
    gives on copies of the arguments (its value or the :class:`Raised` exception) and the kinds of
    RuntimeWarning it emits on the way."""
    with warnings.catch_warnings(record=True) as caught, \
            np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
        warnings.simplefilter("always")
        try:
            value = formula(*_copied(args))
        except Exception as exc:
            value = Raised.of(exc, NOT_FORMULA)
    return value, _kinds(str(w.message) for w in caught if issubclass(w.category, RuntimeWarning))


def warns_and_returns_like(formula, message):
    """A diagnosis for a formula that may be right on paper but not in floating point.

    It fires when, on every case of the check, the learner's function gave what ``formula`` gives
    (values within 1e-6, or the same exception) *and* emitted the same kinds of RuntimeWarning
    (overflow, divide by zero, invalid value), and on the failing case the formula warns or
    differs from the reference. So a correct split computed with ``np.where``, which gives the
    right values but overflows in the branch it discards, is told apart from the naive formula,
    which overflows on other inputs.

    The formula is kept as the attribute ``warning_formula`` (not ``formula``: its values may all
    be right, which the checks of ``tests/test_exercise_sets.py`` for ``returns_like`` forbid).
    """
    def diagnose(attempt):
        if attempt.problem not in ("warning",) + RESULT_STAGES:
            return None
        value, kinds = warned_outcome(formula, attempt.args)
        if not kinds and same_outcome(value, attempt.expected):
            return None   # the formula is right and quiet on this case: not the cause
        for each in attempt.attempts:
            value, kinds = warned_outcome(formula, each.args)
            if _kinds(each.warnings) != kinds or not same_outcome(each.outcome, value):
                return None
        return message

    diagnose.warning_formula, diagnose.message = formula, message
    return diagnose


def mutates_like(message):
    """A diagnosis that explains an input changed in place (e.g. ``x[x < 0] = 0``)."""
    def diagnose(attempt):
        return message if attempt.problem == "mutation" else None
    return diagnose
