"""Exercise set 05, tanh: tanh from the sigmoid, its slope from its outputs, the saturated share of
each unit, Xavier's standard deviation, and the spread of every layer of a deep tanh network.

Used by ``exercises/05_tanh.ipynb``::

    from actlab.exercises import ex05
    ex05.q1.check(tanh_from_sigmoid)
    ex05.q1.hint()
    ex05.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab import sigmoid
from actlab.exercises.checking import (Case, Question, mutates_like, raises_like, returns_like,
                                       warns_like)

_rng = np.random.default_rng(5)


# --------------------------------------------------------------------------------------------------
# q1: tanh from the sigmoid
# --------------------------------------------------------------------------------------------------

def tanh_from_sigmoid(x):
    """tanh(x), elementwise, computed from the course's sigmoid (not with np.tanh).

    x: an array of any shape. Returns an array of the same shape and dtype.
    """
    return 2 * sigmoid(2 * x) - 1


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    shape = tuple(rng.integers(1, 6, size=rng.integers(1, 3)))
    return Case(rng.normal(scale=rng.choice([1.0, 3.0, 300.0]), size=shape))


q1 = Question(
    "q1", tanh_from_sigmoid,
    random_case=_random_q1,
    cases=[
        Case(np.linspace(-3.0, 3.0, 7), note="x = −3, −2, ..., 3"),
        Case(np.array([[-0.5, 0.25], [1.5, -2.5]]), note="a 2-D array: a layer's pre-activations"),
        Case(np.array([-1000.0, -20.0, 20.0, 1000.0]),
             note="large |x|: tanh is −1 or +1 there in float64"),
        Case(np.array([-4.0, -1.0, 0.5, 2.0], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        warns_like("overflow",
                   "An exponential of a large number overflows: at x = ±1000, e¹⁰⁰⁰ (or e²⁰⁰⁰) "
                   "is beyond the largest float, about 1.8e308, and inf/inf then gives NaN. That "
                   "happens with the definition (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) (also as sinh/cosh) and "
                   "with a sigmoid written by hand. Build tanh from the course's `sigmoid` "
                   "(imported in the first cell): it never overflows."),
        returns_like(lambda x: 2 * sigmoid(x) - 1,
                     "The factor 2 inside is missing: 2σ(x) − 1 is tanh(x/2), the right shape "
                     "stretched twice as wide. The sigmoid's input is 2x: `sigmoid(2 * x)`."),
        returns_like(lambda x: 2 * sigmoid(x / 2) - 1,
                     "σ(x/2) stretches the sigmoid sideways instead of squeezing it: "
                     "2σ(x/2) − 1 = tanh(x/4). Tanh is the steeper curve: its input goes in "
                     "doubled, σ(2x)."),
        returns_like(lambda x: 2 * sigmoid(2 * x),
                     "The shift is missing: 2σ(2x) runs from 0 to 2. Subtract 1 to centre it "
                     "on 0."),
        returns_like(lambda x: sigmoid(2 * x) - 1,
                     "The outer factor 2 is missing: σ(2x) − 1 runs from −1 to 0, a range of "
                     "height 1. Stretch σ(2x) to height 2 first, then shift it down by 1."),
        returns_like(lambda x: 2 * (sigmoid(2 * x) - 1),
                     "Brackets: 2(σ(2x) − 1) = 2σ(2x) − 2 runs from −2 to 0. Double σ(2x) first, "
                     "then subtract 1."),
        returns_like(lambda x: 1 - 2 * sigmoid(2 * x),
                     "That is −tanh(x), the mirror image: your curve falls where tanh rises. "
                     "1 − 2σ(2x) and 2σ(−2x) − 1 both give −tanh(x); tanh(x) is 2σ(2x) − 1."),
        returns_like(lambda x: sigmoid(2 * x),
                     "σ(2x) is only the first of the three steps (the sideways squeeze): it still "
                     "runs from 0 to 1. Stretch it upwards by 2 and shift it down by 1."),
        returns_like(lambda x: sigmoid(x),
                     "That is the sigmoid itself, σ(x), with its range (0, 1). Tanh is the sigmoid "
                     "squeezed sideways by 2, stretched upwards by 2 and shifted down by 1."),
        mutates_like("Your function changed `x` in place (for example `x *= 2`): after the call "
                     "the caller's array is doubled. Compute a new array: `2 * x`."),
    ],
    hint="Follow the lesson's three steps: squeeze the sigmoid sideways by 2 (its input is 2x), "
         "stretch the result upwards by 2, shift it down by 1. Use the `sigmoid` imported in the "
         "first cell.",
    vectorised=Case(np.linspace(-5.0, 5.0, 10_000), note="10,000 numbers"),
    praise="So tanh is a sigmoid with its input and output rescaled: a tanh network can compute "
           "whatever a sigmoid network can, with rescaled weights and biases. What changes is "
           "the range, (−1, 1) centred on 0, and the slope at the centre, 1 instead of 1/4.",
)


# --------------------------------------------------------------------------------------------------
# q2: the slope from the outputs
# --------------------------------------------------------------------------------------------------

def tanh_slope(h):
    """The slopes tanh'(z) of tanh units, computed from their outputs h = tanh(z) alone.

    h: an array of any shape, values in [-1, 1]. Returns an array of the same shape and dtype.
    """
    return 1 - h ** 2


_PRODUCT = ("`h @ h` (and `np.dot(h, h)`) is a matrix or dot product: it multiplies and *sums* "
            "over an axis. The square of every entry on its own is `h ** 2` (or `np.square(h)`).")


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    shape = tuple(rng.integers(1, 6, size=rng.integers(1, 3)))
    return Case(np.tanh(rng.normal(scale=rng.choice([0.5, 2.0, 5.0]), size=shape)))


q2 = Question(
    "q2", tanh_slope,
    random_case=_random_q2,
    cases=[
        Case(np.array([0.0, 0.5, -0.5, 0.9, -0.99]), note="outputs h of five tanh units"),
        Case(np.array([[0.1, -0.3, 0.7], [0.95, -0.6, 0.2]]),
             note="a layer's outputs: 2 examples × 3 units"),
        Case(np.array([1.0, -1.0, 0.0]), note="h = ±1 exactly, as tanh(20) is in float64"),
        Case(np.array([0.25, -0.75, 0.999], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        raises_like(TypeError, "bitwise_xor",
                    "In Python `^` is bitwise XOR, not a power: write `h ** 2` "
                    "(or `np.square(h)`)."),
        returns_like(lambda h: 1 - h,
                     "The square is missing: tanh′ = 1 − tanh², so from the outputs the slope is "
                     "1 − h². (1 − h would give slope 2 at h = −1, where tanh is flat.)"),
        returns_like(lambda h: h * (1 - h),
                     "h(1 − h) is the sigmoid's formula, σ′ = σ(1 − σ). For tanh it is 1 − h², "
                     "which is 1, not 0, at the centre h = 0, and falls to 0 at both ends, "
                     "h = −1 and h = +1."),
        returns_like(lambda h: 1 - np.tanh(h) ** 2,
                     "h is already tanh(z): you applied tanh a second time. 1 − tanh(h)², "
                     "`tanh.grad(h)` and 4σ′(2h) all give the slope at z = h, not at the unit's "
                     "z. Written with the output h, the slope is 1 − h²."),
        returns_like(lambda h: 4 * h * (1 - h),
                     "4h(1 − h) puts h where σ(2z) belongs in tanh′(z) = 4σ′(2z) = "
                     "4σ(2z)(1 − σ(2z)). But h = tanh(z) = 2σ(2z) − 1, not σ(2z); written "
                     "with h, the slope is simply 1 − h²."),
        returns_like(lambda h: 1 - h @ h, _PRODUCT),
        returns_like(lambda h: 1 - np.dot(h, h), _PRODUCT),
        mutates_like("Your function changed `h` in place (for example `h **= 2`): the caller's "
                     "outputs are gone. Compute a new array: `1 - h ** 2`."),
    ],
    hint="The lesson gives tanh′(z) = 1 − tanh(z)². You do not have z here, and you do not need "
         "it: tanh(z) is exactly what h holds.",
    vectorised=Case(np.tanh(np.linspace(-4.0, 4.0, 10_000)), note="10,000 outputs"),
    praise="This is why backpropagation through tanh is cheap: the forward pass has already "
           "computed h, and the slope is 1 − h², no exponential needed. (The sigmoid's is "
           "σ(1 − σ), from its outputs too.) Note that at h = ±1 exactly, as tanh(20) is in "
           "float64, the slope from h is exactly 0: a saturated unit passes no gradient at all.",
)


# --------------------------------------------------------------------------------------------------
# q3: how often each unit is saturated
# --------------------------------------------------------------------------------------------------

def saturated_fraction(H, threshold):
    """For each unit of a tanh layer, the fraction of the examples on which it is saturated.

    H: (n, k) the layer's outputs, one row per example, one column per unit; threshold: a unit is
    saturated on an example where |h| > threshold. Returns (k,), one fraction per unit.
    """
    return np.mean(np.abs(H) > threshold, axis=0)


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    n, k = rng.integers(1, 9, size=2)
    H = np.tanh(rng.normal(scale=rng.choice([0.5, 2.0, 5.0]), size=(n, k)))
    return Case(H, float(rng.choice([0.9, 0.99, 0.995])))


q3 = Question(
    "q3", saturated_fraction,
    random_case=_random_q3,
    cases=[
        Case(np.array([[0.999, -0.2, 0.5],
                       [-0.998, 0.1, 1.0],
                       [0.3, -1.0, 0.996],
                       [0.0, 0.9, -0.7]]), 0.995,
             note="4 examples × 3 units, saturated at both ends"),
        Case(np.tanh(4 * _rng.normal(size=(8, 5))), 0.995,
             note="8 examples × 5 units, weights too large: many saturated"),
        Case(np.array([[-0.95], [0.2], [0.93], [-0.5], [0.99]]), 0.9,
             note="one unit, threshold 0.9"),
        Case(np.array([[0.995, -0.9999, 0.5, -0.1]]), 0.99, note="a batch of one example"),
    ],
    diagnoses=[
        returns_like(lambda H, threshold: np.mean(H > threshold, axis=0),
                     "Only the outputs near +1 are counted. Tanh saturates at both ends: near −1 "
                     "it is just as flat (tanh′ = 1 − h² is the same for h and −h). Compare the "
                     "size of h, `np.abs(H) > threshold`."),
        returns_like(lambda H, threshold: np.mean(np.abs(H) <= threshold, axis=0),
                     "That is the fraction of examples on which each unit is *not* saturated, "
                     "1 minus the answer: a unit is saturated where |h| > threshold."),
        returns_like(lambda H, threshold: np.mean(1 - H ** 2 < threshold, axis=0),
                     "You compared the slope 1 − h² with `threshold`, but `threshold` bounds the "
                     "outputs: a unit is saturated where |h| > threshold. (The lesson's rule, "
                     "slope below 0.01, is the same as |h| > √0.99 ≈ 0.995.)"),
        returns_like(lambda H, threshold: np.mean(np.abs(H) > threshold, axis=1),
                     "You averaged along axis 1, across the units: that is one fraction per "
                     "example (per row). The task asks one per unit, over the examples: "
                     "`axis=0`, down each column."),
        returns_like(lambda H, threshold: np.mean(np.abs(H) > threshold),
                     "That is one number for the whole layer, the share of all its outputs that "
                     "are saturated (what the lesson printed). The task asks one fraction per "
                     "unit: average over the examples only, `axis=0`."),
        returns_like(lambda H, threshold: np.sum(np.abs(H) > threshold, axis=0),
                     "Those are counts, how many examples saturate each unit. A fraction divides "
                     "by the number of examples, `len(H)`; `np.mean` of the True/False mask does "
                     "both at once."),
        returns_like(lambda H, threshold: np.sum(np.abs(H) > threshold, axis=0) / H.size,
                     "You divided by `H.size`, the number of all outputs (examples × units). "
                     "Each unit is saturated on some of the n examples: divide by `len(H)`, or "
                     "take `.mean(axis=0)`."),
        returns_like(lambda H, threshold: np.abs(H) > threshold,
                     "That is the mask of saturated outputs, one True/False per example and "
                     "unit. Turn it into one fraction per unit: its mean down each column, "
                     "`.mean(axis=0)`."),
        mutates_like("Your function changed `H` in place (for example `np.abs(H, out=H)` or "
                     "`H[H < 0] *= -1`): the caller's outputs lost their signs. `np.abs(H)` "
                     "makes a new array."),
    ],
    hint="`np.abs(H) > threshold` marks the saturated outputs: True/False, the same shape as H. "
         "The mean of booleans is the fraction of True. One fraction per unit means averaging "
         "down each column, over the examples: which axis is that?",
    vectorised=Case(np.tanh(3 * _rng.normal(size=(10_000, 4))), 0.995, note="10,000 examples"),
    praise="Averaged over the units, this is the layer's share of saturated outputs, the "
           "`saturated` of `layer_statistics` (its rule, slope below 1 % of the largest, is "
           "|h| > √0.99 ≈ 0.995 for tanh). Per unit it shows more: a unit saturated on every "
           "example passes almost no gradient on any of them, so its weights hardly move.",
)


# --------------------------------------------------------------------------------------------------
# q4: Xavier's standard deviation
# --------------------------------------------------------------------------------------------------

def xavier_std(n_in, n_out):
    """The standard deviation of Xavier's (Glorot's) normal initialisation for a layer with n_in
    inputs and n_out units: W ~ N(0, 2 / (n_in + n_out))."""
    return np.sqrt(2 / (n_in + n_out))


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n_in, n_out = rng.integers(1, 1000, size=2)
    return Case(int(n_in), int(n_out))


q4 = Question(
    "q4", xavier_std,
    random_case=_random_q4,
    cases=[
        Case(256, 256, note="the lesson's square layers, 256 → 256"),
        Case(2, 8, note="the hidden layer of lesson 05's XOR network, 2 → 8"),
        Case(8, 1, note="its output layer, 8 → 1"),
        Case(784, 100, note="784 pixels → 100 units"),
    ],
    diagnoses=[
        returns_like(lambda n_in, n_out: 2 / (n_in + n_out),
                     "That is the variance, 2/(n_in + n_out). The standard deviation, which "
                     "`rng.normal(scale=...)` and `init=(\"normal\", {\"std\": ...})` take, is its "
                     "square root."),
        returns_like(lambda n_in, n_out: np.sqrt(1 / n_in),
                     "That is √(1/n_in), the N(0, 1/n) of section 3 (LeCun's initialisation): it "
                     "looks at the inputs only. Xavier also keeps the variance of the gradient "
                     "going backwards, which depends on n_out, and compromises between the two: "
                     "variance 2/(n_in + n_out). For a square layer both agree."),
        returns_like(lambda n_in, n_out: np.sqrt(2 / n_in),
                     "That is He's √(2/n_in), made for ReLU (lesson 10). Xavier's variance is "
                     "2/(n_in + n_out)."),
        returns_like(lambda n_in, n_out: np.sqrt(1 / (n_in + n_out)),
                     "The 2 is missing. Xavier's variance is 1 over the *average* of n_in and "
                     "n_out: 1/((n_in + n_out)/2) = 2/(n_in + n_out)."),
        returns_like(lambda n_in, n_out: np.sqrt(6 / (n_in + n_out)),
                     "√(6/(n_in + n_out)) is the limit a of Xavier's *uniform* form, U(−a, a), "
                     "whose variance a²/3 is again 2/(n_in + n_out). The normal form's standard "
                     "deviation is the square root of that variance."),
        returns_like(lambda n_in, n_out: np.sqrt(2 / n_in + n_out),
                     "Brackets: `2 / n_in + n_out` divides 2 by n_in only, then adds n_out. "
                     "Divide by the sum: `2 / (n_in + n_out)`."),
        returns_like(lambda n_in, n_out: 2 / (n_in + n_out) ** 0.5,
                     "Brackets: `**` binds more tightly than `/`, so `2 / (n_in + n_out) ** 0.5` "
                     "is 2/√(n_in + n_out), the root of the denominator only. Take the root of "
                     "the whole fraction: `(2 / (n_in + n_out)) ** 0.5`."),
    ],
    hint="Xavier's variance is 2/(n_in + n_out), and a standard deviation is the square root of "
         "a variance. Mind the brackets.",
    praise="For 256 → 256 this is 1/16, the N(0, 1/n) of the lesson's section 3. "
           "`Network.build(..., init=\"xavier_normal\")` draws each layer's weights as "
           "`rng.normal(scale=xavier_std(n_in, n_out), size=(n_in, n_out))`.",
)


# --------------------------------------------------------------------------------------------------
# q5: the spread of every layer of a deep tanh network
# --------------------------------------------------------------------------------------------------

def layer_spreads(X, weights):
    """The standard deviation of each layer's outputs in a deep tanh network without biases.

    X: (n, d) the inputs, one row per example; weights: L matrices (a list or a tuple), layer l's
    of shape (d_in, d_out). Layer l computes H = tanh(H_prev W_l), starting from H_prev = X.
    Returns (L,): the standard deviation of all of layer l's outputs, for l = 1, ..., L.
    """
    spreads = []
    H = X
    for W in weights:
        H = np.tanh(H @ W)
        spreads.append(H.std())
    return np.array(spreads)


def _spreads(layer=lambda H, W: np.tanh(H @ W), measure=np.std, measure_z=False,
             from_input=False, with_input=False):
    """layer_spreads with a mistake: another layer or measure, the spread of z instead of h, every
    layer fed X, or the spread of X itself first."""
    def wrong(X, weights):
        spreads = [measure(X)] if with_input else []
        H = X
        for W in weights:
            z = (X if from_input else H) @ W
            H = layer(X if from_input else H, W)
            spreads.append(measure(z if measure_z else H))
        return np.array(spreads)
    return wrong


def _layers(X, *scales_and_widths):
    """Weights for the widths of X and the layers, each drawn as N(0, scale²)."""
    widths = [X.shape[1]] + [width for _, width in scales_and_widths]
    return tuple(_rng.normal(scale=scale, size=(d_in, d_out))
                 for (scale, _), d_in, d_out in zip(scales_and_widths, widths, widths[1:]))


def _random_q5(rng):
    """A random case for grading, never shown to the learner."""
    n, layers = rng.integers(5, 30), rng.integers(1, 5)
    widths = rng.integers(1, 12, size=layers + 1)
    factor = rng.choice([0.1, 1.0, 4.0])
    return Case(rng.normal(size=(n, widths[0])),
                tuple(rng.normal(scale=factor / np.sqrt(d_in), size=(d_in, d_out))
                      for d_in, d_out in zip(widths, widths[1:])))


_X_SQUARE = _rng.normal(size=(40, 16))
_X_NARROW = _rng.normal(size=(30, 3))

q5 = Question(
    "q5", layer_spreads,
    random_case=_random_q5,
    cases=[
        Case(_X_SQUARE, _layers(_X_SQUARE, (0.25, 16), (0.25, 16), (0.25, 16)),
             note="3 layers of 16 units, weights N(0, 1/16): Xavier's for square layers"),
        Case(_X_SQUARE, _layers(_X_SQUARE, (1.0, 16), (1.0, 16), (1.0, 16)),
             note="3 layers of 16 units, weights N(0, 1): too large"),
        Case(_X_SQUARE, _layers(_X_SQUARE, (0.01, 16), (0.01, 16), (0.01, 16)),
             note="3 layers of 16 units, weights 0.01·N(0, 1): too small"),
        Case(_X_NARROW, _layers(_X_NARROW, (0.6, 8), (0.35, 4), (0.5, 1)),
             note="widths 3 → 8 → 4 → 1"),
        Case(_rng.normal(size=(10, 2)), (_rng.normal(size=(2, 5)),), note="a single layer"),
    ],
    diagnoses=[
        returns_like(_spreads(layer=lambda H, W: np.tanh(W @ H)),
                     "The sizes in a matrix product must meet in the middle: H is (n, d_in), one "
                     "example per row, and W is (d_in, d_out), so `H @ W` gives (n, d_out)."),
        returns_like(_spreads(from_input=True),
                     "Every one of your layers starts again from X. In a deep network each layer "
                     "takes the previous layer's outputs: start with `H = X`, then "
                     "`H = np.tanh(H @ W)` in the loop."),
        returns_like(_spreads(layer=lambda H, W: H @ W),
                     "There is no tanh: your layers are linear, H @ W, so nothing keeps the "
                     "outputs within (−1, 1), and the spread just multiplies from layer to layer. "
                     "Each layer's output is `np.tanh(H @ W)`."),
        returns_like(_spreads(measure_z=True),
                     "You measured the pre-activations z = H W, before tanh. The task asks the "
                     "spread of each layer's outputs h = tanh(z), which tanh squeezes into "
                     "(−1, 1)."),
        returns_like(_spreads(with_input=True),
                     "Your first value is the spread of X itself. The task asks one value per "
                     "layer, starting with the first layer's outputs: L values for L weight "
                     "matrices."),
        returns_like(lambda X, weights: _spreads()(X, weights)[-1],
                     "That is one number, the spread of the last layer only. The task asks one "
                     "per layer: append each layer's `H.std()` to a list inside the loop, and "
                     "return them all as an array."),
        returns_like(lambda X, weights: _spreads()(X, weights)[:1],
                     "Only the first layer's spread came back: is your `return` inside the loop? "
                     "It ends the function in the first pass; return after the loop."),
        returns_like(lambda X, weights: _spreads()(X, weights)[-1:],
                     "Only the last layer's spread was recorded: is your `append` after the loop "
                     "instead of inside it? Each layer's `H.std()` belongs in the list."),
        returns_like(_spreads(measure=np.var),
                     "That is the variance, the square of the spread. The spread the lesson "
                     "plots is the standard deviation: `H.std()`."),
        returns_like(_spreads(measure=np.mean),
                     "That is the mean of each layer's outputs, near 0 because tanh is "
                     "zero-centred. The spread is the standard deviation: `H.std()`."),
        returns_like(_spreads(measure=lambda H: np.std(H, axis=0)),
                     "You took the standard deviation of each unit, `axis=0`. The task asks one "
                     "number per layer, the spread of all its outputs together: `H.std()` "
                     "without an axis."),
        mutates_like("Your function changed `X` in place: after the call the caller's inputs are "
                     "different. `H = np.tanh(H @ W)` makes a new array each time."),
    ],
    hint="Start with `H = X`. For each W in `weights`, replace H by the layer's outputs, "
         "tanh(H W), and append `H.std()` to a list. Return the list as an array. (A Python loop "
         "over the layers is right here: each layer needs the one before.)",
    praise="These are the `h_std` numbers of `layer_statistics` (for a network with zero "
           "biases): the lesson's table and the widget's title. Try the three weight scales "
           "with the cell below.",
)

questions = (q1, q2, q3, q4, q5)
