"""Exercise set 04, the sigmoid: a sigmoid that never overflows, its slope from its outputs, the one
sign of a per-example weight gradient, the gradient of cross-entropy with respect to the score, and
log σ computed stably.

Used by ``exercises/04_sigmoid.ipynb``::

    from actlab.exercises import ex04
    ex04.q1.check(stable_sigmoid)
    ex04.q1.hint()
    ex04.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.

Tasks 1 and 5 are about formulas that are right on paper and wrong in floating point: a naive
formula often returns the right numbers *and* a RuntimeWarning. Their diagnoses
(:func:`~actlab.exercises.checking.warns_and_returns_like`) therefore compare the warnings too,
not only the values.
"""

import numpy as np

from actlab import sigmoid
from actlab.exercises.checking import (Case, Question, mutates_like, raises_like, returns_like,
                                       warns_and_returns_like)

_rng = np.random.default_rng(4)

def _random_elementwise(rng):
    """A random array for an elementwise task: any shape, |x| up to about 1000, float64 or 32."""
    shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 3)))
    x = rng.normal(scale=rng.choice([1.0, 30.0, 1000.0]), size=shape)
    return x.astype(np.float32 if rng.random() < 0.5 else np.float64)


# --------------------------------------------------------------------------------------------------
# q1: a sigmoid that never overflows
# --------------------------------------------------------------------------------------------------

def stable_sigmoid(x):
    """σ(x) = 1 / (1 + exp(-x)), elementwise, without an overflow for any x.

    x: an array of any shape, float64 or float32. Returns an array of the same shape and dtype.
    """
    e = np.exp(-np.abs(x))                    # at most 1: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _naive(x):
    return 1 / (1 + np.exp(-x))


def _naive_positive(x):
    return np.exp(x) / (1 + np.exp(x))


def _nan_at_infinity(attempt):
    """NaN returned where x is +inf or −inf, where σ is 1 or 0."""
    if attempt.problem not in ("warning", "values") or attempt.error is not None:
        return None
    x = np.asarray(attempt.args[0])
    try:
        value = np.asarray(attempt.value, dtype=float)
    except (TypeError, ValueError):
        return None
    if value.shape != x.shape:
        return None
    where = np.isinf(x) & np.isnan(value)
    if not where.any():
        return None
    at = float(x[where][0])
    return (f"At x = {at:+g} your function returned NaN, where σ is {1.0 if at > 0 else 0.0}. "
            f"A step on the way has no value there: inf − inf, inf/inf or 0·inf. For example "
            f"exp(x)/(1 + exp(x)) is inf/inf at x = +inf, and x − max(x, 0) is inf − inf. With "
            f"e = exp(−|x|), which is 0 at both infinities, 1/(1 + e) and e/(1 + e) are simply 1 "
            f"and 0.")


def _overflows_in_float32_only(attempt):
    """An overflow on the float32 case only: e.g. x clipped to ±500 before exp(−x)."""
    if attempt.problem != "warning" or not any("overflow" in w for w in attempt.warnings):
        return None
    if np.asarray(attempt.args[0]).dtype != np.float32:
        return None
    if any(each.warnings for each in attempt.attempts
           if np.asarray(each.args[0]).dtype != np.float32):
        return None
    return ("Your function is quiet on every float64 input but overflows in float32. In float32 "
            "exp overflows much sooner: exp(x) is inf from x ≈ 88.7 on (in float64 from 709.8), "
            "so exp(100) already overflows. A bound chosen for float64 (clipping x to ±500, say) "
            "does not hold in float32. Never exponentiate a large positive number at all: "
            "e = exp(−|x|) is at most 1 in every dtype.")


_TWO_BRANCHES = ("`np.where(condition, a, b)` is not an `if`: numpy computes both a and b for "
                 "*every* element first, and only then picks one of the two per element. So "
                 "the branch for x ≥ 0 is also computed at x = −{far}, where exp(−x) = exp({far}) "
                 "overflows, and the branch for x < 0 at x = +{far}. Your values are right, but "
                 "each branch must be safe on every element: compute both from e = exp(−|x|), "
                 "which is at most 1.")

