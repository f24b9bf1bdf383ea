"""Rosenblatt's perceptron: a weighted sum followed by the binary step, and its learning rule.

A perceptron with weights :math:`w \\in \\mathbb{R}^d` and bias :math:`b` maps an input
:math:`x \\in \\mathbb{R}^d` to

.. math:: \\hat y = \\operatorname{step}(w \\cdot x + b), \\qquad
          \\operatorname{step}(z) = \\begin{cases} 1 & z \\ge 0 \\\\ 0 & z < 0 \\end{cases}

so it answers 1 on one side of the line (plane) :math:`w \\cdot x + b = 0`, the *decision
boundary*, and 0 on the other.

>>> from actlab.datasets import logic_gate
>>> X, y = logic_gate("and")
>>> Perceptron([1.0, 1.0], bias=-1.5).predict(X).tolist()
[0, 0, 0, 1]
>>> history = train(X, y)
>>> history.converged, history.errors.tolist()
(True, [2, 3, 3, 2, 1, 0])
"""

import numbers
from dataclasses import dataclass

import numpy as np

from actlab._arrays import real_parameter
from actlab.activations import binary_step

__all__ = ["Perceptron", "History", "learning_rule_step", "train"]


class Perceptron:
    """A single neuron with the binary step as its activation.

    Parameters
    ----------
    weights : array_like of shape (d,)
        One weight per input, :math:`w`.
    bias : float, default 0.0
        The bias :math:`b`; the neuron fires when :math:`w \\cdot x \\ge -b`.

    Examples
    --------
    >>> p = Perceptron([1.0, 1.0], bias=-0.5)   # OR
    >>> p.weighted_sum([[0, 0], [1, 0]]).tolist(), p.predict([[0, 0], [1, 0]]).tolist()
    ([-0.5, 0.5], [0, 1])
    """

    def __init__(self, weights, bias=0.0):
        self.weights = _as_weights("Perceptron", weights)
        self.bias = _as_bias("Perceptron", bias)

    def weighted_sum(self, X):
        """The pre-activation :math:`z = X w + b` for a batch.

        Parameters
        ----------
        X : array_like of shape (n, d) or (d,)
            One input a row (or a single input).

        Returns
        -------
        ndarray of shape (n,), or a 0-d array for a single input
        """
        X = _as_inputs("Perceptron", X, len(self.weights))
        return X @ self.weights + self.bias

    def predict(self, X):
        """The perceptron's output :math:`\\operatorname{step}(X w + b)` for a batch, as 0/1 ints.

        A point exactly on the boundary (:math:`z = 0`) gets 1, since step(0) = 1.
        """
        return binary_step(self.weighted_sum(X)).astype(np.int64)

    def __repr__(self):
        return f"Perceptron(weights={self.weights.tolist()}, bias={self.bias})"


def learning_rule_step(weights, bias, x, target, learning_rate=1.0):
    """One update of Rosenblatt's learning rule for a single example.

    .. math:: \\hat y = \\operatorname{step}(w \\cdot x + b), \\quad
              w \\leftarrow w + \\eta\\,(y - \\hat y)\\,x, \\quad
              b \\leftarrow b + \\eta\\,(y - \\hat y)

    A correctly classified example (:math:`\\hat y = y`) leaves the weights unchanged; a missed
    1 moves :math:`w` towards :math:`x`, a false 1 moves it away.

    Parameters
    ----------
    weights : array_like of shape (d,)
    bias : float
    x : array_like of shape (d,)
        One example.
    target : {0, 1}
        Its label :math:`y`.
    learning_rate : float, default 1.0
        The step size :math:`\\eta > 0`.

    Returns
    -------
    weights : ndarray of shape (d,)
        A new array; the input is not modified.
    bias : float

    Examples
    --------
    >>> w, b = learning_rule_step([0.0, 0.0], 0.0, [1.0, 1.0], target=0)
    >>> w.tolist(), b
    ([-1.0, -1.0], -1.0)
    """
    weights = _as_weights("learning_rule_step", weights)
    bias = _as_bias("learning_rule_step", bias)
    x = _as_inputs("learning_rule_step", x, len(weights))
    if x.ndim != 1:
        raise ValueError(f"learning_rule_step: x must be one example of shape ({len(weights)},), "
                         f"got shape {x.shape}")
    target = _as_labels("learning_rule_step", target, ndim=0)
    learning_rate = real_parameter(learning_rate, "learning_rule_step", "learning_rate",
                                   positive=True)
    error = _error(weights, bias, x, int(target))
    return weights + learning_rate * error * x, bias + learning_rate * error


def _error(weights, bias, x, target):
    """:math:`y - \\hat y` for one example: 0 if right, +1 for a missed 1, -1 for a false 1."""
    return target - int(binary_step(x @ weights + bias))


