"""Exercise set 09, properties measured: a monotonicity test, the additivity failure rate, the
one-sided slopes at a point, and E[f(Z)] by quadrature — each a small property checker the learner
writes for *any* function.

Used by ``exercises/09_properties.ipynb``::

    from actlab.exercises import ex09
    ex09.q1.check(is_monotone)
    ex09.q1.hint()
    ex09.q1.solution()

The checks hand the learner's checker the *name* of a function, as lesson 03's exercises do (a name
travels to the grader's kernel; a function would not): ``curve(name)`` gives the function — any
activation of the library, and a few more made to catch mistakes: ``"narrow dip at 0.3"`` (x minus
a dip 0.02 wide), ``"3x"``, ``"2x + 1"``, ``"-x"``, ``"|x|"``.

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import math
import re

import numpy as np

import actlab
from actlab.exercises.checking import Case, Question, returns_like

_rng = np.random.default_rng(9)


_EXTRA = {"3x": lambda x: 3 * x, "2x + 1": lambda x: 2 * x + 1, "-x": lambda x: -x,
          "|x|": np.abs}
_DIP = re.compile(r"narrow dip at (-?\d+(?:\.\d+)?)$")


def curve(name):
    """The function called ``name``, a function of a numpy array: an activation of the library
    ("relu", "gelu", ...), "narrow dip at c" (x − 0.3·exp(−((x − c)/0.01)²): it falls by about 0.3
    on a stretch 0.02 wide near c), "3x", "2x + 1", "-x" or "|x|".

    >>> curve("narrow dip at 0.3")(np.array([0.0, 0.3]))
    array([0., 0.])
    """
    dip = _DIP.match(name)
    if dip:
        centre = float(dip.group(1))
        return lambda x: x - 0.3 * np.exp(-((np.asarray(x, dtype=float) - centre) / 0.01) ** 2)
    if name in _EXTRA:
        return _EXTRA[name]
    return actlab.get(name)


NARROW_DIP = "narrow dip at 0.3"


# --------------------------------------------------------------------------------------------------
# q1: a monotonicity test
# --------------------------------------------------------------------------------------------------

def is_monotone(name):
    """True if the function called `name` is non-decreasing on [-10, 10]: no neighbour on a fine
    grid (step 1e-4) is smaller than the one before it by more than 1e-12 (rounding).

    name: a function's name for `curve`, e.g. "gelu". Returns a bool.
    """
    f = actlab.exercises.ex09.curve(name)
    x = np.linspace(-10, 10, 200_001)
    return bool(np.all(np.diff(f(x)) >= -1e-12))


def _misses_a_fall(attempt):
    """The learner's test calls a function monotone that falls: which one says how."""
    if attempt.problem != "values":
        return None
    missed = [a.case.args[0] for a in attempt.attempts
              if a.expected is False and a.value is not None and bool(a.value) is True]
    if "gelu" in missed:
        return ("Your test calls GELU monotone, but GELU falls: from 0 at x → −∞ down to its "
                "minimum −0.1700 at x = −0.752, then up. Your grid steps over that dip — it is "
                "too coarse, or does not reach far enough left. Sample all of [−10, 10] with a "
                "small step (`np.linspace(-10, 10, 200_001)`).")
    if any(name.startswith("narrow dip") for name in missed):
        return ("Your test calls the narrow dip monotone: that function falls by about 0.3 on a "
                "stretch only 0.02 wide near x = 0.3, and a coarse grid steps right over it. A "
                "grid can only see what happens between its points: use a step of 1e-3 or "
                "smaller (`np.linspace(-10, 10, 200_001)` has step 1e-4).")
    return None


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    if rng.random() < 0.5:       # not the visible ones
        return Case(str(rng.choice(["mish", "elu", "selu", "softplus", "sigmoid", "leaky_relu",
                                    "2x + 1", "|x|"])))
    return Case(f"narrow dip at {rng.uniform(-5, 5):.2f}")


