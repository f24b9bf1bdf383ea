"""Lesson 01's perceptron widget: move w1, w2 and b, watch the decision boundary and the mistakes."""

import ipywidgets
import numpy as np

from actlab.datasets import logic_gate
from actlab.perceptron import Perceptron
from actlab.plotting import plot_decision_boundary
from actlab.widgets.controls import figure, show, slider

__all__ = ["draw_gates", "draw_perceptron", "perceptron_widget"]


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


def draw_gates(axes, *, gates=("and", "or", "xor"), w1=1.0, w2=1.0, b=-1.5):
    """One line over several gates' points, a panel each: the widget's view for every gate at once.

    Parameters
    ----------
    axes : sequence of matplotlib Axes
        One per gate; the legend goes right of the last.
    gates : sequence of str
        Whose truth tables to show, from :data:`actlab.datasets.GATES`.
    w1, w2, b : float
        The perceptron's weights and bias, the same in every panel.

    Returns
    -------
    dict of str to int
        For each gate, how many of its four points the perceptron classifies correctly.
    """
    axes = np.ravel(axes)
    if len(axes) != len(gates):
        raise ValueError(f"draw_gates: one Axes per gate is needed, got {len(axes)} Axes for "
                         f"{len(gates)} gates")
    return {gate: draw_perceptron(ax, gate=gate, w1=w1, w2=w2, b=b, legend=k == len(gates) - 1)
            for k, (ax, gate) in enumerate(zip(axes, gates))}


def perceptron_widget(*, gate="and", w1=1.0, w2=1.0, b=-1.5):
    """Sliders for :math:`w_1, w_2, b` and a gate selector, driving :func:`draw_perceptron`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the gate selector, the three sliders and the output area.
    """
    def update(gate, w1, w2, b):
        fig, ax = figure(6.4, 3.6)
        draw_perceptron(ax, gate=gate, w1=w1, w2=w2, b=b)
        return show(fig)

    return ipywidgets.interactive(
        update,
        gate=ipywidgets.ToggleButtons(options=[("AND", "and"), ("OR", "or"), ("XOR", "xor")],
                                      value=gate, description="gate"),
        w1=slider("w₁", w1, -2.0, 2.0, 0.1),
        w2=slider("w₂", w2, -2.0, 2.0, 0.1),
        b=slider("b", b, -3.0, 3.0, 0.1),
    )
