"""Lesson 10: vanishing and exploding gradients, measured layer by layer.

The gradient that reaches layer :math:`l` of a deep network is a product of one Jacobian per layer
above it, :math:`\\partial L/\\partial H_{l-1} = (\\partial L/\\partial H_l \\odot f'(Z_l))\\,W_l^\\top`,
so its size changes geometrically with depth. This module measures it:

- :func:`jacobian_product`: the largest entry of a product of random matrices (it explodes);
- :func:`probe_network` and :func:`gradient_profile`: a deep network of :data:`WIDTH` units a layer
  on a fixed random batch, and its per-layer statistics from the engine
  (:func:`actlab.network.layer_statistics`): the norms :math:`\\lVert\\partial L/\\partial H_l\\rVert`
  and :math:`\\lVert\\partial L/\\partial W_l\\rVert`, the std of :math:`H_l`, the share saturated;
- the grid :data:`ACTIVATIONS` × :data:`INITS` × :data:`DEPTHS`, run by
  ``python -m actlab.experiments.vanishing``, which writes ``vanishing.json`` beside this module
  (:func:`load_results` reads it);
- :class:`Normalise` and :func:`stack_gradients`: the same network with a normalisation step
  (batch normalisation without its learnable scale and shift) and/or residual connections
  :math:`H_l = H_{l-1} + f(Z_l)`, whose Jacobian is :math:`I + \\dots` — the two fixes the engine's
  plain :class:`~actlab.network.Network` does not have.

>>> stats = gradient_profile("relu", "xavier_normal", depth=30)
>>> f"{stats.h_std[29]:.0e}"          # Var(z) halves in every layer: 0.5 ** 15 ≈ 3e-5
'3e-05'
"""

import json
import math
import sys
from importlib import resources

import numpy as np

from actlab._threads import one_blas_thread
from actlab.network import Network, layer_statistics

__all__ = ["ACTIVATIONS", "BATCH", "DEPTHS", "INITS", "STATISTICS", "WIDTH", "Normalise",
           "gradient_profile", "jacobian_product", "load_results", "probe_batch", "probe_network",
           "run_grid", "stack_gradients"]

WIDTH, BATCH = 256, 64
ACTIVATIONS = ("sigmoid", "tanh", "relu", "gelu")
#: label -> the engine's initialiser
INITS = {"N(0, 1)": ("normal", {"std": 1.0}), "small N(0, 0.01²)": ("normal", {"std": 0.01}),
         "Xavier": "xavier_normal", "He": "he_normal"}
DEPTHS = (10, 30, 50)
#: the per-layer statistics kept in the results file
STATISTICS = ("grad_h", "grad_weights", "h_mean", "h_std", "saturated")
RESULTS_FILE = "vanishing.json"
_DIGITS = 6  # significant digits kept in the results file


def jacobian_product(n_matrices=100, size=4, *, trials=200, seed=0):
    """log₁₀ of the largest absolute entry of a product of ``n_matrices`` random ``size × size``
    matrices with N(0, 1) entries, for each of ``trials`` products.

    >>> float(np.median(jacobian_product(1, trials=1000))) < 1
    True
    """
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n_matrices, trials, size, size))
    product = np.broadcast_to(np.eye(size), (trials, size, size)).copy()
    log_scale = np.zeros(trials)
    for k in range(n_matrices):  # renormalise as we go, so that float64 does not overflow
        product = product @ M[k]
        top = np.abs(product).max(axis=(1, 2))
        product /= top[:, None, None]
        log_scale += np.log10(top)
    return log_scale


def probe_batch(width=WIDTH, batch=BATCH, seed=0):
    """A fixed batch: inputs N(0, 1) of ``width`` features, targets N(0, 1)."""
    rng = np.random.default_rng(seed + 1000)
    return rng.normal(size=(batch, width)), rng.normal(size=batch)


def probe_network(activation, init, depth, *, width=WIDTH, seed=0):
    """``depth`` hidden layers of ``width`` units and one linear output (mean squared error)."""
    return Network.build([width] * (depth + 1) + [1], activation, init=INITS.get(init, init),
                         seed=seed)


def gradient_profile(activation, init, depth, *, width=WIDTH, batch=BATCH, seed=0):
    """The engine's :class:`~actlab.network.LayerStatistics` of the hidden layers of
    :func:`probe_network` on :func:`probe_batch` (the output layer dropped)."""
    net = probe_network(activation, init, depth, width=width, seed=seed)
    X, y = probe_batch(width, batch, seed)
    with one_blas_thread():
        stats = layer_statistics(net, X, y)
    for name in ("z_mean", "z_std", "h_mean", "h_std", "saturated", "zero", "dead",
                 "grad_weights", "grad_h"):
        setattr(stats, name, getattr(stats, name)[:depth])
    stats.dead_units = stats.dead_units[:depth]
    return stats


def _rounded(values):
    return [float(f"{v:.{_DIGITS}g}") for v in values]


def grid_entry(activation, init, depth):
    """One cell of the grid, as stored in the results file (values rounded to 6 digits)."""
    stats = gradient_profile(activation, init, depth)
    return {name: _rounded(getattr(stats, name)) for name in STATISTICS}


