"""Lesson 00's tangent explorer: a curve, its derivative and the tangent line at a chosen point."""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from actlab.activations import get, names
from actlab.plotting import DERIVATIVE_COLOUR, PALETTE, plot_activation
from actlab.widgets.controls import show, slider

__all__ = ["draw_tangent", "tangent_widget"]


def draw_tangent(ax, activation="sigmoid", x0=1.0, *, half_width=1.5):
    """Draw ``activation`` with its derivative, and the tangent line at ``x0`` (lesson 00).

    The tangent is :math:`y = f(x_0) + f'(x_0)\\,(x - x_0)`: its slope is the derivative's value,
    marked by a square on the dashed derivative curve at the same x.

    Returns
    -------
    matplotlib.axes.Axes
    """
    act = get(activation)
    x0 = float(x0)
    y0, slope = float(act(x0)), float(act.grad(x0))
    ax.clear()
    plot_activation(act, ax, title=False)
    xs = np.linspace(x0 - half_width, x0 + half_width, 2)
    ax.plot(xs, y0 + slope * (xs - x0), color=PALETTE[2], lw=2.5,
            label=f"tangent at x₀ = {x0:.2f}")
    ax.plot([x0], [y0], "o", color=PALETTE[2], ms=8)
    ax.plot([x0], [slope], "s", color=DERIVATIVE_COLOUR, ms=7)
    grid = np.linspace(-5, 5, 401)
    low = min(act(grid).min(), act.grad(grid).min())
    high = max(act(grid).max(), act.grad(grid).max())
    ax.set_ylim(max(low, -2.0) - 0.25, min(high, 4.0) + 0.25)
    ax.set_xlim(-5, 5)
    kink = "  (a kink: the library's convention)" if x0 in act.kinks_at() else ""
    ax.set_title(f"{act.name}({x0:.2f}) = {y0:.4f}    slope {act.name}′({x0:.2f}) = {slope:.4f}{kink}")
    ax.legend(loc="upper left")
    return ax


def tangent_widget(*, activation="sigmoid", x0=1.0):
    """A dropdown of activations and a slider for :math:`x_0`, driving :func:`draw_tangent`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the dropdown, the slider and the output area.
    """
    def update(activation, x0):
        fig, ax = plt.subplots(figsize=(7, 4))
        draw_tangent(ax, activation, x0)
        return show(fig)

    return ipywidgets.interactive(
        update,
        activation=ipywidgets.Dropdown(options=names(), value=activation, description="activation"),
        x0=slider("x₀", x0, -4.0, 4.0, 0.25))
