"""Exercise set 08, softmax: a softmax along any axis that never overflows, log-sum-exp, the full
softmax Jacobian, and the gradient of the mean cross-entropy with respect to the scores.

Used by ``exercises/08_softmax.ipynb``::

    from actlab.exercises import ex08
    ex08.q1.check(stable_softmax)
    ex08.q1.hint()
    ex08.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.

Tasks 1 and 2 are about formulas that are right on paper and wrong in floating point: their
diagnoses of the naive formulas (:func:`~actlab.exercises.checking.warns_and_returns_like`) compare
the warnings too, not only the values.
"""

import numpy as np

from actlab import logsumexp as _library_logsumexp
from actlab import softmax
from actlab.exercises.checking import (Case, Question, mutates_like, returns_like,
                                       warns_and_returns_like)

_rng = np.random.default_rng(8)


def _random_scores(rng, shape):
    """Random scores of ``shape``: moderate, or large enough that a naive exp overflows."""
    return rng.normal(scale=rng.choice([1.0, 5.0, 400.0]), size=shape)


# --------------------------------------------------------------------------------------------------
# q1: a stable softmax along an axis
# --------------------------------------------------------------------------------------------------

def stable_softmax(z, axis):
    """softmax of the scores z along ``axis``, without an overflow for any finite scores.

    z: an array of scores (float64 or float32); axis: the axis that holds one distribution.
    Returns an array of the shape and dtype of z, whose slices along ``axis`` sum to 1.
    """
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))    # the largest exponent is 0
    return e / np.sum(e, axis=axis, keepdims=True)


def _softmax_over(z, axis):
    """The right softmax along ``axis`` (None: the whole array). The wrong formulas below must not
    call the reference, which a graded release withholds."""
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def _naive_softmax(z, axis):
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def _max_without_keepdims(z, axis):
    e = np.exp(z - np.max(z, axis=axis))
    return e / np.sum(e, axis=axis, keepdims=True)


def _sum_without_keepdims(z, axis):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis)


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    shape = tuple(int(n) for n in rng.integers(2, 6, size=rng.integers(1, 3)))
    z = _random_scores(rng, shape)
    return Case(z, int(rng.integers(-len(shape), len(shape))))


_KEEPDIMS = ("A max or a sum with `axis=axis` but without `keepdims=True` drops the axis it "
             "reduces over: for scores of shape (2, 3) and axis=1 it has shape (2,), and numpy "
             "lines that up with the *last* axis of z, of length 3, so the shapes do not fit "
             "(and where they happen to, each row would get another row's maximum or sum). Keep "
             "the axis, with length 1: `np.max(z, axis=axis, keepdims=True)` and "
             "`np.sum(e, axis=axis, keepdims=True)` have shape (2, 1), which broadcasts along "
             "each row.")

