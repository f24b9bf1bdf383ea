"""Lesson 08's temperature dial: softmax(z / T) of three logits as bars, and its entropy against
T."""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from actlab.plotting.probabilities import (entropy, plot_distributions,
                                           plot_entropy_against_temperature)
from actlab.probabilities import softmax
from actlab.widgets.controls import show

__all__ = ["draw_temperature", "temperature_widget"]

LOGITS = (2.0, 1.0, 0.1)


def draw_temperature(axes, temperature=1.0, logits=LOGITS):
    """Draw softmax(logits / T) next to softmax(logits) (left), and the entropy against T (right).

    Parameters
    ----------
    axes : pair of matplotlib Axes
    temperature : float > 0
    logits : array-like (n,)

    Returns
    -------
    ndarray (n,)
        The probabilities at ``temperature``, as drawn.
    """
    left, right = axes
    logits = np.asarray(logits, dtype=float)
    p = softmax(logits, temperature=temperature)
    for ax in (left, right):
        if ax.has_data() or ax.texts:         # a fresh Axes needs no clearing (it costs ticks)
            ax.clear()
    plot_distributions({f"T = {temperature:.3g}": p, "T = 1 (for reference)": softmax(logits)}, left,
                       labels=[f"z = {z:g}" for z in logits])
    left.set_ylim(0, 1.15)
    top = int(np.argmax(p))
    left.set_title(f"softmax(z / T): the largest is class {top} "
                   f"(z = {logits[top]:g}) at every T")
    plot_entropy_against_temperature(logits, right, mark=temperature)
    right.set_title("Entropy: 0 is one-hot, log n is uniform")
    return p


def temperature_widget(*, temperature=1.0, logits=LOGITS):
    """A logarithmic slider for the temperature, from 0.05 to 100, driving :func:`draw_temperature`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the slider and the output area.
    """
    def update(temperature):
        fig, axes = plt.subplots(1, 2, figsize=(12, 3.9), layout="none")
        fig.subplots_adjust(left=0.06, right=0.98, bottom=0.15, top=0.9, wspace=0.22)
        draw_temperature(axes, temperature, logits)
        return show(fig)

    slider = ipywidgets.FloatLogSlider(value=temperature, base=10, min=-1.3, max=2.0, step=0.05,
                                       description="temperature T", readout_format=".3g",
                                       continuous_update=False,
                                       style={"description_width": "initial"})
    return ipywidgets.interactive(update, temperature=slider)
