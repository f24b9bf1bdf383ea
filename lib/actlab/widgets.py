"""The lessons' interactive widgets: the tangent explorer (lesson 00), the perceptron's line
(lesson 01) and the ReLU-pieces fit (lesson 02).

Each widget has two halves:

- an *update function* ``draw_...(ax, ...)`` that computes and draws onto a matplotlib Axes. It is
  plain Python, unit-tested without a browser, and also draws a lesson's static default view, so
  the page reads well where widgets cannot run;
- a *builder* ``..._widget(...)`` that wires ipywidgets sliders to it and returns an
  :class:`ipywidgets.interactive`. Every slider change draws a fresh figure with the update
  function, displays it in the widget's output area and closes it; ``widget.result`` holds the
  last figure drawn.
"""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from actlab.activations import get, names
from actlab.datasets import logic_gate
from actlab.network import fit_relu_pieces
from actlab.perceptron import Perceptron
from actlab.plotting import (DERIVATIVE_COLOUR, PALETTE, plot_activation, plot_decision_boundary,
                             plot_relu_fit)

__all__ = ["draw_tangent", "tangent_widget", "draw_perceptron", "perceptron_widget",
           "draw_relu_fit", "relu_fit_widget"]


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
    kink = "  (a kink: the library's convention)" if x0 in act.kinks else ""
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
        return _show(fig)

    return ipywidgets.interactive(
        update,
        activation=ipywidgets.Dropdown(options=names(), value=activation, description="activation"),
        x0=_slider("x₀", x0, -4.0, 4.0, 0.25))

_GATE_BOX = (-0.5, 1.5)


def draw_perceptron(ax, *, gate="and", w1=1.0, w2=1.0, b=-1.5, legend=True):
    """Draw the boundary :math:`w_1 x_1 + w_2 x_2 + b = 0` over a logic gate's four points.

    Parameters
    ----------
    ax : matplotlib Axes
    gate : str
        Whose truth table to show, one of :data:`actlab.datasets.GATES`.
    w1, w2, b : float
        The perceptron's weights and bias.
    legend : bool
        Draw the legend (switch off in side-by-side panels).

    Returns
    -------
    int
        How many of the four points the perceptron classifies correctly.
    """
    X, y = logic_gate(gate)
    plot_decision_boundary((w1, w2), b, X, y, ax, xlim=_GATE_BOX, ylim=_GATE_BOX, legend=legend)
    ax.set_title(f"{gate.upper()}: {ax.get_title()}")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    return int((Perceptron([w1, w2], b).predict(X) == y).sum())


def perceptron_widget(*, gate="and", w1=1.0, w2=1.0, b=-1.5):
    """Sliders for :math:`w_1, w_2, b` and a gate selector, driving :func:`draw_perceptron`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the gate selector, the three sliders and the output area.
    """
    def update(gate, w1, w2, b):
        fig, ax = _figure(6.4, 3.6)
        draw_perceptron(ax, gate=gate, w1=w1, w2=w2, b=b)
        return _show(fig)

    return ipywidgets.interactive(
        update,
        gate=ipywidgets.ToggleButtons(options=[("AND", "and"), ("OR", "or"), ("XOR", "xor")],
                                      value=gate, description="gate"),
        w1=_slider("w₁", w1, -2.0, 2.0, 0.1),
        w2=_slider("w₂", w2, -2.0, 2.0, 0.1),
        b=_slider("b", b, -3.0, 3.0, 0.1),
    )


def draw_relu_fit(ax, x, y, *, n_pieces=4):
    """Fit ``n_pieces`` shifted ReLUs to the curve :math:`(x, y)` and draw fit, pieces and knots.

    Returns
    -------
    actlab.network.Network
        The fitted 1-``n_pieces``-1 network.
    """
    network = fit_relu_pieces(x, y, n_pieces)
    plot_relu_fit(x, y, network, ax)
    return network


def relu_fit_widget(x, y, *, n_pieces=4, max_pieces=30):
    """A slider for the number of ReLU pieces, driving :func:`draw_relu_fit` on the curve (x, y).

    Returns
    -------
    ipywidgets.interactive
    """
    def update(n_pieces):
        fig, ax = _figure(8.0, 3.6)
        draw_relu_fit(ax, x, y, n_pieces=n_pieces)
        return _show(fig)

    slider = ipywidgets.IntSlider(value=n_pieces, min=1, max=max_pieces, step=1,
                                  description="pieces", continuous_update=False)
    return ipywidgets.interactive(update, n_pieces=slider)


def _slider(description, value, low, high, step):
    return ipywidgets.FloatSlider(value=value, min=low, max=high, step=step,
                                  description=description, continuous_update=False,
                                  readout_format=".2f" if step < 0.1 else ".1f")


def _figure(width, height):
    """A figure with room on the right for the legend. Its layout is fixed by hand: the
    constrained-layout solver would cost more than the rest of the update together."""
    fig, ax = plt.subplots(figsize=(width, height), layout="none")
    fig.subplots_adjust(left=0.09, right=0.6, bottom=0.14, top=0.85)
    ax.set_anchor("W")
    return fig, ax


def _show(fig):
    """Display ``fig`` in the widget's output area and close it, so pyplot does not show it twice."""
    display(fig)
    plt.close(fig)
    return fig