q1 = Question(
    "q1", stable_softmax,
    random_case=_random_q1,
    cases=[
        Case(np.array([1.0, 2.0, 3.0]), 0, note="the lesson's scores (1, 2, 3)"),
        Case(np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]), 1,
             note="a batch: 2 examples × 3 classes, one distribution per row (axis=1)"),
        Case(np.array([[2.0, -1.0], [0.0, 3.0], [1.0, 1.0]]), 0,
             note="one distribution per column (axis=0)"),
        Case(np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -1002.0]]), -1,
             note="large scores: exp(1000) overflows, exp(−1000) is 0"),
        Case(np.array([100.0, 90.0, 80.0], dtype=np.float32), 0,
             note="float32, whose exp overflows past 88.72"),
    ],
    diagnoses=[
        warns_and_returns_like(
            _naive_softmax,
            "That is the textbook formula exp(z) / Σ exp(z) without the shift. For the scores "
            "(1000, 1001, 999), exp(1000) overflows to inf and inf/inf is NaN (the lesson's "
            "[nan, nan]); in float32 it already overflows past z = 88.72. Subtract each "
            "distribution's largest score first: softmax(z − max z) = softmax(z), and then the "
            "largest exponent is 0."),
        returns_like(lambda z, axis: z / np.sum(z, axis=axis, keepdims=True),
                     "You divided each score by the sum of the scores: that is the source "
                     "article's mistake, not softmax. Softmax exponentiates first, "
                     "exp(z) / Σ exp(z), so every output is positive: for (1, 2, 3) it gives "
                     "(0.0900, 0.2447, 0.6652), not (0.167, 0.333, 0.5); and with a negative "
                     "score the ratio even goes below 0."),
        returns_like(_max_without_keepdims, _KEEPDIMS),
        returns_like(_sum_without_keepdims, _KEEPDIMS),
        returns_like(lambda z, axis: _softmax_over(z, -1),
                     "Your function always normalises along the last axis, whatever `axis` "
                     "says: for axis=0 each *column* must sum to 1. Pass `axis=axis` to the max "
                     "and to the sum."),
        returns_like(lambda z, axis: _softmax_over(z, 0),
                     "Your function always normalises along axis 0 (down the columns), whatever "
                     "`axis` says: for axis=1 each *row* must sum to 1. Pass `axis=axis` to the "
                     "max and to the sum."),
        returns_like(lambda z, axis: _softmax_over(z, None),
                     "Your outputs sum to 1 over the *whole array*, not along `axis`: a max or a "
                     "sum without `axis=` reduces over every element. Each example (each slice "
                     "along `axis`) is its own distribution: `np.sum(e, axis=axis, "
                     "keepdims=True)`."),
        mutates_like("Your function changed z in place (e.g. `z -= z.max(...)`), so the caller's "
                     "scores are different afterwards. Compute a new array: `z - np.max(...)`."),
    ],
    hint="Subtract each distribution's largest score before exponentiating, "
         "`z - np.max(z, axis=axis, keepdims=True)`: softmax does not change, and no exponent is "
         "above 0. Then divide by the sum along the same axis, again with `keepdims=True`.",
    vectorised=Case(_rng.normal(size=(1000, 10)), 1, note="1,000 examples × 10 classes"),
    praise="Shift invariance makes the stable form exact, not an approximation: "
           "softmax(z − max z) = softmax(z). `keepdims=True` keeps the reduced axis with length "
           "1, so the max and the sum broadcast along the right axis for any shape. The "
           "library's `softmax(z, axis=...)` does the same (see `help(softmax)`).",
)


# --------------------------------------------------------------------------------------------------
# q2: log-sum-exp
# --------------------------------------------------------------------------------------------------

def logsumexp(z):
    """log(sum(exp(z))) over the last axis of z, without an overflow or a log of 0.

    z: an array of scores of shape (..., n). Returns an array of shape (...): one number per
    vector of n scores.
    """
    m = np.max(z, axis=-1)
    return m + np.log(np.sum(np.exp(z - m[..., None]), axis=-1))


def _naive_lse(z):
    return np.log(np.sum(np.exp(z), axis=-1))


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    shape = tuple(int(n) for n in rng.integers(2, 6, size=rng.integers(1, 3)))
    return Case(_random_scores(rng, shape))