def run_grid(path=None):
    """Run the whole grid and write it as JSON (default: ``vanishing.json`` beside this module)."""
    results = {"width": WIDTH, "batch": BATCH, "statistics": list(STATISTICS), "runs": []}
    cells = [(a, i, d) for a in ACTIVATIONS for i in INITS for d in DEPTHS]
    for k, (activation, init, depth) in enumerate(cells):
        entry = grid_entry(activation, init, depth)
        results["runs"].append({"activation": activation, "init": init, "depth": depth, **entry})
        print(f"\r{k + 1}/{len(cells)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    if path is None:
        path = resources.files("actlab.experiments") / RESULTS_FILE
    with open(path, "w") as out:
        json.dump(results, out, separators=(",", ":"))
        out.write("\n")
    return results


def load_results():
    """The committed grid: ``{(activation, init, depth): {statistic: ndarray}}``."""
    text = (resources.files("actlab.experiments") / RESULTS_FILE).read_text()
    return {(r["activation"], r["init"], r["depth"]): {s: np.array(r[s]) for s in STATISTICS}
            for r in json.loads(text)["runs"]}


class Normalise:
    """Normalisation over the batch, without learnable scale and shift: every unit's pre-activation
    is shifted and scaled to mean 0 and variance 1 over the batch (Ioffe & Szegedy 2015).

    .. math:: \\hat z = \\frac{z - \\mu}{\\sqrt{v + \\epsilon}}, \\qquad
              \\frac{\\partial L}{\\partial z} = \\frac{1}{\\sqrt{v + \\epsilon}}\\left(g - \\bar g
              - \\hat z\\,\\overline{g \\hat z}\\right),\\quad g = \\frac{\\partial L}{\\partial \\hat z}

    (the bars: means over the batch, unit by unit).

    >>> z = np.array([[1.0, 10.0], [3.0, 30.0]])
    >>> Normalise().forward(z)[0].round(3).tolist()
    [[-1.0, -1.0], [1.0, 1.0]]
    """

    def __init__(self, eps=1e-5):
        self.eps = eps

    def forward(self, z):
        """``(ẑ, scale)``: the normalised values and :math:`1/\\sqrt{v + \\epsilon}` (for backward)."""
        scale = 1.0 / np.sqrt(z.var(axis=0) + self.eps)
        return (z - z.mean(axis=0)) * scale, scale

    def backward(self, z_hat, scale, g):
        """∂L/∂z from ``g`` = ∂L/∂ẑ and the forward pass's ``ẑ`` and ``scale``."""
        return scale * (g - g.mean(axis=0) - z_hat * (g * z_hat).mean(axis=0))


def stack_gradients(net, X, y, *, normalise=False, residual=False):
    """Forward and backward through ``net``'s layers with optional normalisation and residual
    connections on the hidden layers.

    Hidden layer :math:`l`: :math:`Z_l = H_{l-1} W_l + b_l`, then :math:`\\hat Z_l` = Normalise(Z_l)
    if ``normalise``, :math:`A_l = f(\\hat Z_l)`, and :math:`H_l = H_{l-1} + A_l` if ``residual``
    (the shapes must agree), else :math:`H_l = A_l`. The output layer and the loss are ``net``'s.
    Backward, a residual layer passes :math:`\\partial L/\\partial H_l` on unchanged *plus* the
    path through the layer: :math:`\\partial H_l/\\partial H_{l-1} = I + \\dots`.

    With both options off it computes what :meth:`Network.backward` computes.

    Returns
    -------
    h : list of ndarray
        :math:`H_l` of every hidden layer.
    grad_h, grad_weights : ndarray (hidden layers,)
        The norms :math:`\\lVert\\partial L/\\partial H_l\\rVert`, :math:`\\lVert\\partial L/\\partial W_l\\rVert`.
    grads : list of (∂L/∂W, ∂L/∂b)
        For every layer, the output layer included.
    loss : float
    """
    X = net.check_inputs(X, "stack_gradients")
    norm = Normalise()
    hidden = net.layers[:-1]
    if residual and any(layer.shape[0] != layer.shape[1] for layer in hidden):
        raise ValueError("stack_gradients: residual connections need square hidden layers "
                         "(d_in == d_out)")
    with one_blas_thread(), np.errstate(all="ignore"):
        h, cache = X, []
        for layer in hidden:
            z = h @ layer.weights + layer.bias
            z_hat, scale = norm.forward(z) if normalise else (z, None)
            a = layer.f(z_hat)
            h_next = h + a if residual else a
            cache.append((h, z_hat, scale))
            h = h_next
        out = net.layers[-1]
        scores = h @ out.weights + out.bias
        T = net.loss.targets(y, net.sizes[-1], "stack_gradients")
        loss = float(net.loss.value(scores, T))
        dscores = net.loss.grad(scores, T)
        grads = [None] * len(net.layers)
        grads[-1] = (h.T @ dscores, dscores.sum(axis=0))
        dh = dscores @ out.weights.T
        grad_h, grad_w, hs = [], [], []
        for k in range(len(hidden) - 1, -1, -1):
            layer, (h_in, z_hat, scale) = hidden[k], cache[k]
            grad_h.append(np.linalg.norm(dh))
            dz = dh * layer.f_prime(z_hat)
            if normalise:
                dz = norm.backward(z_hat, scale, dz)
            grads[k] = (h_in.T @ dz, dz.sum(axis=0))
            grad_w.append(np.linalg.norm(grads[k][0]))
            dh = dz @ layer.weights.T + (dh if residual else 0.0)
        for k in range(len(hidden)):
            hs.append(cache[k + 1][0] if k + 1 < len(hidden) else h)
    return hs, np.array(grad_h[::-1]), np.array(grad_w[::-1]), grads, loss


if __name__ == "__main__":
    run_grid()
