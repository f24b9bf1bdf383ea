"""Lesson 03's step-loss widget: move one weight of a step network; the loss stays flat, then jumps.

Left, the swept hidden unit's line over the data; right, the loss along that weight with the
present value and the flat piece around it. The loss changes only when the line passes a point.
"""

import ipywidgets
import matplotlib.pyplot as plt

from actlab.plotting.steps import plot_loss_along_weight, plot_step_unit
from actlab.widgets.controls import show, slider

__all__ = ["draw_step_loss", "step_loss_widget"]


def draw_step_loss(axes, sweep, X, y, w, *, legend=True):
    """Draw the swept unit's line at weight ``w`` (left) and the loss along the weight (right).

    Parameters
    ----------
    axes : (Axes, Axes)
    sweep : actlab.network.WeightSweep
        A sweep of a weight of the first layer of a 2-input network with step hidden units
        (:func:`actlab.network.loss_along_weight`).
    X, y : array_like
        The data set of the sweep, shapes (n, 2) and (n,).
    w : float
        The weight to show.
    legend : bool
        Draw the loss panel's legend, right of it.

    Returns
    -------
    (float, (float, float))
        The loss at ``w`` and the flat piece ``(left, right)`` around it (see
        :meth:`~actlab.network.WeightSweep.piece`).
    """
    if sweep.layer != 0 or len(sweep.unit_parameters(w)[0]) != 2:
        raise ValueError("draw_step_loss: the sweep must move a weight of the first layer of a "
                         "network with 2 inputs")
    ax_unit, ax_loss = axes
    weights, bias = sweep.unit_parameters(w)
    plot_step_unit(weights, bias, X, y, ax_unit, title=f"hidden unit {sweep.column + 1}")
    name = f"w = W₁[{sweep.row + 1},{sweep.column + 1}]"
    plot_loss_along_weight(sweep, ax_loss, current=w, weight_name="w")
    ax_loss.set_xlabel(f"weight {name} (every other weight fixed)")
    if legend:
        ax_loss.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return sweep.loss_at(w), sweep.piece(w)


def _figure():
    """Two panels side by side, laid out by hand (a layout solver would cost more than the rest)."""
    fig = plt.figure(figsize=(12.0, 4.0), layout="none")
    ax_unit = fig.add_axes((0.05, 0.13, 0.26, 0.7))
    ax_loss = fig.add_axes((0.37, 0.13, 0.38, 0.7))
    return fig, (ax_unit, ax_loss)


def step_loss_widget(sweep, X, y, *, w=None, step=0.01):
    """A slider for the swept weight, driving :func:`draw_step_loss`.

    Parameters
    ----------
    sweep : actlab.network.WeightSweep
    X, y : array_like
    w : float, optional
        Where the slider starts; default: the weight's value in the network.
    step : float
        The slider's step.

    Returns
    -------
    ipywidgets.interactive
    """
    start = sweep.original if w is None else w

    def update(w):
        fig, axes = _figure()
        draw_step_loss(axes, sweep, X, y, w)
        return show(fig)

    low, high = float(sweep.values.min()), float(sweep.values.max())
    start = min(max(round(start / step) * step, low), high)
    return ipywidgets.interactive(update, w=slider("w", start, low, high, step))
