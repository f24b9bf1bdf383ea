"""Exercise set 10, vanishing and exploding gradients: He's standard deviation, the backward pass of
a dense tanh layer (to its weights and to its inputs), and the per-layer gradient norms.

Used by ``exercises/10_vanishing_gradients.ipynb``::

    from actlab.exercises import ex10
    ex10.q1.check(he_std)
    ex10.q1.hint()
    ex10.q1.solution()

The reference functions below are the solutions exactly as the solution notebook writes them
(``tests/test_exercise_sets.py`` proves it), because ``solution()`` shows their source.
"""

import numpy as np

from actlab.exercises.checking import Case, Question, mutates_like, returns_like

_rng = np.random.default_rng(10)


# --------------------------------------------------------------------------------------------------
# q1: He's standard deviation
# --------------------------------------------------------------------------------------------------

def he_std(n_in, n_out):
    """The standard deviation of He's (Kaiming's) normal initialisation for a ReLU layer with n_in
    inputs and n_out units: W ~ N(0, 2 / n_in)."""
    return np.sqrt(2 / n_in)


def _random_q1(rng):
    """A random case for grading, never shown to the learner."""
    n_in, n_out = rng.integers(1, 1000, size=2)
    return Case(int(n_in), int(n_out))


q1 = Question(
    "q1", he_std,
    random_case=_random_q1,
    cases=[
        Case(256, 256, note="the lesson's square layers, 256 → 256"),
        Case(64, 10, note="the digits: 64 pixels → 10 units"),
        Case(8, 100, note="a widening layer, 8 → 100"),
        Case(784, 100, note="784 pixels → 100 units"),
    ],
    diagnoses=[
        returns_like(lambda n_in, n_out: 2 / n_in,
                     "That is the variance, 2/n_in. The standard deviation, which "
                     "`rng.normal(scale=...)` takes, is its square root."),
        returns_like(lambda n_in, n_out: np.sqrt(2 / n_out),
                     "Fan-in and fan-out are swapped: you divided by n_out, the number of units. "
                     "He keeps the variance of the forward signal, and each unit sums n_in "
                     "inputs: Var(w) = 2/n_in."),
        returns_like(lambda n_in, n_out: np.sqrt(2 / (n_in + n_out)),
                     "That is Xavier's √(2/(n_in + n_out)), made for tanh. ReLU zeroes half of "
                     "z, so He doubles the forward variance 1/n_in: √(2/n_in)."),
        returns_like(lambda n_in, n_out: np.sqrt(1 / n_in),
                     "That is LeCun's √(1/n_in): the factor 2 is missing. ReLU halves "
                     "E[h²] (half its outputs are 0), so He doubles the variance: 2/n_in."),
        returns_like(lambda n_in, n_out: np.sqrt(6 / n_in),
                     "√(6/n_in) is the limit a of He's *uniform* form, U(−a, a), whose variance "
                     "a²/3 is again 2/n_in. The normal form's standard deviation is √(2/n_in)."),
        returns_like(lambda n_in, n_out: 2 / n_in ** 0.5,
                     "Brackets: `**` binds more tightly than `/`, so `2 / n_in ** 0.5` is "
                     "2/√n_in. Take the root of the whole fraction: `(2 / n_in) ** 0.5`."),
    ],
    hint="He's variance is 2/n_in: a unit sums n_in inputs, and ReLU zeroes half of them. A "
         "standard deviation is the square root of a variance.",
    praise="For 256 → 256 this is 1/√128 ≈ 0.088, √2 times Xavier's 1/16: exactly what keeps the "
           "lesson's 30 ReLU layers at a spread of about 1 instead of 3e-5. "
           "`Network.build(..., init=\"he_normal\")` draws with it.",
)


# --------------------------------------------------------------------------------------------------
# q2: the gradient of a tanh layer's weights
# --------------------------------------------------------------------------------------------------

