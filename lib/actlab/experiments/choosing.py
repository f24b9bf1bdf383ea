"""Lesson 11: choosing an activation — every unit of the library trained in the same comparison.

Two experiments, both run in full by ``python -m actlab.experiments.choosing`` (about five minutes
on one core), which writes ``choosing.json`` beside this module; :func:`load_results` reads it.

- :func:`digits_run` and :func:`toy_run`: one network trained with one activation (every name of
  :func:`actlab.names`, ``"prelu"`` and the learner's :func:`bent_identity` of lesson 09), shallow
  (one hidden layer of 64) or deep (eight hidden layers of 32), on the digits or on a 2-D toy set
  (moons, circles, spirals), for each of :data:`SEEDS`. The seed draws the weights and shuffles the
  batches; the data are the same for every run.
- :func:`patience_run`: the early-stopping trap. A deep sigmoid network trained with Adam for
  :data:`PATIENCE_EPOCHS` epochs; :func:`early_stop` then says where training with a given
  patience would have stopped, and what it would have reported.

Every number is rounded to 6 decimals (the decision regions are packed bits), so a test can
recompute a run and compare it exactly; only ``seconds`` (wall-clock training time) differs from
run to run.
"""

import json
import sys
import time
from importlib import resources

import numpy as np

import actlab
from actlab.datasets import digits, toy_data
from actlab.network import Network, layer_statistics, train

__all__ = ["ACTIVATIONS", "DEPTHS", "DIGITS_EPOCHS", "PATIENCE_EPOCHS", "SEEDS", "TOY_EPOCHS",
           "TOY_SETS", "activation_spec", "bent_identity", "bent_identity_grad", "digits_run",
           "early_stop", "load_results", "patience_run", "regions", "run_grid", "select",
           "toy_run"]

ACTIVATIONS = tuple(actlab.names()) + ("prelu", "bent_identity")
DEPTHS = {"shallow": [64], "deep": [32] * 8}
SEEDS = (0, 1, 2)
TOY_SETS = ("moons", "circles", "spirals")
DIGITS_EPOCHS, TOY_EPOCHS, PATIENCE_EPOCHS = 30, 100, 150
TOY_POINTS, GRID = 200, 41
RESULTS_FILE = "choosing.json"


def bent_identity(z):
    """The *bent identity* of lesson 09, the learner's own activation:
    :math:`f(z) = z + \\tfrac12(\\sqrt{z^2 + 1} - 1)`."""
    z = np.asarray(z, dtype=float)
    return z + 0.5 * (np.sqrt(z * z + 1.0) - 1.0)


def bent_identity_grad(z):
    """:math:`f'(z) = 1 + \\frac{z}{2\\sqrt{z^2 + 1}}`, between 1/2 and 3/2."""
    z = np.asarray(z, dtype=float)
    return 1.0 + z / (2.0 * np.sqrt(z * z + 1.0))


def activation_spec(name):
    """What :meth:`Network.build` is given for ``name``: the name itself, or the pair
    ``(f, f_prime)`` for ``"bent_identity"``."""
    if name == "bent_identity":
        return (bent_identity, bent_identity_grad)
    return name


def _round(values):
    return [round(float(v), 6) for v in values]


def _dead_units(net, X):
    return int(sum(units.sum() for units in layer_statistics(net, X).dead_units[:-1]))


def digits_run(activation, depth, seed, *, epochs=DIGITS_EPOCHS):
    """Train ``64 → hidden → 10`` (softmax, cross-entropy) on the digits: plain SGD with
    learning rate 0.05, mini-batches of 32, the engine's default initialisation for the activation.

    Returns
    -------
    dict
        ``correct``: validation images right after training (of 360); ``val_correct`` (the
        same, per epoch) and ``train_loss``: per epoch, 0 is before training; ``dead``: hidden units
        with :math:`f' = 0` on every training image, of ``units``; ``seconds``: training time.
    """
    data = digits()
    net = Network.build([64] + DEPTHS[depth] + [10], activation_spec(activation),
                        output="softmax", seed=seed)
    start = time.perf_counter()
    history = train(net, data.X_train, data.y_train, learning_rate=0.05, epochs=epochs,
                    batch_size=32, seed=seed, validation=(data.X_val, data.y_val))
    seconds = time.perf_counter() - start
    val_correct = [int(round(a * len(data.y_val))) for a in history.val_accuracy]
    return {"data": "digits", "activation": activation, "depth": depth, "seed": seed,
            "correct": val_correct[-1], "of": len(data.y_val), "val_correct": val_correct,
            "train_loss": _round(history.train_loss), "dead": _dead_units(net, data.X_train),
            "units": sum(DEPTHS[depth]), "seconds": round(seconds, 4)}


def toy_data_pair(name):
    """The training set (seed 0) and the validation set (seed 1) of a toy set, 200 points each."""
    return toy_data(name, n=TOY_POINTS, seed=0), toy_data(name, n=TOY_POINTS, seed=1)


def toy_limits(name):
    """The square of the plane the decision regions are drawn on: ``(low, high)`` for both axes."""
    (X, _), (Xv, _) = toy_data_pair(name)
    both = np.vstack([X, Xv])
    return float(np.floor(both.min() * 2 - 1) / 2), float(np.ceil(both.max() * 2 + 1) / 2)


