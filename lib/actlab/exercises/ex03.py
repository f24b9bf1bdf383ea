"""Exercise set 03, the binary step: a difference quotient, the flat pieces of a step network's
loss, the straight-through gradient, units that pass no gradient, and the step of a difference.

Used by ``exercises/03_binary_step.ipynb``::

    from actlab.exercises import ex03
    ex03.q1.check(central_difference)
    ex03.q1.hint()
    ex03.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

import actlab
from actlab import sigmoid
from actlab.exercises.checking import (Case, Question, mutates_like, raises_like, returns_like,
                                       warns_like)

_rng = np.random.default_rng(3)


# --------------------------------------------------------------------------------------------------
# q1: the central difference
# --------------------------------------------------------------------------------------------------

def central_difference(name, x, h):
    """The central difference (f(x + h) - f(x - h)) / 2h of the activation called `name`, at every
    x: an estimate of its derivative there.

    name: an activation's name, e.g. "sigmoid"; x: (n,) points; h: the step, a small number.
    Returns (n,).
    """
    f = actlab.get(name)
    return (f(x + h) - f(x - h)) / (2 * h)


def _quotient(numerator, denominator):
    """A difference quotient with a mistake: ``numerator(f, x, h) / denominator(h)``."""
    def wrong(name, x, h):
        f = actlab.get(name)
        return numerator(f, x, h) / denominator(h)
    return wrong


def _with_f(formula):
    """``formula(f, x, h)`` as a function of the task's parameters ``(name, x, h)``."""
    return lambda name, x, h: formula(actlab.get(name), x, h)


_ONE_SIDED = ("That is a one-sided difference, {formula}: it compares x with one neighbour only. "
              "The central difference looks h to both sides, (f(x + h) − f(x − h)) / 2h: its "
              "error shrinks like h² instead of h, and at the step's jump it sees the jump from "
              "both sides.")


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    name = str(rng.choice(["binary_step", "sigmoid", "tanh", "relu", "softplus"]))
    x = rng.normal(size=rng.integers(1, 8)).round(2)
    return Case(name, x, float(rng.choice([1e-2, 1e-3, 1e-4])))


q1 = Question(
    "q1", central_difference,
    random_case=_random_q1,
    cases=[
        Case("binary_step", np.array([-0.5, -0.0004, 0.0, 0.0004, 0.5]), 1e-3,
             note="the step, with two points closer to the jump than h"),
        Case("sigmoid", np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), 1e-3, note="a smooth curve"),
        Case("relu", np.array([-1.0, 0.0, 1.0]), 0.01, note="ReLU, with its kink at 0"),
        Case("tanh", np.array([-1.0, 0.3, 1.5]), 1e-4, note="tanh, h = 1e-4"),
    ],
    diagnoses=[
        returns_like(_quotient(lambda f, x, h: f(x + h) - f(x - h), lambda h: h),
                     "You divided by h, but x + h and x − h are 2h apart: the central difference "
                     "is (f(x + h) − f(x − h)) / (2h). Yours is twice as large."),
        returns_like(_quotient(lambda f, x, h: f(x + h) - f(x), lambda h: h),
                     _ONE_SIDED.format(formula="(f(x + h) − f(x)) / h, the forward difference")),
        returns_like(_quotient(lambda f, x, h: f(x) - f(x - h), lambda h: h),
                     _ONE_SIDED.format(formula="(f(x) − f(x − h)) / h, the backward difference")),
        returns_like(_quotient(lambda f, x, h: f(x - h) - f(x + h), lambda h: 2 * h),
                     "Your signs are swapped: f(x − h) − f(x + h) falls where f rises. The "
                     "difference is the value on the right minus the value on the left, "
                     "f(x + h) − f(x − h)."),
        returns_like(_with_f(lambda f, x, h: f(x + h) - f(x - h) / (2 * h)),
                     "Only f(x − h) was divided: division binds more tightly than subtraction. "
                     "Put the difference in parentheses: `(f(x + h) - f(x - h)) / (2 * h)`."),
        returns_like(_with_f(lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h),
                     "`/ 2 * h` divides by 2 and then *multiplies* by h (Python reads it left to "
                     "right). Write `/ (2 * h)`."),
        returns_like(_with_f(lambda f, x, h: f.grad(x)),
                     "That is the library's derivative `f.grad(x)`, not the difference quotient. "
                     "The task is to *measure* the slope from values of f, as the lesson did: at "
                     "the step's jump and at ReLU's kink the two differ, and that difference is "
                     "the point."),
        raises_like(TypeError, "'str' object is not callable",
                    "`name` is the activation's *name*, a string such as \"sigmoid\". The "
                    "function itself is `f`, which the first line of the cell looks up: "
                    "`f(x + h)`."),
        raises_like(NameError, "name 'f' is not defined",
                    "Keep the cell's first line, `f = actlab.get(name)`: it looks up the "
                    "activation called `name`, and `f` is then that function."),
        mutates_like("Your function changed x in place (e.g. `x += h`), so the caller's points "
                     "moved. Compute `x + h` and `x - h` as new arrays."),
    ],
    hint="Evaluate f at x + h and at x − h (numpy does every x at once), subtract, and divide by "
         "the distance between the two points. Mind the parentheses.",
    praise="Wherever |x| > h the step's quotient is exactly 0.0. Within h of the jump it is "
           "1/(2h), which grows without limit as h shrinks: there is no derivative at 0. At "
           "ReLU's kink the central difference gives 0.5, the average of the slopes on the two "
           "sides, while relu'(0) is 0 by convention.",
)