def weight_gradient(H_prev, Z, dH):
    """∂L/∂W of a dense tanh layer H = tanh(Z), Z = H_prev W + b, for the mean loss over a batch.

    H_prev: (n, d_in) the layer's inputs; Z: (n, d_out) its pre-activations; dH: (n, d_out) the
    gradient of each example's own loss with respect to H. L is the mean of the n losses.
    Returns (d_in, d_out), the shape of W.
    """
    dZ = dH * (1 - np.tanh(Z) ** 2)
    return H_prev.T @ dZ / len(H_prev)


def _random_q2(rng):
    """A random case for grading, never shown to the learner."""
    n, d_in, d_out = rng.integers(2, 7, size=3)
    return Case(rng.normal(size=(n, d_in)), rng.normal(scale=2.0, size=(n, d_out)),
                rng.normal(size=(n, d_out)))


def _batch(n, d_in, d_out):
    return (_rng.normal(size=(n, d_in)), _rng.normal(scale=1.5, size=(n, d_out)),
            _rng.normal(size=(n, d_out)))


q2 = Question(
    "q2", weight_gradient,
    random_case=_random_q2,
    cases=[
        Case(*_batch(5, 3, 2), note="a batch of 5 examples, 3 inputs → 2 units"),
        Case(*_batch(4, 2, 6), note="4 examples, 2 inputs → 6 units"),
        Case(*_batch(7, 4, 4), note="7 examples, a square layer 4 → 4"),
        Case(*_batch(1, 3, 5), note="a batch of one example"),
    ],
    diagnoses=[
        returns_like(lambda H_prev, Z, dH: H_prev.T @ dH / len(H_prev),
                     "The activation's derivative is missing: the gradient reaching Z is "
                     "∂L/∂H ⊙ tanh′(Z), with tanh′(Z) = 1 − tanh(Z)². Multiply `dH` by it, entry "
                     "by entry, before the matrix product."),
        returns_like(lambda H_prev, Z, dH: H_prev.T @ (dH * (1 - np.tanh(Z) ** 2)),
                     "You summed over the batch: L is the *mean* of the n losses, so divide the "
                     "sum by n = `len(H_prev)`. (Otherwise the step size grows with the batch.)"),
        returns_like(lambda H_prev, Z, dH: H_prev.T @ (dH * (1 - np.tanh(Z) ** 2)) / H_prev.size,
                     "You divided by `H_prev.size`, examples × inputs. The mean is over the "
                     "examples only: divide by `len(H_prev)`."),
        returns_like(lambda H_prev, Z, dH: H_prev.T @ (dH * (1 - Z ** 2)) / len(H_prev),
                     "1 − Z² is not the slope: tanh′(Z) = 1 − tanh(Z)². Z is the "
                     "pre-activation, before tanh; `1 - np.tanh(Z) ** 2`."),
        returns_like(lambda H_prev, Z, dH: H_prev.T @ (dH * np.tanh(Z) * (1 - np.tanh(Z)))
                     / len(H_prev),
                     "h(1 − h) is the sigmoid's slope, σ′ = σ(1 − σ). Tanh's is 1 − h², "
                     "h = tanh(Z)."),
        returns_like(lambda H_prev, Z, dH: (dH * (1 - np.tanh(Z) ** 2)).T @ H_prev / len(H_prev),
                     "Your result is transposed: (d_out, d_in). ∂L/∂W has the shape of W, "
                     "(d_in, d_out): `H_prev.T @ dZ`, the inputs' transpose on the left."),
        returns_like(lambda H_prev, Z, dH: H_prev @ (dH * (1 - np.tanh(Z) ** 2)).T / len(H_prev),
                     "`H_prev @ dZ.T` pairs the inputs with the units of the wrong examples: it is "
                     "(n, n). The product must sum over the examples: `H_prev.T @ dZ`."),
        mutates_like("Your function changed one of its arguments in place (for example "
                     "`dH *= ...`): the caller's gradients are changed. Compute a new array: "
                     "`dZ = dH * ...`."),
    ],
    hint="Two steps, as in the engine's `Dense.backward`: first the gradient reaching Z, "
         "dZ = dH ⊙ tanh′(Z) (elementwise); then ∂L/∂W = H_prevᵀ dZ, which sums over the "
         "examples — and L is their mean.",
    vectorised=Case(*_batch(2000, 8, 8), note="2,000 examples"),
    praise="This is the engine's `Dense.backward` for the weights (there the 1/n is already in "
           "∂L/∂H, because the loss averages). The lesson's trap lives here: ∂L/∂W = H_prevᵀ dZ "
           "multiplies a forward signal by a backward one, so when one shrinks toward the top "
           "and the other toward the bottom, their product can look flat across depth.",
)


