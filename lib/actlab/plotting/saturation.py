"""Saturation (lesson 04): where a sigmoid's slope is flat, and how many units of a layer sit there.

A unit is *saturated* where its slope is below 1 % of the activation's largest slope (the engine's
definition, :mod:`actlab.network.records`). For the sigmoid, whose largest slope is
:math:`\\sigma'(0) = 1/4`, that is :math:`\\sigma'(z) < 0.0025`. Since
:math:`\\sigma'(z) = \\sigma(z)(1 - \\sigma(z))`, solving :math:`p(1 - p) = c` gives the edge

.. math:: |z| > z_\\text{sat} = \\log\\frac{1 + s}{1 - s} = 2\\,\\operatorname{artanh}(s),
          \\qquad s = \\sqrt{1 - 4c}, \\quad c = 0.01 \\cdot \\tfrac14,

:math:`z_\\text{sat} \\approx 5.99`: a saturated sigmoid unit outputs below 0.0025 or above 0.9975.

>>> round(SIGMOID_SATURATION_EDGE, 4)
5.9864
"""

import math

import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import sigmoid
from actlab.network.records import SATURATION_THRESHOLD
from actlab.plotting.style import DERIVATIVE_COLOUR, FUNCTION_COLOUR, PALETTE

__all__ = ["SIGMOID_SATURATION_EDGE", "plot_pre_activations", "plot_saturated_fraction",
           "plot_slope_decay"]

SIGMOID_SATURATION_EDGE = 2 * math.atanh(math.sqrt(1 - SATURATION_THRESHOLD))
"""The :math:`|z|` beyond which the sigmoid is saturated: :math:`\\sigma'(z) < 0.01 \\cdot \\tfrac14`."""

_SATURATED_SHADE = {"color": PALETTE[3], "alpha": 0.15, "lw": 0}