# --------------------------------------------------------------------------------------------------
# q2: the flat pieces of the loss along one weight
# --------------------------------------------------------------------------------------------------

def flat_pieces(z, x, w, low, high):
    """How many flat pieces the loss of a step network has for low < w' < high, as one weight w'
    of a step unit moves and every other weight stays.

    z: (n,) the unit's pre-activation on each example, with the weight at its present value w;
    x: (n,) the input that the weight multiplies, on each example; low < high. Returns an int.
    """
    moving = x != 0                          # an example with x = 0 never crosses
    crossings = w - z[moving] / x[moving]
    inside = crossings[(crossings > low) & (crossings < high)]
    return len(np.unique(inside)) + 1


def _pieces(crossings_of, *, inside=lambda c, low, high: (c > low) & (c < high), unique=True,
            plus=1):
    """A count of flat pieces with a mistake: other crossings, another test for "inside", no
    ``np.unique``, or no +1."""
    def wrong(z, x, w, low, high):
        moving = x != 0
        crossings = crossings_of(z[moving], x[moving], w)
        found = crossings[inside(crossings, low, high)]
        return len(np.unique(found) if unique else found) + plus
    return wrong


_DIVIDED_BY_ZERO = ("An example with x = 0 never crosses: moving the weight does not move its z "
                    "at all, so it has no crossing (and z / x divides by 0). Leave those examples "
                    "out before dividing, e.g. `moving = x != 0`, then use `z[moving]` and "
                    "`x[moving]`.")


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    n = rng.integers(1, 10)
    x = rng.normal(size=n) * (rng.random(n) > 0.2)    # about one input in five is 0
    low, high = np.sort(rng.normal(size=2) * 2)
    return Case(rng.normal(size=n), x, float(rng.normal()), float(low), float(high))