# --------------------------------------------------------------------------------------------------
# q3: the gradient passed down to the layer below
# --------------------------------------------------------------------------------------------------

def input_gradient(W, Z, dH):
    """∂L/∂H_prev of a dense tanh layer H = tanh(Z), Z = H_prev W + b: the gradient it passes
    down to the layer below.

    W: (d_in, d_out) the weights; Z: (n, d_out) the pre-activations; dH: (n, d_out) = ∂L/∂H.
    Returns (n, d_in), the shape of H_prev.
    """
    dZ = dH * (1 - np.tanh(Z) ** 2)
    return dZ @ W.T


def _random_q3(rng):
    """A random case for grading, never shown to the learner."""
    n, d_in, d_out = rng.integers(2, 7, size=3)
    return Case(rng.normal(size=(d_in, d_out)), rng.normal(scale=2.0, size=(n, d_out)),
                rng.normal(size=(n, d_out)))


def _layer(n, d_in, d_out):
    return (_rng.normal(size=(d_in, d_out)), _rng.normal(scale=1.5, size=(n, d_out)),
            _rng.normal(size=(n, d_out)))


q3 = Question(
    "q3", input_gradient,
    random_case=_random_q3,
    cases=[
        Case(*_layer(5, 4, 4), note="a square layer 4 → 4, a batch of 5"),
        Case(*_layer(5, 3, 2), note="3 inputs → 2 units, a batch of 5"),
        Case(*_layer(2, 6, 3), note="6 inputs → 3 units, a batch of 2"),
        Case(*_layer(1, 2, 5), note="a batch of one example"),
    ],
    diagnoses=[
        returns_like(lambda W, Z, dH: (dH * (1 - np.tanh(Z) ** 2)) @ W,
                     "W is not transposed. Forward, Z = H_prev W maps d_in to d_out; backward "
                     "goes the other way, d_out to d_in: `dZ @ W.T`."),
        returns_like(lambda W, Z, dH: dH @ W.T,
                     "The activation's derivative is missing: what flows through W backward is "
                     "dZ = ∂L/∂H ⊙ tanh′(Z), not ∂L/∂H. Multiply by 1 − tanh(Z)² first."),
        returns_like(lambda W, Z, dH: (dH * (1 - Z ** 2)) @ W.T,
                     "1 − Z² is not the slope: tanh′(Z) = 1 − tanh(Z)²."),
        returns_like(lambda W, Z, dH: (dH * (1 - np.tanh(Z) ** 2)) @ W.T / len(Z),
                     "No division here: the 1/n of the mean loss is already inside ∂L/∂H (as in "
                     "the engine), and the gradient of each example's inputs comes from that "
                     "example alone. Divide only where you sum over the batch."),
        returns_like(lambda W, Z, dH: W @ (dH * (1 - np.tanh(Z) ** 2)).T,
                     "Your result is transposed: (d_in, n). ∂L/∂H_prev has the shape of H_prev, "
                     "one row an example: `dZ @ W.T`."),
        mutates_like("Your function changed one of its arguments in place (for example "
                     "`dH *= ...`): the caller's gradients are changed. Compute a new array."),
    ],
    hint="First the gradient reaching Z, dZ = dH ⊙ tanh′(Z). Then back through Z = H_prev W: "
         "which matrix maps the d_out columns of dZ to d_in columns?",
    vectorised=Case(*_layer(2000, 8, 8), note="2,000 examples"),
    praise="One layer of the product that vanishes or explodes: each layer multiplies the "
           "gradient by diag(tanh′(Z)) and Wᵀ. Apply this 50 times and its size changes by "
           "(the typical stretch of one step)⁵⁰ — the lesson's plots.",
)


