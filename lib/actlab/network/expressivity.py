"""What stacked layers can and cannot express (lesson 02).

Two linear layers collapse into one (:func:`collapse`), so depth without a non-linearity adds
nothing; with ReLU units, a single hidden layer already follows any continuous curve as closely as
wanted, one straight piece a unit (:func:`fit_relu_pieces`).

>>> xor = Network([Dense([[1, 1], [1, 1]], [-0.5, -1.5], "binary_step"),   # OR, AND
...                Dense([[1], [-1]], [-0.5], "binary_step")])             # OR and not AND
>>> xor([[0, 0], [0, 1], [1, 0], [1, 1]]).ravel().tolist()
[0.0, 1.0, 1.0, 0.0]
"""

import numbers

import numpy as np

from actlab.activations import identity, relu
from actlab.network.layers import Dense
from actlab.network.model import Network
from actlab.perceptron import _as_finite

__all__ = ["collapse", "fit_relu_pieces"]


def collapse(first, second):
    """The single layer equal to a linear layer followed by another layer.

    .. math:: (X W_1 + b_1) W_2 + b_2 = X\\,(W_1 W_2) + (b_1 W_2 + b_2)

    so two stacked linear layers are no more expressive than one. (In the column-vector notation
    :math:`h = W x + b`, with each :math:`W` transposed, the same identity reads
    :math:`W = W_2 W_1`, :math:`b = W_2 b_1 + b_2`.)

    Parameters
    ----------
    first : Dense
        Must be linear (identity activation), otherwise no single layer is equal in general.
    second : Dense
        Its activation is kept.

    Returns
    -------
    Dense
        Weights :math:`W_1 W_2`, bias :math:`b_1 W_2 + b_2`.
    """
    if not isinstance(first, Dense) or not isinstance(second, Dense):
        raise TypeError("collapse: both layers must be Dense layers")
    if first.activation is not identity:
        raise ValueError(f"collapse: the first layer must be linear (activation 'identity'), "
                         f"got {first.activation.name!r}; a non-linear activation between the "
                         f"layers is exactly what stops them collapsing into one")
    if first.shape[1] != second.shape[0]:
        raise ValueError(f"collapse: the first layer has {first.shape[1]} outputs but the second "
                         f"expects {second.shape[0]} inputs")
    return Dense(first.weights @ second.weights, first.bias @ second.weights + second.bias,
                 second.activation)


def fit_relu_pieces(x, y, n_pieces):
    """Fit a sum of shifted ReLUs to the curve :math:`(x, y)` by least squares.

    The fit is a 1-``n_pieces``-1 network, a continuous piecewise-linear function with
    ``n_pieces`` straight pieces:

    .. math:: \\hat y(x) = c_0 + \\sum_{i=1}^{n} c_i \\operatorname{relu}(x - k_i)

    The knots :math:`k_i` split :math:`[\\min x, \\max x]` into ``n_pieces`` equal intervals
    (:math:`k_1 = \\min x`, so the first ReLU is the straight line over the whole range and each
    later one bends it at its knot). The coefficients :math:`c` minimise
    :math:`\\sum (\\hat y - y)^2`.

    Parameters
    ----------
    x, y : array_like of shape (m,)
        Samples of the curve, at least two distinct ``x``.
    n_pieces : int
        Number of ReLU units (straight pieces), at least 1.

    Returns
    -------
    Network
        Hidden layer: ``Dense(ones, -knots, "relu")``; output layer: ``Dense(c, c0)`` (linear).
        Call it on ``x.reshape(-1, 1)``.

    Examples
    --------
    >>> x = np.linspace(-1, 1, 201)
    >>> net = fit_relu_pieces(x, np.abs(x), 2)   # |x| is exactly two pieces
    >>> bool(np.allclose(net(x.reshape(-1, 1)).ravel(), np.abs(x)))
    True
    """
    x = _as_finite("fit_relu_pieces", "x", x)
    y = _as_finite("fit_relu_pieces", "y", y)
    if x.ndim != 1 or y.shape != x.shape:
        raise ValueError(f"fit_relu_pieces: x and y must be 1-D arrays of the same length, got "
                         f"shapes {x.shape} and {y.shape}")
    if isinstance(n_pieces, bool) or not isinstance(n_pieces, numbers.Integral) or n_pieces < 1:
        raise ValueError(f"fit_relu_pieces: n_pieces must be a positive integer, got {n_pieces!r}")
    if len(x) < 2 or x.min() == x.max():
        raise ValueError("fit_relu_pieces: x must hold at least two distinct values")
    knots = np.linspace(x.min(), x.max(), n_pieces + 1)[:-1]
    hidden = Dense(np.ones((1, n_pieces)), -knots, relu)
    design = np.column_stack([hidden(x.reshape(-1, 1)), np.ones_like(x)])
    coefficients = np.linalg.lstsq(design, y, rcond=None)[0]
    return Network([hidden, Dense(coefficients[:-1].reshape(-1, 1), coefficients[-1:])])