q2 = Question(
    "q2", flat_pieces,
    random_case=_random_q2,
    cases=[
        Case(np.array([0.5, -0.25, -1.0, -1.25, 1.0]), np.array([0.25, -1.0, 2.0, 0.5, 1.0]),
             0.5, -1.0, 2.0, note="crossings at −1.5, 0.25, 1, 3 and −0.5"),
        Case(np.array([-1.0, -0.5, 1.0, 0.5]), np.array([1.0, 1.0, 1.0, 1.0]), 0.0, -2.0, 2.0,
             note="crossings at 1, 0.5, −1 and −0.5"),
        Case(np.array([0.5, 1.0, 3.5, 0.0, 0.75]), np.array([-1.0, -2.0, 1.0, 1.0, 0.5]), 1.0,
             -2.0, 2.0, note="two examples cross at the same weight, 1.5"),
        Case(np.array([-2.0, 1.0, 0.5]), np.array([1.0, 2.0, -1.0]), 0.0, -1.0, 2.0,
             note="one crossing exactly at high = 2"),
        Case(np.array([1.0, -0.5, 0.0, 2.0]), np.array([1.0, 0.0, 0.0, -2.0]), 0.0, -3.0, 3.0,
             note="two examples with x = 0, which never cross"),
    ],
    diagnoses=[
        warns_like("divide by zero", _DIVIDED_BY_ZERO),
        warns_like("invalid value", _DIVIDED_BY_ZERO),
        returns_like(_pieces(lambda z, x, w: w - z / x, plus=0),
                     "You counted the crossings. Each crossing cuts the interval once, so c "
                     "crossings inside (low, high) make c + 1 flat pieces."),
        returns_like(_pieces(lambda z, x, w: w - z / x, unique=False),
                     "Two examples that cross at the same weight make one jump, not two: count "
                     "the *distinct* crossings (`np.unique`)."),
        returns_like(_pieces(lambda z, x, w: w - z / x,
                             inside=lambda c, low, high: (c >= low) & (c <= high)),
                     "A crossing exactly at low or high does not cut the interval (low, high): "
                     "keep the crossings with low < w' < high, strict inequalities."),
        returns_like(_pieces(lambda z, x, w: w - z / x,
                             inside=lambda c, low, high: np.ones(len(c), dtype=bool)),
                     "You counted every crossing, also those outside the interval: keep only "
                     "those with low < w' < high."),
        returns_like(_pieces(lambda z, x, w: w + z / x),
                     "Check the sign of the crossing. The pre-activation moves as "
                     "z + (w' − w)·x, which is 0 at w' = w − z / x."),
        returns_like(_pieces(lambda z, x, w: -z / x),
                     "Your crossings are where w' − w = −z / x: the *change* of the weight. The "
                     "weight itself is then w' = w − z / x, and that is what low and high "
                     "bound."),
        returns_like(_pieces(lambda z, x, w: (w - z) / x),
                     "`(w - z) / x` is not the crossing: solve z + (w' − w)·x = 0 for w', which "
                     "gives w' = w − z / x (only z is divided by x)."),
        mutates_like("Your function changed z or x in place. Compute new arrays instead."),
    ],
    hint="Solve z + (w' − w)·x = 0 for w' on every example at once (leave out those with x = 0). "
         "Keep the crossings strictly between low and high, and count how many pieces the "
         "distinct ones cut the interval into.",
    praise="This is how the lesson found its 201 flat pieces (`sweep.steps()`): 200 examples, "
           "200 crossings. The loss can take at most one value per piece, so a sweep of 2,001 "
           "weights sees at most that many distinct losses.",
)


# --------------------------------------------------------------------------------------------------
# q3: the straight-through gradient of a step layer
# --------------------------------------------------------------------------------------------------

def straight_through_gradient(X, Z, dH):
    """dL/dW and dL/db of a step layer, with the straight-through surrogate in place of step'(z):
    1 where |z| <= 1, else 0.

    X: (n, d) the layer's inputs; Z: (n, k) its pre-activations; dH: (n, k) dL/dH, the signal
    arriving from the layer above. Returns (dW of shape (d, k), db of shape (k,)).
    """
    dZ = dH * (np.abs(Z) <= 1)
    dW = X.T @ dZ
    db = dZ.sum(axis=0)
    return dW, db


def _through(mask):
    """The layer's gradient with ``mask(Z)`` in place of the surrogate derivative."""
    def wrong(X, Z, dH):
        dZ = dH * mask(Z)
        return X.T @ dZ, dZ.sum(axis=0)
    return wrong