def plot_slope_decay(ax=None, *, x_max=12.0, marks=(10.0,)):
    """The sigmoid's slope :math:`\\sigma'(x) = \\sigma(x)(1-\\sigma(x))` on a log scale.

    Far from 0 it falls like :math:`e^{-|x|}` (a straight line on the log scale). The saturated
    zone :math:`|x| > z_\\text{sat}` is shaded, the maximum 1/4 at 0 and the values at ``±marks``
    are labelled.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    x_max : float
        Draw :math:`x \\in [-x_\\text{max}, x_\\text{max}]`.
    marks : sequence of float
        Points :math:`\\pm m` whose slope is written on the plot.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is None:
        _, ax = plt.subplots()
    x = np.linspace(-x_max, x_max, 961)
    ax.semilogy(x, sigmoid.grad(x), color=DERIVATIVE_COLOUR, label="σ′(x) = σ(x)(1 − σ(x))")
    ax.semilogy(x, np.exp(-np.abs(x)), ":", color="0.4", label="e^(−|x|)")
    edge = SIGMOID_SATURATION_EDGE
    for side in (-1, 1):
        ax.axvspan(side * edge, side * x_max, **_SATURATED_SHADE,
                   label=f"saturated: σ′ < {SATURATION_THRESHOLD:g} × ¼" if side == 1 else None)
    ax.plot([0], [0.25], "o", color=DERIVATIVE_COLOUR, ms=6)
    ax.annotate("σ′(0) = 1/4", (0, 0.25), xytext=(8, 4), textcoords="offset points")
    for m in marks:
        for x0 in (-m, m):
            ax.plot([x0], [sigmoid.grad(x0)], "s", color=DERIVATIVE_COLOUR, ms=5)
        ax.annotate(f"σ′(±{m:g}) = {float(sigmoid.grad(m)):.2g}", (m, float(sigmoid.grad(m))),
                    xytext=(-10, 10), textcoords="offset points", ha="right")
    ax.set_xlim(-x_max, x_max)
    ax.set_ylim(1e-6, 1.0)
    ax.set_xlabel("x (pre-activation)")
    ax.set_ylabel("slope σ′(x) (log scale)")
    ax.legend(loc="lower center")
    return ax


def plot_pre_activations(z, ax=None, *, bins=60, title=None):
    """A histogram of a sigmoid layer's pre-activations :math:`z`, the saturated zones
    :math:`|z| > z_\\text{sat}` shaded and the sigmoid drawn over them (right-hand axis).

    Parameters
    ----------
    z : array_like
        Pre-activations of a layer's units (any shape; all values are counted).
    ax : matplotlib Axes, optional
    bins : int
        Equal-width bins over the range shown, :math:`\\pm\\max(10, 4\\,\\mathrm{std}(z))`.
    title : str, optional
        Default: the share of saturated values, :math:`\\sigma'(z) < 0.0025`.

    Returns
    -------
    matplotlib.axes.Axes
        The histogram's Axes (the sigmoid is on a twin sharing its x-axis).
    """
    z = np.asarray(z, dtype=float).ravel()
    if ax is None:
        _, ax = plt.subplots()
    limit = max(10.0, 4.0 * float(z.std()))
    counts, edges = np.histogram(z, bins=bins, range=(-limit, limit))
    share = counts / len(z)
    ax.stairs(share, edges, fill=True, color=FUNCTION_COLOUR, alpha=0.8,
              label="pre-activations z")
    edge = SIGMOID_SATURATION_EDGE
    ax.axvspan(-limit, -edge, **_SATURATED_SHADE, label=f"saturated: |z| > {edge:.2f}")
    ax.axvspan(edge, limit, **_SATURATED_SHADE)
    ax.set_xlim(-limit, limit)
    ax.set_ylim(0.0, 1.15 * share.max())
    ax.set_xlabel("pre-activation z")
    ax.set_ylabel("share of the values")
    curve = ax.twinx()
    grid = np.linspace(-limit, limit, 201)
    curve.plot(grid, sigmoid(grid), color="black", lw=1.5, label="σ(z)")
    curve.set_ylim(0.0, 1.05)
    curve.set_ylabel("σ(z)")
    curve.grid(False)
    saturated = float(np.mean(np.abs(z) > edge))
    ax.set_title(title if title is not None else f"{saturated:.0%} of the values saturated")
    handles = ax.get_legend_handles_labels()[0] + curve.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left")
    return ax


def plot_saturated_fraction(weight_stds, fractions, ax=None, *, predicted=None, current=None,
                            references=None):
    """The share of a layer's saturated outputs against the spread of its weights (log x-axis).

    Parameters
    ----------
    weight_stds : array_like
        Standard deviations :math:`\\sigma_w` of the weights, increasing.
    fractions : array_like
        The measured share of saturated outputs at each :math:`\\sigma_w`.
    ax : matplotlib Axes, optional
    predicted : array_like, optional
        A prediction at the same :math:`\\sigma_w` (drawn dotted), e.g. the Gaussian estimate.
    current : (float, float), optional
        A point :math:`(\\sigma_w, \\text{fraction})` to mark: the widget's slider.
    references : dict of str to float, optional
        Vertical lines at named scales, e.g. ``{"N(0, 1/n)": 1/16}``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    stds = np.asarray(weight_stds, dtype=float)
    if ax is None:
        _, ax = plt.subplots()
    ax.semilogx(stds, fractions, color=FUNCTION_COLOUR, label="measured")
    if predicted is not None:
        ax.semilogx(stds, predicted, ":", color="0.2", label="Gaussian estimate")
    for k, (name, value) in enumerate((references or {}).items()):
        ax.axvline(value, color=PALETTE[2 + k % 3], lw=1.2, ls="--", label=f"weights {name}")
    if current is not None:
        ax.plot([current[0]], [current[1]], "o", color=DERIVATIVE_COLOUR, ms=8,
                label=f"σ_w = {current[0]:.2f}: {current[1]:.1%}")
    ax.set_xlim(stds.min(), stds.max())
    ax.set_ylim(-0.02, 1.0)
    ax.set_xlabel("weight std σ_w (log scale)")
    ax.set_ylabel("share of outputs saturated")
    ax.legend(loc="upper left")
    return ax
