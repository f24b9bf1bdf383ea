"""Looking inside a network: per-layer statistics of the signals and gradients on a data set.

For every layer :math:`l` of a network, on every example of the data set (a full forward and
backward pass, no parameter changes):

- the mean and standard deviation of :math:`Z_l` and :math:`H_l`;
- ``saturated``: the fraction of values where the activation is flat, :math:`|f'(z)|` below 1 % of
  its largest value :math:`\\max_z |f'(z)|` (sigmoid: :math:`|f'| < 0.0025`);
- ``zero``: the fraction of outputs that are exactly 0 (ReLU's sparsity);
- ``dead``: the fraction of *dead units*: units whose output gradient :math:`f'(z)` is 0 for every
  example of the data set, so no gradient ever reaches their weights. That is the definition —
  not "a unit with zero weights", which can be alive (a positive bias keeps it on);
- ``grad_weights``, ``grad_h``: the norms :math:`\\lVert\\partial L/\\partial W_l\\rVert` and
  :math:`\\lVert\\partial L/\\partial H_l\\rVert` (Frobenius, the loss averaged over the data set).

>>> from actlab.network import Network
>>> net = Network.build([2, 16, 16, 1], "relu", seed=0)
>>> X = np.random.default_rng(1).normal(size=(100, 2))
>>> stats = layer_statistics(net, X, np.zeros(100))
>>> stats.dead.shape, stats.saturated.shape                # one value a layer
((3,), (3,))
"""

import dataclasses

import numpy as np

__all__ = ["STATISTICS", "LayerStatistics", "layer_statistics"]

SATURATION_THRESHOLD = 0.01

#: The per-layer statistics, the fields of :class:`LayerStatistics` that hold one value a layer.
STATISTICS = ("z_mean", "z_std", "h_mean", "h_std", "saturated", "zero", "dead", "grad_weights",
           "grad_h")


@dataclasses.dataclass
class LayerStatistics:
    """Per-layer statistics at one moment of training; each field holds one value a layer.

    Attributes
    ----------
    step, epoch : int
        When they were taken (0: before training).
    z_mean, z_std, h_mean, h_std, saturated, zero, dead, grad_weights, grad_h : ndarray (L,)
        See the module docstring. The gradient norms are NaN when no targets were given.
    dead_units : list of ndarray of bool
        For each layer, which units are dead.
    """

    step: int
    epoch: int
    z_mean: np.ndarray
    z_std: np.ndarray
    h_mean: np.ndarray
    h_std: np.ndarray
    saturated: np.ndarray
    zero: np.ndarray
    dead: np.ndarray
    grad_weights: np.ndarray
    grad_h: np.ndarray
    dead_units: list

    def table(self):
        """The statistics as text, one row a layer."""
        head = f"{'layer':>5} " + " ".join(f"{name:>12}" for name in STATISTICS)
        rows = [f"{k + 1:>5} " + " ".join(f"{getattr(self, name)[k]:>12.4g}" for name in STATISTICS)
                for k in range(len(self.dead))]
        return "\n".join([head] + rows)


def layer_statistics(net, X, y=None, loss=None, *, step=0, epoch=0):
    """The :class:`LayerStatistics` of ``net`` on the data ``X`` (targets ``y`` for the gradients).

    Parameters
    ----------
    net : Network
    X : array_like (n, d_in)
    y : array_like, optional
        Labels or targets; without them the gradient norms are NaN.
    loss : Loss or str, optional
        Default: the network's own.
    """
    X = net.check_inputs(X, "layer_statistics")
    with np.errstate(all="ignore"):  # a diverged network has inf and NaN here: report them
        trace = net._forward(X)
        grads = None
        if y is not None:
            loss = net._loss(loss, "layer_statistics")
            T = loss.targets(y, net.sizes[-1], "layer_statistics")
            if len(T) != len(X):
                raise ValueError(f"layer_statistics: y has {len(T)} rows but X has {len(X)}")
            grads = net._backward(trace, loss.grad(trace.scores, T))
        values = {name: [] for name in STATISTICS}
        dead_units = []
        for k, layer in enumerate(net.layers):
            z, h = trace.z[k], trace.h[k]
            slope = np.abs(layer.f_prime(z))
            largest = layer.largest_slope()
            flat = slope < SATURATION_THRESHOLD * largest if largest > 0 else np.ones(z.shape, bool)
            dead = np.all(slope == 0, axis=0)
            dead_units.append(dead)
            for name, value in (("z_mean", z.mean()), ("z_std", z.std()), ("h_mean", h.mean()),
                                ("h_std", h.std()), ("saturated", flat.mean()),
                                ("zero", np.mean(h == 0)), ("dead", dead.mean()),
                                ("grad_weights", np.nan if grads is None
                                 else np.linalg.norm(grads[k].weights)),
                                ("grad_h", np.nan if grads is None else np.linalg.norm(grads[k].h))):
                values[name].append(float(value))
    return LayerStatistics(step=step, epoch=epoch, dead_units=dead_units,
                           **{name: np.array(v) for name, v in values.items()})
