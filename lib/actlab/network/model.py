"""A network: dense layers in sequence, an output function, and backpropagation through all of it.

Forward, layer :math:`l = 1, \\dots, L` with :math:`H_0 = X`:

.. math:: Z_l = H_{l-1} W_l + b_l, \\qquad H_l = f_l(Z_l)

and the scores :math:`S = H_L` go to the loss (which applies the output function: identity, sigmoid
or softmax). Backward, from :math:`\\partial L/\\partial H_L = \\partial L / \\partial S` down:

.. math:: \\frac{\\partial L}{\\partial Z_l} = \\frac{\\partial L}{\\partial H_l} \\odot f_l'(Z_l),
          \\qquad \\frac{\\partial L}{\\partial H_{l-1}} = \\frac{\\partial L}{\\partial Z_l} W_l^\\top

so the gradient reaching layer :math:`l` is a product of one factor :math:`f'(Z) W^\\top` per layer
above it: that product is what vanishes or explodes with depth (lesson 10).

>>> net = Network.build([2, 8, 1], "tanh", output="sigmoid", seed=0)
>>> net
Network([2, 8, 1], activation='tanh', output='sigmoid')
>>> X, y = np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([1, 0])
>>> trace = net.forward(X)
>>> grads = net.backward(trace, y)
>>> [g.weights.shape for g in grads]
[(2, 8), (8, 1)]
"""

import dataclasses
import numbers

import numpy as np

from actlab.network.initialisers import get_initialiser
from actlab.network.layers import Dense, as_activation
from actlab.network.losses import get_loss, loss_for_output
from actlab.perceptron import _as_finite

__all__ = ["LayerGradients", "Network", "Trace"]

# The initialiser :meth:`Network.build` picks when none is given: the one derived for the activation.
_INIT_FOR_ACTIVATION = {"relu": "he_normal", "leaky_relu": "he_normal", "prelu": "he_normal",
                        "elu": "he_normal", "selu": "lecun_normal"}


@dataclasses.dataclass
class Trace:
    """What the forward pass keeps for the backward pass.

    Attributes
    ----------
    inputs : ndarray (n, d_in)
    z : list of ndarray
        The pre-activations :math:`Z_l` of every layer, first to last.
    h : list of ndarray
        The activations :math:`H_l`; ``h[-1]`` are the scores.
    """

    inputs: np.ndarray
    z: list
    h: list

    @property
    def scores(self):
        return self.h[-1]


@dataclasses.dataclass
class LayerGradients:
    """The gradients of the loss at one layer.

    Attributes
    ----------
    weights, bias : ndarray
        :math:`\\partial L/\\partial W_l`, :math:`\\partial L/\\partial b_l`.
    z, h : ndarray (n, d_out)
        :math:`\\partial L/\\partial Z_l` and :math:`\\partial L/\\partial H_l`, one row an example.
    slope : ndarray or None
        :math:`\\partial L/\\partial a_l` for a PReLU layer.
    """

    weights: np.ndarray
    bias: np.ndarray
    z: np.ndarray
    h: np.ndarray
    slope: np.ndarray | None = None

    def parameters(self):
        """The gradients of the learnable arrays, in the order of :attr:`Dense.parameters`."""
        return [self.weights, self.bias] + ([] if self.slope is None else [self.slope])