def _dZ(Z, dH):
    return dH * (np.abs(Z) <= 1)


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    n, d, k = rng.integers(1, 7), rng.integers(1, 4), rng.integers(1, 5)
    return Case(rng.normal(size=(n, d)).round(2), (2 * rng.normal(size=(n, k))).round(1),
                rng.normal(size=(n, k)).round(2))


q3 = Question(
    "q3", straight_through_gradient,
    random_case=_random_q3,
    cases=[
        Case(np.array([[1.0, 2.0], [-1.0, 0.5], [0.5, -1.0], [2.0, 1.0]]),
             np.array([[0.5, -2.0, 1.5], [-0.25, 0.75, -3.0], [1.0, -1.0, 0.0], [3.0, 0.5, -1.5]]),
             np.array([[0.5, 1.0, -1.0], [-0.5, 2.0, 1.0], [1.0, -1.0, 0.5], [0.25, 0.5, 2.0]]),
             note="4 examples, 2 inputs, 3 units; z = 1 and z = −1 exactly in the third example"),
        Case(_rng.normal(size=(5, 3)).round(2),
             np.array([[-1.5, 0.5], [0.2, 1.0], [-0.5, -2.5], [2.0, 0.1], [-1.0, 1.2]]),
             _rng.normal(size=(5, 2)).round(2), note="5 examples, 3 inputs, 2 units"),
        Case(np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([[0.5, 2.0], [-3.0, -0.5]]),
             np.array([[1.0, 2.0], [3.0, -1.0]]), note="as many examples as inputs (n = d = 2)"),
    ],
    returns=("dW", "db"),
    diagnoses=[
        returns_like(_through(lambda Z: np.zeros(Z.shape)),
                     "Both are exactly 0: that is the true gradient, with step'(z) = 0. The "
                     "straight-through estimator *pretends* the derivative is 1 where |z| ≤ 1 "
                     "(and 0 elsewhere): multiply dH by that surrogate."),
        returns_like(_through(lambda Z: np.ones(Z.shape)),
                     "You passed dH through unchanged, as if step'(z) were 1 everywhere. The "
                     "lesson's surrogate is the derivative of clip(z, −1, 1): 1 only where "
                     "|z| ≤ 1, 0 where |z| > 1."),
        returns_like(_through(lambda Z: np.abs(Z) < 1),
                     "Where |z| = 1 exactly your surrogate is 0, but the lesson's is 1 there: "
                     "compare with `<=`, `np.abs(Z) <= 1`."),
        returns_like(_through(lambda Z: Z <= 1),
                     "Your surrogate is 1 for every z below −1 too: the window is −1 ≤ z ≤ 1, "
                     "`np.abs(Z) <= 1`."),
        returns_like(_through(lambda Z: np.clip(Z, -1, 1)),
                     "You multiplied by clip(z, −1, 1), the surrogate *function*. The backward "
                     "pass needs its derivative: 1 where |z| ≤ 1, 0 elsewhere."),
        returns_like(lambda X, Z, dH: (X.T @ _dZ(Z, dH)).T,
                     "dW is transposed: it has one row per input and one column per unit, "
                     "(d, k), like the layer's weights. `X.T @ dZ`: (d, n) @ (n, k).", part=0),
        returns_like(lambda X, Z, dH: (X @ _dZ(Z, dH), _dZ(Z, dH).sum(axis=0)),
                     "`X @ dZ` pairs the wrong axes: X is (n, d) and dZ is (n, k); the sum over "
                     "the examples is `X.T @ dZ`, (d, n) @ (n, k) → (d, k)."),
        returns_like(lambda X, Z, dH: X.T @ _dZ(Z, dH) / len(X),
                     "dW is divided by the number of examples, but dH is already the derivative "
                     "of the mean loss: dW = Xᵀ dZ, a plain sum over the examples.", part=0),
        returns_like(lambda X, Z, dH: _dZ(Z, dH).mean(axis=0),
                     "db is the mean over the examples, but dH already holds the derivative of "
                     "the mean loss: db is the sum, `dZ.sum(axis=0)`, just as dW = Xᵀ dZ sums.",
                     part=1),
        returns_like(lambda X, Z, dH: _dZ(Z, dH).sum(axis=1),
                     "db was summed along the wrong axis: one entry per unit, so sum over the "
                     "examples, `axis=0`.", part=1),
        returns_like(lambda X, Z, dH: _dZ(Z, dH).sum(),
                     "db is one number per unit, shape (k,): sum over the examples only, "
                     "`dZ.sum(axis=0)`, not over everything.", part=1),
        returns_like(lambda X, Z, dH: dH.sum(axis=0),
                     "db skips the surrogate: the bias sits inside z too, so its gradient is the "
                     "sum of dZ = dH ⊙ surrogate'(Z), not of dH.", part=1),
        mutates_like("Your function changed dH (or X, Z) in place, e.g. `dH *= ...` or "
                     "`dH[...] = 0`. Compute a new array: `dZ = dH * (...)`."),
    ],
    hint="First dZ = dH ⊙ surrogate'(Z), elementwise, with surrogate'(z) = 1 where |z| ≤ 1 and 0 "
         "elsewhere (a comparison gives True/False, which multiply as 1/0). Then the layer's "
         "gradients, as in the lesson's formula: a matrix product for dW, a sum over the "
         "examples for db.",
    praise="These are the gradients the engine computed for the lesson's straight-through "
           "network: the activation `(binary_step, surrogate_derivative)` puts the surrogate in "
           "the backward pass, and `Dense.backward` does the rest.",
)


