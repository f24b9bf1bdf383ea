"""Data for the lessons: logic gates, seeded 2-D toy sets and the handwritten digits.

The 2-D sets (:func:`logic_gate`, :func:`blobs`, :func:`xor_clouds`, :func:`moons`,
:func:`circles`, :func:`spirals`, or any of them by name with :func:`toy_data`) return ``(X, y)``:
``X`` a float64 array of shape (n, 2) (one point a row) and ``y`` an int64 array of shape (n,)
holding the class labels 0, 1, ... Random data sets take a ``seed``, so a lesson draws the same
points on every run. :func:`digits` returns scikit-learn's 8×8 handwritten digits, split into a
training and a validation part and standardised, as a :class:`Digits`.

>>> X, y = logic_gate("and")
>>> X.tolist(), y.tolist()
([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [0, 0, 0, 1])
"""

import dataclasses
import difflib
import functools
import math
import numbers

import numpy as np

from actlab._arrays import real_parameter

__all__ = ["GATES", "TOY_DATA", "Digits", "blobs", "circles", "digits", "gate_outputs",
           "logic_gate", "moons", "spirals", "toy_data", "xor_clouds"]

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


def moons(n=200, *, noise=0.1, seed=0):
    r"""Two interleaving half circles, scikit-learn's ``make_moons``.

    Class 0 lies on the upper half circle :math:`(\cos t, \sin t)` and class 1 on the lower
    one :math:`(1 - \cos t, \tfrac12 - \sin t)`, :math:`t \in [0, \pi]`, plus Gaussian noise.
    No straight line separates them; one hidden layer does.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2); class 0 gets ``n // 2`` of them.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (0 for none).
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Labels 0 and 1 in shuffled order.

    Examples
    --------
    >>> X, y = moons(100, seed=1)
    >>> X.shape, np.bincount(y).tolist()
    ((100, 2), [50, 50])
    """
    from sklearn.datasets import make_moons  # imported here: scikit-learn takes a second to load

    _check_count("moons", n, minimum=2)
    noise = real_parameter(noise, "moons", "noise", minimum=0)
    X, y = make_moons(n, noise=noise, random_state=_check_seed("moons", seed))
    return X.astype(np.float64, copy=False), y.astype(np.int64, copy=False)


def circles(n=200, *, noise=0.05, factor=0.5, seed=0):
    r"""Two concentric circles, scikit-learn's ``make_circles``.

    Class 0 lies on the unit circle and class 1 on the circle of radius ``factor`` inside it, plus
    Gaussian noise. A network must wrap its decision boundary around the inner class.

    Parameters
    ----------
    n : int, default 200
        Number of points (at least 2); the outer circle gets ``n // 2`` of them.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate (0 for none).
    factor : float, default 0.5
        Radius of the inner circle, between 0 and 1 (exclusive).
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Labels 0 (outer) and 1 (inner) in shuffled order.

    Examples
    --------
    >>> X, y = circles(100, noise=0.0)
    >>> np.round(np.hypot(X[:, 0], X[:, 1])[y == 1].max(), 6)
    np.float64(0.5)
    """
    from sklearn.datasets import make_circles

    _check_count("circles", n, minimum=2)
    noise = real_parameter(noise, "circles", "noise", minimum=0)
    factor = real_parameter(factor, "circles", "factor", positive=True)
    if factor >= 1:
        raise ValueError(f"circles: factor (the inner radius) must be below 1, got {factor}")
    X, y = make_circles(n, noise=noise, factor=factor, random_state=_check_seed("circles", seed))
    return X.astype(np.float64, copy=False), y.astype(np.int64, copy=False)