@dataclass(frozen=True)
class History:
    """What :func:`train` did, epoch by epoch.

    Attributes
    ----------
    weights : ndarray of shape (epochs + 1, d)
        Row 0 holds the starting weights, row k the weights after epoch k.
    biases : ndarray of shape (epochs + 1,)
        The bias at the same moments.
    errors : ndarray of shape (epochs,), int64
        How many examples epoch k got wrong (each one caused an update).
    converged : bool
        Whether the last epoch made no error, so the final perceptron classifies every example
        correctly.
    """

    weights: np.ndarray
    biases: np.ndarray
    errors: np.ndarray
    converged: bool

    @property
    def epochs(self):
        """The number of epochs run."""
        return len(self.errors)

    @property
    def perceptron(self):
        """The perceptron with the final weights and bias."""
        return Perceptron(self.weights[-1], self.biases[-1])


def train(X, y, *, learning_rate=1.0, max_epochs=100, weights=None, bias=0.0):
    """Train a perceptron with Rosenblatt's learning rule.

    Each epoch visits the examples in order and applies :func:`learning_rule_step` to each.
    Training stops after the first epoch without an error (the data are then classified
    perfectly), or after ``max_epochs``. If the classes are linearly separable the rule is
    guaranteed to stop (the perceptron convergence theorem); if they are not, as for XOR, no
    epoch can be error-free and training always runs ``max_epochs`` epochs.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Examples, one a row.
    y : array_like of shape (n,)
        Labels, each 0 or 1.
    learning_rate : float, default 1.0
        The step size :math:`\\eta > 0`.
    max_epochs : int, default 100
        Upper limit on the number of passes over the data.
    weights : array_like of shape (d,), optional
        Starting weights (zeros by default).
    bias : float, default 0.0
        Starting bias.

    Returns
    -------
    History
        Weights, bias and error count per epoch; ``history.perceptron`` is the trained neuron.

    Examples
    --------
    >>> from actlab.datasets import logic_gate
    >>> history = train(*logic_gate("xor"), max_epochs=20)
    >>> history.converged, int(history.errors.min())
    (False, 3)
    """
    X = _as_finite("train", "X", X)
    if X.ndim != 2:
        raise ValueError(f"train: X must be a 2-D array of shape (n, d), got shape {X.shape}")
    y = _as_labels("train", y, ndim=1)
    if len(y) != len(X):
        raise ValueError(f"train: X has {len(X)} rows but y has {len(y)} labels")
    learning_rate = real_parameter(learning_rate, "train", "learning_rate", positive=True)
    if isinstance(max_epochs, bool) or not isinstance(max_epochs, numbers.Integral) \
            or max_epochs < 1:
        raise ValueError(f"train: max_epochs must be a positive integer, got {max_epochs!r}")
    w = np.zeros(X.shape[1]) if weights is None else _as_weights("train", weights)
    if len(w) != X.shape[1]:
        raise ValueError(f"train: weights must have shape ({X.shape[1]},) to match X, "
                         f"got shape {w.shape}")
    b = _as_bias("train", bias)

    weight_rows, biases, errors = [w], [b], []
    for _ in range(max_epochs):
        mistakes = 0
        for x, target in zip(X, y.tolist()):
            error = _error(w, b, x, target)
            if error:
                w, b = w + learning_rate * error * x, b + learning_rate * error
                mistakes += 1
        weight_rows.append(w)
        biases.append(b)
        errors.append(mistakes)
        if mistakes == 0:
            break
    return History(weights=np.array(weight_rows), biases=np.array(biases),
                   errors=np.array(errors, dtype=np.int64), converged=errors[-1] == 0)


def _as_finite(func, name, value):
    """``value`` as a new float64 array of real, finite numbers, or a clear error."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{func}: {name} must be a number or an array of numbers, got {value!r}")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise ValueError(f"{func}: {name} could not be read as one rectangular array "
                         f"(rows of different lengths?)") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{func}: {name} must hold real numbers, got dtype {array.dtype}")
    array = array.astype(np.float64)  # a copy, never a view of the caller's array
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{func}: {name} must be finite (no NaN or inf)")
    return array


def _as_weights(func, weights):
    weights = _as_finite(func, "weights", weights)
    if weights.ndim != 1 or len(weights) == 0:
        raise ValueError(f"{func}: weights must be a non-empty 1-D array, got shape {weights.shape}")
    return weights


def _as_bias(func, bias):
    bias = _as_finite(func, "bias", bias)
    if bias.ndim != 0:
        raise ValueError(f"{func}: bias must be a single number, got shape {bias.shape}")
    return float(bias)


def _as_inputs(func, X, d):
    X = _as_finite(func, "X", X)
    if X.ndim not in (1, 2) or X.shape[-1] != d:
        raise ValueError(f"{func}: inputs must have shape (n, {d}) or ({d},) to match {d} "
                         f"weights, got shape {X.shape}")
    return X


def _as_labels(func, y, *, ndim):
    y = np.asarray(y)
    if y.ndim != ndim:
        expected = "a single label" if ndim == 0 else "a 1-D array of labels"
        raise ValueError(f"{func}: expected {expected}, got shape {y.shape}")
    valid = y.dtype.kind in "biuf" and np.all((y == 0) | (y == 1))
    if not valid:
        bad = y.ravel() if y.dtype.kind not in "biuf" else y[(y != 0) & (y != 1)].ravel()
        raise ValueError(f"{func}: labels must be 0 or 1, got {bad[0].item()!r}")
    return y.astype(np.int64)

