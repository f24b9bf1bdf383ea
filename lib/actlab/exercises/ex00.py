"""Exercise set 00, the warm-up: the numpy a neuron needs (weighted sum, ReLU, a dense layer).

Used by ``exercises/00_warmup.ipynb``::

    from actlab.exercises import ex00
    ex00.q2.check(relu)
    ex00.q2.hint()
    ex00.q2.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab.exercises.checking import (Case, Question, mutates_like, raises_like,
                                       returns_like)

_rng = np.random.default_rng(0)


def _inner_dimensions(explanation):
    """A diagnosis for any matrix product whose inner sizes do not match (np.matmul or np.dot): the
    fallback after the wrong formulas, which name the mistake when they recognise it."""
    def diagnose(attempt):
        text = str(attempt.error)
        if isinstance(attempt.error, ValueError) and ("matmul" in text or "not aligned" in text):
            return explanation
        return None
    return diagnose


# --------------------------------------------------------------------------------------------------
# q1: one neuron, a batch of examples
# --------------------------------------------------------------------------------------------------

def weighted_sum(X, w, b):
    """Pre-activation z = X·w + b of one neuron for a batch of examples.

    X: (n, d) one example per row; w: (d,) one weight per input; b: a number.
    Returns z: (n,), one weighted sum per example.
    """
    return X @ w + b


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    n, d = rng.integers(1, 6, size=2)
    return Case(rng.normal(size=(n, d)).round(2), rng.normal(size=d).round(2),
                round(rng.normal(), 2))


q1 = Question(
    "q1", weighted_sum,
    random_case=_random_q1,
    cases=[
        Case(np.array([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]]), np.array([0.5, -1.0]), 0.25,
             note="n = 3 examples, d = 2 inputs"),
        Case(np.array([[0.5, -1.0, 2.0, 0.0]]), np.array([1.0, 2.0, 0.5, -3.0]), -1.0,
             note="a batch of one example"),
        Case(np.array([[1, 0, 2], [0, 3, 1], [4, 1, 0], [2, 2, 2]]), np.array([0.5, -0.25, 0.1]),
             0.5, note="integer inputs, float weights"),
        Case(np.array([[1.0, 2.0, 0.0], [0.0, 1.0, -1.0], [2.0, 0.0, 1.0]]),
             np.array([1.0, -2.0, 0.5]), 0.0, note="as many examples as inputs (n = d = 3)"),
    ],
    diagnoses=[
        returns_like(lambda X, w, b: X @ w,
                     "Your weighted sums are right but the bias is missing: add `b`."),
        returns_like(lambda X, w, b: w @ X + b,
                     "You computed `w @ X`, which combines the examples (the rows) instead of the "
                     "inputs of each example. Each example is a row of X: use `X @ w`."),
        returns_like(lambda X, w, b: X * w + b,
                     "You multiplied each input by its weight (`X * w`, shape (n, d)) but did not add "
                     "the products up: sum over the inputs with `X @ w` or `(X * w).sum(axis=1)`."),
        returns_like(lambda X, w, b: (X * w).sum(axis=0) + b,
                     "You summed over axis 0, down the examples. The inputs of one example run along "
                     "axis 1: `(X * w).sum(axis=1)`, or simply `X @ w`."),
        returns_like(lambda X, w, b: np.sum(X * w) + b,
                     "You added up every product in the whole batch (`np.sum` without an axis gives "
                     "one number). Each example needs its own sum: `(X * w).sum(axis=1)` or `X @ w`."),
        returns_like(lambda X, w, b: (X @ w + b)[:, None],
                     "You returned a column of shape (n, 1). With w of shape (d,), `X @ w` is already "
                     "(n,): do not reshape w into a column (or flatten the result with `.ravel()`)."),
        returns_like(lambda X, w, b: (X @ w + b).astype(X.dtype),
                     "The fractions were cut off: your result array has an integer dtype. "
                     "`np.zeros_like(X[:, 0])` makes integer storage when X holds integers; "
                     "`X @ w + b` gives floats directly."),
        _inner_dimensions(
            "The sizes in a matrix product must meet in the middle: X is (n, d) and w is (d,), so "
            "`X @ w` works, (n, d) @ (d,) → (n,). `w @ X` or `X.T @ w` pair the wrong axes."),
        mutates_like("An update such as `X *= w` or `X += b` writes into the caller's array. "
                     "`X * w` creates a new one."),
    ],
    hint="A neuron sees one example, a row `x` of X, and computes `w[0]*x[0] + ... + w[d-1]*x[d-1] + "
         "b`. The matrix product `X @ w` computes that sum for every row at once: (n, d) @ (d,) → "
         "(n,). The bias is a number, and numpy adds it to every entry.",
    vectorised=Case(_rng.normal(size=(10_000, 3)), np.array([0.3, -0.2, 0.5]), 0.1,
                    note="10,000 examples"),
    praise="`X @ w + b` is how every layer of a network starts: one matrix product for the whole "
           "batch.",
)


# --------------------------------------------------------------------------------------------------
# q2: ReLU, elementwise
# --------------------------------------------------------------------------------------------------

def relu(x):
    """ReLU, elementwise: relu(x) = max(x, 0), for an array of any shape; keeps x's dtype."""
    return np.maximum(x, 0)


