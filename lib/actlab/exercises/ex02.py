"""Exercise set 02, why non-linearity: collapse two affine layers, XOR from step units, ReLU features.

Used by ``exercises/02_nonlinearity.ipynb``::

    from actlab.exercises import ex02
    ex02.q1.check(collapsed_weights)
    ex02.q1.hint()
    ex02.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab.datasets import gate_outputs, logic_gate
from actlab.exercises.checking import Case, Question, mutates_like, raises_like, returns_like

_rng = np.random.default_rng(2)

_CORNERS = logic_gate("and")[0]   # the inputs (0, 0), (0, 1), (1, 0), (1, 1)


def _normal(*shape):
    """Random numbers with two decimals, so the evidence shown to the learner stays readable."""
    return _rng.normal(size=shape).round(2)


# --------------------------------------------------------------------------------------------------
# q1: the weights of the single equivalent layer
# --------------------------------------------------------------------------------------------------

def collapsed_weights(W1, W2):
    """The weights W of the single layer equal to layer 1 (W1) followed by layer 2 (W2).

    W1: (d_in, d_hidden); W2: (d_hidden, d_out). Returns W: (d_in, d_out).
    """
    return W1 @ W2


_COLUMN_ORDER = ("W₂W₁ is the textbook formula for column vectors (h = Wx + b, each W stored as "
                 "(d_out, d_in)). Here one example is a row and the batch goes in first: "
                 "(X W₁) W₂ = X (W₁W₂), so W = `W1 @ W2`: (d_in, d_hidden) @ (d_hidden, d_out).")

def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    d_in, d_hidden, d_out = rng.integers(1, 5, size=3)
    return Case(rng.normal(size=(d_in, d_hidden)).round(2),
                rng.normal(size=(d_hidden, d_out)).round(2))


q1 = Question(
    "q1", collapsed_weights,
    random_case=_random_q1,
    cases=[
        Case(_normal(3, 4), _normal(4, 2), note="3 inputs → 4 hidden units → 2 outputs"),
        Case(np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[1.0, 0.0], [3.0, 1.0]]),
             note="square layers (2 → 2 → 2): both orders of the product run"),
        Case(_normal(1, 5), _normal(5, 1), note="1 input → 5 hidden units → 1 output"),
        Case(_normal(2, 3), _normal(3, 3), note="2 → 3 → 3"),
    ],
    diagnoses=[
        returns_like(lambda W1, W2: W2 @ W1, _COLUMN_ORDER),
        returns_like(lambda W1, W2: np.dot(W2, W1), _COLUMN_ORDER),
        returns_like(lambda W1, W2: (W1 @ W2).T,
                     "You returned the transpose, (d_out, d_in). In this course W is "
                     "(d_in, d_out), like W₁ and W₂: `W1 @ W2`."),
        returns_like(lambda W1, W2: W1 * W2,
                     "`W1 * W2` multiplies entry by entry, which needs shapes that broadcast. "
                     "Composing layers is the matrix product: `W1 @ W2`."),
        returns_like(lambda W1, W2: W1 + W2,
                     "Layers compose by multiplying their weight matrices, not adding them "
                     "(which needs shapes that broadcast): (X W₁) W₂ = X (W₁W₂)."),
        mutates_like("Your function changed W1 or W2 in place (for example `W1 @= W2`). Return a "
                     "new array: `W1 @ W2`."),
    ],
    hint="Write layer 2 applied to layer 1's output without biases, (X W₁) W₂, and regroup the "
         "product: matrix products are associative. Check the shapes meet in the middle.",
    praise="However many layers without an activation you stack, their weights multiply into "
           "one matrix: depth without an activation buys nothing.",
)


# --------------------------------------------------------------------------------------------------
# q2: the bias of the single equivalent layer
# --------------------------------------------------------------------------------------------------

def collapsed_bias(b1, W2, b2):
    """The bias b of the single layer equal to layer 1 (bias b1) followed by layer 2 (W2, b2).

    b1: (d_hidden,); W2: (d_hidden, d_out); b2: (d_out,). Returns b: (d_out,).
    """
    return b1 @ W2 + b2


_BIAS_COLUMN_ORDER = ("W₂b₁ + b₂ is the column-vector formula. Here every vector is a row: "
                      "layer 1 adds b₁ to the row X W₁, and layer 2 multiplies that whole row "
                      "by W₂, so b₁ comes out as b₁W₂: `b1 @ W2 + b2`.")

def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    d_hidden, d_out = rng.integers(1, 5, size=2)
    return Case(rng.normal(size=d_hidden).round(2), rng.normal(size=(d_hidden, d_out)).round(2),
                rng.normal(size=d_out).round(2))


q2 = Question(
    "q2", collapsed_bias,
    random_case=_random_q2,
    cases=[
        Case(_normal(4), _normal(4, 2), _normal(2), note="4 hidden units → 2 outputs"),
        Case(np.array([1.0, -1.0]), np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([0.5, 0.0]),
             note="a square W₂ (2 → 2): both orders of the product run"),
        Case(_normal(3), _normal(3, 1), np.array([0.25]), note="3 hidden units → 1 output"),
        Case(_normal(3), _normal(3, 3), _normal(3), note="3 → 3"),
    ],
    diagnoses=[
        returns_like(lambda b1, W2, b2: W2 @ b1 + b2, _BIAS_COLUMN_ORDER),
        returns_like(lambda b1, W2, b2: np.dot(W2, b1) + b2, _BIAS_COLUMN_ORDER),
        returns_like(lambda b1, W2, b2: b1 @ W2,
                     "b₂ is missing: layer 2 adds its own bias after multiplying by W₂."),
        returns_like(lambda b1, W2, b2: b1 + b2,
                     "You added the two biases, but b₁ does not reach the output as it is: it "
                     "passes through layer 2's weights first, b₁W₂ + b₂. (b₁ has one entry per "
                     "hidden unit and b₂ one per output, so `b1 + b2` fails when they differ.)"),
        returns_like(lambda b1, W2, b2: b1 * W2 + b2,
                     "`b1 * W2` multiplies entry by entry (and fails unless the shapes "
                     "broadcast). b₁ passes through layer 2 like a row of X W₁ does: the "
                     "vector-matrix product `b1 @ W2`."),
        returns_like(lambda b1, W2, b2: b2,
                     "That is only b₂. b₁ reaches the output too, through W₂: b₁W₂ + b₂."),
        mutates_like("Your function changed one of its inputs in place (for example `b2 += ...`). "
                     "Return a new array: `b1 @ W2 + b2`."),
    ],
    hint="Expand (X W₁ + b₁) W₂ + b₂ and collect what does not depend on X. The bias b₁ is a row "
         "vector, like a row of X W₁, so it is multiplied by W₂ from the same side.",
    praise="So (X W₁ + b₁) W₂ + b₂ = X (W₁W₂) + (b₁W₂ + b₂): `actlab.network.collapse` does "
           "exactly this.",
)


# --------------------------------------------------------------------------------------------------
# q3: XOR from step units
# --------------------------------------------------------------------------------------------------

def xor_network(X):
    """XOR of each 0/1 input pair (a row of X), as a column (n, 1): two hidden step units, then one
    output step unit."""
    W1 = np.array([[1.0, 1.0],
                   [1.0, 1.0]])
    b1 = np.array([-0.5, -1.5])
    W2 = np.array([[1.0],
                   [-1.0]])
    b2 = np.array([-0.5])
    H = np.where(X @ W1 + b1 >= 0, 1, 0)
    return np.where(H @ W2 + b2 >= 0, 1, 0)


_GATES = {(0, 0, 0, 1): "AND", (0, 1, 1, 1): "OR", (1, 1, 1, 0): "NAND", (1, 0, 0, 0): "NOR",
          (0, 1, 1, 0): "XOR", (1, 0, 0, 1): "XNOR", (0, 0, 1, 1): "x₁", (0, 1, 0, 1): "x₂",
          (1, 1, 0, 0): "NOT x₁", (1, 0, 1, 0): "NOT x₂", (0, 0, 1, 0): "x₁ AND NOT x₂",
          (0, 1, 0, 0): "x₂ AND NOT x₁", (1, 0, 1, 1): "x₁ OR NOT x₂", (1, 1, 0, 1): "x₂ OR NOT x₁",
          (0, 0, 0, 0): "0 for every input", (1, 1, 1, 1): "1 for every input"}


def _gate(fires):
    """The name of the Boolean function with outputs ``fires`` on (0, 0), (0, 1), (1, 0), (1, 1)."""
    return _GATES[tuple(int(f) for f in fires)]


def _hidden_units(attempt):
    """Name the hidden unit that is wrong, from the W1 and b1 the learner chose: a unit whose line
    passes exactly through an input (there step(0) = 1 makes it fire), two units that compute the
    same thing, or a unit that is constant."""
    if attempt.problem != "values":
        return None
    try:
        b1 = np.asarray(attempt.locals["b1"], dtype=float)
        Z = _CORNERS @ np.asarray(attempt.locals["W1"], dtype=float) + b1
    except (KeyError, TypeError, ValueError):
        return None
    if Z.shape != (4, 2):
        return None
    units = [f"Hidden unit {j + 1} (column {j} of W1, b1[{j}])" for j in range(2)]
    for j in range(2):
        on_line = np.abs(Z[:, j]) < 1e-12
        if on_line.any():
            points = " and ".join(f"({a:g}, {b:g})" for a, b in _CORNERS[on_line])
            meant = _gate(Z[:, j] > 0)
            return (f"{units[j]} has z = 0 exactly for {points}: step(0) = 1, so it fires there "
                    f"and computes {_gate(Z[:, j] >= 0)}. If it is meant to be {meant}, lower its "
                    f"bias a little, for example b1[{j}] = {b1[j] - 0.5:g}.")
    fires = Z >= 0
    if (fires[:, 0] == fires[:, 1]).all():
        return (f"Both hidden units compute {_gate(fires[:, 0])}, so the output unit sees one "
                f"pattern twice and can only compute a function of it. XOR needs two different "
                f"lines, for example an OR unit and an AND unit.")
    for j in range(2):
        if fires[:, j].all() or not fires[:, j].any():
            never = "never" if not fires[:, j].any() else "always"
            return (f"{units[j]} computes {_gate(fires[:, j])} (it {never} fires), so it tells "
                    f"the output unit nothing about the input. Give it a line that separates the "
                    f"four points.")
    return None


def _output_weights_shape(attempt):
    """W2 written as a flat vector, shape (2,): the network then returns (n,), not a column."""
    if attempt.problem != "shape":
        return None
    try:
        shape = np.shape(attempt.locals["W2"])
    except KeyError:
        return None
    if shape != (2,):
        return None
    return ("Your W2 has shape (2,). As in lesson 02, a layer's weights are (d_in, d_out): the "
            "output layer has 2 inputs and 1 unit, so W2 is a column of shape (2, 1), "
            "`np.array([[...], [...]])`, and b2 has shape (1,). Then the network answers with one "
            "column, shape (n, 1), like the lesson's network.")


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    return Case(_CORNERS[rng.integers(0, 4, size=rng.integers(3, 9))])


q3 = Question(
    "q3", xor_network,
    random_case=_random_q3,
    cases=[
        Case(_CORNERS.copy(), note="the four input pairs (0, 0), (0, 1), (1, 0), (1, 1)"),
        Case(_CORNERS[::-1].copy(), note="the same four pairs in reverse order"),
        Case(_CORNERS[[1, 3, 0, 2, 1, 3]].copy(), note="a batch with repeats"),
    ],
    diagnoses=[
        _hidden_units,
        _output_weights_shape,
        returns_like(lambda X: gate_outputs("or", X)[:, None],
                     "Your network computes OR: (1, 1) must give 0. Let the output unit subtract "
                     "a hidden unit that fires only for (1, 1) (an AND unit)."),
        returns_like(lambda X: gate_outputs("and", X)[:, None],
                     "Your network computes AND. XOR is 'OR but not AND': the output needs a "
                     "positive weight on an OR unit and a negative one on an AND unit."),
        returns_like(lambda X: gate_outputs("xnor", X)[:, None],
                     "Your network computes XNOR, the exact opposite of XOR: multiply the output "
                     "unit's weights and bias by −1 (no hidden pattern lies on its line, so every "
                     "answer turns round)."),
        returns_like(lambda X: gate_outputs("nand", X)[:, None],
                     "Your network computes NAND: (0, 0) must give 0. The output unit should fire "
                     "for OR-but-not-AND: with h₁ = OR and h₂ = AND, try ŷ = step(h₁ − h₂ − 0.5)."),
        returns_like(lambda X: np.ones((len(X), 1)),
                     "Your network answers 1 everywhere. Check the output unit: step(0) = 1, so "
                     "a z of exactly 0 counts as 1 — keep the output bias away from the values "
                     "the hidden layer can produce."),
        returns_like(lambda X: np.zeros((len(X), 1)),
                     "Your network answers 0 everywhere: the output unit never fires, "
                     "HW₂ + b₂ < 0 for every input. If your hidden units compute what you meant, "
                     "the output bias is too negative for its weights."),
        raises_like(ValueError, "matmul",
                    "Check the shapes: W1 is (2, 2) with one hidden unit per column, b1 is (2,), "
                    "W2 is (2, 1), one weight per hidden unit in the output unit's column, and b2 "
                    "is (1,)."),
    ],
    hint="XOR = OR and not AND. Hidden unit 1 (column 0 of W1, b1[0]) can be the OR perceptron of "
         "the lesson, hidden unit 2 the AND perceptron. The output unit then sees (h₁, h₂) and "
         "must fire only for (1, 0).",
    praise="Each hidden unit draws one line; the output unit combines the half-planes. That is "
           "what a hidden layer with a non-linear activation adds.",
)


# --------------------------------------------------------------------------------------------------
# q4: ReLU features for a fit by pieces
# --------------------------------------------------------------------------------------------------

def relu_features(x, knots):
    """The matrix F with F[i, j] = relu(x[i] - knots[j]), the hidden layer of a ReLU-piece fit.

    x: (n,) sample points; knots: (k,) knot positions. Returns F: (n, k).
    """
    return np.maximum(x[:, None] - knots[None, :], 0)


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    n, k = rng.integers(1, 8), rng.integers(1, 5)
    return Case(np.sort(2 * rng.normal(size=n)).round(2), np.sort(rng.normal(size=k)).round(2))


q4 = Question(
    "q4", relu_features,
    random_case=_random_q4,
    cases=[
        Case(np.linspace(-2.0, 2.0, 5), np.array([-1.0, 0.0, 1.5]), note="5 points, 3 knots"),
        Case(np.array([-1.0, 0.0, 0.5, 3.0]), np.array([0.5]), note="one knot"),
        Case(np.array([0.0, 1.0, 2.0]), np.array([0.5, 1.0, 2.5]),
             note="as many points as knots (n = k = 3)"),
        Case(np.array([-1.5, -0.5, 0.5, 1.5], dtype=np.float32),
             np.array([-1.0, 1.0], dtype=np.float32), note="float32"),
    ],
    diagnoses=[
        returns_like(lambda x, knots: np.maximum(x - knots, 0),
                     "`x - knots` pairs x[i] with knots[i] only, and fails when the lengths "
                     "differ. Every point needs every knot: make x a column, "
                     "`x[:, None] - knots[None, :]` has shape (n, k)."),
        returns_like(lambda x, knots: np.maximum(x[:, None] - knots[None, :], 0).T,
                     "You returned the transpose, (k, n). One row per sample point and one "
                     "column per knot: `x[:, None] - knots[None, :]`."),
        returns_like(lambda x, knots: np.maximum(knots[None, :] - x[:, None], 0),
                     "That is relu(knot − x), the mirror image: zero right of the knot. A ReLU "
                     "piece starts at its knot and rises to the right: relu(x − knot)."),
        returns_like(lambda x, knots: x[:, None] - knots[None, :],
                     "The differences are right, but the ReLU is missing: negative entries must "
                     "become 0."),
        returns_like(lambda x, knots: np.max(x[:, None] - knots[None, :], 0),
                     "`np.max(..., 0)` is a reduction (the largest value along axis 0). The "
                     "elementwise maximum with 0 is `np.maximum(..., 0)`."),
        mutates_like("Your function changed x or knots in place. Build the result as a new array."),
    ],
    hint="Broadcasting pairs every entry of a column with every entry of a row: x[:, None] has "
         "shape (n, 1), knots[None, :] has shape (1, k), and their difference is (n, k). Then "
         "ReLU, elementwise.",
    vectorised=Case(np.linspace(-3.0, 3.0, 10_000), np.linspace(-3.0, 3.0, 6)[:-1],
                    note="10,000 points, 5 knots"),
    praise="`actlab.network.fit_relu_pieces` builds this matrix (plus a column of ones) and fits "
           "the output weights with `np.linalg.lstsq`.",
)

questions = (q1, q2, q3, q4)