def toy_run(name, activation, depth, seed, *, epochs=TOY_EPOCHS):
    """Train ``2 → hidden → 1`` (sigmoid, binary cross-entropy) on a toy set with Adam (learning
    rate 0.01, mini-batches of 32).

    Returns
    -------
    dict
        ``correct`` (of 200 validation points), ``final_loss`` (training), ``dead``, ``units``,
        ``regions`` (for the first of :data:`SEEDS` only, which the lesson draws; it keeps the
        results file small): the predicted class on a :data:`GRID` × :data:`GRID` grid over
        :func:`toy_limits`, packed bits as hex (:func:`regions` unpacks them); ``seconds``.
    """
    (X, y), (Xv, yv) = toy_data_pair(name)
    net = Network.build([2] + DEPTHS[depth] + [1], activation_spec(activation), output="sigmoid",
                        seed=seed)
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        history = train(net, X, y, optimizer="adam", learning_rate=0.01, epochs=epochs,
                        batch_size=32, seed=seed, validation=(Xv, yv))
    seconds = time.perf_counter() - start
    low, high = toy_limits(name)
    g = np.linspace(low, high, GRID)
    gx, gy = np.meshgrid(g, g)
    with np.errstate(all="ignore"):
        inside = net.predict(np.column_stack([gx.ravel(), gy.ravel()])).ravel() >= 0.5
    return {"data": name, "activation": activation, "depth": depth, "seed": seed,
            "correct": int(round(history.val_accuracy[-1] * len(yv))), "of": len(yv),
            "final_loss": _round(history.train_loss[-1:])[0], "dead": _dead_units(net, X),
            "units": sum(DEPTHS[depth]),
            **({"regions": np.packbits(inside).tobytes().hex()} if seed == SEEDS[0] else {}),
            "seconds": round(seconds, 4)}


def regions(run):
    """The decision regions of a :func:`toy_run` result: a bool array (GRID, GRID), row 0 at the
    bottom (the lowest y)."""
    bits = np.unpackbits(np.frombuffer(bytes.fromhex(run["regions"]), dtype=np.uint8))
    return bits[:GRID * GRID].reshape(GRID, GRID).astype(bool)


def patience_run(seed, *, epochs=PATIENCE_EPOCHS):
    """The deep sigmoid network (eight hidden layers of 32) on the digits, trained with Adam
    (learning rate 0.001, mini-batches of 32) for ``epochs`` epochs: ``val_loss`` and
    ``val_accuracy`` per epoch."""
    data = digits()
    net = Network.build([64] + DEPTHS["deep"] + [10], "sigmoid", output="softmax", seed=seed)
    history = train(net, data.X_train, data.y_train, optimizer="adam", learning_rate=0.001,
                    epochs=epochs, batch_size=32, seed=seed, validation=(data.X_val, data.y_val))
    return {"seed": seed, "val_loss": _round(history.val_loss),
            "val_accuracy": _round(history.val_accuracy)}


def early_stop(val_loss, patience):
    """Early stopping on a validation-loss curve (index = epoch, 0 before training).

    Training stops after ``patience`` epochs without a new lowest validation loss, and the weights
    of the best epoch are kept (Keras' ``restore_best_weights``).

    Returns
    -------
    (stopped, best) : (int, int)
        The epoch training stopped at and the epoch whose weights are kept. Without a stop,
        ``stopped`` is the last epoch.

    Examples
    --------
    >>> early_stop([3.0, 2.0, 2.1, 2.2, 1.0], patience=2)
    (3, 1)
    >>> early_stop([3.0, 2.0, 2.1, 2.2, 1.0], patience=3)
    (4, 4)
    """
    if patience < 1:
        raise ValueError(f"early_stop: patience must be a positive number of epochs, "
                         f"got {patience!r}")
    best, best_loss = 0, val_loss[0]
    for epoch in range(1, len(val_loss)):
        if val_loss[epoch] < best_loss:
            best, best_loss = epoch, val_loss[epoch]
        elif epoch - best >= patience:
            return epoch, best
    return len(val_loss) - 1, best


def select(results, data, *, activation=None, depth=None):
    """The runs of ``results`` on ``data`` (``"digits"`` or a toy set), optionally of one
    activation and one depth, in the order of :data:`SEEDS`."""
    return [run for run in results["runs"] if run["data"] == data
            and activation in (None, run["activation"]) and depth in (None, run["depth"])]


def run_grid(path=None, progress=True):
    """Run every experiment and write the results (JSON) to ``path`` (default: ``choosing.json``
    beside this module)."""
    grid = ([("digits", a, d, s) for d in DEPTHS for a in ACTIVATIONS for s in SEEDS]
            + [(t, a, d, s) for t in TOY_SETS for d in DEPTHS for a in ACTIVATIONS for s in SEEDS])
    runs = []
    for k, (data, activation, depth, seed) in enumerate(grid, 1):
        runs.append(digits_run(activation, depth, seed) if data == "digits"
                    else toy_run(data, activation, depth, seed))
        if progress:
            print(f"\r{k}/{len(grid)} runs", end="", file=sys.stderr, flush=True)
    patience = [patience_run(seed) for seed in SEEDS]
    results = {"seeds": list(SEEDS), "activations": list(ACTIVATIONS), "depths": DEPTHS,
               "digits_epochs": DIGITS_EPOCHS, "toy_epochs": TOY_EPOCHS, "grid": GRID,
               "limits": {name: toy_limits(name) for name in TOY_SETS},
               "runs": runs, "patience": patience}
    if path is None:
        path = resources.files("actlab.experiments") / RESULTS_FILE
    with open(path, "w") as file:
        file.write(json.dumps(results, separators=(",", ":")).replace("},{", "},\n{"))
        file.write("\n")
    if progress:
        print(f"\nwrote {path}", file=sys.stderr)
    return results


def load_results():
    """The committed results of :func:`run_grid` (a dict: ``"runs"``, ``"patience"``, ...)."""
    return json.loads((resources.files("actlab.experiments") / RESULTS_FILE).read_text())


if __name__ == "__main__":
    run_grid()