def _mask_instead_of_values(attempt):
    x = attempt.args[0]
    if np.asarray(attempt.value).dtype == bool and attempt.returned(x > 0):
        return ("`x > 0` is the mask of positive entries (it is the step function), not ReLU. "
                "ReLU keeps the positive values themselves: `np.maximum(x, 0)`, or "
                "`np.where(x > 0, x, 0)`.")
    return None


def _float64_from_float32(attempt):
    value = attempt.value
    if (attempt.problem == "dtype" and isinstance(value, np.ndarray)
            and value.dtype == np.float64 and attempt.expected.dtype == np.float32):
        return ("Combining x with a float64 array (`np.zeros(x.shape)` or `np.zeros(len(x))` is "
                "float64) promotes the result to float64. Compare with the plain number 0 instead: "
                "`np.maximum(x, 0)` keeps float32.")
    return None


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    shape = rng.integers(1, 5, size=rng.integers(1, 4))
    dtype = np.float32 if rng.random() < 0.5 else np.float64
    return Case((2 * rng.normal(size=shape)).round(2).astype(dtype))


q2 = Question(
    "q2", relu,
    random_case=_random_q2,
    cases=[
        Case(np.array([-2.0, -0.5, 0.0, 0.5, 3.0]), note="including the kink x = 0"),
        Case(np.array([[1.5, -1.0, 0.0, 2.0], [-3.0, 4.0, -0.25, 0.0], [0.0, -2.0, 7.0, -8.0]]),
             note="a 2-D array: any shape must work"),
        Case(np.array([[[-1.0, 2.0], [0.5, -0.5]], [[3.0, -3.0], [0.0, 1.0]]]),
             note="a 3-D array"),
        Case(np.array([-1.5, 0.0, 2.5, -0.1], dtype=np.float32), note="float32 input"),
    ],
    diagnoses=[
        raises_like(ValueError, "truth value",
                    "Python's `max(v, 0)` and `if v > 0:` work on one number at a time; given an "
                    "array (a whole row of a 2-D x, say) they cannot decide. `np.maximum(x, 0)` "
                    "compares every element at once, for any shape."),
        returns_like(lambda x: np.max(x, 0),
                     "`np.max(x, 0)` is a reduction: the largest value along axis 0. The "
                     "elementwise maximum of x and 0 is `np.maximum(x, 0)`."),
        _mask_instead_of_values,
        returns_like(lambda x: np.where(x > 0, 1.0, 0.0),
                     "Those 0/1 values are the derivative of ReLU (or the step function). ReLU "
                     "keeps the positive values themselves: `np.maximum(x, 0)`."),
        returns_like(lambda x: np.minimum(x, 0),
                     "You kept the negative part and zeroed the positive one: ReLU is the maximum "
                     "of x and 0, `np.maximum(x, 0)`."),
        returns_like(lambda x: np.abs(x),
                     "That is |x|: negative inputs must become 0, not change sign."),
        _float64_from_float32,
        mutates_like("`x[x < 0] = 0` (or `np.maximum(x, 0, out=x)`) writes zeros into the caller's "
                     "array, which the caller may still need. Return a new array: "
                     "`np.maximum(x, 0)`, or work on `x.copy()`."),
    ],
    hint="numpy has an elementwise maximum that compares every entry with 0 at once and works for "
         "any shape: look up `np.maximum` (not `np.max`, which finds the largest entry).",
    vectorised=Case(_rng.normal(size=10_000), note="10,000 numbers"),
    praise="`np.maximum(x, 0)` is also what the course library's `actlab.relu` computes.",
)