def spirals(n=300, *, classes=2, turns=1.0, noise=0.1, seed=0):
    r"""Interleaved spiral arms, one a class: the hardest of the 2-D sets.

    The arm of class :math:`k` (of :math:`K`) is, for :math:`t` evenly spaced in (0, 1),

    .. math:: r = t, \quad \theta = 2\pi\Bigl(\text{turns}\cdot t + \frac{k}{K}\Bigr), \quad
              x = r\,(\cos\theta, \sin\theta) + \varepsilon, \quad
              \varepsilon \sim \mathcal{N}(0, \text{noise}^2 I),

    so the arms wind out from the origin and neighbouring arms are :math:`1/(K\cdot\text{turns})`
    apart along a ray.

    Parameters
    ----------
    n : int, default 300
        Number of points (at least ``classes``), shared as evenly as possible between the arms.
    classes : int, default 2
        Number of arms, one class each (at least 2).
    turns : float, default 1.0
        How many full turns each arm makes.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (0 for none).
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Labels 0 to ``classes - 1`` in shuffled order.

    Examples
    --------
    >>> X, y = spirals(300, classes=3)
    >>> X.shape, np.bincount(y).tolist()
    ((300, 2), [100, 100, 100])
    """
    _check_count("spirals", classes, minimum=2, name="classes")
    _check_count("spirals", n, minimum=classes)
    turns = real_parameter(turns, "spirals", "turns", positive=True)
    noise = real_parameter(noise, "spirals", "noise", minimum=0)
    rng = np.random.default_rng(_check_seed("spirals", seed))
    y = np.arange(n, dtype=np.int64) % classes
    t = np.empty(n)
    for label in range(classes):
        count = np.count_nonzero(y == label)
        t[y == label] = (np.arange(count) + 0.5) / count
    theta = 2 * np.pi * (turns * t + y / classes)
    X = t[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    X += noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


_TOY_DATA = {"blobs": blobs, "xor": xor_clouds, "moons": moons, "circles": circles,
             "spirals": spirals}
TOY_DATA = tuple(_TOY_DATA)
"""Names accepted by :func:`toy_data`."""


def toy_data(name, **options):
    """One of the 2-D toy sets by name, e.g. to train the same network on each of them.

    Parameters
    ----------
    name : {"blobs", "xor", "moons", "circles", "spirals"}
        :func:`blobs`, :func:`xor_clouds`, :func:`moons`, :func:`circles` or :func:`spirals`.
    **options
        Passed on to that function: ``n``, ``seed``, ``noise``, ...

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64

    Examples
    --------
    >>> [toy_data(name, n=40)[0].shape for name in TOY_DATA]
    [(40, 2), (40, 2), (40, 2), (40, 2), (40, 2)]
    """
    if not isinstance(name, str):
        raise TypeError(f"toy_data: name must be a string, one of {TOY_DATA}; got {name!r}")
    if name.lower() not in _TOY_DATA:
        close = difflib.get_close_matches(name.lower(), TOY_DATA, n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"toy_data: unknown data set {name!r}.{maybe} "
                         f"Known: {', '.join(TOY_DATA)}")
    return _TOY_DATA[name.lower()](**options)


# --- the handwritten digits ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, repr=False)
class Digits:
    r"""scikit-learn's handwritten digits, split into a training and a validation part.

    Each image is 8×8 pixels of ink levels 0 to 16, flattened to 64 features and standardised
    with the training part's statistics: :math:`z = (x - \mu) / \sigma` per pixel. Pixels that
    are constant in the training part (the corners are always blank) have :math:`\sigma = 0` and
    are set to 0 in both parts.

    Attributes
    ----------
    X_train, X_val : ndarray of shape (n_train, 64) and (n_val, 64), float64
        The standardised pixels, one image a row.
    y_train, y_val : ndarray of shape (n_train,) and (n_val,), int64
        The digit each image shows, 0 to 9.
    images_train, images_val : ndarray of shape (n, 8, 8), float64
        The same images unstandardised (0 to 16), for plotting.
    mean, std : ndarray of shape (64,), float64
        Each pixel's mean and standard deviation over the training part (std 0: constant pixel).
    seed : int
        The seed of the split.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    images_train: np.ndarray
    images_val: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    seed: int

    def __repr__(self):
        return (f"Digits({len(self.y_train)} training and {len(self.y_val)} validation images of "
                f"8×8 pixels, digits 0-9, seed {self.seed})")


_N_DIGITS = 1797  # images in scikit-learn's copy of the UCI data set
_N_CLASSES = 10


def digits(*, validation=0.2, seed=0):
    r"""The 1,797 handwritten digits shipped with scikit-learn, split and standardised.

    The split is stratified (each digit keeps its share, about 10 %, in both parts) and seeded;
    the standardisation uses the mean and standard deviation of the training part only, so
    nothing of the validation part leaks into training. The work is done once per
    ``(validation, seed)``; later calls return fresh copies of the cached arrays.

    Parameters
    ----------
    validation : float, default 0.2
        Fraction of the images held out for validation, between 0 and 1 (exclusive); the
        validation part gets :math:`\lceil 1797 \cdot \text{validation} \rceil` of them.
    seed : int, default 0
        Seed of the split.

    Returns
    -------
    Digits
        ``X_train``, ``y_train``, ``X_val``, ``y_val``, ``images_train``, ``images_val``,
        ``mean``, ``std``.

    Examples
    --------
    >>> data = digits()
    >>> data
    Digits(1437 training and 360 validation images of 8×8 pixels, digits 0-9, seed 0)
    >>> data.X_train.shape, data.images_val.shape, np.bincount(data.y_val).tolist()
    ((1437, 64), (360, 8, 8), [36, 36, 35, 37, 36, 37, 36, 36, 35, 36])
    """
    validation = real_parameter(validation, "digits", "validation", positive=True)
    n_val = math.ceil(_N_DIGITS * validation)
    if validation >= 1 or min(n_val, _N_DIGITS - n_val) < _N_CLASSES:
        raise ValueError(f"digits: validation must be a fraction that leaves at least one image of "
                         f"each digit in both parts (about 0.005 to 0.994), got {validation}")
    cached = _split_digits(validation, _check_seed("digits", seed))
    return dataclasses.replace(cached, **{field.name: getattr(cached, field.name).copy()
                                          for field in dataclasses.fields(Digits)
                                          if field.name != "seed"})


@functools.lru_cache(maxsize=8)
def _split_digits(validation, seed):
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    bunch = load_digits()
    labels = bunch.target.astype(np.int64)
    train, val = train_test_split(np.arange(len(labels)), test_size=validation,
                                  random_state=seed, stratify=labels)
    pixels = bunch.data.astype(np.float64)
    mean, std = pixels[train].mean(axis=0), pixels[train].std(axis=0)
    constant = pixels[train].min(axis=0) == pixels[train].max(axis=0)
    # exactly 0: the std of a constant column can come out as 1e-16, and dividing by it would
    # turn rounding noise into values of size 1
    std[constant] = 0.0
    scale = np.where(constant, 1.0, std)

    def standardise(rows):
        z = (pixels[rows] - mean) / scale
        z[:, constant] = 0.0
        return z

    return Digits(X_train=standardise(train), y_train=labels[train], X_val=standardise(val),
                  y_val=labels[val], images_train=bunch.images[train].astype(np.float64),
                  images_val=bunch.images[val].astype(np.float64), mean=mean, std=std, seed=seed)


def _check_count(func, n, *, minimum, name="n"):
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < minimum:
        raise ValueError(f"{func}: {name} must be an integer >= {minimum}, got {n!r}")


def _check_seed(func, seed):
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"{func}: seed must be a non-negative integer, got {seed!r}")
    return int(seed)
