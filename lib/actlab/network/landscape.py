"""The loss along one weight (lesson 03): move a single weight, keep every other one fixed.

Let :math:`w = W_l[r, c]` be the weight from input :math:`r` of layer :math:`l` to its unit
:math:`c`. Moving it changes that unit's pre-activation on example :math:`i` along a straight line,

.. math:: z_i(w) = z_i(w_0) + (w - w_0)\\,u_i ,

where :math:`u_i` is the layer's input :math:`r` on example :math:`i` (the feature :math:`x_{ir}`
for the first layer) and :math:`w_0` the weight's present value. Example :math:`i`'s
pre-activation therefore crosses 0 exactly once, at

.. math:: w_i^{*} = w_0 - \\frac{z_i(w_0)}{u_i} \\qquad (u_i \\ne 0).

For a **step** unit nothing else can change the loss: between two consecutive crossings every
output of the network is the same, bit for bit, so :math:`L(w)` is piecewise constant, with at
most one jump per example, and its derivative is exactly 0 wherever it exists. (For a ReLU unit
the crossings are where :math:`L(w)` bends instead.)

>>> from actlab.datasets import logic_gate
>>> from actlab.network import Dense, Network
>>> X, y = logic_gate("xor")
>>> xor = Network([Dense([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], "binary_step"),
...                Dense([[1.0], [-1.0]], [-0.5], "binary_step")])
>>> sweep = loss_along_weight(xor, X, y, [0.25, 0.75, 1.0, 2.0])
>>> sweep.losses.tolist()                      # MSE of the 0/1 outputs: the fraction wrong
[0.25, 0.0, 0.0, 0.0]
>>> sweep.crossings.tolist()                   # where (1, 1) and (1, 0) cross the OR line
[-0.5, 0.5]
>>> sweep.piece(1.0)
(0.5, inf)
"""

import copy
import numbers

import numpy as np

from actlab.perceptron import _as_finite

__all__ = ["WeightSweep", "loss_along_weight"]


