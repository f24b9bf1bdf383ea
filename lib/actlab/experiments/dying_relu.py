"""Lesson 06: dying ReLU units, measured with their conditions.

A hidden unit is **dead** on a data set when its slope :math:`f'(z)` is 0 for *every* example, so
no gradient ever reaches its weights (the engine's definition,
:func:`actlab.network.layer_statistics`). For ReLU, with :math:`\\operatorname{relu}'(0) = 0`,
that is a pre-activation :math:`z \\le 0` on every example — whatever its weights are.

Three experiments:

- :func:`dead_run`: a 10-layer, 64-unit network trained on the digits; the dead units of every
  layer before and after training, by activation, initialisation, learning rate and seed. The full
  grid (:data:`ACTIVATIONS` × :data:`INITS` × :data:`LEARNING_RATES` × :data:`SEEDS`, 150 trainings,
  about two minutes) is run by ``python -m actlab.experiments.dying_relu``, which writes
  ``dying_relu.json`` beside this module; :func:`load_results` reads it.
- :func:`born_dead`: the probability that a narrow, deep ReLU network is constant from birth
  (some layer is 0 on every input), by width and depth (Lu et al. 2019), from many random networks
  drawn at once (stacked matrix products).
- :func:`relu_cosine_map` and :func:`simulated_cosine`: the cosine similarity of two inputs after
  :math:`k` random ReLU layers, by the arc-cosine formula and by simulation.
"""

import contextlib
import io
import json
import math
import sys
from importlib import resources

import numpy as np

from actlab._threads import one_blas_thread
from actlab.datasets import digits
from actlab.network import Network, layer_statistics, train

__all__ = ["ACTIVATIONS", "DEPTH", "EPOCHS", "INITS", "LEARNING_RATES", "SEEDS", "WIDTH",
           "born_dead", "cosine_after_layers", "dead_run", "load_results", "mean_per_layer",
           "relu_cosine_map", "run_grid", "simulated_cosine"]

WIDTH, DEPTH, EPOCHS, BATCH_SIZE = 64, 10, 10, 32
ACTIVATIONS = ("relu", "leaky_relu", "elu")
INITS = ("pytorch_default", "he_normal")
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 0.5)
SEEDS = (0, 1, 2, 3, 4)
RESULTS_FILE = "dying_relu.json"


def _unit_counts(net, X):
    """Per hidden layer: the number of dead units (f' = 0 on every example) and of units whose
    pre-activation is never positive (z <= 0 on every example)."""
    with one_blas_thread():
        stats = layer_statistics(net, X)
        with np.errstate(all="ignore"):
            z = net._forward(X).z[:DEPTH]
    dead = [int(units.sum()) for units in stats.dead_units[:DEPTH]]
    never_positive = [int(np.all(zl <= 0, axis=0).sum()) for zl in z]
    return dead, never_positive


def dead_run(activation, init, learning_rate, seed):
    """Train one network ``64 → 64 × 10 → 10`` (softmax) on the digits and count its dead units.

    Plain SGD, :data:`EPOCHS` epochs of mini-batches of 32, the seed both for the weights and the
    batches. Biases: ``"pytorch_default"`` draws them like the weights, :math:`U(\\pm 1/\\sqrt{n})`;
    ``"he_normal"`` sets them to 0.

    Returns
    -------
    dict
        ``dead_before``, ``dead_after``: dead units of each of the 10 hidden layers (out of 64) at
        initialisation and after training; ``never_positive_before``, ``never_positive_after``:
        units with :math:`z \\le 0` on every training example (dead, for ReLU); ``correct``: the
        validation images classified correctly (of 360); ``diverged``: training stopped on an
        infinite loss (then the ``_after`` counts and ``correct`` are None).
    """
    data = digits()
    net = Network.build([64] + [WIDTH] * DEPTH + [10], activation, output="softmax", init=init,
                        seed=seed)
    dead_before, never_before = _unit_counts(net, data.X_train)
    with contextlib.redirect_stdout(io.StringIO()):      # the engine's note when training diverges
        history = train(net, data.X_train, data.y_train, learning_rate=learning_rate,
                        epochs=EPOCHS, batch_size=BATCH_SIZE, seed=seed)
    run = {"activation": activation, "init": init, "learning_rate": learning_rate, "seed": seed,
           "dead_before": dead_before, "never_positive_before": never_before,
           "diverged": history.stopped is not None,
           "dead_after": None, "never_positive_after": None, "correct": None}
    if not run["diverged"]:
        run["dead_after"], run["never_positive_after"] = _unit_counts(net, data.X_train)
        with np.errstate(all="ignore"):
            scores = net.scores(data.X_val)
        run["correct"] = int(np.sum(np.argmax(scores, axis=1) == data.y_val))
    return run


def run_grid(path=None, progress=True):
    """Run :func:`dead_run` for the whole grid and write the results (JSON) to ``path``
    (default: ``dying_relu.json`` beside this module)."""
    runs = []
    grid = [(a, i, r, s) for a in ACTIVATIONS for i in INITS for r in LEARNING_RATES for s in SEEDS]
    for k, (activation, init, rate, seed) in enumerate(grid, 1):
        runs.append(dead_run(activation, init, rate, seed))
        if progress:
            print(f"\r{k}/{len(grid)} runs", end="", file=sys.stderr, flush=True)
    results = {"width": WIDTH, "depth": DEPTH, "epochs": EPOCHS, "batch_size": BATCH_SIZE,
               "optimizer": "sgd", "data": "digits() training part (1,437 images)", "runs": runs}
    if path is None:
        path = resources.files("actlab.experiments") / RESULTS_FILE
    with open(path, "w") as file:
        file.write(json.dumps(results, indent=None, separators=(",", ":")).replace("},{", "},\n{"))
        file.write("\n")
    if progress:
        print(f"\nwrote {path}", file=sys.stderr)
    return results


