"""Dense layers and small networks built from them, in plain numpy.

A dense layer maps a batch :math:`X` (one example a row, shape ``(n, d_in)``) to

.. math:: H = f(X W + b), \\qquad W \\in \\mathbb{R}^{d_\\text{in} \\times d_\\text{out}},\\;
          b \\in \\mathbb{R}^{d_\\text{out}}

where column :math:`j` of :math:`W` holds the weights of unit :math:`j` and :math:`f` is the
activation, applied elementwise. A network applies its layers one after the other.

>>> xor = Network([Dense([[1, 1], [1, 1]], [-0.5, -1.5], "binary_step"),   # OR, AND
...                Dense([[1], [-1]], [-0.5], "binary_step")])             # OR and not AND
>>> xor([[0, 0], [0, 1], [1, 0], [1, 1]]).ravel().tolist()
[0.0, 1.0, 1.0, 0.0]
"""

import numbers

import numpy as np

from actlab.activations import Activation, get, identity, relu
from actlab.perceptron import _as_finite

__all__ = ["Dense", "Network", "collapse", "fit_relu_pieces"]


class Dense:
    """A fully connected layer :math:`H = f(X W + b)`.

    Parameters
    ----------
    weights : array_like of shape (d_in, d_out)
        Column :math:`j` holds the weights of unit :math:`j`.
    bias : array_like of shape (d_out,)
        One bias per unit.
    activation : str or Activation, default "identity"
        The activation :math:`f`, by name (``"relu"``, ``"binary_step"``, ...) or as an
        :class:`~actlab.activations.Activation`. With ``"identity"`` the layer is linear
        (strictly: affine).

    Examples
    --------
    >>> layer = Dense([[1.0], [2.0]], [-1.0], "relu")
    >>> layer([[1.0, 1.0], [0.0, 0.0]]).tolist()
    [[2.0], [0.0]]
    """

    def __init__(self, weights, bias, activation="identity"):
        self.weights = _as_finite("Dense", "weights", weights)
        self.bias = _as_finite("Dense", "bias", bias)
        if self.weights.ndim != 2:
            raise ValueError(f"Dense: weights must be a 2-D array of shape (d_in, d_out), "
                             f"got shape {self.weights.shape}")
        if self.bias.shape != (self.weights.shape[1],):
            raise ValueError(f"Dense: bias must have shape ({self.weights.shape[1]},), one entry "
                             f"per column of weights, got shape {self.bias.shape}")
        if isinstance(activation, str):
            activation = get(activation)
        if not isinstance(activation, Activation):
            raise TypeError(f"Dense: activation must be a name such as 'relu' or an actlab "
                            f"activation, got {activation!r}")
        self.activation = activation

    @property
    def shape(self):
        """``(d_in, d_out)``."""
        return self.weights.shape

    def pre_activation(self, X):
        """:math:`Z = X W + b` for a batch ``X`` of shape (n, d_in) (or one input of shape (d_in,))."""
        X = _as_finite("Dense", "X", X)
        if X.ndim not in (1, 2) or X.shape[-1] != self.shape[0]:
            raise ValueError(f"Dense: input must have shape (n, {self.shape[0]}) to match weights "
                             f"of shape {self.shape}, got shape {X.shape}")
        return X @ self.weights + self.bias

    def __call__(self, X):
        return self.activation(self.pre_activation(X))

    def __repr__(self):
        return f"Dense({self.shape[0]} -> {self.shape[1]}, activation={self.activation.name!r})"


class Network:
    """Layers applied in sequence: :math:`\\text{layer}_L(\\dots\\text{layer}_1(X))`.

    Parameters
    ----------
    layers : sequence of Dense
        Consecutive layers must fit: ``d_out`` of one equals ``d_in`` of the next.
    """

    def __init__(self, layers):
        self.layers = list(layers)
        if not self.layers or not all(isinstance(layer, Dense) for layer in self.layers):
            raise TypeError("Network: layers must be a non-empty sequence of Dense layers")
        for k, (first, second) in enumerate(zip(self.layers, self.layers[1:])):
            if first.shape[1] != second.shape[0]:
                raise ValueError(f"Network: layer {k} has {first.shape[1]} outputs but layer "
                                 f"{k + 1} expects {second.shape[0]} inputs")

    def layer_outputs(self, X):
        """The output of every layer for the batch ``X``, first to last."""
        outputs = []
        for layer in self.layers:
            X = layer(X)
            outputs.append(X)
        return outputs

    def __call__(self, X):
        return self.layer_outputs(X)[-1]

    def __repr__(self):
        return f"Network({self.layers!r})"


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

