"""The dense layer, its forward and backward pass side by side, and the activations it can use.

A dense layer maps a batch :math:`X` (one example a row, shape ``(n, d_in)``) to

.. math:: Z = X W + b, \\qquad H = f(Z), \\qquad W \\in \\mathbb{R}^{d_\\text{in} \\times d_\\text{out}},\\;
          b \\in \\mathbb{R}^{d_\\text{out}}

and, given :math:`\\partial L / \\partial H` from the layer above, backpropagation is the chain rule:

.. math:: \\frac{\\partial L}{\\partial Z} = \\frac{\\partial L}{\\partial H} \\odot f'(Z), \\quad
          \\frac{\\partial L}{\\partial W} = X^\\top \\frac{\\partial L}{\\partial Z}, \\quad
          \\frac{\\partial L}{\\partial b} = \\sum_\\text{rows} \\frac{\\partial L}{\\partial Z}, \\quad
          \\frac{\\partial L}{\\partial X} = \\frac{\\partial L}{\\partial Z} W^\\top

The activation :math:`f` can be any activation of the library, by name, with its parameters
(``("leaky_relu", {"alpha": 0.1})``), ``"prelu"`` (a leaky ReLU whose slope each unit learns), or
a learner's own: a function with a ``.grad``, or a pair ``(f, f_prime)``.
"""

import functools

import numpy as np

from actlab.activations import Activation, get
from actlab.perceptron import _as_finite

__all__ = ["Dense", "OwnActivation", "PReLU", "as_activation"]

_ACTIVATION_EXPECTED = ("a name such as 'relu', a (name, parameters) pair such as "
                        "('leaky_relu', {'alpha': 0.1}), 'prelu', an actlab activation, a function "
                        "with a .grad, or a pair (f, f_prime)")


class PReLU:
    """Parametric ReLU: a leaky ReLU whose negative slope :math:`a_j` each unit learns.

    .. math:: \\mathrm{prelu}(z_j) = \\begin{cases} z_j & z_j > 0 \\\\ a_j z_j & z_j \\le 0 \\end{cases},
              \\qquad \\frac{\\partial\\, \\mathrm{prelu}}{\\partial a_j} = \\min(z_j, 0)

    Notes
    -----
    At 0 the derivative is the left one, :math:`a_j`, as for ``leaky_relu``. The slopes start at
    0.25, PyTorch's default. He et al. (2015) introduced it.
    """

    name = "prelu"
    initial_slope = 0.25

    def __call__(self, z, alpha):
        return np.where(z > 0, z, alpha * z)

    def grad(self, z, alpha):
        return np.where(z > 0, 1.0, alpha)

    def __repr__(self):
        return "<activation prelu: learnable slope>"


class OwnActivation:
    """A learner's activation: a function ``f`` and its derivative ``f_prime``, both elementwise.

    Parameters
    ----------
    f, f_prime : callable
        Map an array of pre-activations to an array of the same shape.
    name : str, optional
        Shown in plots and messages; by default the name of ``f``.

    Examples
    --------
    >>> square = OwnActivation(lambda z: z**2, lambda z: 2 * z, name="square")
    >>> square(np.array([3.0])), square.grad(np.array([3.0]))
    (array([9.]), array([6.]))
    """

    def __init__(self, f, f_prime, name=None):
        if not callable(f) or not callable(f_prime):
            raise TypeError(f"activation: both f and f_prime must be functions, got {f!r} and "
                            f"{f_prime!r}")
        self.name = name or getattr(f, "__name__", "own activation")
        self._f, self._f_prime = f, f_prime
        probe = np.linspace(-2.0, 2.0, 6).reshape(2, 3)
        for label, fn in (("f", f), ("f_prime", f_prime)):
            try:
                out = np.asarray(fn(probe.copy()))
            except Exception as error:
                raise ValueError(f"activation {self.name!r}: {label} failed on an array of shape "
                                 f"{probe.shape} with {type(error).__name__}: {error}. It must take "
                                 f"a whole array: use numpy functions (np.exp, np.maximum, "
                                 f"np.where), not math.* or Python if/else.") from None
            if out.shape != probe.shape or out.dtype.kind not in "biuf":
                raise ValueError(f"activation {self.name!r}: {label} must return an array of "
                                 f"numbers with the shape of its input; for an input of shape "
                                 f"{probe.shape} it returned shape {out.shape} and dtype "
                                 f"{out.dtype}. Use numpy functions (np.exp, np.maximum, "
                                 f"np.where), not math.* or Python if/else.")

    def __call__(self, z):
        return np.asarray(self._f(z), dtype=float)

    def grad(self, z):
        return np.asarray(self._f_prime(z), dtype=float)

    def __repr__(self):
        return f"<own activation {self.name}>"


