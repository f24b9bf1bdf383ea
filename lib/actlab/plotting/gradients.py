"""Lesson 10: per-layer gradient norms of many networks at once, one panel an activation.

Each panel is :func:`actlab.plotting.layers.plot_per_layer` (the course's one per-layer plot) with
one line an initialisation, on a log scale.
"""

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["plot_gradient_grid"]

_LABELS = {"grad_h": "‖∂L/∂h‖", "grad_weights": "‖∂L/∂W‖", "h_std": "std of h"}


def plot_gradient_grid(results, *, statistic="grad_h", depth=50, activations=None, inits=None,
                       axes=None):
    """One panel an activation, one line an initialisation: ``statistic`` against the layer.

    Parameters
    ----------
    results : dict
        ``{(activation, init, depth): {statistic: values}}``, as
        :func:`actlab.experiments.vanishing.load_results` returns it.
    statistic : str
    depth : int
    activations, inits : sequence of str, optional
        Default: all in ``results``, in their order.
    axes : sequence of matplotlib Axes, optional

    Returns
    -------
    ndarray of Axes
    """
    from actlab.plotting.layers import plot_per_layer

    keys = [key for key in results if key[2] == depth]
    if not keys:
        raise ValueError(f"plot_gradient_grid: no results at depth {depth}")
    activations = list(dict.fromkeys(k[0] for k in keys)) if activations is None else activations
    inits = list(dict.fromkeys(k[1] for k in keys)) if inits is None else inits
    if axes is None:
        _, axes = plt.subplots(1, len(activations), figsize=(3.2 * len(activations), 3.2),
                               sharey=True)
    axes = np.atleast_1d(axes)
    for ax, activation in zip(axes, activations):
        values = {}
        for init in inits:
            v = np.asarray(results[(activation, init, depth)][statistic], dtype=float)
            values[init] = np.where(np.isfinite(v) & (v > 0), v, np.nan)
        plot_per_layer(values, ax, ylabel=_LABELS.get(statistic, statistic), log=True,
                       markers=False)
        ax.set_title(activation)
        if ax is not axes[0]:
            ax.set_ylabel("")
            ax.get_legend().remove()
    return axes
