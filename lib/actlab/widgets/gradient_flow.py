"""Lesson 10's gradient-flow widget: depth × activation × initialisation → every layer's gradient
norms :math:`\\lVert\\partial L/\\partial H_l\\rVert`, :math:`\\lVert\\partial L/\\partial W_l\\rVert`
(log scale) and every layer's histogram of outputs, from one forward and backward pass of the
engine on a small batch.
"""

import ipywidgets
import matplotlib.pyplot as plt
from matplotlib.ticker import FixedFormatter, FuncFormatter, LogLocator, NullLocator
import numpy as np

from actlab._threads import one_blas_thread
from actlab.experiments.vanishing import INITS, probe_batch, probe_network
from actlab.network import layer_statistics
from actlab.plotting.layers import plot_layer_histograms, plot_per_layer
from actlab.plotting.style import PALETTE
from actlab.widgets.controls import show

__all__ = ["GRADIENT_FLOW_ACTIVATIONS", "draw_gradient_flow", "gradient_flow_widget"]

GRADIENT_FLOW_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "gelu")
_POWER_OF_TEN = FuncFormatter(lambda value, _: f"1e{round(np.log10(value))}" if value > 0 else "")
_RANGES = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


def _finite(values):
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def draw_gradient_flow(axes, *, depth=30, activation="relu", init="Xavier", width=64, batch=32,
                       seed=0, bins=40):
    """Draw the gradient norms of every hidden layer (``axes[0]``, log scale) and the histograms of
    their outputs (``axes[1]``) for :func:`actlab.experiments.vanishing.probe_network`.

    Parameters
    ----------
    axes : pair of matplotlib Axes
    depth : int
        Hidden layers of ``width`` units, then one linear output (mean squared error).
    activation : str
    init : str
        A label of :data:`actlab.experiments.vanishing.INITS` or an initialiser of the engine.
    width, batch, seed : int

    Returns
    -------
    LayerStatistics
        Of the hidden layers.
    """
    if not (isinstance(depth, (int, np.integer)) and depth >= 1):
        raise ValueError(f"draw_gradient_flow: depth must be a positive integer, got {depth!r}")
    net = probe_network(activation, init, depth, width=width, seed=seed)
    X, y = probe_batch(width, batch, seed)
    with one_blas_thread(), np.errstate(all="ignore"):
        outputs = net.layer_outputs(X)[:depth]
        stats = layer_statistics(net, X, y)
    grad_h, grad_w = _finite(stats.grad_h[:depth]), _finite(stats.grad_weights[:depth])
    plot_per_layer({"‖∂L/∂h‖": grad_h, "‖∂L/∂W‖": grad_w}, axes[0], log=True,
                   ylabel="gradient norm", markers=False, colours=PALETTE[:2])
    # few ticks and no minor ones: drawing tick labels is what a move costs most
    axes[0].yaxis.set_major_locator(LogLocator(numticks=5))
    axes[0].yaxis.set_minor_locator(NullLocator())
    axes[0].yaxis.set_major_formatter(_POWER_OF_TEN)  # plain text: no mathtext to parse
    axes[0].legend(loc="upper left", fontsize=8)  # a fixed place: "best" searches every point
    ratio = stats.grad_h[0] / stats.grad_h[depth - 1]
    axes[0].set_title(f"{activation}, {init}: ‖∂L/∂h‖ layer 1 / layer {depth} = {ratio:.1e}",
                      fontsize=10)
    finite = [np.where(np.isfinite(h), h, np.nan) for h in outputs]
    value_range = _RANGES.get(activation)
    if value_range is None:
        low = float(np.nanmin([np.nanmin(h) for h in finite]))
        high = float(np.nanmax([np.nanmax(h) for h in finite]))
        value_range = (low, high) if np.isfinite(low) and np.isfinite(high) and high > low \
            else (-1.0, 1.0)
    step = max(1, depth // 10)  # at most 10 rows: a histogram of every 5th layer at depth 50
    shown = list(range(0, depth, step))
    plot_layer_histograms([outputs[k] for k in shown], axes[1], value_range=value_range,
                          bins=bins, xlabel=f"unit output h = {activation}(z)")
    axes[1].yaxis.set_major_formatter(FixedFormatter([str(k + 1) for k in shown]))
    axes[1].set_title(f"std of h: {stats.h_std[0]:.2g} (layer 1), "
                      f"{stats.h_std[depth - 1]:.2g} (layer {depth})", fontsize=10)
    return stats


def gradient_flow_widget(*, depth=30, activation="relu", init="Xavier"):
    """An integer slider for the depth (5 to 50) and drop-downs for the activation and the
    initialisation, driving :func:`draw_gradient_flow`.

    Returns
    -------
    ipywidgets.interactive
    """
    def update(depth, activation, init):
        fig, axes = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="none")
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.88, wspace=0.3)
        draw_gradient_flow(axes, depth=depth, activation=activation, init=init)
        return show(fig)

    style = {"description_width": "initial"}
    return ipywidgets.interactive(
        update,
        depth=ipywidgets.IntSlider(value=depth, min=5, max=50, step=5, description="depth",
                                   continuous_update=False, style=style),
        activation=ipywidgets.Dropdown(options=GRADIENT_FLOW_ACTIVATIONS, value=activation,
                                       description="activation", style=style),
        init=ipywidgets.Dropdown(options=list(INITS), value=init, description="initialisation",
                                 style=style))
