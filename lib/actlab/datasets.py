"""Small 2-D data sets for the perceptron and network lessons.

Every function returns ``(X, y)``: ``X`` a float64 array of shape (n, 2) (one point a row) and
``y`` an int64 array of shape (n,) holding the class labels 0 and 1. Random data sets take a
``seed``, so a lesson draws the same points on every run.

>>> X, y = logic_gate("and")
>>> X.tolist(), y.tolist()
([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 0, 0, 1])
"""

import numbers

import numpy as np

from actlab._arrays import real_parameter

__all__ = ["GATES", "logic_gate", "gate_outputs", "blobs", "xor_clouds"]

_CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)

_TRUTH_TABLES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
    "xnor": (1, 0, 0, 1),
}

GATES = tuple(_TRUTH_TABLES)
"""Names accepted by :func:`logic_gate`."""


def logic_gate(name):
    """The truth table of a two-input logic gate.

    Parameters
    ----------
    name : {"and", "or", "nand", "nor", "xor", "xnor"}
        The gate (case does not matter).

    Returns
    -------
    X : ndarray of shape (4, 2), float64
        The four input pairs (0, 0), (0, 1), (1, 0), (1, 1), in that order.
    y : ndarray of shape (4,), int64
        The gate's output for each pair, e.g. ``xor(x1, x2) = x1 + x2 mod 2``.

    Examples
    --------
    >>> logic_gate("XOR")[1].tolist()
    [0, 1, 1, 0]
    """
    return _CORNERS.copy(), np.array(_truth_table("logic_gate", name), dtype=np.int64)


def gate_outputs(name, X):
    """A logic gate's output for every row of ``X``, a batch of 0/1 input pairs.

    Parameters
    ----------
    name : str
        One of :data:`GATES`.
    X : array_like of shape (n, 2)
        Each entry 0 or 1.

    Returns
    -------
    ndarray of shape (n,), int64

    Examples
    --------
    >>> gate_outputs("nand", [[1, 1], [0, 1], [1, 1]]).tolist()
    [0, 1, 0]
    """
    table = np.array(_truth_table("gate_outputs", name), dtype=np.int64)
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"gate_outputs: X must have shape (n, 2), got shape {X.shape}")
    if X.dtype.kind not in "biuf" or not np.all((X == 0) | (X == 1)):
        raise ValueError("gate_outputs: every entry of X must be 0 or 1")
    bits = X.astype(np.int64)
    return table[2 * bits[:, 0] + bits[:, 1]]


def _truth_table(func, name):
    if not isinstance(name, str):
        raise TypeError(f"{func}: name must be a string, one of {GATES}; got {name!r}")
    if name.lower() not in _TRUTH_TABLES:
        raise ValueError(f"{func}: unknown gate {name!r}; expected one of {GATES}")
    return _TRUTH_TABLES[name.lower()]


def blobs(n=100, *, seed=0, separation=3.0, spread=1.0, margin=0.25):
    """Two Gaussian clouds that a straight line separates.

    Class 0 is centred at :math:`-\\tfrac{s}{2}u` and class 1 at :math:`+\\tfrac{s}{2}u`, with
    :math:`u = (1, 1)/\\sqrt{2}` and :math:`s` the ``separation``. A point whose signed distance
    :math:`\\pm u \\cdot x` to the line :math:`u \\cdot x = 0` is below ``margin`` is drawn again,
    so the two classes are always linearly separable (the perceptron learning rule converges).

    Parameters
    ----------
    n : int, default 100
        Number of points (at least 2); class 0 gets ``n // 2`` of them.
    seed : int, default 0
        Seed of the random generator.
    separation : float, default 3.0
        Distance between the two centres.
    spread : float, default 1.0
        Standard deviation of each cloud along each axis.
    margin : float, default 0.25
        Smallest distance of any point to the separating line :math:`x_1 + x_2 = 0`.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Labels in shuffled order.
    """
    _check_count("blobs", n, minimum=2)
    real_parameter(separation, "blobs", "separation", positive=True)
    real_parameter(spread, "blobs", "spread", positive=True)
    real_parameter(margin, "blobs", "margin", minimum=0)
    rng = np.random.default_rng(_check_seed("blobs", seed))
    u = np.array([1.0, 1.0]) / np.sqrt(2.0)
    counts = (n // 2, n - n // 2)
    X = np.empty((n, 2))
    y = np.repeat([0, 1], counts).astype(np.int64)
    start = 0
    for label, count in enumerate(counts):
        side = 1.0 if label == 1 else -1.0
        kept = np.empty((0, 2))
        while len(kept) < count:
            draw = side * separation / 2 * u + spread * rng.standard_normal((2 * count, 2))
            kept = np.vstack([kept, draw[side * (draw @ u) >= margin]])
        X[start:start + count] = kept[:count]
        start += count
    order = rng.permutation(n)
    return X[order], y[order]


def xor_clouds(n=200, *, seed=0, spread=0.15):
    """Noisy XOR: a Gaussian cloud around each corner of the unit square.

    The cloud around corner :math:`(a, b)` has label :math:`a \\oplus b`, so the classes sit on
    opposite diagonals and no straight line separates them.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 4), shared as evenly as possible between the four corners.
    seed : int, default 0
        Seed of the random generator.
    spread : float, default 0.15
        Standard deviation of each cloud along each axis.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Labels in shuffled order.
    """
    _check_count("xor_clouds", n, minimum=4)
    real_parameter(spread, "xor_clouds", "spread", positive=True)
    rng = np.random.default_rng(_check_seed("xor_clouds", seed))
    corner = np.arange(n) % 4
    X = _CORNERS[corner] + spread * rng.standard_normal((n, 2))
    y = np.array(_TRUTH_TABLES["xor"], dtype=np.int64)[corner]
    order = rng.permutation(n)
    return X[order], y[order]


def _check_count(func, n, *, minimum):
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < minimum:
        raise ValueError(f"{func}: n must be an integer >= {minimum}, got {n!r}")


def _check_seed(func, seed):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"{func}: seed must be a non-negative integer, got {seed!r}")
    return int(seed)