q1 = Question(
    "q1", is_monotone,
    random_case=_random_q1,
    cases=[
        Case("relu", note="ReLU: flat, then rising"),
        Case("tanh", note="tanh"),
        Case("gelu", note="GELU"),
        Case(NARROW_DIP, note="x − 0.3·exp(−((x − 0.3)/0.01)²): a dip 0.02 wide"),
        Case("silu", note="SiLU"),
        Case("-x", note="a falling line"),
    ],
    diagnoses=[
        returns_like(lambda name: bool(np.all(np.diff(curve(name)(np.linspace(-10, 10, 200_001)))
                                              > 0)),
                     "Your test calls ReLU not monotone: it asks every step to *rise* (`> 0`), "
                     "but ReLU is flat for x < 0. Non-decreasing allows flat stretches — compare "
                     "with `>=` (less a little for rounding, `>= -1e-12`)."),
        returns_like(lambda name: bool(np.any(np.diff(curve(name)(np.linspace(-10, 10, 200_001)))
                                              < -1e-12)),
                     "Your answers are the opposite of the right ones: you returned whether f "
                     "*falls* somewhere. Monotone means it falls nowhere: `np.all(... >= ...)`."),
        _misses_a_fall,
    ],
    hint="`f = curve(name)`; evaluate f on `np.linspace(-10, 10, 200_001)`, take `np.diff` of "
         "the values, and ask "
         "whether all of them are >= -1e-12. Return a Python bool (`bool(...)`).",
    praise="A grid of step 1e-4 sees GELU's dip, SiLU's, and a dip only 0.02 wide. No grid sees "
           "everything — a dip narrower than the step could still hide — which is why the "
           "library's checker also reports *where* f falls, so you can look closer.",
)


# --------------------------------------------------------------------------------------------------
# q2: how often additivity fails
# --------------------------------------------------------------------------------------------------

def additivity_failures(name, a, b):
    """The fraction of the pairs (a[i], b[i]) for which f(a + b) = f(a) + f(b) fails by more
    than 1e-9 (a tolerance for rounding), f the function called `name`.

    name: a function's name for `curve`; a, b: (n,) numbers. Returns a float between 0 and 1.
    """
    f = actlab.exercises.ex09.curve(name)
    gap = np.abs(f(a + b) - (f(a) + f(b)))
    return float(np.mean(gap > 1e-9))


def _gap(name, a, b):
    f = actlab.exercises.ex09.curve(name)
    return np.abs(f(a + b) - (f(a) + f(b)))


def _pairs(formula):
    """``formula(f, a, b)`` as a function of the task's parameters ``(name, a, b)``."""
    return lambda name, a, b: formula(curve(name), a, b)


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    n = int(rng.integers(5, 40))
    name = str(rng.choice(["relu", "tanh", "3x", "2x + 1", "leaky_relu", "elu"]))
    return Case(name, rng.normal(0, 2, n).round(1), rng.normal(0, 2, n).round(1))


_A = np.array([0.1, 0.7, -1.3, 2.0, -0.4, 1.5, -2.2, 0.3])
_B = np.array([0.2, 0.1, 2.9, 1.0, -0.6, -3.0, 0.9, -0.3])

q2 = Question(
    "q2", additivity_failures,
    random_case=_random_q2,
    cases=[
        Case("relu", _A, _B, note="ReLU: fails where a and b have opposite signs"),
        Case("3x", _A, _B, note="3x: linear, but 3(a + b) and 3a + 3b can differ by rounding"),
        Case("2x + 1", _A, _B, note="2x + 1: affine"),
        Case("tanh", _A, _B, note="tanh"),
    ],
    diagnoses=[
        returns_like(_pairs(lambda f, a, b: float(np.mean(f(a + b) != f(a) + f(b)))),
                     "Your test says 3x fails additivity, but 3x is linear: `!=` compares floats "
                     "exactly, and 3·(0.1 + 0.2) and 3·0.1 + 3·0.2 differ in the last bit. "
                     "Allow for rounding: count a failure only when the gap is above 1e-9."),
        returns_like(lambda name, a, b: float(np.sum(_gap(name, a, b) > 1e-9)),
                     "That is the *number* of pairs that fail; the task asks for the fraction: "
                     "divide by the number of pairs (or take `np.mean` of the True/False "
                     "array)."),
        returns_like(lambda name, a, b: float(np.mean(_gap(name, a, b) <= 1e-9)),
                     "That is the fraction of pairs where additivity *holds*; the task asks how "
                     "often it fails (gap above 1e-9)."),
        returns_like(lambda name, a, b: float(np.mean(_gap(name, a, b))),
                     "That is the mean *size* of the gap |f(a + b) − f(a) − f(b)|; the task asks "
                     "for the fraction of pairs where the gap is above 1e-9: `np.mean(gap > "
                     "1e-9)`."),
        returns_like(_pairs(lambda f, a, b: float(np.mean(np.abs(f(a * b) - f(a) * f(b)) > 1e-9))),
                     "You tested f(a·b) = f(a)·f(b). Additivity is about sums: f(a + b) = "
                     "f(a) + f(b)."),
    ],
    hint="`f = curve(name)`; gap = |f(a + b) − (f(a) + f(b))| for all pairs at once "
         "(vectorised); the answer is "
         "the mean of `gap > 1e-9`, as a float.",
    praise="ReLU fails exactly where a and b have opposite signs; 2x + 1 fails everywhere — it "
           "is affine, not linear (its f(0) = 1); tanh fails everywhere; 3x never does, once "
           "rounding is allowed for.",
)