# --------------------------------------------------------------------------------------------------
# q4: the per-layer gradient norms
# --------------------------------------------------------------------------------------------------

def gradient_norms(grads):
    """The norm of each layer's weight gradient.

    grads: a list of L arrays, layer l's ∂L/∂W_l of any 2-D shape. Returns (L,): the Frobenius
    norm ‖∂L/∂W_l‖ = √(Σ entries²) of each.
    """
    return np.array([np.sqrt(np.sum(g ** 2)) for g in grads])


def _random_q4(rng):
    """A random case for grading, never shown to the learner."""
    shapes = rng.integers(1, 6, size=(rng.integers(1, 6), 2))
    return Case([rng.normal(scale=10.0 ** rng.integers(-8, 3), size=tuple(s)) for s in shapes])


_GRADS = [_rng.normal(scale=s, size=shape) for s, shape in
          [(1e-6, (4, 3)), (1e-3, (3, 3)), (1.0, (3, 2)), (0.1, (2, 1))]]

q4 = Question(
    "q4", gradient_norms,
    random_case=_random_q4,
    cases=[
        Case(_GRADS, note="4 layers, gradients of sizes 1e-6 to 1: vanishing toward layer 1"),
        Case([np.array([[3.0, 0.0], [0.0, 4.0]]), np.array([[1.0, -1.0, 1.0, -1.0]])],
             note="two small layers with round norms, 5 and 2"),
        Case([_rng.normal(size=(5, 5))], note="one layer"),
    ],
    diagnoses=[
        returns_like(lambda grads: np.array([np.sum(g ** 2) for g in grads]),
                     "The square root is missing: Σ entries² is the squared norm."),
        returns_like(lambda grads: np.array([np.sum(np.abs(g)) for g in grads]),
                     "That is the sum of the absolute values (the entrywise 1-norm). The norm "
                     "the lesson plots is the Frobenius norm, √(Σ entries²)."),
        returns_like(lambda grads: np.array([np.abs(g).max() for g in grads]),
                     "That is the largest entry. The Frobenius norm adds up all entries: "
                     "√(Σ entries²)."),
        returns_like(lambda grads: np.array([np.sqrt(np.mean(g ** 2)) for g in grads]),
                     "That is the root-mean-square entry: you divided by the number of entries. "
                     "The norm sums them, √(Σ entries²), so a wider layer has a larger norm."),
        returns_like(lambda grads: np.array([np.linalg.norm(g, 2) for g in grads]),
                     "`np.linalg.norm(g, 2)` of a matrix is its largest singular value, not the "
                     "Frobenius norm. Without the 2 (or with 'fro') it is √(Σ entries²)."),
        returns_like(lambda grads: np.sqrt(sum(np.sum(g ** 2) for g in grads)),
                     "That is one number for all layers together: the global norm that gradient "
                     "clipping uses. The task asks one norm per layer."),
    ],
    hint="For each array g of the list: square its entries, add them all up, take the square "
         "root. Return the L numbers as an array.",
    praise="These are the `grad_weights` of `layer_statistics`, the numbers the lesson plots on "
           "a log scale. Their joint norm, √(Σ of their squares), is what `clip_by_global_norm` "
           "caps.",
)

questions = (q1, q2, q3, q4)