# --------------------------------------------------------------------------------------------------
# q4: units that pass no straight-through gradient
# --------------------------------------------------------------------------------------------------

def blocked_fraction(Z):
    """The fraction of a step layer's units through which no straight-through gradient passes:
    |z| > 1 on every example.

    Z: (n, k) pre-activations, one row an example, one column a unit. Returns a float.
    """
    return np.mean(np.all(np.abs(Z) > 1, axis=0))


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n, k = rng.integers(1, 5), rng.integers(1, 9)
    return Case((rng.normal(size=(n, k)) + rng.choice([-2.5, 0.0, 2.5], size=k)).round(1))


q4 = Question(
    "q4", blocked_fraction,
    random_case=_random_q4,
    cases=[
        Case(np.array([[2.0, -2.0, 0.5, 1.0, 0.0],
                       [-3.0, -2.0, 3.0, 2.0, 0.2],
                       [1.5, -5.0, 2.0, -2.0, -0.3],
                       [-1.2, -1.5, 2.0, 3.0, 0.9]]),
             note="4 examples, 5 units"),
        Case(np.array([[3.0, 1.5, -2.0],
                       [2.0, 4.0, -1.5]]), note="2 examples, 3 units"),
        Case(np.array([[0.5, -3.0, 2.0, 1.0],
                       [-0.5, -2.0, 1.5, 1.0],
                       [0.0, -4.0, 3.0, -1.0]]), note="3 examples, 4 units"),
        Case(np.array([[0.1, -0.2, 0.3, 0.4, 0.5, -0.6]]), note="one example, every |z| ≤ 1"),
    ],
    diagnoses=[
        returns_like(lambda Z: np.mean(np.all(np.abs(Z) > 1, axis=1)),
                     "You took the fraction of *examples* (rows) on which every unit is blocked. "
                     "A unit is a column: ask `np.all(..., axis=0)`, down each column."),
        returns_like(lambda Z: np.mean(np.any(np.abs(Z) > 1, axis=0)),
                     "`np.any` counts a unit as blocked if one example has |z| > 1, but the "
                     "other examples still pass it a gradient. Blocked means |z| > 1 on *every* "
                     "example: `np.all`."),
        returns_like(lambda Z: np.mean(np.abs(Z) > 1),
                     "That is the fraction of all entries with |z| > 1, example by example. The "
                     "task counts units that get no gradient from *any* example: `np.all` down "
                     "each column first, then the fraction of units."),
        returns_like(lambda Z: np.sum(np.all(np.abs(Z) > 1, axis=0)),
                     "That is the number of blocked units; the task asks for the fraction of "
                     "all units (divide by their number, or take the mean of the True/False "
                     "values)."),
        returns_like(lambda Z: np.sum(np.all(np.abs(Z) > 1, axis=0)) / len(Z),
                     "You divided by the number of examples (rows). The fraction is of the units, "
                     "the columns: divide by `Z.shape[1]`, or take `np.mean` of the True/False "
                     "values, one per unit."),
        returns_like(lambda Z: np.mean(np.all(Z < -1, axis=0)),
                     "You counted only units with z < −1 on every example, as for a dead ReLU. "
                     "The surrogate is 0 on both sides, so z > 1 blocks the gradient too: "
                     "`np.abs(Z) > 1`."),
        returns_like(lambda Z: np.mean(np.all(Z > 1, axis=0)),
                     "You counted only units with z > 1 on every example. The surrogate is 0 on "
                     "both sides, so z < −1 blocks the gradient too: `np.abs(Z) > 1`."),
        returns_like(lambda Z: np.mean(np.all(np.abs(Z) >= 1, axis=0)),
                     "Where |z| = 1 exactly the surrogate is still 1, so the gradient passes: "
                     "blocked means |z| > 1, strictly."),
        returns_like(lambda Z: 1 - np.mean(np.all(np.abs(Z) > 1, axis=0)),
                     "That is the fraction of units that *do* pass a gradient (on some example). "
                     "The task asks for the others."),
        returns_like(lambda Z: 1.0,
                     "With the true derivative step'(z) = 0 every unit is blocked, yes. The task "
                     "asks about the straight-through surrogate, which is 1 where |z| ≤ 1."),
        mutates_like("Your function changed Z in place (e.g. `Z[...] = ...` or `np.abs(Z, "
                     "out=Z)`). Compute a new array instead."),
    ],
    hint="For each entry: is |z| > 1? Then, for each unit (a column), is that so on every "
         "example (`axis=0`)? The mean of True/False values is the fraction of True.",
    praise="A blocked unit's weights and bias get no update at all, even from the "
           "straight-through estimator: it is stuck, like a dead ReLU (lesson 06) but on both "
           "sides. That happens when the unit's line lies far from every example (a large "
           "bias), or when its weights are so large that the band |z| ≤ 1 around the line is "
           "too thin to hold one.",
)