# --------------------------------------------------------------------------------------------------
# q3: one-sided slopes at a point
# --------------------------------------------------------------------------------------------------

def one_sided_slopes(name, x0, h):
    """The slopes of the function called `name` just left and just right of x0, by one-sided
    difference quotients with step h: (f(x0) - f(x0 - h)) / h and (f(x0 + h) - f(x0)) / h.

    name: a function's name for `curve`; x0: a number; h: a small positive step.
    Returns two floats: `return left, right`.
    """
    f = actlab.exercises.ex09.curve(name)
    y_left, y0, y_right = f(np.array([x0 - h, x0, x0 + h]))
    left = (y0 - y_left) / h
    right = (y_right - y0) / h
    return float(left), float(right)


def _slopes(left_of, right_of):
    def wrong(name, x0, h):
        y = curve(name)(np.array([x0 - h, x0, x0 + h]))
        return float(left_of(y, h)), float(right_of(y, h))
    return wrong


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    name = str(rng.choice(["relu", "selu", "|x|", "tanh", "leaky_relu", "elu", "gelu"]))
    x0 = 0.0 if rng.random() < 0.6 else round(float(rng.uniform(-2, 2)), 2)
    return Case(name, x0, float(rng.choice([1e-5, 2e-6])), rtol=1e-4)   # the visible h: 1e-6


q3 = Question(
    "q3", one_sided_slopes,
    returns=("left", "right"),
    random_case=_random_q3,
    cases=[
        Case("relu", 0.0, 1e-6, note="ReLU at its kink", rtol=1e-4),
        Case("selu", 0.0, 1e-6, note="SELU at its kink", rtol=1e-4),
        Case("|x|", 0.0, 1e-6, note="|x| at 0", rtol=1e-4),
        Case("tanh", 0.5, 1e-6, note="tanh at 0.5, where it is smooth", rtol=1e-4),
    ],
    diagnoses=[
        returns_like(_slopes(lambda y, h: (y[2] - y[0]) / (2 * h),
                             lambda y, h: (y[2] - y[0]) / (2 * h)),
                     "Both your slopes are the central difference (f(x0 + h) − f(x0 − h)) / 2h. "
                     "It averages the two sides: at ReLU's kink it gives 0.5, a slope ReLU has "
                     "on neither side. Each side needs its own quotient: (f(x0) − f(x0 − h)) / h "
                     "and (f(x0 + h) − f(x0)) / h."),
        returns_like(_slopes(lambda y, h: (y[0] - y[1]) / h, lambda y, h: (y[2] - y[1]) / h),
                     "Your left slope has the wrong sign: f(x0 − h) − f(x0) is the change going "
                     "*left*. A slope is the change going right, over the distance: (f(x0) − "
                     "f(x0 − h)) / h. (tanh at 0.5 shows it: both its slopes are positive.)"),
        returns_like(_slopes(lambda y, h: (y[2] - y[1]) / h, lambda y, h: (y[1] - y[0]) / h),
                     "Left and right are swapped: the left slope looks at x0 − h, the right one "
                     "at x0 + h. `return left, right` in that order."),
        returns_like(_slopes(lambda y, h: (y[1] - y[0]) / (2 * h),
                             lambda y, h: (y[2] - y[1]) / (2 * h)),
                     "x0 and x0 ± h are h apart, not 2h: divide each one-sided difference by h."),
    ],
    hint="`f = curve(name)`; evaluate f at x0 − h, x0 and x0 + h (one array of three numbers); "
         "the left slope is "
         "(f(x0) − f(x0 − h)) / h, the right one (f(x0 + h) − f(x0)) / h.",
    praise="ReLU: 0 and 1; SELU: 1.7581 and 1.0507 — not differentiable at 0, as the lesson "
           "measured; |x|: −1 and 1; tanh at 0.5: the same slope on both sides, 1 − tanh²(0.5).",
)