q1 = Question(
    "q1", stable_sigmoid,
    random_case=lambda rng: Case(_random_elementwise(rng)),
    cases=[
        Case(np.array([-3.0, -0.5, 0.0, 0.5, 3.0]), note="moderate x"),
        Case(np.array([[-2.0, 1.0], [4.0, -6.0]]), note="a 2-D array: a layer's pre-activations"),
        Case(np.array([-1000.0, -745.0, -100.0, -30.0]),
             note="large negative x: σ is tiny, or exactly 0 in float64"),
        Case(np.array([30.0, 100.0, 1000.0]), note="large positive x: σ is 1 in float64"),
        Case(np.array([-100.0, -20.0, 0.0, 20.0, 100.0], dtype=np.float32),
             note="float32, whose exp overflows from x ≈ 88.7"),
        Case(np.array([-np.inf, np.inf]), note="x = −inf and +inf, where σ is 0 and 1"),
    ],
    diagnoses=[
        raises_like(ValueError, "truth value of an array",
                    "`if x >= 0:` asks one yes-or-no question about the whole array, and numpy "
                    "cannot answer it for many numbers at once. Decide element by element: "
                    "`np.where(x >= 0, a, b)` takes a where x ≥ 0 and b elsewhere."),
        raises_like(OverflowError, "math range error",
                    "`math.exp` works on one Python number and raises OverflowError past "
                    "exp(709.8). Use `np.exp` on the whole array, and never on a large positive "
                    "number: e = exp(−|x|) is at most 1."),
        warns_and_returns_like(
            _naive,
            "That is the textbook formula 1/(1 + exp(−x)). At x = −1000 it computes exp(1000) "
            "on the way, which overflows to inf (the lesson's myth check): the answer 1/inf = 0 "
            "comes out right, but through an infinity and a warning, and in float32 already "
            "from x ≈ −88.7. For negative x use the other form of σ, exp(x)/(1 + exp(x)), in "
            "which only exp of a negative number appears."),
        warns_and_returns_like(
            _naive_positive,
            "exp(x)/(1 + exp(x)) is σ(x) too, but it overflows at the other end: at x = +1000, "
            "exp(1000) = inf and inf/inf is NaN. It is the right form for x < 0 only; for "
            "x ≥ 0 use 1/(1 + exp(−x)). Each form then exponentiates only numbers ≤ 0."),
        warns_and_returns_like(
            lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
            _TWO_BRANCHES.format(far=1000)),
        warns_and_returns_like(
            lambda x: np.where(x >= 0, np.exp(x) / (1 + np.exp(x)), 1 / (1 + np.exp(-x))),
            "Your split is the wrong way round: you use exp(x)/(1 + exp(x)) where x ≥ 0 and "
            "1/(1 + exp(−x)) where x < 0, so each form gets exactly the inputs on which it "
            "overflows (at x = +1000, inf/inf = NaN). Swap them: 1/(1 + exp(−x)) for x ≥ 0, "
            "exp(x)/(1 + exp(x)) for x < 0."),
        returns_like(lambda x: sigmoid(-x),
                     "Your curve falls where the sigmoid rises: you computed σ(−x) = 1 − σ(x). "
                     "Check the sign in the exponent (σ(x) = 1/(1 + e^(−x))), or, if you split, "
                     "which branch goes with x ≥ 0: there σ(x) ≥ 1/2, so with e = exp(−|x|) it is "
                     "1/(1 + e); for x < 0 it is e/(1 + e)."),
        returns_like(lambda x: 1 / (1 + np.exp(-np.abs(x))),
                     "You computed 1/(1 + exp(−|x|)) = σ(|x|) for every x: right for x ≥ 0, but "
                     "for x < 0 it is σ(−x), above 1/2. exp(−|x|) is safe, but for negative x the "
                     "formula changes too: there σ(x) = e/(1 + e) with e = exp(x) = exp(−|x|)."),
        returns_like(lambda x: np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))),
                     "You computed e/(1 + e) with e = exp(−|x|) for every x: that is σ(−|x|), "
                     "right for x < 0 only, and never above 1/2. For x ≥ 0, σ(x) = 1/(1 + e)."),
        _overflows_in_float32_only,
        _nan_at_infinity,
        mutates_like("Your function changed x in place (e.g. `np.abs(x, out=x)` or "
                     "`x[x < 0] = ...`), so the caller's array is different afterwards. "
                     "Compute new arrays: `np.abs(x)` makes one."),
    ],
    hint="Use two forms of σ: for x ≥ 0, 1/(1 + exp(−x)); for x < 0, exp(x)/(1 + exp(x)) "
         "(multiply the top and bottom by exp(x)). Both only need e = exp(−|x|), which never "
         "overflows. Then choose per element with `np.where(x >= 0, ..., ...)`, remembering "
         "that it computes both of its branches everywhere.",
    vectorised=Case(np.linspace(-50.0, 50.0, 10_000), note="10,000 numbers"),
    praise="The sign split (see `solution()`) exponentiates only −|x|, so it never overflows, "
           "in any dtype. In the negative tail it also keeps full relative precision: "
           "e/(1 + e) at x = −745 is 5e-324, the smallest positive float64, and at x = −800 "
           "exactly 0.0, as the lesson found. The library's `sigmoid` uses the same idea, an "
           "exponent that can never be large (see `help(sigmoid)`).",
)