# --------------------------------------------------------------------------------------------------
# q3: a dense layer, a batch of examples
# --------------------------------------------------------------------------------------------------

def dense_forward(X, W, b):
    """A dense layer's pre-activations Z = X W + b for a batch.

    X: (n, d_in) one example per row; W: (d_in, d_out), column j holds the weights of unit j;
    b: (d_out,) one bias per unit. Returns Z: (n, d_out), one row per example.
    """
    return X @ W + b


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    n, d_in, d_out = rng.integers(1, 6, size=3)
    return Case(rng.normal(size=(n, d_in)).round(2), rng.normal(size=(d_in, d_out)).round(2),
                rng.normal(size=d_out).round(2))


q3 = Question(
    "q3", dense_forward,
    random_case=_random_q3,
    cases=[
        Case(np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]]),
             np.array([[0.5, -1.0, 0.0, 2.0], [1.0, 0.5, -0.5, 0.0], [0.0, 2.0, 1.0, -1.0]]),
             np.array([0.1, 0.0, -0.2, 0.5]), note="n = 2, d_in = 3, d_out = 4"),
        Case(np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]]), np.array([[1.0, -2.0], [0.5, 3.0]]),
             np.array([0.0, 1.0]), note="d_in = d_out = 2, so a transposed W still fits"),
        Case(np.array([[0.5, -1.0, 2.0]]), np.array([[1.0, 0.0], [-1.0, 2.0], [0.5, 0.5]]),
             np.array([-0.5, 0.25]), note="a batch of one example"),
        Case(np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 2.0], [2.0, -2.0, 1.0]]),
             np.array([[1.0, 0.0, -1.0, 0.5], [0.0, 1.0, 0.5, -1.0], [2.0, -1.0, 0.0, 1.0]]),
             np.array([1.0, -1.0, 0.5, 0.0]), note="n = d_out = 4"),
    ],
    diagnoses=[
        returns_like(lambda X, W, b: X * W + b,
                     "`X * W` multiplies elementwise, which needs matching shapes. A dense layer "
                     "needs the matrix product `X @ W`."),
        returns_like(lambda X, W, b: X @ W,
                     "The products are right but the bias is missing: add `b`."),
        returns_like(lambda X, W, b: X @ W.T + b,
                     "You used the transposed weights. Here W has shape (d_in, d_out): row i holds "
                     "the weights leaving input i, column j those entering unit j. `X @ W` pairs "
                     "each example's d_in inputs with W's d_in rows; `X @ W.T` would need W stored "
                     "as (d_out, d_in), the layout of PyTorch's nn.Linear."),
        returns_like(lambda X, W, b: (X @ W + b).T,
                     "You returned the transpose, (d_out, n): keep one row per example, "
                     "`X @ W + b`."),
        returns_like(lambda X, W, b: X @ W + b[:, None],
                     "The bias went along the wrong axis: b has one entry per unit, i.e. per "
                     "column of the result. `X @ W + b` broadcasts it across the rows by itself."),
        returns_like(lambda X, W, b: np.maximum(X @ W + b, 0),
                     "You applied ReLU. `dense_forward` is only the affine part Z = XW + b; the "
                     "activation comes after it, as a separate step."),
        _inner_dimensions(
            "The sizes in a matrix product must meet in the middle: X is (n, d_in) and W is "
            "(d_in, d_out), so `X @ W` works, (n, d_in) @ (d_in, d_out) → (n, d_out). `W @ X` and "
            "`X @ W.T` pair the wrong axes."),
        mutates_like("Something like `W += b` or `X *= ...` changed the caller's array. Build the "
                     "result as a new array: `X @ W + b`."),
    ],
    hint="Each of the d_out units does what q1 did, with its own column of W and its own entry of "
         "b. The matrix product does all units for all examples at once: (n, d_in) @ (d_in, d_out) "
         "→ (n, d_out); then b, of shape (d_out,), is added to every row by broadcasting.",
    vectorised=Case(_rng.normal(size=(10_000, 3)), _rng.normal(size=(3, 2)), np.array([0.1, -0.1]),
                    note="10,000 examples"),
    praise="The same line, `X @ W + b`, is every dense layer of the network in lesson 11.",
)

questions = (q1, q2, q3)