# --------------------------------------------------------------------------------------------------
# q5: the slope of a steep sigmoid, with a step h you choose
# --------------------------------------------------------------------------------------------------

def steep_slope(x, k):
    """The slope of sigmoid(k x) at every x, estimated by a central difference with a step h you
    choose.

    x: (n,) points; k: the steepness, a positive number. Returns (n,).
    """
    h = 1e-6
    return (sigmoid(k * (x + h)) - sigmoid(k * (x - h))) / (2 * h)


_EPS = float(np.finfo(float).eps)


def _true_slope(x, k):
    return k * sigmoid.grad(k * x)


def _central(x, k, h):
    return (sigmoid(k * (x + h)) - sigmoid(k * (x - h))) / (2 * h)


def _chosen_step(attempt):
    """``(name, h)``: the step the learner chose, a local variable holding a positive number below
    1 (``h``, or the only such variable besides ``x`` and ``k``); ``(None, None)`` if none."""
    found = {name: float(value) for name, value in attempt.locals.items()
             if name not in ("x", "k") and isinstance(value, (int, float, np.integer, np.floating))
             and not isinstance(value, bool) and 0 < value < 1}
    if "h" in found:
        return "h", found["h"]
    if len(found) == 1:
        return next(iter(found.items()))
    return None, None


def _first_zero(x, k, value):
    """``(x, slope)`` at the first point where the estimate is exactly 0 but the slope is not
    small; None if there is none."""
    slope = _true_slope(x, k)
    where = np.flatnonzero((value == 0) & (slope > 1e-3))
    return (float(x[where[0]]), float(slope[where[0]])) if len(where) else None


