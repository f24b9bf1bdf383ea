"""Optimisers: how a gradient becomes a step. Each updates the parameter arrays in place.

With gradient :math:`g` of parameter :math:`\\theta` and learning rate :math:`\\eta`:

- ``SGD``: :math:`\\theta \\leftarrow \\theta - \\eta g`
- ``Momentum``: :math:`v \\leftarrow \\mu v + g,\\; \\theta \\leftarrow \\theta - \\eta v`
  (PyTorch's form; :math:`\\mu = 0.9`)
- ``Adam``: :math:`m \\leftarrow \\beta_1 m + (1-\\beta_1) g,\\;
  v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2,\\;
  \\theta \\leftarrow \\theta - \\eta\\, \\hat m / (\\sqrt{\\hat v} + \\epsilon)` with the bias
  corrections :math:`\\hat m = m / (1-\\beta_1^t)`, :math:`\\hat v = v / (1-\\beta_2^t)`
  (Kingma & Ba, 2015).

Any of them can first clip the gradients by their global norm (``clip_norm``), see
:func:`clip_by_global_norm`.

>>> theta, g = np.array([1.0, 2.0]), np.array([0.5, -0.5])
>>> SGD(learning_rate=0.1).step([theta], [g])
>>> theta
array([0.95, 2.05])
"""

import difflib

import numpy as np

from actlab._arrays import real_parameter

__all__ = ["Adam", "Momentum", "SGD", "clip_by_global_norm", "get_optimizer"]


def clip_by_global_norm(grads, max_norm):
    """Scale all gradients by one factor so that their joint norm is at most ``max_norm``.

    .. math:: g \\leftarrow g \\cdot \\min\\!\\left(1, \\frac{c}{\\lVert (g_1, \\dots, g_m) \\rVert_2}\\right)

    Scaling all of them by the same factor keeps the direction of the step. Returns the norm
    before clipping.

    >>> grads = [np.array([3.0]), np.array([4.0])]
    >>> clip_by_global_norm(grads, 1.0), grads
    (5.0, [array([0.6]), array([0.8])])
    """
    norm = float(np.sqrt(sum(float(np.vdot(g, g)) for g in grads)))
    if norm > max_norm:
        for g in grads:
            g *= max_norm / norm
    return norm


class SGD:
    """Plain gradient descent, :math:`\\theta \\leftarrow \\theta - \\eta g`.

    Parameters
    ----------
    learning_rate : float > 0, default 0.05
    clip_norm : float > 0, optional
        Clip the gradients by their global norm before each step.
    """

    name = "sgd"
    default_learning_rate = 0.05

    def __init__(self, learning_rate=None, *, clip_norm=None):
        self.learning_rate = real_parameter(
            self.default_learning_rate if learning_rate is None else learning_rate,
            type(self).__name__, "learning_rate", positive=True)
        self.clip_norm = (None if clip_norm is None else
                          real_parameter(clip_norm, type(self).__name__, "clip_norm", positive=True))
        self.steps = 0

    def step(self, params, grads):
        """Update every array of ``params`` in place with its gradient in ``grads``."""
        if self.clip_norm is not None:
            clip_by_global_norm(grads, self.clip_norm)
        self.steps += 1
        for i, (theta, g) in enumerate(zip(params, grads)):
            self._update(i, theta, g)

    def _update(self, i, theta, g):
        theta -= self.learning_rate * g

    def __repr__(self):
        return f"{type(self).__name__}(learning_rate={self.learning_rate:g})"


class Momentum(SGD):
    """Gradient descent with momentum: :math:`v \\leftarrow \\mu v + g`, :math:`\\theta \\leftarrow \\theta - \\eta v`."""

    name = "momentum"
    default_learning_rate = 0.01

    def __init__(self, learning_rate=None, *, momentum=0.9, clip_norm=None):
        super().__init__(learning_rate, clip_norm=clip_norm)
        self.momentum = real_parameter(momentum, "Momentum", "momentum", minimum=0.0)
        self._velocity = {}

    def _update(self, i, theta, g):
        v = self._velocity.get(i)
        if v is None:
            v = self._velocity[i] = g.copy()
        else:
            v *= self.momentum
            v += g
        theta -= self.learning_rate * v


class Adam(SGD):
    """Adam: steps scaled by running estimates of the gradient's mean and uncentred variance."""

    name = "adam"
    default_learning_rate = 0.001

    def __init__(self, learning_rate=None, *, beta1=0.9, beta2=0.999, eps=1e-8, clip_norm=None):
        super().__init__(learning_rate, clip_norm=clip_norm)
        for name, value in (("beta1", beta1), ("beta2", beta2)):
            if not 0 <= real_parameter(value, "Adam", name) < 1:
                raise ValueError(f"Adam: {name} must be in [0, 1), got {value!r}")
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.eps = real_parameter(eps, "Adam", "eps", positive=True)
        self._moments = {}

    def _update(self, i, theta, g):
        if i not in self._moments:
            self._moments[i] = (np.zeros_like(theta), np.zeros_like(theta))
        m, v = self._moments[i]
        m *= self.beta1
        m += (1 - self.beta1) * g
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        m_hat = m / (1 - self.beta1 ** self.steps)
        v_hat = v / (1 - self.beta2 ** self.steps)
        theta -= self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)


_OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def get_optimizer(spec, learning_rate=None, *, clip_norm=None, where="get_optimizer"):
    """A fresh optimiser for ``spec``: ``"sgd"``, ``"momentum"``, ``"adam"`` or an instance.

    An instance is used as it is; ``learning_rate`` and ``clip_norm`` then belong to it.
    """
    if isinstance(spec, SGD):
        if learning_rate is not None or clip_norm is not None:
            raise ValueError(f"{where}: learning_rate and clip_norm are set on the optimizer "
                             f"object itself ({spec!r}); do not pass them again")
        return spec
    if not isinstance(spec, str):
        raise TypeError(f"{where}: optimizer must be 'sgd', 'momentum', 'adam' or an optimizer "
                        f"object such as actlab.network.Adam(0.001), got {spec!r}")
    key = spec.lower()
    if key not in _OPTIMIZERS:
        close = difflib.get_close_matches(key, list(_OPTIMIZERS), n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{where}: unknown optimizer {spec!r}.{maybe} "
                         f"Known: {', '.join(_OPTIMIZERS)}.")
    try:
        return _OPTIMIZERS[key](learning_rate, clip_norm=clip_norm)
    except (TypeError, ValueError) as err:
        raise type(err)(f"{where}: {err}") from None
