"""Gradient checking: backpropagation's answer against central finite differences.

For one entry :math:`\\theta_i` of a parameter array (or of a layer's :math:`Z_l` or :math:`H_l`):

.. math:: \\frac{\\partial L}{\\partial \\theta_i} \\approx
          \\frac{L(\\theta + \\epsilon e_i) - L(\\theta - \\epsilon e_i)}{2\\epsilon}

with an error of order :math:`\\epsilon^2`. Each array is compared as a whole by its relative error

.. math:: \\frac{\\lVert g_\\text{backprop} - g_\\text{numeric} \\rVert}
               {\\max(\\lVert g_\\text{backprop} \\rVert, \\lVert g_\\text{numeric} \\rVert)}

which is about 1e-9 or smaller in float64 when backpropagation is right, and of order 1 when it is
wrong. Near a kink (ReLU at 0) the two can differ legitimately: a difference quotient straddles it.

>>> from actlab.network import Network
>>> net = Network.build([3, 5, 2], "tanh", output="softmax", seed=0)
>>> X = np.random.default_rng(0).normal(size=(4, 3))
>>> check = gradient_check(net, X, [0, 1, 1, 0])
>>> check.max_error < 1e-7
True
"""

import dataclasses

import numpy as np

__all__ = ["GradientCheck", "gradient_check"]


@dataclasses.dataclass
class GradientCheck:
    """The result of :func:`gradient_check`: one row per array checked.

    Attributes
    ----------
    rows : list of dict
        ``layer`` (1-based), ``array`` (``"weights"``, ``"bias"``, ``"slope"``, ``"z"``, ``"h"``),
        ``entries`` (how many were perturbed), ``norm`` (of the backprop gradient on those entries)
        and ``error`` (the relative error).
    """

    rows: list

    @property
    def max_error(self):
        """The largest relative error of all arrays."""
        return max(row["error"] for row in self.rows)

    def passed(self, tolerance=1e-6):
        """True when every relative error is below ``tolerance``."""
        return self.max_error < tolerance

    def __str__(self):
        lines = [f"{'layer':>5}  {'array':<8}{'entries':>8}{'|gradient|':>13}{'rel. error':>12}"]
        lines += [f"{r['layer']:>5}  {r['array']:<8}{r['entries']:>8}{r['norm']:>13.3e}"
                  f"{r['error']:>12.1e}" for r in self.rows]
        return "\n".join(lines)

    __repr__ = __str__


def _relative_error(a, b):
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def _entries(shape, max_entries, rng):
    """Flat indices to perturb: all of them, or a seeded sample of ``max_entries``."""
    size = int(np.prod(shape))
    if max_entries is None or size <= max_entries:
        return np.arange(size)
    return np.sort(rng.choice(size, max_entries, replace=False))


def _numeric(f, array, entries, eps):
    """Central differences of the scalar ``f()`` with respect to ``array.flat[entries]``."""
    flat = array.reshape(-1)  # a view: perturbing it perturbs ``array``
    out = np.empty(len(entries))
    for i, j in enumerate(entries):
        saved = flat[j]
        flat[j] = saved + eps
        up = f()
        flat[j] = saved - eps
        down = f()
        flat[j] = saved
        out[i] = (up - down) / (2 * eps)
    return out


def gradient_check(net, X, y, loss=None, *, eps=1e-6, max_entries=50, signals=True, seed=0):
    """Compare every gradient backpropagation computes with central differences.

    Parameters
    ----------
    net : Network
    X, y : array_like
        A (small) batch and its labels or targets.
    loss : Loss or str, optional
        Default: the network's own.
    eps : float
        The step :math:`\\epsilon` of the differences.
    max_entries : int or None
        Perturb at most this many entries of each array (a seeded sample); None for all.
    signals : bool
        Also check :math:`\\partial L/\\partial Z_l` and :math:`\\partial L/\\partial H_l`.
    seed : int
        Chooses the sampled entries.

    Returns
    -------
    GradientCheck
    """
    loss = net._loss(loss, "gradient_check")
    X = net.check_inputs(X, "gradient_check")
    T = loss.targets(y, net.sizes[-1], "gradient_check")
    if len(T) != len(X):
        raise ValueError(f"gradient_check: X has {len(X)} examples but y has {len(T)}")
    rng = np.random.default_rng(seed)
    trace = net._forward(X)
    grads = net._backward(trace, loss.grad(trace.scores, T))
    rows = []

    def add(k, name, analytic, array, f):
        entries = _entries(array.shape, max_entries, rng)
        numeric = _numeric(f, array, entries, eps)
        picked = analytic.reshape(-1)[entries]
        rows.append({"layer": k + 1, "array": name, "entries": len(entries),
                     "norm": float(np.linalg.norm(picked)),
                     "error": _relative_error(picked, numeric)})

    def loss_from_layer(k, h):
        """L as a function of the input ``h`` to layer ``k`` (k = len(layers): of the scores)."""
        scores = h if k == len(net.layers) else net._forward(None, start=k, h=h).scores
        return loss.value(scores, T)

    for k, layer in enumerate(net.layers):
        for name, array in layer.parameters.items():
            add(k, name, getattr(grads[k], name), array, lambda: loss.value(
                net._forward(X).scores, T))
        if signals:
            z, h = trace.z[k].copy(), trace.h[k].copy()
            add(k, "z", grads[k].z, z, lambda: loss_from_layer(k + 1, layer.f(z)))
            add(k, "h", grads[k].h, h, lambda: loss_from_layer(k + 1, h))
    return GradientCheck(rows)