q2 = Question(
    "q2", logsumexp,
    random_case=_random_q2,
    cases=[
        Case(np.array([1.0, 2.0, 3.0]), note="the lesson's scores (1, 2, 3)"),
        Case(np.array([[0.0, -1000.0], [1000.0, 1000.0], [2.0, 1.0]]),
             note="3 vectors of 2 scores; exp(1000) overflows"),
        Case(np.array([[-1000.0, -1001.0, -1002.0]]),
             note="very negative scores: every exp(z) underflows to 0"),
        Case(np.array([[100.0, 90.0, 80.0, 0.0]], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        warns_and_returns_like(
            _naive_lse,
            "That is log(Σ exp(z)) as written: exp(1000) overflows to inf (so LSE = inf), and "
            "for scores near −1000 every exp underflows to 0 and log(0) = −inf, where the answer "
            "is about −999.6. Take the largest score m out first: "
            "LSE(z) = m + log Σ exp(z − m)."),
        returns_like(lambda z: np.log(np.sum(np.exp(z - np.max(z, axis=-1, keepdims=True)),
                                             axis=-1)),
                     "You shifted the scores by their maximum m but did not add it back: "
                     "log Σ exp(z − m) = LSE(z) − m. Shifting is free for softmax, but LSE moves "
                     "with it, LSE(z + b) = LSE(z) + b: add m to the result."),
        returns_like(lambda z: np.max(z, axis=-1),
                     "That is the maximum alone: LSE is a *smooth* maximum, between max z and "
                     "max z + log n. Add log Σ exp(z − max z), which is 0 only when one score is "
                     "far above the others."),
        returns_like(lambda z: _library_logsumexp(z) - np.log(z.shape[-1]),
                     "You averaged the exponentials instead of summing them: log mean exp(z) = "
                     "LSE(z) − log n. LSE sums: `np.sum(..., axis=-1)`."),
        returns_like(lambda z: _library_logsumexp(z, keepdims=True),
                     "Your result kept the reduced axis (shape (..., 1)): LSE gives one number per "
                     "vector of scores, shape (...). Drop `keepdims=True` from the final sum, or "
                     "take `[..., 0]`."),
        returns_like(lambda z: _library_logsumexp(z.reshape(-1)),
                     "You summed over every score in the array at once (a max or sum without "
                     "`axis=`): LSE is taken over the last axis, one number per vector. Use "
                     "`axis=-1` in the max and the sum."),
        mutates_like("Your function changed z in place (e.g. `z -= m`), so the caller's scores "
                     "are different afterwards. Compute a new array: `z - m`."),
    ],
    hint="With m = the largest score of each vector (`np.max(z, axis=-1)`), "
         "Σ exp(z) = exp(m) · Σ exp(z − m), so LSE(z) = m + log Σ exp(z − m). The largest "
         "z − m is 0: no overflow, and the sum is at least 1, so never log 0. To subtract m from "
         "each vector, give it its axis back: `m[..., None]`.",
    vectorised=Case(_rng.normal(size=(1000, 10)), note="1,000 vectors of 10 scores"),
    praise="max z ≤ LSE(z) ≤ max z + log n: the largest term alone gives the lower bound, n equal "
           "terms the upper. Log-softmax is z − LSE(z), which is how the library and every "
           "framework compute cross-entropy without ever forming a probability that rounds to 0.",
)


# --------------------------------------------------------------------------------------------------
# q3: the softmax Jacobian
# --------------------------------------------------------------------------------------------------

def softmax_jacobian(z):
    """The Jacobian J[i, j] = ∂p_i/∂z_j of p = softmax(z), for one vector z of n scores.

    z: an array of shape (n,). Returns an array of shape (n, n).
    """
    p = softmax(z)
    return np.diag(p) - np.outer(p, p)


def _jacobian_like(build):
    """A wrong Jacobian from p = softmax(z)."""
    def wrong(z):
        return build(softmax(z))
    return wrong


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    return Case(rng.normal(scale=2.0, size=int(rng.integers(2, 7))))


q3 = Question(
    "q3", softmax_jacobian,
    random_case=_random_q3,
    cases=[
        Case(np.array([2.0, 1.0, 0.1]), note="the lesson's scores (2, 1, 0.1)"),
        Case(np.array([0.0, 0.0, 0.0, 0.0]), note="4 equal scores: p = 1/4 each"),
        Case(np.array([-1.0, 3.0, 0.5, 2.0, -2.0]), note="5 scores"),
        Case(np.array([1000.0, 1001.0]), note="large scores"),
    ],
    diagnoses=[
        returns_like(_jacobian_like(lambda p: np.diag(p * (1 - p))),
                     "Only the diagonal: you treated softmax like the sigmoid, as if p_i depended "
                     "on z_i alone. It depends on every score, because the outputs share one "
                     "denominator: ∂p_i/∂z_j = −p_i p_j for i ≠ j. The full Jacobian is "
                     "diag(p) − p pᵀ (`np.outer(p, p)`)."),
        returns_like(_jacobian_like(lambda p: p * (1 - p)),
                     "p(1 − p) is only the diagonal, as a vector: softmax maps n scores to n "
                     "probabilities, so its derivative is an n × n matrix, "
                     "J = diag(p) − p pᵀ; the off-diagonal entries −p_i p_j say that raising one "
                     "score lowers every other probability."),
        returns_like(_jacobian_like(lambda p: np.diag(p) + np.outer(p, p)),
                     "Sign of p pᵀ: ∂p_i/∂z_j = p_i δ_ij − p_i p_j. Raising z_j *lowers* every "
                     "other probability (they must still sum to 1), so the off-diagonal entries "
                     "are negative, and each row sums to 0."),
        returns_like(_jacobian_like(lambda p: np.outer(p, p) - np.diag(p)),
                     "Your matrix is −J: the diagonal must be positive (raising z_i raises p_i): "
                     "J = diag(p) − p pᵀ, not p pᵀ − diag(p)."),
        returns_like(_jacobian_like(lambda p: -np.outer(p, p)),
                     "The diagonal term is missing: ∂p_i/∂z_i = p_i − p_i² = p_i(1 − p_i), so "
                     "J = diag(p) − p pᵀ. Your −p pᵀ alone has a negative diagonal."),
        returns_like(_jacobian_like(lambda p: np.diag(p) - p * p),
                     "`p * p` multiplies element by element (a vector of p_i²), which numpy then "
                     "subtracts from every row of diag(p). The product p_i p_j of every pair is "
                     "the outer product: `np.outer(p, p)` (or `p[:, None] * p[None, :]`)."),
        returns_like(_jacobian_like(lambda p: np.diag(p) - p @ p),
                     "`p @ p` is a dot product, one number Σ p_i²; you subtracted it from every "
                     "entry. The product p_i p_j of every pair is the outer product: "
                     "`np.outer(p, p)`."),
        mutates_like("Your function changed z in place, so the caller's scores are different "
                     "afterwards. Compute new arrays instead."),
    ],
    hint="Differentiate p_i = e^{z_i} / S, with S = Σ_k e^{z_k} and ∂S/∂z_j = e^{z_j}: the "
         "quotient rule gives p_i δ_ij − p_i p_j. In numpy, δ_ij p_i is `np.diag(p)` and p_i p_j "
         "is `np.outer(p, p)`. The library's `softmax` gives p without overflow.",
    praise="J = diag(p) − p pᵀ is symmetric, its rows sum to 0 (J·1 = 0: a shift of every score "
           "changes nothing), it is positive semi-definite with largest eigenvalue at most 1/2. "
           "The library's `softmax_jacobian` is this matrix, for a batch of vectors at once.",
)


# --------------------------------------------------------------------------------------------------
# q4: the gradient of cross-entropy with respect to the scores
# --------------------------------------------------------------------------------------------------

def cross_entropy_grad(Z, labels):
    """The gradient of the mean cross-entropy over a batch with respect to the scores Z.

    Z: (n, k) scores, one row per example; labels: (n,) integer classes 0 to k − 1. The loss is
    L = −(1/n) Σ_i log softmax(Z[i])[labels[i]]. Returns ∂L/∂Z, of shape (n, k).
    """
    P = softmax(Z, axis=1)
    P[np.arange(len(labels)), labels] -= 1     # p − y: y is 1 at each example's class
    return P / len(labels)


def _one_hot(labels, k):
    return np.eye(k)[labels]


def _grad_like(build):
    """A wrong gradient from P = softmax(Z, axis=1), the one-hot Y and n."""
    def wrong(Z, labels):
        return build(softmax(Z, axis=1), _one_hot(labels, Z.shape[1]), len(labels))
    return wrong


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n, k = int(rng.integers(1, 7)), int(rng.integers(2, 6))
    return Case(_random_scores(rng, (n, k)), rng.integers(0, k, size=n))


q4 = Question(
    "q4", cross_entropy_grad,
    random_case=_random_q4,
    cases=[
        Case(np.array([[2.0, 1.0, 0.1]]), np.array([2]),
             note="one example, scores (2, 1, 0.1), class 2"),
        Case(np.array([[2.0, 1.0, 0.1], [0.5, 0.5, 0.5], [-1.0, 2.0, 0.0], [0.0, 0.0, 4.0]]),
             np.array([0, 2, 1, 2]), note="4 examples, 3 classes"),
        Case(np.array([[1000.0, 0.0, -1000.0, 5.0], [3.0, -2.0, 1.0, 0.0]]), np.array([1, 3]),
             note="2 examples, 4 classes, large scores"),
    ],
    diagnoses=[
        returns_like(_grad_like(lambda P, Y, n: P - Y),
                     "That is p − y for each example, but the loss is the *mean* over the n "
                     "examples, so every gradient carries a factor 1/n: (P − Y)/n. (The engine's "
                     "`softmax_cross_entropy.grad` divides too, as PyTorch's mean loss does.)"),
        returns_like(_grad_like(lambda P, Y, n: (Y - P) / n),
                     "Sign: ∂L/∂z = p − y, not y − p. Check with the right class: raising its "
                     "score lowers the loss, so the gradient there must be negative, p_c − 1 < 0."),
        returns_like(_grad_like(lambda P, Y, n: P / n),
                     "The target is missing: ∂L/∂z = p − y. From L = −z_c + LSE(z), the LSE "
                     "term gives p, and −z_c gives −1 at the example's class."),
        returns_like(_grad_like(lambda P, Y, n: -Y / (P * n)),
                     "−y/p is the gradient with respect to the probabilities p, not the scores "
                     "z. Carry it through the softmax Jacobian, Jᵀ(−y/p) = p − y: the 1/p "
                     "cancels, which is why the gradient stays bounded."),
        returns_like(lambda Z, labels: (softmax(Z, axis=1) - labels[:, None]) / len(labels),
                     "You subtracted the label numbers themselves, as a column: y is *one-hot*, "
                     "1 at the example's class and 0 elsewhere. Subtract 1 only at "
                     "`P[np.arange(n), labels]`."),
        returns_like(lambda Z, labels: (softmax(Z, axis=0) - _one_hot(labels, Z.shape[1]))
                     / len(labels),
                     "Your softmax normalises each *column* (over the examples): each example's "
                     "row of k scores is one distribution, `softmax(Z, axis=1)`."),
        mutates_like("Your function changed Z in place, so the caller's scores are different "
                     "afterwards. Work on the probabilities `softmax(Z, axis=1)`, a new array."),
    ],
    hint="Per example, L = −log p_c = −z_c + LSE(z), and ∂LSE/∂z_j = p_j: the gradient is p − y "
         "with y one-hot. For the mean over n examples, divide by n. Subtract the 1s with "
         "`P[np.arange(n), labels] -= 1`.",
    vectorised=Case(_rng.normal(size=(1000, 10)), _rng.integers(0, 10, size=1000),
                    note="1,000 examples × 10 classes"),
    praise="(P − Y)/n is the whole backward pass through softmax and cross-entropy: no "
           "exponential, no Jacobian, no division by a probability. Its entry at the right class "
           "is (p_c − 1)/n, far from 0 while the prediction is wrong.",
)

questions = (q1, q2, q3, q4)
