"""Instant, specific feedback on a learner's function: the core every exercise set is built from.

An exercise set ``actlab.exercises.exNN`` declares one :class:`Question` per task. A question knows
the name and parameters of the function the learner writes, a reference solution, a few input
:class:`Case` s, and *diagnoses*: small functions that recognise a mistake learners really make and
explain it. Everything else (running the learner's code safely, catching exceptions and
RuntimeWarnings, comparing types, dtypes, shapes and values with tolerances, spotting an input changed
in place or a Python loop where vectorised code was asked for, rendering the feedback) lives here.

The package, one concept a module:

- :mod:`~actlab.exercises.checking.question`: :class:`Case` and :class:`Question`, the pipeline;
- :mod:`~actlab.exercises.checking.diagnoses`: :class:`Attempt` and the diagnosis builders;
- :mod:`~actlab.exercises.checking.comparing`: results with several values, and the type, dtype,
  shape and value comparisons;
- :mod:`~actlab.exercises.checking.running`: calling the learner's code safely, and where an error
  happened in it;
- :mod:`~actlab.exercises.checking.feedback`: :class:`Result`, :class:`Hint`, :class:`Solution` and
  how values are described.

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
autograder cell. Each question also draws random inputs, ``random_case=lambda rng: Case(...)``: the
grader adds a few the learner never saw, so an answer written for the visible cases fails
(``tests/test_grading_parts.py`` requires one for every question).

What ``check`` does
-------------------
The learner's function is called on every case, each time on a fresh deep copy of the arguments;
then the cases are examined in order and the first problem found becomes the feedback (the *stage*
names are what :attr:`Attempt.problem` holds while diagnoses run):

1. ``NotImplementedError``, a body that is only ``pass``/``...``, or an ``Ellipsis`` return value:
   status ``"not attempted"``.
2. ``"signature"``: the function cannot be called with the question's parameters.
3. ``"error"``: any other exception; feedback names its type, message, the input, the line and the
   expression in it that failed.
4. ``"warning"``: a ``RuntimeWarning`` (overflow, divide by zero, invalid value) was emitted.
5. ``"mutation"``: an input array was changed in place.
6. ``"none"``: ``None`` returned ("did you forget ``return``?").
7. ``"type"``: a list, tuple or other object where an array (or a number) was expected; for a
   result with several values, also the wrong number of values or the wrong dict keys.
8. ``"dtype"``: bool/int/object array where floats were expected, or float64 for a float32 input.
9. ``"shape"``: wrong shape (transposed, extra axis, summed over the wrong axis...).
10. ``"values"``: not close (``np.allclose`` with a tolerance set by the dtype), NaN or inf where the
    reference is finite.
11. ``"loop"``: with ``vectorised=Case(...)``, the function ran more than :data:`LOOP_STEP_LIMIT`
    Python steps on that (large) case, which runs once the others pass: it loops in Python. This is
    counted with ``sys.settrace``, so it is deterministic (never a flaky timing).

At each stage the diagnoses are asked in order; the first that returns a string explains the mistake
and the generic evidence (input, expected, received) follows it. First comes a built-in one: the
function read a global variable named like a variable the reference sets or receives (in a notebook,
typically the ``w`` of an earlier task, because the learner forgot to set their own). Then the
question's: a diagnosis is any callable ``diagnosis(attempt) -> str | None``, and
:func:`returns_like`, :func:`raises_like`, :func:`warns_like`, :func:`warns_and_returns_like`
(a formula's values *and* its kinds of RuntimeWarning) and :func:`mutates_like` build the common
ones.

:func:`returns_like` describes a mistake by its wrong formula, and fires only when the learner's
function behaves like that formula on *every* case (same values, or the same exception from the
same operation with the same shapes) and, on the failing case, differs from the reference. So the
cases must tell the mistakes apart: ``tests/test_exercise_sets.py`` proves, for every question of
every set, that each wrong formula differs from the reference and from every other diagnosis with a
different message, and that checking the formula itself gets its own message.

A diagnosis may also look at :attr:`Attempt.locals`, the learner's local variables when the function
returned (the weights a learner chose, say), and at :attr:`Attempt.attempts`, the calls on every case.

Results with several values
---------------------------
A reference that returns a tuple (``return loss, grad``; ``return W, b``) or a dict (per-layer
gradients, ``{"W1": ..., "b1": ...}``), nested as deep as needed, is compared part by part: first
the structure (how many values, which keys), then each part through the stages type, dtype, shape
and values, and the feedback names the part: "The second value (`grad`) has shape (3, 1), expected
(3,)." The names of a tuple's values come from the reference's ``return`` statement, or from
``Question(..., returns=("loss", "grad"))``; :attr:`Attempt.part` holds the failing part's path, and
``returns_like(formula, message, part=1)`` (an index, a dict key or a path) compares one part
only.

``check`` never raises: even a bug in a checker is turned into feedback.
"""

from actlab.exercises.checking.diagnoses import (Attempt, Raised, mutates_like, raises_like,
                                                 returns_like, warns_and_returns_like, warns_like)
from actlab.exercises.checking.feedback import (CORRECT, NOT_ATTEMPTED, WRONG, Hint, Result,
                                                Solution)
from actlab.exercises.checking.question import Case, Question
from actlab.exercises.checking.running import LOOP_STEP_LIMIT, is_empty_stub

__all__ = ["CORRECT", "LOOP_STEP_LIMIT", "NOT_ATTEMPTED", "WRONG", "Attempt", "Case", "Hint",
           "Question", "Raised", "Result", "Solution", "is_empty_stub", "mutates_like",
           "raises_like", "returns_like", "warns_and_returns_like", "warns_like"]