# --------------------------------------------------------------------------------------------------
# q2: the slope from the outputs
# --------------------------------------------------------------------------------------------------

def sigmoid_slope(s):
    """The slopes σ'(z) of sigmoid units, computed from their outputs s = σ(z) alone.

    s: an array of any shape, values in [0, 1]. Returns an array of the same shape and dtype.
    """
    return s * (1 - s)


_PRODUCT = ("`@` (and `np.dot`) is a matrix or dot product: it multiplies and then *sums* over an "
            "axis. Multiply element by element with `*`: `s * (1 - s)`.")


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    shape = tuple(int(n) for n in rng.integers(1, 6, size=rng.integers(1, 3)))
    return Case(sigmoid(rng.normal(scale=rng.choice([1.0, 5.0, 20.0]), size=shape)))


q2 = Question(
    "q2", sigmoid_slope,
    random_case=_random_q2,
    cases=[
        Case(np.array([0.5, 0.1, 0.9, 0.25, 0.99]), note="outputs s of five sigmoid units"),
        Case(np.array([[0.2, 0.7, 0.5], [0.95, 0.01, 0.6]]),
             note="a layer's outputs: 2 examples × 3 units"),
        Case(np.array([0.0, 1.0, 0.5]), note="s = 0 and 1 exactly, as σ(−800) and σ(40) are"),
        Case(np.array([0.3, 0.8, 0.999], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        raises_like(TypeError, "bitwise_xor",
                    "In Python `^` is bitwise XOR, not a power: write `s ** 2` (or "
                    "`np.square(s)`), or better `s * (1 - s)`."),
        returns_like(lambda s: s * (1 + s),
                     "Sign: s(1 + s) grows with s, up to 2 at s = 1. The slope is σ(1 − σ): "
                     "largest, 1/4, at s = 1/2 and 0 at both ends, s = 0 and s = 1."),
        returns_like(lambda s: s ** 2,
                     "σ² is not the slope: σ' = σ(1 − σ) = σ − σ². (At s = 1/2 both are 1/4, "
                     "but σ² keeps growing to 1 at s = 1, where the curve is flat.)"),
        returns_like(lambda s: 1 - s,
                     "1 − σ is only the second factor: σ' = σ(1 − σ). Without the first, the "
                     "slope would be 1 at s = 0, where the curve is flat."),
        returns_like(lambda s: 1 - s ** 2,
                     "1 − s² is tanh's slope from its outputs (lesson 05), 1 − tanh². The "
                     "sigmoid's is σ(1 − σ), at most 1/4."),
        returns_like(lambda s: sigmoid(s) * (1 - sigmoid(s)),
                     "s is already σ(z): you applied the sigmoid a second time. σ(s)(1 − σ(s)) "
                     "(and `sigmoid.grad(s)`) is the slope at z = s, not at the unit's z. Written "
                     "with the output s, the slope is s(1 − s)."),
        returns_like(lambda s: s * 1 - s,
                     "Brackets: `s * 1 - s` is (s·1) − s = 0, because `*` binds more tightly "
                     "than `-`. Write `s * (1 - s)`."),
        returns_like(lambda s: s @ (1 - s), _PRODUCT),
        returns_like(lambda s: np.dot(s, 1 - s), _PRODUCT),
        mutates_like("Your function changed `s` in place (for example `s *= 1 - s`): the caller's "
                     "outputs are gone. Compute a new array: `s * (1 - s)`."),
    ],
    hint="The lesson derived σ'(z) = σ(z)(1 − σ(z)). You do not have z here, and you do not need "
         "it: σ(z) is exactly what s holds.",
    vectorised=Case(sigmoid(np.linspace(-8.0, 8.0, 10_000)), note="10,000 outputs"),
    praise="This is why backpropagation loved the sigmoid: the forward pass has already computed "
           "s, and the slope is s(1 − s), no exponential needed. It is 1/4 at s = 1/2 and falls "
           "to exactly 0 at s = 0 and s = 1: a unit whose output has rounded to 0 or 1 passes "
           "no gradient at all.",
)


# --------------------------------------------------------------------------------------------------
# q3: one sign for every weight
# --------------------------------------------------------------------------------------------------

def one_sign_share(H, dZ):
    """The share of (example, unit) pairs whose weight gradient has all its components of one sign:
    all > 0 or all < 0.

    H: (n, d) the inputs of a layer, one row per example; dZ: (n, k) dL/dz of the layer's k units
    on each example. On example i, unit j's weight gradient is H[i] * dZ[i, j] (d components).
    Returns a float between 0 and 1.
    """
    G = H[:, :, None] * dZ[:, None, :]        # (n, d, k): example, input, unit
    one_sign = np.all(G > 0, axis=1) | np.all(G < 0, axis=1)
    return np.mean(one_sign)


def _share(gradients, *, axis=1, up=lambda G: G > 0, down=lambda G: G < 0, combine=np.all,
           total=np.mean):
    """one_sign_share with a mistake: other gradients, another axis, other comparisons, or a count
    instead of a share."""
    def wrong(H, dZ):
        G = gradients(H, dZ)
        return total(combine(up(G), axis=axis) | combine(down(G), axis=axis))
    return wrong


def _per_example(H, dZ):
    return H[:, :, None] * dZ[:, None, :]


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    n, d, k = (int(m) for m in rng.integers(1, 7, size=3))
    a = rng.normal(scale=2.0, size=(n, d))
    H = {"sigmoid": sigmoid(a), "tanh": np.tanh(a), "relu": np.maximum(a, 0)}[
        rng.choice(["sigmoid", "tanh", "relu"])]
    return Case(H, rng.normal(size=(n, k)))


_A = _rng.normal(scale=1.5, size=(6, 3))
_B = _rng.normal(scale=1.5, size=(8, 3))

q3 = Question(
    "q3", one_sign_share,
    random_case=_random_q3,
    cases=[
        Case(sigmoid(_A), _rng.normal(size=(6, 4)),
             note="6 examples; 3 inputs that are sigmoid outputs, so all positive; 4 units"),
        Case(np.tanh(_B), _rng.normal(size=(8, 2)),
             note="8 examples; 3 inputs that are tanh outputs, of both signs; 2 units"),
        Case(np.array([[0.5, 0.0, 1.2], [0.3, 0.7, 0.1], [0.0, 0.0, 0.4], [1.5, 0.2, 0.9],
                       [0.6, 1.1, 0.0]]),
             np.array([[0.2, -0.1], [-0.3, 0.4], [0.5, 0.25], [-0.2, -0.6], [0.1, -0.5]]),
             note="5 examples; 3 inputs that are ReLU outputs, some exactly 0; 2 units"),
        Case(np.array([[0.5, -1.0], [2.0, 0.5], [-0.5, -0.25], [1.0, -2.0]]),
             np.array([[1.0, -0.5, 2.0, 0.1, -1.5], [-1.0, 0.5, 0.25, -2.0, 1.0],
                       [0.5, 1.0, -1.0, -0.5, 0.3], [2.0, -1.0, 0.5, 1.0, -0.2]]),
             note="4 examples, 2 inputs, 5 units"),
    ],
    diagnoses=[
        returns_like(lambda H, dZ: H * dZ,
                     "`H * dZ` pairs the inputs (axis 1 of H, d of them) with the units (axis 1 "
                     "of dZ, k of them) element by element, which only works when d = k, and "
                     "would then pair input j with unit j only. Each component pairs *every* "
                     "input with *every* unit: give them axes of their own, "
                     "`H[:, :, None] * dZ[:, None, :]`, of shape (n, d, k)."),
        returns_like(_share(_per_example, down=lambda G: np.zeros(G.shape, dtype=bool)),
                     "You counted only the pairs where every component is positive. A gradient "
                     "whose components are all negative has one sign too: the step then moves "
                     "every weight up instead of down (the step is −η times the gradient). "
                     "Count `np.all(G > 0, ...) | np.all(G < 0, ...)`."),
        returns_like(_share(_per_example, up=lambda G: G >= 0, down=lambda G: G <= 0),
                     "A component that is exactly 0 (here an input h = 0, as ReLU gives) has "
                     "no sign: that weight does not move at all. One sign means all > 0 or all "
                     "< 0: compare with `>` and `<`, not `>=` and `<=`."),
        returns_like(_share(_per_example, combine=np.any),
                     "`np.any` asks whether *some* component is positive (or negative); almost "
                     "every gradient has one of either. One sign means *every* component: "
                     "`np.all`."),
        returns_like(_share(_per_example, axis=0),
                     "You asked along the examples: whether one weight's gradient keeps its sign "
                     "from example to example. The components of one example's gradient for one "
                     "unit are its d inputs: ask along the input axis (axis 1 of the (n, d, k) "
                     "array)."),
        returns_like(_share(_per_example, axis=2),
                     "You asked along the units: whether one input's components have one sign "
                     "for all k units. A unit's gradient has one component per input: ask along "
                     "the input axis (axis 1 of the (n, d, k) array)."),
        returns_like(_share(lambda H, dZ: H.T @ dZ, axis=0),
                     "`H.T @ dZ` sums the gradients over the examples: that is the batch "
                     "gradient, whose sign pattern can be anything, because the examples' dz "
                     "differ in sign. The lesson's point is about the gradient of *one* "
                     "example, H[i] · dZ[i, j]: keep the examples apart, "
                     "`H[:, :, None] * dZ[:, None, :]`."),
        returns_like(_share(_per_example, total=np.sum),
                     "That is the number of pairs with one sign; the task asks for their share "
                     "of all n·k pairs (the mean of the True/False values)."),
        returns_like(_share(_per_example, total=lambda mask: np.sum(mask) / len(mask)),
                     "You divided by the number of examples, n. There are n·k (example, unit) "
                     "pairs: take the mean of the (n, k) True/False values."),
        returns_like(_share(_per_example, total=lambda mask: mask),
                     "That is the (n, k) mask, one True/False per example and unit. The task asks "
                     "for one number, the share of True: `np.mean` of it."),
        mutates_like("Your function changed H or dZ in place. Compute new arrays instead."),
    ],
    hint="Give H and dZ separate axes so that broadcasting pairs every input with every unit: "
         "`H[:, :, None]` is (n, d, 1) and `dZ[:, None, :]` is (n, 1, k). Then ask along the "
         "input axis whether all components are > 0, or all < 0, and average the (n, k) answers.",
    praise="With sigmoid inputs the share is exactly 1 whatever dZ is (unless some dz is exactly "
           "0): every component of H[i] · dz has the sign of dz. That is the lesson's 100 %, and "
           "the reason for the zig-zag. With tanh inputs of both signs, one sign needs all d "
           "inputs to agree, which gets rare as d grows: the lesson's 0 % with 16 inputs.",
)


# --------------------------------------------------------------------------------------------------
# q4: the gradient of cross-entropy with respect to the score
# --------------------------------------------------------------------------------------------------

def bce_gradient(z, y):
    """The gradient of the mean binary cross-entropy with respect to each score (logit) z_k.

    z: (n,) the scores; y: (n,) the labels, 0 or 1. The loss is
    L = -mean(y log σ(z) + (1 - y) log(1 - σ(z))). Returns (n,): dL/dz_k for every example k.
    """
    return (sigmoid(z) - y) / len(z)


def _squared(z, y):
    s = sigmoid(z)
    return (s - y) * s * (1 - s)


def _per_probability(z, y):
    s = sigmoid(z)
    return (s - y) / (s * (1 - s))


_SQUARED = ("That is the gradient of squared error, (σ(z) − y)², not of cross-entropy: it "
            "carries the sigmoid's slope σ'(z) = σ(1 − σ) as a factor, which is tiny where the "
            "output is confidently wrong (the lesson's z = −10, y = 1: about 4.5e-5). "
            "Cross-entropy's log cancels that factor: ∂L/∂z = σ(z) − y for one example, divided "
            "by n for the mean.")
_PER_PROBABILITY = ("That is the derivative with respect to the probability p = σ(z), "
                    "∂L/∂p = (p − y)/(p(1 − p)). The task asks it with respect to the score z: "
                    "by the chain rule multiply by dp/dz = σ'(z) = p(1 − p), which cancels the "
                    "denominator and leaves p − y (over n for the mean).")


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n = int(rng.integers(1, 12))
    return Case(rng.normal(scale=rng.choice([1.0, 5.0, 15.0]), size=n), rng.integers(0, 2, size=n))


q4 = Question(
    "q4", bce_gradient,
    random_case=_random_q4,
    cases=[
        Case(np.array([2.0, -1.0, 0.5, -3.0]), np.array([1, 0, 0, 1]), note="4 examples"),
        Case(np.array([-10.0]), np.array([1]),
             note="the lesson's confidently wrong output: z = −10, label 1"),
        Case(_rng.normal(scale=3.0, size=8).round(2), np.array([0, 1, 1, 0, 1, 0, 0, 1]),
             note="8 examples"),
        Case(np.array([12.0, -12.0, 0.0]), np.array([0.0, 1.0, 1.0]),
             note="two confidently wrong outputs, and labels given as floats"),
    ],
    diagnoses=[
        returns_like(lambda z, y: sigmoid(z) - y,
                     "That is the gradient of one example's loss. L is the *mean* over the n "
                     "examples, so each example's share of it is divided by n: "
                     "(σ(z) − y) / n."),
        returns_like(lambda z, y: (y - sigmoid(z)) / len(z),
                     "The sign is flipped: y − σ(z) is the gradient of the log-*likelihood*, "
                     "which training climbs. The loss is its negative, so ∂L/∂z = (σ(z) − y)/n: "
                     "positive where the probability is too high (σ(z) > y), so that gradient "
                     "descent lowers z."),
        returns_like(lambda z, y: y - sigmoid(z),
                     "Two things: the sign is flipped (y − σ(z) is the gradient of the "
                     "log-likelihood, the loss is its negative) and the mean is missing (divide "
                     "by n). ∂L/∂z = (σ(z) − y)/n."),
        returns_like(lambda z, y: 2 * _squared(z, y) / len(z), _SQUARED),
        returns_like(lambda z, y: _squared(z, y) / len(z), _SQUARED),
        returns_like(lambda z, y: 2 * _squared(z, y), _SQUARED),
        returns_like(_squared, _SQUARED),
        returns_like(lambda z, y: _per_probability(z, y) / len(z), _PER_PROBABILITY),
        returns_like(_per_probability, _PER_PROBABILITY),
        returns_like(lambda z, y: (z - y) / len(z),
                     "You used the score z where the probability σ(z) belongs: the gradient is "
                     "(σ(z) − y)/n. (z − y would be the gradient of squared error on the score, "
                     "as for a regression output.)"),
        returns_like(lambda z, y: np.mean(sigmoid(z) - y),
                     "That is one number, the mean of the examples' gradients. The task asks "
                     "∂L/∂z_k for every example k, an array of n values: divide each by n "
                     "instead of averaging them."),
        returns_like(lambda z, y: -np.mean(y * np.log(sigmoid(z))
                                           + (1 - y) * np.log(1 - sigmoid(z))),
                     "That is the loss itself. The task asks its gradient with respect to each "
                     "score: one value per example."),
        mutates_like("Your function changed z or y in place. Compute a new array instead."),
    ],
    hint="Work out ∂/∂z of one example's loss, −[y log σ(z) + (1 − y) log(1 − σ(z))], with "
         "(log σ)' = 1 − σ and (log(1 − σ))' = −σ; it simplifies a lot. Then mind the mean over "
         "the n examples.",
    vectorised=Case(_rng.normal(scale=3.0, size=10_000), (_rng.random(10_000) < 0.5).astype(int),
                    note="10,000 examples"),
    praise="σ(z) − y: the error itself, with no σ' factor. At z = −10, y = 1 it is −0.99995, "
           "where squared error gives −9.1e-5: cross-entropy pushes hardest where the output is "
           "most wrong. This is the gradient the engine's `binary_cross_entropy` (PyTorch's "
           "`BCEWithLogitsLoss`) hands to the last layer; lesson 08 finds the same, p − y, for "
           "softmax.",
)


# --------------------------------------------------------------------------------------------------
# q5: log σ, stably
# --------------------------------------------------------------------------------------------------

def log_sigmoid(x):
    """log σ(x), elementwise, finite for every finite x (never the log of a rounded σ).

    x: an array of any shape, float64 or float32. Returns an array of the same shape and dtype.
    """
    return np.minimum(x, 0) - np.log1p(np.exp(-np.abs(x)))


def _clipped(attempt):
    """x clipped at a bound c before a naive formula: quiet, but log σ(x) ≈ x down there, so every
    x below c gets log σ(c) ≈ c."""
    if attempt.problem != "values" or attempt.error is not None:
        return None
    x = np.asarray(attempt.args[0], dtype=float)
    try:
        value = np.asarray(attempt.value, dtype=float)
    except (TypeError, ValueError):
        return None
    if value.shape != x.shape or not np.all(np.isfinite(value)):
        return None
    bound = float(value.min())
    below = x < bound - 1
    if not below.any() or bound > -20:
        return None
    if not np.allclose(value, log_sigmoid(np.maximum(x, bound)), rtol=1e-6, atol=1e-6):
        return None
    return (f"Your values stop at about {bound:g}: every x below it gets log σ({bound:g}). "
            f"Clipping x (to avoid the overflow of exp(−x)) is harmless for σ itself, which is "
            f"about 0 down there anyway, but not for its log: log σ(x) ≈ x for very negative x, "
            f"so log σ(−800) is −800. Avoid the overflow by rewriting instead: for x < 0, "
            f"log σ(x) = x − log(1 + e^x), which only exponentiates a negative number.")


_UNSPLIT = ("−log(1 + exp(−x)) is log σ(x) on paper, but at x = −800 it computes exp(800), which "
            "overflows to inf, and the result is −inf instead of −800. For x < 0 take e^x out of "
            "the bracket first: 1 + e^(−x) = e^(−x)(1 + e^x), so log σ(x) = x − log(1 + e^x) "
            "there. Both halves then only exponentiate −|x|.")

q5 = Question(
    "q5", log_sigmoid,
    random_case=lambda rng: Case(_random_elementwise(rng)),
    cases=[
        Case(np.array([-3.0, -1.0, 0.0, 1.0, 3.0]), note="moderate x"),
        Case(np.array([[-2.0, 0.5], [5.0, -7.0]]), note="a 2-D array"),
        Case(np.array([-800.0, -100.0, -40.0]), note="large negative x: σ(−800) is 0.0 in float64"),
        Case(np.array([40.0, 100.0, 800.0]), note="large positive x: σ is 1.0 in float64"),
        Case(np.array([-100.0, -10.0, 0.0, 10.0, 100.0], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        warns_and_returns_like(
            lambda x: np.log(sigmoid(x)),
            "That is log(σ(x)), the log of a computed sigmoid. At x = −800, σ rounds to exactly "
            "0.0 (the lesson's myth check), and log 0 = −inf, where log σ(−800) is a perfectly "
            "ordinary −800. (In float32 the tail goes wrong from about x = −87 on.) Never form "
            "σ: log σ(x) = −log(1 + e^(−x)), and compute that without overflow."),
        warns_and_returns_like(
            lambda x: np.log(1 / (1 + np.exp(-x))),
            "log(1/(1 + exp(−x))) computes exp(800) at x = −800, which overflows; 1/inf = 0 and "
            "log 0 = −inf, where log σ(−800) is −800. Write it as −log(1 + e^(−x)), and for "
            "x < 0 as x − log(1 + e^x), so that only exp(−|x|) is ever computed."),
        warns_and_returns_like(lambda x: -np.log(1 + np.exp(-x)), _UNSPLIT),
        warns_and_returns_like(lambda x: -np.log1p(np.exp(-x)), _UNSPLIT),
        warns_and_returns_like(
            lambda x: np.where(x >= 0, -np.log1p(np.exp(-x)), x - np.log1p(np.exp(x))),
            _TWO_BRANCHES.format(far=800)),
        returns_like(lambda x: -np.logaddexp(0, x),
                     "That is log σ(−x) = log(1 − σ(x)), the log-probability of the *other* "
                     "class: it falls where log σ rises. log σ(x) = −log(1 + e^(−x)), with −x in "
                     "the exponent."),
        returns_like(lambda x: np.logaddexp(0, -x),
                     "The outer sign is missing: log(1 + e^(−x)) is −log σ(x), the cross-entropy "
                     "of label 1, which is positive. log σ(x) is at most 0 (σ ≤ 1): "
                     "−log(1 + e^(−x))."),
        returns_like(lambda x: -np.log1p(np.exp(-np.abs(x))),
                     "For x < 0 the term x is missing: there log σ(x) = x − log(1 + e^x), with "
                     "e^x = e^(−|x|). Your −log(1 + e^(−|x|)) is log σ(|x|) for every x, right "
                     "for x ≥ 0 only."),
        returns_like(lambda x: np.maximum(x, 0) - np.log1p(np.exp(-np.abs(x))),
                     "The term x belongs to the negative side: for x < 0, log σ(x) = "
                     "x − log(1 + e^x); for x ≥ 0 there is no such term, −log(1 + e^(−x)). So "
                     "it is min(x, 0), not max(x, 0), in front."),
        _clipped,
        mutates_like("Your function changed x in place (e.g. `np.abs(x, out=x)`), so the caller's "
                     "array is different afterwards. Compute new arrays."),
    ],
    hint="log σ(x) = −log(1 + e^(−x)) for x ≥ 0. For x < 0, pull e^(−x) out of the bracket: "
         "log σ(x) = x − log(1 + e^x). In both halves the exponent is −|x|, so one formula with "
         "`np.minimum(x, 0)` covers both; `np.log1p(u)` is log(1 + u), accurate for tiny u.",
    vectorised=Case(np.linspace(-50.0, 50.0, 10_000), note="10,000 numbers"),
    praise="Never σ, never exp of a positive number: log_sigmoid(−800) is −800.0, and "
           "−log_sigmoid(z) is the cross-entropy of an example with label 1 and score z. scipy's "
           "`log_expit`, which the engine's `binary_cross_entropy` uses, gives the same values; "
           "`-np.logaddexp(0, -x)`, which is −softplus(−x), does it in one call.",
)

questions = (q1, q2, q3, q4, q5)
