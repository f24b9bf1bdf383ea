"""Exercise set 06, ReLU: its derivative with the kink convention, the dead units of a network on a
data set, the share of exact zeros in every layer, and the arc-cosine formula for one layer.

Used by ``exercises/06_relu.ipynb``::

    from actlab.exercises import ex06
    ex06.q1.check(relu_grad)
    ex06.q1.hint()
    ex06.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab.exercises.checking import Case, Question, mutates_like, returns_like, warns_like

_rng = np.random.default_rng(6)


# --------------------------------------------------------------------------------------------------
# q1: relu' with the kink convention
# --------------------------------------------------------------------------------------------------

def relu_grad(x):
    """The derivative of ReLU at every x, with relu'(0) = 0 (the course's convention).

    x: a float array of any shape. Returns a float array of the same shape: 1.0 where x > 0, else
    0.0.
    """
    return np.where(x > 0, 1.0, 0.0)


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    x = rng.normal(size=tuple(rng.integers(1, 6, size=rng.integers(1, 3))))
    x.flat[rng.integers(x.size)] = 0.0               # always a kink
    return Case(x)


q1 = Question(
    "q1", relu_grad,
    random_case=_random_q1,
    cases=[
        Case(np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), note="x = −2, −0.5, 0, 0.5, 2"),
        Case(np.array([[0.0, 1e-300], [-1e-300, -0.0]]),
             note="the kink, the smallest numbers on either side of it, and −0.0"),
        Case(np.array([[3.0, -1.0, 0.0], [0.25, 0.0, -7.5]]),
             note="a 2-D array: a layer's pre-activations"),
    ],
    diagnoses=[
        returns_like(lambda x: np.where(x >= 0, 1.0, 0.0),
                     "At x = 0 your derivative is 1. There is no derivative at the kink (0 from "
                     "the left, 1 from the right), so a value must be chosen, and the course, "
                     "like PyTorch and JAX, chooses relu'(0) = 0: use `x > 0`, not `x >= 0`."),
        returns_like(lambda x: np.where(x > 0, 1.0, np.where(x < 0, 0.0, 0.5)),
                     "At x = 0 you returned 0.5, the average of the two one-sided slopes (what a "
                     "central difference measures there). It is a valid choice in mathematics, "
                     "but the course's convention is relu'(0) = 0."),
        returns_like(lambda x: np.maximum(x, 0.0),
                     "That is ReLU itself, max(0, x), not its slope. The slope is 1 wherever "
                     "the function rises (x > 0) and 0 where it is flat."),
        returns_like(lambda x: np.sign(x),
                     "`np.sign` gives −1 for negative x, but ReLU is flat there: its slope is 0, "
                     "not −1."),
        returns_like(lambda x: np.where(x < 0, 1.0, 0.0),
                     "Your 1s and 0s are swapped: the slope is 1 where x > 0 (ReLU passes x "
                     "through) and 0 where x < 0 (ReLU outputs 0)."),
        mutates_like("Your function changed x in place (e.g. `x[x > 0] = 1`), so the caller's "
                     "array is now different. Build a new array, e.g. with `np.where`."),
    ],
    hint="Compare x with 0 to get True/False, and turn that into 1.0/0.0 (e.g. `np.where`). Which "
         "comparison makes the slope at exactly 0 come out as 0?",
    praise="This is `actlab.relu.grad`. Note −0.0 > 0 is False: at −0.0 the slope is 0 too.",
)


# --------------------------------------------------------------------------------------------------
# q2: dead units, layer by layer
# --------------------------------------------------------------------------------------------------

def count_dead(X, weights, biases):
    """The number of dead units in each hidden layer of a ReLU network on the data set X.

    X: (n, d) the data set, one row per example; weights, biases: L arrays each, layer l's of
    shapes (d_in, d_out) and (d_out,). Layer l computes Z = H_prev W_l + b_l and H = relu(Z),
    starting from H_prev = X. A unit is dead when its z <= 0 on every example.
    Returns an int array (L,).
    """
    counts = []
    H = X
    for W, b in zip(weights, biases):
        Z = H @ W + b
        counts.append(np.sum(np.all(Z <= 0, axis=0)))
        H = np.maximum(Z, 0.0)
    return np.array(counts)


def _dead(dead=lambda Z: np.all(Z <= 0, axis=0), bias=True, from_input=False,
          measure=np.sum, by_weights=False):
    """count_dead with a mistake: another test for "dead", no bias, every layer fed X, another
    summary, or a count of the units with zero weights."""
    def wrong(X, weights, biases):
        counts = []
        H = X
        for W, b in zip(weights, biases):
            Z = (X if from_input else H) @ W + (b if bias else 0.0)
            if by_weights:
                counts.append(np.sum(np.all(W == 0, axis=0)))
            else:
                counts.append(measure(dead(Z)))
            H = np.maximum(Z, 0.0)
        return np.array(counts)
    return wrong


def _network(layers):
    """(weights, biases) of a network; each layer given as (W, b)."""
    return (tuple(np.array(W, dtype=float) for W, _ in layers),
            tuple(np.array(b, dtype=float) for _, b in layers))


# Hand-made: unit 1 has non-zero weights and a bias far below 0 (dead), unit 2 zero weights and a
# positive bias (alive), unit 3 zero weights and zero bias (z = 0 everywhere: dead, as
# relu'(0) = 0), unit 4 is on for some examples only (alive).
_X_HAND = np.array([[1.0, -1.0], [0.5, 2.0], [-1.5, 0.5], [2.0, 1.0]])
_HAND = _network([([[1.0, 0.0, 0.0, 1.0], [-0.5, 0.0, 0.0, 0.0]], [-10.0, 0.5, 0.0, 0.0]),
                  ([[1.0, -1.0], [1.0, 0.0], [0.0, 2.0], [-1.0, 0.0]], [0.0, -0.5])])


def _random_network(rng, sizes, bias_scale):
    weights = tuple(rng.normal(scale=np.sqrt(2 / a), size=(a, b)) for a, b in zip(sizes, sizes[1:]))
    biases = tuple(rng.normal(scale=bias_scale, size=b) for b in sizes[1:])
    return weights, biases


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    sizes = [int(s) for s in rng.integers(1, 8, size=rng.integers(2, 6))]
    weights, biases = _random_network(rng, sizes, float(rng.choice([0.0, 0.5, 2.0])))
    return Case(rng.normal(size=(int(rng.integers(2, 20)), sizes[0])), weights, biases)


_X_DEEP = _rng.normal(size=(30, 4))

q2 = Question(
    "q2", count_dead,
    random_case=_random_q2,
    cases=[
        Case(_X_HAND, *_HAND,
             note="layer 1: unit 1 non-zero weights, bias −10; unit 2 zero weights, bias 0.5; "
                  "unit 3 zero weights, bias 0; unit 4 on for two examples only"),
        Case(_X_DEEP, *_random_network(_rng, [4, 4, 4, 4, 4, 4], 1.0),
             note="5 layers of 4 units, He weights, biases N(0, 1)"),
        Case(_X_DEEP, *_random_network(_rng, [4, 6, 3, 5], 0.0),
             note="widths 4 → 6 → 3 → 5, zero biases"),
    ],
    diagnoses=[
        returns_like(_dead(by_weights=True),
                     "You counted the units whose weights are all 0. That is not what dead "
                     "means: a unit is dead when its pre-activation z = h·w + b is ≤ 0 on every "
                     "example, so no gradient reaches it. A unit with non-zero weights can be "
                     "dead (a bias far below 0), one with zero weights alive (a positive bias)."),
        returns_like(_dead(dead=lambda Z: np.any(Z <= 0, axis=0)),
                     "You counted the units that are off on *some* example (`np.any`). Almost "
                     "every unit is off for some inputs — that is ReLU's sparsity, and the unit "
                     "still learns from the others. Dead means off on *every* example: "
                     "`np.all(Z <= 0, axis=0)`."),
        returns_like(_dead(dead=lambda Z: np.all(Z < 0, axis=0)),
                     "A unit whose z is exactly 0 on every example is dead too: relu'(0) = 0, so "
                     "it passes no gradient either (the hand-made unit with zero weights and "
                     "zero bias). Use `Z <= 0`."),
        returns_like(_dead(bias=False),
                     "You left out the bias: z = h·w + b. The bias alone can keep a unit on (the "
                     "hand-made unit with zero weights and bias 0.5) or switch it off for every "
                     "example (bias −10)."),
        returns_like(_dead(dead=lambda Z: np.all(Z <= 0, axis=1)),
                     "You counted *examples* on which every unit is off (`axis=1`). A unit is a "
                     "column of Z (one row per example): take `np.all(..., axis=0)`, one answer "
                     "per unit."),
        returns_like(_dead(dead=lambda Z: Z <= 0),
                     "You counted every entry with z ≤ 0: how many (example, unit) pairs are "
                     "off. A dead unit is one *column* that is ≤ 0 in every row: "
                     "`np.all(Z <= 0, axis=0)`, then count those."),
        returns_like(_dead(measure=np.mean),
                     "That is the *fraction* of each layer's units that are dead. The task asks "
                     "the number: `np.sum` of the True values, not their mean."),
        returns_like(_dead(from_input=True),
                     "Every one of your layers starts again from X. Each layer takes the "
                     "previous layer's outputs H = relu(Z): a unit deep down dies because of "
                     "what the layers before it do."),
        mutates_like("Your function changed X or a weight array in place. Compute new arrays, "
                     "e.g. `H = np.maximum(Z, 0.0)`."),
    ],
    hint="Start with H = X. For each layer: Z = H @ W + b (one row per example, one column per "
         "unit); a unit is dead when its whole column is ≤ 0, `np.all(Z <= 0, axis=0)`; count "
         "those; then H = relu(Z) for the next layer.",
    praise="This is `layer_statistics(net, X).dead_units`, counted. Look at the hand-made layer "
           "again: the dead unit has weights, the live one has none.",
)


# --------------------------------------------------------------------------------------------------
# q3: the share of exact zeros in each layer
# --------------------------------------------------------------------------------------------------

def zero_fraction(X, weights, biases):
    """The fraction of each hidden layer's outputs that are exactly 0, in a ReLU network.

    X, weights, biases: as in task 2. Returns a float array (L,): for layer l, the share of the
    entries of H_l (all examples, all units) that are exactly 0.
    """
    fractions = []
    H = X
    for W, b in zip(weights, biases):
        H = np.maximum(H @ W + b, 0.0)
        fractions.append(np.mean(H == 0))
    return np.array(fractions)


def _zeros(measure=lambda H, Z: np.mean(H == 0)):
    """zero_fraction with another measure of each layer."""
    def wrong(X, weights, biases):
        fractions = []
        H = X
        for W, b in zip(weights, biases):
            Z = H @ W + b
            H = np.maximum(Z, 0.0)
            fractions.append(measure(H, Z))
        return np.array(fractions)
    return wrong


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    sizes = [int(s) for s in rng.integers(1, 8, size=rng.integers(2, 5))]
    weights, biases = _random_network(rng, sizes, float(rng.choice([0.0, 0.5])))
    return Case(rng.normal(size=(int(rng.integers(2, 20)), sizes[0])), weights, biases)


q3 = Question(
    "q3", zero_fraction,
    random_case=_random_q3,
    cases=[
        Case(_X_HAND, *_HAND, note="the hand-made network of task 2"),
        Case(_X_DEEP, *_random_network(_rng, [4, 8, 8, 8], 0.0),
             note="3 layers of 8 units, He weights, zero biases"),
        Case(_rng.normal(size=(12, 3)), *_random_network(_rng, [3, 5, 2], 1.0),
             note="widths 3 → 5 → 2, biases N(0, 1)"),
    ],
    diagnoses=[
        returns_like(_zeros(lambda H, Z: np.mean(np.all(H == 0, axis=0))),
                     "That is the fraction of *dead units* (0 on every example), task 2's "
                     "question. Sparsity counts single outputs: the share of all entries of H "
                     "that are exactly 0, `np.mean(H == 0)`."),
        returns_like(_zeros(lambda H, Z: np.sum(H == 0)),
                     "That is the number of zeros; divide by the number of entries (or take "
                     "`np.mean(H == 0)`) to get the fraction."),
        returns_like(_zeros(lambda H, Z: np.mean(Z < 0)),
                     "You measured z < 0, but ReLU also outputs exactly 0 where z = 0 (the "
                     "unit with zero weights and zero bias). Count the outputs: `H == 0`."),
        returns_like(_zeros(lambda H, Z: np.mean(H != 0)),
                     "That is the share of outputs that are *not* 0, the active ones: the "
                     "complement of the answer."),
        returns_like(_zeros(lambda H, Z: np.mean(H == 0, axis=0)),
                     "You took the mean per unit (`axis=0`). The task asks one number per layer, "
                     "over all its entries: `np.mean(H == 0)` without an axis."),
        mutates_like("Your function changed X or a weight array in place. Compute new arrays."),
    ],
    hint="Run the network layer by layer as in task 2, H = relu(H W + b), and after each layer "
         "append the mean of `H == 0` (True counts as 1).",
    praise="With zero biases and He weights the share is about one half in every layer — the "
           "lesson's sparsity — while few or no units are dead.",
)


# --------------------------------------------------------------------------------------------------
# q4: the arc-cosine formula for one layer
# --------------------------------------------------------------------------------------------------

def relu_cosine(c):
    """The cosine similarity of two inputs after one wide random ReLU layer (zero biases), from
    their cosine c before it: (sin θ + (π − θ) cos θ) / π with θ = arccos(c).

    c: an array of cosines in [-1, 1] (rounding may push one a hair beyond). Returns an array of
    the same shape.
    """
    theta = np.arccos(np.clip(c, -1.0, 1.0))
    return (np.sin(theta) + (np.pi - theta) * np.cos(theta)) / np.pi


def _cosine(formula, clip=True):
    def wrong(c):
        theta = np.arccos(np.clip(c, -1.0, 1.0) if clip else c)
        return formula(theta)
    return wrong


q4 = Question(
    "q4", relu_cosine,
    random_case=lambda rng: Case(np.clip(rng.uniform(-1.0, 1.0, size=rng.integers(1, 8)),
                                         -1.0, 1.0)),
    cases=[
        Case(np.array([0.0, 0.5, -0.5]), note="c = 0 (orthogonal inputs), 0.5 and −0.5"),
        Case(np.array([-1.0, 1.0, 0.9]), note="opposite and equal inputs, and c = 0.9"),
        Case(np.array([1.0000000000000002, -1.0000000000000002]),
             note="cosines that rounding pushed a hair beyond ±1"),
    ],
    diagnoses=[
        warns_like("invalid value",
                   "np.arccos of a number a hair above 1 (or below −1) is NaN: a cosine "
                   "computed from two vectors can land there by rounding. Clip c to [−1, 1] "
                   "first: `np.clip(c, -1.0, 1.0)`."),
        returns_like(_cosine(lambda t: np.sin(t) + (np.pi - t) * np.cos(t)),
                     "You left out the division by π. Without it two equal inputs (c = 1) would "
                     "come out with cosine π, and a cosine is at most 1."),
        returns_like(_cosine(lambda t: (np.cos(t) + (np.pi - t) * np.sin(t)) / np.pi),
                     "Sine and cosine are swapped: the formula is (sin θ + (π − θ) cos θ) / π."),
        returns_like(_cosine(lambda t: (np.sin(t) + (np.pi - t) * np.cos(t)) / (2 * np.pi)),
                     "You divided by 2π. Divide by π: then c = 1 gives 1 (equal inputs stay "
                     "equal) and c = 0 gives 1/π."),
        returns_like(lambda c: (np.sin(c) + (np.pi - c) * np.cos(c)) / np.pi,
                     "You put the cosine c where the angle θ belongs: θ = arccos(c) first, then "
                     "(sin θ + (π − θ) cos θ) / π."),
        returns_like(_cosine(lambda t: t),
                     "That is the angle θ = arccos(c), the first step. Now apply the formula to "
                     "it: (sin θ + (π − θ) cos θ) / π."),
        mutates_like("Your function changed c in place (e.g. `np.clip(c, -1, 1, out=c)`). Work "
                     "on a new array."),
    ],
    hint="θ = np.arccos(c), after clipping c to [−1, 1]; then (sin θ + (π − θ) cos θ) / π. For "
         "c = 0 you should get 1/π ≈ 0.318.",
    praise="Apply it 5, 10 and 20 times to c = 0 and you get the lesson's 0.74, 0.87 and 0.95: "
           "deep random ReLU layers make every pair of inputs alike.",
)

questions = (q1, q2, q3, q4)
