"""Initialisers: how a layer's weights (and biases) are drawn before training, named and seeded.

Each keeps the variance of the signal under control in its own way (lesson 10 derives them):

=================== ============================================ ==================================
name                weights                                      why
=================== ============================================ ==================================
``xavier_normal``   :math:`N(0, \\tfrac{2}{n_\\text{in} + n_\\text{out}})` Glorot & Bengio (2010): variance kept forward *and* backward
``xavier_uniform``  :math:`U(\\pm\\sqrt{6/(n_\\text{in} + n_\\text{out})})`  the same variance, uniform
``he_normal``       :math:`N(0, \\tfrac{2}{n_\\text{in}})`              He et al. (2015): ReLU halves the variance, so double it
``he_uniform``      :math:`U(\\pm\\sqrt{6/n_\\text{in}})`               the same variance, uniform
``lecun_normal``    :math:`N(0, \\tfrac{1}{n_\\text{in}})`              LeCun (1998); SELU's pairing
``pytorch_default`` :math:`U(\\pm 1/\\sqrt{n_\\text{in}})`, bias too      PyTorch's ``nn.Linear``: variance :math:`\\tfrac{1}{3 n_\\text{in}}`, not He
``normal``          :math:`N(0, \\sigma^2)`, ``std=σ`` (default 1)   a fixed scale, for experiments
``zeros``           0                                            every unit the same: symmetry is never broken
=================== ============================================ ==================================

Biases start at 0, except with ``pytorch_default``, which draws them like the weights.

>>> rng = np.random.default_rng(0)
>>> W = get_initialiser("he_normal").weights(256, 256, rng)
>>> round(float(W.var() * 256), 1)                          # Var = 2 / n_in
2.0
"""

import difflib
import math

import numpy as np

from actlab._arrays import real_parameter

__all__ = ["Initialiser", "get_initialiser", "initialiser_names"]


class Initialiser:
    """Draws the weights ``(n_in, n_out)`` and biases ``(n_out,)`` of a layer from a Generator.

    Attributes
    ----------
    name : str
    variance : str
        The weights' variance as a formula (LaTeX).
    """

    def __init__(self, name, draw_weights, variance, *, bias_like_weights=False):
        self.name, self.variance = name, variance
        self._draw = draw_weights
        self._bias_like_weights = bias_like_weights

    def weights(self, n_in, n_out, rng):
        """A weight matrix of shape ``(n_in, n_out)``."""
        return self._draw(n_in, n_out, (n_in, n_out), rng)

    def bias(self, n_in, n_out, rng):
        """A bias vector of shape ``(n_out,)``: zeros, or drawn like the weights."""
        if self._bias_like_weights:
            return self._draw(n_in, n_out, (n_out,), rng)
        return np.zeros(n_out)

    def __repr__(self):
        return f"<initialiser {self.name}: Var(W) = {self.variance}>"


def _normal(std_of):
    return lambda n_in, n_out, shape, rng: rng.normal(0.0, std_of(n_in, n_out), size=shape)


def _uniform(limit_of):
    def draw(n_in, n_out, shape, rng):
        limit = limit_of(n_in, n_out)
        return rng.uniform(-limit, limit, size=shape)
    return draw


_INITIALISERS = {init.name: init for init in [
    Initialiser("xavier_normal", _normal(lambda i, o: math.sqrt(2 / (i + o))),
                r"\frac{2}{n_\mathrm{in} + n_\mathrm{out}}"),
    Initialiser("xavier_uniform", _uniform(lambda i, o: math.sqrt(6 / (i + o))),
                r"\frac{2}{n_\mathrm{in} + n_\mathrm{out}}"),
    Initialiser("he_normal", _normal(lambda i, o: math.sqrt(2 / i)), r"\frac{2}{n_\mathrm{in}}"),
    Initialiser("he_uniform", _uniform(lambda i, o: math.sqrt(6 / i)), r"\frac{2}{n_\mathrm{in}}"),
    Initialiser("lecun_normal", _normal(lambda i, o: math.sqrt(1 / i)), r"\frac{1}{n_\mathrm{in}}"),
    Initialiser("pytorch_default", _uniform(lambda i, o: 1 / math.sqrt(i)),
                r"\frac{1}{3 n_\mathrm{in}}", bias_like_weights=True),
    Initialiser("zeros", lambda i, o, shape, rng: np.zeros(shape), "0"),
]}
_ALIASES = {"glorot_normal": "xavier_normal", "glorot_uniform": "xavier_uniform",
            "kaiming_normal": "he_normal", "kaiming_uniform": "he_uniform"}


def initialiser_names():
    """The names :func:`get_initialiser` knows (``"normal"`` takes ``std``)."""
    return list(_INITIALISERS) + ["normal"]


def get_initialiser(spec, where="get_initialiser"):
    """The :class:`Initialiser` for ``spec``: a name, ``("normal", {"std": σ})`` or an Initialiser.

    Examples
    --------
    >>> get_initialiser(("normal", {"std": 0.01}))
    <initialiser normal(std=0.01): Var(W) = 0.0001>
    """
    if isinstance(spec, Initialiser):
        return spec
    params = {}
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], dict):
        spec, params = spec
    if not isinstance(spec, str):
        raise TypeError(f"{where}: init must be a name such as 'he_normal', a pair such as "
                        f"('normal', {{'std': 0.01}}), or an Initialiser; got {spec!r}")
    key = _ALIASES.get(spec.lower(), spec.lower())
    if key == "normal":
        unknown = set(params) - {"std"}
        if unknown:
            raise TypeError(f"{where}: the 'normal' initialiser takes only std, got {sorted(unknown)}")
        std = real_parameter(params.get("std", 1.0), where, "std", positive=True)
        return Initialiser(f"normal(std={std:g})", _normal(lambda i, o: std), f"{std * std:g}")
    if key not in _INITIALISERS:
        close = difflib.get_close_matches(key, initialiser_names() + list(_ALIASES), n=1)
        maybe = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{where}: unknown initialiser {spec!r}.{maybe} "
                         f"Known: {', '.join(initialiser_names())}.")
    if params:
        raise TypeError(f"{where}: the initialiser {key!r} takes no parameters, got {params!r}")
    return _INITIALISERS[key]