# --------------------------------------------------------------------------------------------------
# q4: E[f(Z)] by quadrature
# --------------------------------------------------------------------------------------------------

def mean_output(name):
    """E[f(Z)] for a standard normal Z and f the function called `name`: the integral of f(z)
    times the normal density exp(-z²/2)/sqrt(2π), by a Riemann sum on a fine grid of [-10, 10]
    (to 6 digits at least).

    name: a function's name for `curve`. Returns a float.
    """
    f = actlab.exercises.ex09.curve(name)
    z = np.linspace(-10, 10, 100_001)
    dz = z[1] - z[0]
    density = np.exp(-z ** 2 / 2) / np.sqrt(2 * np.pi)
    return float(np.sum(f(z) * density) * dz)


_Z = np.linspace(-10, 10, 100_001)


def _ratio_to_reference(attempt):
    """The learner's value over the expected one, on the cases where that is meaningful."""
    ratios = [float(a.value) / float(a.expected) for a in attempt.attempts
              if a.error is None and isinstance(a.value, (int, float, np.floating))
              and abs(float(a.expected)) > 0.1]
    return ratios


def _mean_diagnosis(attempt):
    if attempt.problem != "values":
        return None
    ratios = _ratio_to_reference(attempt)
    if ratios and all(abs(r - math.sqrt(2 * math.pi)) < 0.01 for r in ratios):
        return ("Your values are √(2π) ≈ 2.5066 times too large: the normal density is "
                "exp(−z²/2) / √(2π); the factor 1/√(2π) makes it integrate to 1.")
    if ratios and all(r > 50 for r in ratios):
        return ("Your values are far too large: a Riemann sum is Σ f(z)·φ(z)·Δz — did you forget "
                "to multiply by the grid step Δz?")
    gaps = [abs(float(a.value) - float(a.expected)) for a in attempt.attempts
            if a.error is None and isinstance(a.value, (int, float, np.floating))]
    if gaps and max(gaps) < 0.02:
        return ("Close, but not to 6 digits. If you sampled, the error of a mean of n samples is "
                "about σ/√n — 0.001 for a million — too large here; if you integrated, your grid "
                "is too coarse or too narrow (the tails beyond ±3 still carry 0.3 % of the "
                "weight). Use a Riemann sum on `np.linspace(-10, 10, 100_001)`.")
    return None


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    return Case(str(rng.choice(["silu", "mish", "elu", "softplus", "selu", "leaky_relu",
                                "binary_step", "|x|", "2x + 1"])), rtol=1e-6)


q4 = Question(
    "q4", mean_output,
    random_case=_random_q4,
    cases=[
        Case("relu", note="ReLU: 1/√(2π) ≈ 0.3989", rtol=1e-6),
        Case("sigmoid", note="sigmoid: 0.5", rtol=1e-6),
        Case("tanh", note="tanh: 0", rtol=1e-6),
        Case("gelu", note="GELU: 1/(2√π) ≈ 0.2821", rtol=1e-6),
    ],
    diagnoses=[
        _mean_diagnosis,
        returns_like(lambda name: float(np.mean(curve(name)(_Z))),
                     "That is the plain average of f over the grid: every z counts the same, "
                     "as if Z were uniform on [−10, 10]. Weight each f(z) by the normal "
                     "density φ(z) = exp(−z²/2)/√(2π), and multiply the sum by the step Δz."),
    ],
    hint="`f = curve(name)`; z = np.linspace(-10, 10, 100_001), dz = z[1] − z[0], "
         "φ = exp(−z²/2)/√(2π); the answer "
         "is Σ f(z)·φ(z)·dz, as a float.",
    praise="ReLU 0.3989 = 1/√(2π), sigmoid 0.5, tanh 0, GELU 0.2821 = 1/(2√π): the lesson's "
           "numbers, from a twenty-line checker of your own.",
)

questions = (q1, q2, q3, q4)