class Network:
    """Layers applied in sequence, :math:`\\text{layer}_L(\\dots\\text{layer}_1(X))`, then the output.

    Parameters
    ----------
    layers : sequence of Dense
        Consecutive layers must fit: ``d_out`` of one equals ``d_in`` of the next.
    output : {"identity", "sigmoid", "softmax"}, default "identity"
        Turns the last layer's scores into predictions, and chooses the loss it pairs with:
        mean squared error, binary cross-entropy or softmax cross-entropy (both from the scores).
    """

    def __init__(self, layers, output="identity"):
        self.layers = list(layers)
        if not self.layers or not all(isinstance(layer, Dense) for layer in self.layers):
            raise TypeError("Network: layers must be a non-empty sequence of Dense layers")
        for k, (first, second) in enumerate(zip(self.layers, self.layers[1:])):
            if first.shape[1] != second.shape[0]:
                raise ValueError(f"Network: layer {k} has {first.shape[1]} outputs but layer "
                                 f"{k + 1} expects {second.shape[0]} inputs")
        self.loss = loss_for_output(output)
        self.output = output

    @classmethod
    def build(cls, sizes, activation="relu", *, output="identity", init=None, seed=0):
        """A fresh network with layer widths ``sizes``, initialised from ``seed``.

        Parameters
        ----------
        sizes : sequence of int
            ``[d_in, hidden_1, ..., d_out]``; ``[64, 32, 10]`` has one hidden layer of 32.
        activation : str, (str, dict), or any activation a :class:`Dense` accepts
            The activation of every hidden layer. The last layer is linear: it gives the scores.
        output : {"identity", "sigmoid", "softmax"}
        init : str, (str, dict) or Initialiser, optional
            Default: ``"he_normal"`` for the ReLU family and ELU, ``"lecun_normal"`` for SELU,
            ``"xavier_normal"`` otherwise.
        seed : int or numpy.random.Generator
            The same seed gives the same weights, bit for bit.
        """
        if (isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2
                or not all(isinstance(s, numbers.Integral) and not isinstance(s, bool) and s >= 1
                           for s in sizes)):
            raise ValueError(f"Network.build: sizes must be a list of at least two positive "
                             f"integers [d_in, ..., d_out], got {sizes!r}")
        unit, params = as_activation(activation, "Network.build")
        if init is None:
            init = _INIT_FOR_ACTIVATION.get(unit.name, "xavier_normal")
        init = get_initialiser(init, "Network.build")
        rng = np.random.default_rng(seed)
        layers = []
        for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            last = k == len(sizes) - 2
            layers.append(Dense(init.weights(n_in, n_out, rng), init.bias(n_in, n_out, rng),
                                "identity" if last else (unit, params)))
        return cls(layers, output)

    @property
    def sizes(self):
        """``[d_in, d_1, ..., d_out]``."""
        return [self.layers[0].shape[0]] + [layer.shape[1] for layer in self.layers]

    def parameters(self):
        """Every learnable array, layer by layer (``weights``, ``bias``, and ``slope`` for PReLU)."""
        return [p for layer in self.layers for p in layer.parameters.values()]

    # -- forward ----------------------------------------------------------------------------------

    def check_inputs(self, X, where="Network"):
        """``X`` as a float array of shape (n, d_in), or an error that names what is wrong."""
        X = _as_finite(where, "X", X)
        d_in = self.layers[0].shape[0]
        if X.ndim == 1 and d_in == len(X):
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] != d_in:
            raise ValueError(f"{where}: X must have shape (n, {d_in}), one example of {d_in} "
                             f"features a row, to match the first layer; got shape {X.shape}")
        return X

    def forward(self, X):
        """Run every layer on the batch ``X`` and keep what backpropagation needs (a :class:`Trace`)."""
        return self._forward(self.check_inputs(X, "Network.forward"))

    def _forward(self, X, start=0, h=None):
        zs, hs = [], []
        for layer in self.layers[start:]:
            z, h_next = layer.forward(X if h is None else h)
            zs.append(z)
            hs.append(h_next)
            h = h_next
        return Trace(X, zs, hs)

    def layer_outputs(self, X):
        """The output :math:`H_l` of every layer for the batch ``X``, first to last."""
        outputs = []
        for layer in self.layers:
            X = layer(X)
            outputs.append(X)
        return outputs

    def scores(self, X):
        """The last layer's output (logits for sigmoid and softmax outputs)."""
        return self.layer_outputs(X)[-1]

    def predict(self, X):
        """The predictions: the output function applied to the scores."""
        return self.loss.predict(self.scores(X))

    def __call__(self, X):
        return self.predict(X)

    # -- backward ---------------------------------------------------------------------------------

    def backward(self, trace, y, loss=None):
        """∂L/∂W, ∂L/∂b, ∂L/∂Z and ∂L/∂H of every layer, for the forward pass ``trace``.

        Parameters
        ----------
        trace : Trace
            From :meth:`forward` on the same batch.
        y : array_like
            Labels or targets of that batch (see :meth:`~actlab.network.losses.Loss.targets`).
        loss : Loss or str, optional
            Default: the loss of the network's output.

        Returns
        -------
        list of LayerGradients
            One for each layer, first to last.
        """
        loss = self._loss(loss, "Network.backward")
        T = loss.targets(y, self.sizes[-1], "Network.backward")
        if len(T) != len(trace.inputs):
            raise ValueError(f"Network.backward: y has {len(T)} rows but the batch has "
                             f"{len(trace.inputs)} examples")
        return self._backward(trace, loss.grad(trace.scores, T))

    def _backward(self, trace, dh, stop=0):
        grads = [None] * len(self.layers)
        for k in range(len(self.layers) - 1, stop - 1, -1):
            layer_input = trace.h[k - 1] if k > 0 else trace.inputs
            g = self.layers[k].backward(layer_input, trace.z[k], dh)
            grads[k] = LayerGradients(g["weights"], g["bias"], g["z"], dh, g.get("slope"))
            dh = g["inputs"]
        return grads

    def _loss(self, loss, where):
        if loss is None:
            return self.loss
        loss = get_loss(loss, where)
        if loss.output != self.output:
            raise ValueError(f"{where}: the loss {loss.name!r} pairs with output="
                             f"{loss.output!r}, but this network's output is {self.output!r}; "
                             f"build it with output={loss.output!r}")
        return loss

    def loss_value(self, X, y, loss=None):
        """The loss :math:`L` on the data ``(X, y)``."""
        loss = self._loss(loss, "Network.loss_value")
        X = self.check_inputs(X, "Network.loss_value")
        return loss.value(self._forward(X).scores, loss.targets(y, self.sizes[-1]))

    def __repr__(self):
        hidden = {layer.activation.name for layer in self.layers[:-1]}
        if len(hidden) == 1 and self.layers[-1].activation.name == "identity":
            return (f"Network({self.sizes}, activation={hidden.pop()!r}, "
                    f"output={self.output!r})")
        return f"Network({self.layers!r}, output={self.output!r})"