def load_results():
    """The committed results of :func:`run_grid` (a dict; ``["runs"]`` is a list of :func:`dead_run`
    results)."""
    return json.loads((resources.files("actlab.experiments") / RESULTS_FILE).read_text())


def mean_per_layer(results, *, activation="relu", init, learning_rate, field="dead_after"):
    """The mean over seeds of a per-layer count of :func:`dead_run`, as a fraction of the width.

    Runs that diverged are left out of an ``_after`` field; if all did, the result is all NaN.

    Returns
    -------
    fractions : ndarray (depth,)
    runs : int
        How many runs the mean is over.
    """
    rows = [run[field] for run in results["runs"]
            if run["activation"] == activation and run["init"] == init
            and run["learning_rate"] == learning_rate and run[field] is not None]
    if not rows:
        return np.full(results["depth"], np.nan), 0
    return np.mean(rows, axis=0) / results["width"], len(rows)


def born_dead(widths, depths, *, trials=1000, inputs=200, seed=0):
    """The probability that a random ReLU network is **born dead**: some hidden layer outputs 0 on
    every input, so the network is a constant function.

    Each network has ``width`` inputs and hidden layers of ``width`` units, He-normal weights
    :math:`N(0, 2/n_\\text{in})` and zero biases; the inputs are ``inputs`` standard-normal
    vectors. All ``trials`` networks of one width are drawn and run at once (stacked matrix
    products); a network born dead at depth :math:`L` is dead at every larger depth, so one pass to
    the largest depth gives every depth.

    Parameters
    ----------
    widths, depths : sequence of int
    trials, inputs : int
    seed : int

    Returns
    -------
    ndarray (len(widths), len(depths))
        The fraction of the ``trials`` networks born dead.

    Examples
    --------
    >>> # one unit: inputs of both signs keep layer 1 alive; later ones are off w.p. 1/2 each
    >>> born_dead([1], [1, 3], trials=4000).round(1).tolist()   # 0 and 1 − (1/2)² = 0.75
    [[0.0, 0.8]]
    """
    depths = [int(d) for d in depths]
    out = np.empty((len(widths), len(depths)))
    with one_blas_thread():    # small stacked products: a second thread only waits
        for row, width in enumerate(widths):
            out[row] = _born_dead_one_width(int(width), depths, trials, inputs, seed)
    return out


def _born_dead_one_width(width, depths, trials, inputs, seed):
    """:func:`born_dead` for one width: the fraction born dead at each of ``depths``."""
    rng = np.random.default_rng([seed, width])
    h = np.broadcast_to(rng.normal(size=(inputs, width)), (trials, inputs, width))
    dead = np.zeros(trials, bool)
    dead_at = {}
    for layer in range(1, max(depths) + 1):
        weights = rng.normal(0.0, math.sqrt(2 / width), size=(trials, width, width))
        h = np.maximum(h @ weights, 0.0)
        dead |= ~h.any(axis=(1, 2))
        dead_at[layer] = dead.mean()
    return [dead_at[d] for d in depths]


def relu_cosine_map(c):
    """The cosine similarity of two inputs after one wide random ReLU layer (zero bias), as a
    function of their cosine :math:`c = \\cos\\theta` before it — the arc-cosine kernel of degree 1
    (Cho & Saul 2009), normalised:

    .. math:: c' = \\frac{\\sin\\theta + (\\pi - \\theta)\\cos\\theta}{\\pi}, \\qquad
              \\theta = \\arccos c .

    Examples
    --------
    >>> round(float(relu_cosine_map(0.0)), 4), round(1 / math.pi, 4)   # orthogonal inputs
    (0.3183, 0.3183)
    >>> float(relu_cosine_map(1.0))
    1.0
    """
    theta = np.arccos(np.clip(np.asarray(c, dtype=float), -1.0, 1.0))
    return (np.sin(theta) + (np.pi - theta) * np.cos(theta)) / np.pi


def cosine_after_layers(c0, depth):
    """:func:`relu_cosine_map` applied 0, 1, …, ``depth`` times to ``c0``: an array (depth + 1,)."""
    values = [float(c0)]
    for _ in range(depth):
        values.append(float(relu_cosine_map(values[-1])))
    return np.array(values)


def simulated_cosine(depth, *, width=1000, pairs=50, seed=0):
    """The cosine similarity of two orthogonal inputs after 0, 1, …, ``depth`` ReLU layers of a
    random network of the engine (He-normal weights, zero biases, ``width`` units a layer).

    The inputs are the first ``2 * pairs`` unit vectors of :math:`\\mathbb{R}^\\text{width}`; the
    cosine is averaged over the pairs (1 and 2, 3 and 4, …): less noise than one pair, at no
    extra cost (drawing the weights is the work).

    Returns
    -------
    ndarray (depth + 1,)
    """
    if 2 * pairs > width:
        raise ValueError(f"simulated_cosine: 2 * pairs must be at most width, got pairs={pairs}, "
                         f"width={width}")
    net = Network.build([width] * (depth + 1) + [1], "relu", init="he_normal", seed=seed)
    X = np.eye(2 * pairs, width)
    cosines = [0.0]
    with one_blas_thread():
        outputs = net.layer_outputs(X)[:depth]
    for h in outputs:
        a, b = h[0::2], h[1::2]
        cos = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
        cosines.append(float(cos.mean()))
    return np.array(cosines)


if __name__ == "__main__":
    run_grid()