class WeightSweep:
    """The loss of a network along one of its weights; made by :func:`loss_along_weight`.

    Attributes
    ----------
    layer, row, column : int
        The weight is ``net.layers[layer].weights[row, column]`` (0-based).
    original : float
        Its value in the network (:math:`w_0`).
    values : ndarray (m,)
        The weights tried.
    losses : ndarray (m,)
        The loss at each of them, the whole data set at once.
    loss : Loss
        The loss measured.
    inputs : ndarray (n,)
        :math:`u_i`, the layer's input ``row`` on each example: how fast :math:`z_i` moves with
        :math:`w`.
    crossings : ndarray
        Sorted: the weights :math:`w_i^*` at which the unit's pre-activation is 0 on an example
        (one per example whose input :math:`u_i` is not 0).
    """

    def __init__(self, net, X, T, loss, layer, row, column, values):
        self.layer, self.row, self.column = layer, row, column
        self._net = copy.deepcopy(net)       # later training of ``net`` must not change the sweep
        self._T, self.loss = T, loss
        self.original = float(net.layers[layer].weights[row, column])
        trace = self._net._forward(X)
        self._z = trace.z[layer]
        self.inputs = (X if layer == 0 else trace.h[layer - 1])[:, row].copy()
        moving = self.inputs != 0
        self.crossings = np.sort(self.original - self._z[moving, column] / self.inputs[moving])
        self.values = values
        self._steps = {}
        self.losses = np.array([self.loss_at(w) for w in values])

    def pre_activation(self, w):
        """:math:`z_i(w)` of the unit, one entry an example, with the weight set to ``w``."""
        return self._z[:, self.column] + (w - self.original) * self.inputs

    def loss_at(self, w):
        """The loss with the weight set to ``w`` (every other parameter unchanged)."""
        z = self._z.copy()
        z[:, self.column] = self.pre_activation(w)
        layer = self._net.layers[self.layer]
        h = layer.f(z)
        if self.layer < len(self._net.layers) - 1:
            h = self._net._forward(None, start=self.layer + 1, h=h).scores
        return self.loss.value(h, self._T)

    def piece(self, w):
        """``(left, right)``: the neighbouring crossings around ``w``, ±inf where there is none.

        For a step unit the loss is constant for every weight strictly between them.
        """
        k = np.searchsorted(self.crossings, w, side="right")
        left = self.crossings[k - 1] if k > 0 else -np.inf
        right = self.crossings[k] if k < len(self.crossings) else np.inf
        return float(left), float(right)

    def steps(self, low=None, high=None):
        """The loss of a step unit on ``[low, high]``, exactly: ``(edges, levels)``.

        ``edges`` are ``low``, the crossings between ``low`` and ``high``, and ``high``;
        ``levels[k]`` is the loss between ``edges[k]`` and ``edges[k + 1]``, evaluated at the
        midpoint (for a step unit, the loss everywhere inside). Default range: that of
        :attr:`values`. Draw them with ``ax.stairs(levels, edges)``.
        """
        low = float(self.values.min() if low is None else low)
        high = float(self.values.max() if high is None else high)
        if not low < high:
            raise ValueError(f"WeightSweep.steps: low must be below high, got {low} and {high}")
        if (low, high) not in self._steps:          # a widget asks again on every update
            inside = self.crossings[(self.crossings > low) & (self.crossings < high)]
            edges = np.concatenate([[low], np.unique(inside), [high]])
            levels = np.array([self.loss_at(w) for w in (edges[:-1] + edges[1:]) / 2])
            self._steps[(low, high)] = edges, levels
        edges, levels = self._steps[(low, high)]
        return edges.copy(), levels.copy()

    def unit_parameters(self, w):
        """``(weights, bias)`` of the swept unit with the weight set to ``w``."""
        layer = self._net.layers[self.layer]
        weights = layer.weights[:, self.column].copy()
        weights[self.row] = w
        return weights, float(layer.bias[self.column])

    def __repr__(self):
        return (f"WeightSweep(layer {self.layer}, weight [{self.row}, {self.column}] = "
                f"{self.original:.4g}; {len(self.values)} values from {self.values[0]:.4g} to "
                f"{self.values[-1]:.4g})")


def _index(value, size, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 0 <= value < size:
        raise ValueError(f"loss_along_weight: {name} must be an integer from 0 to {size - 1}, "
                         f"got {value!r}")
    return int(value)


def loss_along_weight(net, X, y, values, *, layer=0, row=0, column=0, loss=None):
    """The loss on ``(X, y)`` as one weight of ``net`` takes each of ``values``.

    Parameters
    ----------
    net : Network
        Left unchanged.
    X, y : array_like
        The data set and its labels or targets.
    values : array_like (m,)
        The values to give the weight, e.g. ``np.linspace(-2, 2, 2001)``.
    layer, row, column : int
        Which weight: ``net.layers[layer].weights[row, column]``, from input ``row`` of that layer
        to its unit ``column``.
    loss : Loss or str, optional
        Default: the network's own.

    Returns
    -------
    WeightSweep
    """
    where = "loss_along_weight"
    loss = net._loss(loss, where)
    X = net.check_inputs(X, where)
    T = loss.targets(y, net.sizes[-1], where)
    if len(T) != len(X):
        raise ValueError(f"{where}: X has {len(X)} examples but y has {len(T)}")
    layer = _index(layer, len(net.layers), "layer")
    d_in, d_out = net.layers[layer].shape
    row, column = _index(row, d_in, "row"), _index(column, d_out, "column")
    values = _as_finite(where, "values", values)
    if values.ndim != 1 or len(values) == 0:
        raise ValueError(f"{where}: values must be a non-empty 1-D array of weights, got shape "
                         f"{values.shape}")
    return WeightSweep(net, X, T, loss, layer, row, column, values)