def as_activation(spec, where="Dense"):
    """``(activation, parameters)`` for any of the forms a layer accepts (see the module docstring)."""
    params = {}
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], dict):
        spec, params = spec
    if isinstance(spec, str) and spec.lower() == "prelu":
        if params:
            raise ValueError(f"{where}: 'prelu' learns its slopes; it takes no parameters "
                             f"(got {params!r})")
        return PReLU(), {}
    if isinstance(spec, str):
        spec = get(spec)
    if isinstance(spec, Activation):
        try:
            spec(np.zeros(1), **params)
        except TypeError:
            raise TypeError(f"{where}: activation {spec.name!r} does not take the parameters "
                            f"{sorted(params)}") from None
        return spec, dict(params)
    if params:
        raise TypeError(f"{where}: only the library's activations take parameters, got {spec!r} "
                        f"with {params!r}")
    if isinstance(spec, (PReLU, OwnActivation)):
        return spec, {}
    if isinstance(spec, tuple) and len(spec) == 2 and all(callable(part) for part in spec):
        return OwnActivation(*spec), {}
    if callable(spec) and callable(getattr(spec, "grad", None)):
        return OwnActivation(spec, spec.grad), {}
    hint = " It has no .grad: give the pair (f, f_prime)." if callable(spec) else ""
    raise TypeError(f"{where}: activation must be {_ACTIVATION_EXPECTED}; got {spec!r}.{hint}")


@functools.lru_cache(maxsize=None)
def _largest_slope(activation, params):
    """max |f'(z)| over z in [-20, 20], by a fine grid (every maximum of the library is inside)."""
    z = np.linspace(-20.0, 20.0, 40_001)
    return float(np.max(np.abs(activation.grad(z, **dict(params)))))


class Dense:
    """A fully connected layer :math:`H = f(X W + b)`.

    Parameters
    ----------
    weights : array_like of shape (d_in, d_out)
        Column :math:`j` holds the weights of unit :math:`j`.
    bias : array_like of shape (d_out,)
        One bias per unit.
    activation : str, (str, dict), Activation, function with ``.grad``, or (f, f_prime)
        The activation :math:`f`, default ``"identity"`` (the layer is linear, strictly: affine).
        ``"prelu"`` gives the layer a learnable slope per unit, :attr:`slope`.

    Examples
    --------
    >>> layer = Dense([[1.0], [2.0]], [-1.0], "relu")
    >>> layer([[1.0, 1.0], [0.0, 0.0]]).tolist()
    [[2.0], [0.0]]
    >>> z, h = layer.forward(np.array([[1.0, 1.0]]))
    >>> grads = layer.backward(np.array([[1.0, 1.0]]), z, np.ones((1, 1)))
    >>> grads["weights"].tolist(), grads["bias"].tolist()
    ([[1.0], [1.0]], [1.0])
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
        self.activation, self.activation_params = as_activation(activation)
        self.slope = (np.full(self.shape[1], PReLU.initial_slope)
                      if isinstance(self.activation, PReLU) else None)

    @property
    def shape(self):
        """``(d_in, d_out)``."""
        return self.weights.shape

    @property
    def parameters(self):
        """The learnable arrays by name: ``weights``, ``bias`` (and ``slope`` for PReLU)."""
        params = {"weights": self.weights, "bias": self.bias}
        if self.slope is not None:
            params["slope"] = self.slope
        return params

    def _params(self):
        return {"alpha": self.slope} if self.slope is not None else self.activation_params

    def f(self, z):
        """The activation applied to pre-activations ``z``."""
        return self.activation(z, **self._params())

    def f_prime(self, z):
        """The activation's derivative at ``z`` (at a kink, the library's convention)."""
        return self.activation.grad(z, **self._params())

    def largest_slope(self):
        """:math:`\\max_z |f'(z)|`: the reference for "saturated" (``|f'(z)|`` below 1 % of it)."""
        if self.slope is not None:
            return max(1.0, float(np.abs(self.slope).max()))
        return _largest_slope(self.activation, tuple(sorted(self.activation_params.items())))

    def pre_activation(self, X):
        """:math:`Z = X W + b` for a batch ``X`` of shape (n, d_in) (or one input of shape (d_in,))."""
        X = _as_finite("Dense", "X", X)
        if X.ndim not in (1, 2) or X.shape[-1] != self.shape[0]:
            raise ValueError(f"Dense: input must have shape (n, {self.shape[0]}) to match weights "
                             f"of shape {self.shape}, got shape {X.shape}")
        return X @ self.weights + self.bias

    def __call__(self, X):
        return self.f(self.pre_activation(X))

    def forward(self, X):
        """``(Z, H)`` for a float array ``X`` of shape (n, d_in), without input checks (speed)."""
        z = X @ self.weights
        z += self.bias
        return z, self.f(z)

    def backward(self, X, z, dh):
        """The gradients of the loss, given ``dh`` = ∂L/∂H and the forward pass's ``X`` and ``z``.

        Returns
        -------
        dict
            ``"z"``: ∂L/∂Z, ``"inputs"``: ∂L/∂X, and one entry per learnable array
            (``"weights"``, ``"bias"``, and ``"slope"`` for PReLU).
        """
        dz = dh * self.f_prime(z)
        grads = {"z": dz, "inputs": dz @ self.weights.T, "weights": X.T @ dz,
                 "bias": dz.sum(axis=0)}
        if self.slope is not None:
            grads["slope"] = (dh * np.minimum(z, 0.0)).sum(axis=0)
        return grads

    def __repr__(self):
        return f"Dense({self.shape[0]} -> {self.shape[1]}, activation={self.activation.name!r})"

