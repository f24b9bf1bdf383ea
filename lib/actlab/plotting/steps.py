"""The binary step in a network (lesson 03): the piecewise-constant loss along one weight, a step
unit's line over the data, the hidden lines of a trained layer, training runs side by side, and
the steepening sigmoids :math:`\\sigma(kx)` that approach the step.
"""

import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import binary_step, sigmoid
from actlab.plotting.perceptron import _clip_to_half_plane, line_equation, plot_dataset
from actlab.plotting.style import FUNCTION_COLOUR, PALETTE

__all__ = ["plot_accuracy_runs", "plot_hidden_lines", "plot_loss_along_weight",
           "plot_steepening_sigmoids", "plot_step_unit"]

PIECE_COLOUR, CURRENT_COLOUR, CROSSING_COLOUR = PALETTE[2], PALETTE[3], "0.45"


def _number(value):
    return f"{value:.3g}".replace("-", "−")


def _piece_text(left, right):
    if np.isinf(left) and np.isinf(right):
        return "flat everywhere"
    if np.isinf(left):
        return f"flat for w < {_number(right)}"
    if np.isinf(right):
        return f"flat for w > {_number(left)}"
    return f"flat for {_number(left)} < w < {_number(right)}"


def plot_loss_along_weight(sweep, ax=None, *, current=None, xlim=None, samples=False,
                           weight_name="w"):
    """The loss along one weight of a step network: flat pieces, a jump at every crossing.

    The curve is the exact piecewise-constant loss (:meth:`~actlab.network.WeightSweep.steps`);
    grey ticks at the bottom mark the crossings :math:`w_i^* = w_0 - z_i/u_i`, where one example
    changes the side of the unit's line — the only places the loss can change.

    Parameters
    ----------
    sweep : actlab.network.WeightSweep
        From :func:`actlab.network.loss_along_weight` on a network whose swept unit is a step.
    ax : matplotlib Axes, optional
    current : float, optional
        Mark this weight, its loss and the flat piece around it, and say so in the title.
    xlim : (float, float), optional
        The range of weights shown; default: the range of the sweep.
    samples : bool
        Also draw the sweep's own values (:attr:`~actlab.network.WeightSweep.losses`) as dots.
    weight_name : str
        The weight's name in the axis label.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    low, high = xlim if xlim is not None else (sweep.values.min(), sweep.values.max())
    edges, levels = sweep.steps(low, high)
    # one polyline, flat pieces joined by vertical jumps (cheaper to draw than ax.stairs)
    ax.plot(np.repeat(edges, 2)[1:-1], np.repeat(levels, 2), color=FUNCTION_COLOUR, lw=1.5,
            label="loss L(w)")
    if samples:
        shown = (sweep.values >= low) & (sweep.values <= high)
        ax.plot(sweep.values[shown], sweep.losses[shown], ".", color="0.2", ms=3,
                label=f"sweep ({shown.sum()} values)")
    ticks = edges[1:-1]
    ax.plot(ticks, np.full(len(ticks), 0.03), "|", ms=7, color=CROSSING_COLOUR,
            transform=ax.get_xaxis_transform(), label="a point crosses the unit's line")
    if current is not None:
        value = sweep.loss_at(current)
        left, right = sweep.piece(current)
        ax.hlines(value, max(left, low), min(right, high), color=PIECE_COLOUR, lw=6, alpha=0.7,
                  label="flat piece: ∂L/∂w = 0")
        ax.axvline(current, color="0.3", lw=1, ls=":")
        ax.plot([current], [value], "o", color=CURRENT_COLOUR, ms=7, zorder=5,
                label=f"{weight_name} = {current:.2f}")
        ax.set_title(f"L = {value:.4f} at {weight_name} = {current:.2f}: "
                     f"{_piece_text(left, right)}")
    ax.set_xlim(low, high)
    ax.set_xlabel(f"weight {weight_name} (every other weight fixed)")
    ax.set_ylabel(f"loss L ({sweep.loss.name.replace('_', ' ')})")
    return ax


def plot_step_unit(weights, bias, X, y, ax=None, *, xlim=None, ylim=None, title="unit"):
    """A step unit :math:`h = \\mathrm{step}(w_1x_1 + w_2x_2 + b)` over a 2-D data set.

    The half-plane where the unit outputs 1 is shaded grey (grey, not a class colour: the unit's
    answer is not a class); the points keep their class colours.

    Parameters
    ----------
    weights : array_like (2,)
    bias : float
    X, y : array_like
        The data set, shapes (n, 2) and (n,).
    ax : matplotlib Axes, optional
    xlim, ylim : (float, float), optional
        Default: the data's range plus 0.25.
    title : str
        The unit's name, at the start of the title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    w, b = np.asarray(weights, dtype=float), float(bias)
    X = np.asarray(X, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    (x0, y0), (x1, y1) = X.min(axis=0) - 0.25, X.max(axis=0) + 0.25
    x0, x1 = xlim if xlim is not None else (x0, x1)
    y0, y1 = ylim if ylim is not None else (y0, y1)
    box = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    on = _clip_to_half_plane(box, w, b)
    if len(on):
        ax.fill(on[:, 0], on[:, 1], color="0.6", alpha=0.3, lw=0, label="h = 1 (unit on)")
    if np.any(w != 0):
        foot = -b * w / (w @ w)
        ax.axline(foot, foot + np.array([-w[1], w[0]]), color="0.15", lw=2, label="its line")
    plot_dataset(X, y, ax)
    n_on = int(np.sum(binary_step(X @ w + b)))
    ax.set_title(f"{title}: h = step({line_equation(w, b).removesuffix(' = 0')})\n"
                 f"on for {n_on} of {len(X)} points")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    return ax


def plot_hidden_lines(layer, ax, *, color="white", **style):
    """Draw the line :math:`w_j \\cdot x + b_j = 0` of every unit of a layer with 2 inputs.

    Parameters
    ----------
    layer : actlab.network.Dense
        Its weights have shape (2, units).
    ax : matplotlib Axes
        Draws inside its present limits (set them first).
    color : str
    **style
        Passed to the lines (``lw``, ``ls``, ``alpha``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if layer.shape[0] != 2:
        raise ValueError(f"plot_hidden_lines: the layer needs 2 inputs, it has {layer.shape[0]}")
    style = {"lw": 1.0, "ls": "--", "alpha": 0.9} | style
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    for k, (w, b) in enumerate(zip(layer.weights.T, layer.bias)):
        if np.any(w != 0):
            foot = -b * w / (w @ w)
            ax.axline(foot, foot + np.array([-w[1], w[0]]), color=color,
                      label="hidden units' lines" if k == 0 else None, **style)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    return ax


def plot_accuracy_runs(histories, ax=None, *, label, color=None, field="train_accuracy"):
    """Accuracy per epoch of several training runs: each run thin, their median thick.

    Parameters
    ----------
    histories : sequence of actlab.network.History
        Runs with the same number of epochs (for instance one per seed).
    ax : matplotlib Axes, optional
    label : str
        Legend entry of the median.
    color : str, optional
    field : {"train_accuracy", "val_accuracy"}

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    curves = np.array([getattr(h, field) for h in histories])
    epochs = np.asarray(histories[0].epochs)
    line, = ax.plot(epochs, np.median(curves, axis=0), color=color, lw=2.5,
                    label=f"{label}: median of {len(curves)} runs")
    for curve in curves:
        ax.plot(epochs, curve, color=line.get_color(), lw=0.8, alpha=0.45)
    ax.set_xlabel("epoch")
    ax.set_ylabel(field.replace("train_", "training ").replace("val_", "validation "))
    return ax


def plot_steepening_sigmoids(ks, axes=None, *, x=None):
    """:math:`\\sigma(kx)` for each ``k`` against the step, and their slopes on a log scale.

    .. math:: \\frac{d}{dx}\\,\\sigma(kx) = k\\,\\sigma'(kx), \\qquad
              \\max_x k\\,\\sigma'(kx) = k\\,\\sigma'(0) = \\frac{k}{4}

    Parameters
    ----------
    ks : sequence of float > 0
    axes : (Axes, Axes), optional
        Left: the curves; right: the slopes.
    x : array_like, optional
        Default: 1,201 points on [−3, 3] (including 0).

    Returns
    -------
    (Axes, Axes)
    """
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    ax_f, ax_slope = axes
    x = np.linspace(-3, 3, 1201) if x is None else np.asarray(x, dtype=float)
    colours = PALETTE[5], PALETTE[0], PALETTE[4], PALETTE[3], PALETTE[2], PALETTE[1]
    for k, colour in zip(ks, colours * (len(ks) // len(colours) + 1)):
        ax_f.plot(x, sigmoid(k * x), color=colour, lw=1.6, label=f"σ({k:g}x)")
        slope = k * sigmoid.grad(k * x)
        ax_slope.semilogy(x, slope, color=colour, lw=1.6,
                          label=f"{k:g}·σ′({k:g}x), max {k / 4:g}")
    ax_f.plot(x, np.where(x < 0, binary_step(x), np.nan), color="black", ls="--", lw=1.2,
              label="step(x)")
    ax_f.plot(x, np.where(x >= 0, binary_step(x), np.nan), color="black", ls="--", lw=1.2)
    ax_f.set_title("σ(kx) → step(x) as k grows")
    ax_f.set_xlabel("x")
    ax_f.set_ylabel("σ(kx)")
    ax_f.legend(loc="upper left")
    ax_slope.set_ylim(1e-12, 4 * max(ks))
    ax_slope.set_title("slope k·σ′(kx): k/4 at x = 0, tiny elsewhere")
    ax_slope.set_xlabel("x")
    ax_slope.set_ylabel("slope (log scale)")
    ax_slope.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax_f, ax_slope