def _too_small(said, h, k, zero):
    first = f"{said} is too small."
    if zero is not None:
        first += (f" At x = {zero[0]:g} (k = {k:g}) your estimate is exactly 0 where the slope is "
                  f"{zero[1]:.4g}: so close together, x + h and x − h (or σ at those two points) "
                  f"round to the same float, and their difference is 0.")
    return (f"{first} A float carries about 16 significant digits (ε ≈ 2.2e-16), so each "
            f"σ(k(x ± h)) is off by about 1e-16, and dividing their difference by 2h magnifies "
            f"that to about 1e-16 / h ≈ {1e-16 / h:.1g}. Make h larger: around 1e-6 the rounding "
            f"error (about 1e-10) and the formula's own error (about h²) are both tiny.")


def _too_large(said, h, k):
    return (f"{said} too large for k = {k:g}: σ(kx) climbs from 0.1 to 0.9 within "
            f"|x| < {np.log(9) / k:.2g}, and a step of h blurs that. The central difference's "
            f"error grows like h²·k³/48 at x = 0 (here about {h ** 2 * k ** 3 / 48:.2g}). Make h "
            f"much smaller than 1/k = {1 / k:.2g}, e.g. 1e-6.")


def _fitted_step(x, k, value):
    """The h of the central difference whose estimates are the learner's, found at x = 0 (where the
    estimate tanh(kh/2)/(2h) falls as h grows) and confirmed at every point; None if none fits."""
    at_zero = np.flatnonzero(x == 0)
    if not len(at_zero) or not value[at_zero[0]] < k / 4 * (1 - 1e-9):
        return None
    low, high = np.log(1e-9), np.log(1e3)
    for _ in range(200):                     # bisection on log h
        middle = (low + high) / 2
        if _central(0.0, k, np.exp(middle)) > value[at_zero[0]]:
            low = middle
        else:
            high = middle
    h = float(np.exp((low + high) / 2))
    error = np.abs(value - _true_slope(x, k)).max()
    return h if np.allclose(_central(x, k, h), value, rtol=0, atol=0.01 * error) else None


#: The steps learners write: 5e-1, 2e-1, 1e-1, 5e-2, ..., 1e-20.
_ROUND_STEPS = [m * 10.0 ** -e for e in range(1, 21) for m in (5, 2, 1)]


def _round_step(x, k, value):
    """The round h (1e-12, 5e-3, ...) whose central difference gives exactly the learner's
    estimates, as when they wrote it into the formula; None if there is none."""
    for h in _ROUND_STEPS:
        if np.allclose(_central(x, k, h), value, rtol=1e-12, atol=0):
            return h
    return None


def _judged(said, h, x, k, value, zero):
    """The message about the step h (too large, or too small), if the estimates are what it
    explains: the central difference with that h, or rounding error no larger than it can cause."""
    if h > 1e-5 and np.allclose(value, _central(x, k, h), rtol=1e-6, atol=1e-9 * max(1.0, k / 4)):
        return _too_large(f"{said} is", h, k)
    rounding = 4 * (1 + k * np.abs(x)) * _EPS / h     # the most rounding can do with this h
    if h < 1e-9 and np.all(np.abs(value - _true_slope(x, k)) <= rounding):
        return _too_small(said, h, k, zero)
    return None


def _step_size(attempt):
    """h too small (rounding error, or x ± h rounding to x) or too large (a step that blurs a steep
    curve): judged from the learner's own h where they named it, else from their estimates. Fires
    only when the estimates are what that h explains."""
    if attempt.problem != "values":
        return None
    (x, k), value = attempt.args, np.asarray(attempt.value, dtype=float)
    if value.shape != np.shape(x) or not np.all(np.isfinite(value)):
        return None
    zero = _first_zero(x, k, value)
    name, h = _chosen_step(attempt)
    if h is not None:
        return _judged(f"Your step {name} = {h:g}", h, x, k, value, zero)
    if zero is not None:
        return (f"At x = {zero[0]:g} (k = {k:g}) your estimate is exactly 0 where the slope is "
                f"{zero[1]:.4g}: the two values you subtract are the same float. Is h so small "
                f"that x + h rounds to x (or σ(k(x + h)) to σ(k(x − h)))? A float carries about "
                f"16 significant digits; around h = 1e-6 both rounding and the formula's own "
                f"error are tiny.")
    h = _round_step(x, k, value)
    if h is not None:
        return _judged(f"Your estimates are exactly those of a central difference with h = {h:g}, "
                       f"and that step", h, x, k, value, zero)
    h = _fitted_step(x, k, value)
    if h is not None and h > 1e-5:
        return _too_large(f"Your estimates are a central difference with h ≈ {h:.2g}, which is",
                          h, k)
    return None


def _one_sided_step(attempt):
    """A forward or backward difference, with the learner's own h."""
    if attempt.problem != "values":
        return None
    (x, k), value = attempt.args, np.asarray(attempt.value, dtype=float)
    name, h = _chosen_step(attempt)
    if h is None or value.shape != np.shape(x):
        return None
    scale = max(1.0, k / 4)
    if np.allclose(value, _central(x, k, h), rtol=1e-6, atol=1e-9 * scale):
        return None                          # a central difference after all (h is tiny)
    for formula, side in (((sigmoid(k * (x + h)) - sigmoid(k * x)) / h, "forward"),
                          ((sigmoid(k * x) - sigmoid(k * (x - h))) / h, "backward")):
        if np.allclose(value, formula, rtol=1e-6, atol=1e-9 * scale):
            shown = "(σ(k(x + h)) − σ(kx)) / h" if side == "forward" else \
                "(σ(kx) − σ(k(x − h))) / h"
            return _ONE_SIDED.format(formula=f"{shown}, the {side} difference")
    return None


def _random_q5(rng):
    """A random case for grading, never shown to the learner."""
    k = float(rng.choice([1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0]))
    return Case(np.sort(rng.uniform(-3, 3, size=rng.integers(1, 8)) / k).round(3), k, rtol=1e-5)


q5 = Question(
    "q5", steep_slope,
    random_case=_random_q5,
    cases=[
        Case(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), 1.0, rtol=1e-5, note="k = 1, σ itself"),
        Case(np.array([-0.5, -0.1, 0.0, 0.1, 0.5]), 16.0, rtol=1e-5, note="k = 16"),
        Case(np.array([-0.05, -0.01, 0.0, 0.01, 0.05]), 64.0, rtol=1e-5,
             note="k = 64: the slope is 16 at x = 0 and about 2 at x = ±0.05"),
    ],
    diagnoses=[
        returns_like(lambda x, k: sigmoid.grad(k * x),
                     "Your slope is k times too small: it is σ'(kx), the slope with respect to "
                     "kx. Moving x by h moves kx by k·h (the chain rule), so step x itself: "
                     "σ(k(x + h)) − σ(k(x − h)), over 2h."),
        returns_like(lambda x, k: sigmoid.grad(x),
                     "That is the slope of σ(x): k is missing. The function here is σ(kx), "
                     "`sigmoid(k * x)`."),
        returns_like(lambda x, k: 2 * k * sigmoid.grad(k * x),
                     "Your slopes are twice too large: x + h and x − h are 2h apart, so divide "
                     "their difference by 2h, `(2 * h)`."),
        _step_size,
        _one_sided_step,
        mutates_like("Your function changed x in place (e.g. `x += h`). Compute `x + h` and "
                     "`x - h` as new arrays."),
    ],
    hint="Task 1's formula with f(x) = σ(kx): `sigmoid(k * (x + h))`. The whole task is the "
         "choice of h: too large and the difference blurs the steep curve, too small and "
         "rounding error takes over. Try a few values on the k = 64 case and compare with "
         "k·σ'(kx).",
    praise="The best h balances the two errors: the formula's, which grows like h², and "
           "rounding's, which grows like ε/h. For a curve that changes on a scale of 1, "
           "h ≈ 1e-5 to 1e-6 is the classic choice for central differences; for σ(kx), whose "
           "scale is 1/k, h must be small compared with 1/k as well. The lesson's check used "
           "h = 1e-6.",
)

questions = (q1, q2, q3, q4, q5)
