"""Lesson 06's dead-units widget: choose the initialisation, the learning rate and the activation of
a 10-layer, 64-unit network trained on the digits, and see the share of dead units in every layer
before and after training.

A unit is dead when its slope :math:`f'(z)` is 0 on every training example. The trainings are too
many to run on a slider move (150 of them, about two minutes), so the widget draws the committed
results of :mod:`actlab.experiments.dying_relu` (a test recomputes a sample of them exactly).
"""

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np

from actlab.experiments import dying_relu
from actlab.plotting.relu import plot_dead_per_layer
from actlab.plotting.style import PALETTE
from actlab.widgets.controls import show

__all__ = ["INIT_LABELS", "dead_units_widget", "draw_dead_units"]

INIT_LABELS = {"pytorch_default": "PyTorch default: W, b ~ U(±1/√n)",
               "he_normal": "He: W ~ N(0, 2/n), b = 0"}


def draw_dead_units(ax, results=None, *, init="pytorch_default", learning_rate=0.1,
                    activation="relu"):
    """The share of dead units in each hidden layer, before training (mean of the seeds, dashed)
    and after it (mean, thick; every seed, thin), from the results of
    :func:`actlab.experiments.dying_relu.run_grid`.

    Parameters
    ----------
    ax : matplotlib Axes
    results : dict, optional
        Default: :func:`actlab.experiments.dying_relu.load_results`.
    init : {"pytorch_default", "he_normal"}
    learning_rate : float
        One of :data:`actlab.experiments.dying_relu.LEARNING_RATES`.
    activation : {"relu", "leaky_relu", "elu"}

    Returns
    -------
    before, after : ndarray (depth,)
        The mean shares of dead units (after: over the runs that did not diverge; NaN if none).
    """
    results = dying_relu.load_results() if results is None else results
    runs = [run for run in results["runs"] if run["activation"] == activation
            and run["init"] == init and run["learning_rate"] == learning_rate]
    if not runs:
        raise ValueError(f"draw_dead_units: no runs for activation={activation!r}, init={init!r}, "
                         f"learning_rate={learning_rate!r}")
    width = results["width"]
    before, _ = dying_relu.mean_per_layer(results, activation=activation, init=init,
                                          learning_rate=learning_rate, field="dead_before")
    after, trained = dying_relu.mean_per_layer(results, activation=activation, init=init,
                                               learning_rate=learning_rate, field="dead_after")
    layers = np.arange(1, results["depth"] + 1)
    for run in runs:
        if run["dead_after"] is not None:
            ax.plot(layers, 100 * np.array(run["dead_after"]) / width, color=PALETTE[3], lw=0.8,
                    alpha=0.35)
    plot_dead_per_layer({"before training": before, "after training (mean)": after}, ax,
                        styles={"before training": {"color": "0.45", "ls": "--"},
                                "after training (mean)": {"color": PALETTE[3], "lw": 2.2}})
    ax.legend(loc="upper left")
    correct = [run["correct"] for run in runs if run["correct"] is not None]
    accuracy = (f"median validation accuracy {np.median(correct) / 360:.0%}" if correct
                else "no accuracy")
    diverged = len(runs) - trained
    ax.set_title(f"{activation}, {INIT_LABELS.get(init, init)}, learning rate {learning_rate:g}\n"
                 f"{len(runs)} seeds, {diverged} diverged · {accuracy}", fontsize=10)
    return before, after


def dead_units_widget(results=None, *, init="pytorch_default", learning_rate=0.1,
                      activation="relu"):
    """Buttons for the initialisation and the activation and a slider for the learning rate,
    driving :func:`draw_dead_units`.

    Returns
    -------
    ipywidgets.interactive
        Its children are the three controls and the output area.
    """
    results = dying_relu.load_results() if results is None else results

    def update(init, learning_rate, activation):
        fig, ax = plt.subplots(figsize=(7.5, 4.2), layout="none")
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.13, top=0.85)
        draw_dead_units(ax, results, init=init, learning_rate=learning_rate,
                        activation=activation)
        return show(fig)

    rates = sorted({run["learning_rate"] for run in results["runs"]})
    return ipywidgets.interactive(
        update,
        init=ipywidgets.ToggleButtons(options=[(INIT_LABELS[k].split(":")[0], k)
                                               for k in INIT_LABELS], value=init,
                                      description="initialisation"),
        learning_rate=ipywidgets.SelectionSlider(options=rates, value=learning_rate,
                                                 description="learning rate",
                                                 continuous_update=False,
                                                 style={"description_width": "initial"}),
        activation=ipywidgets.ToggleButtons(options=list(dying_relu.ACTIVATIONS),
                                            value=activation, description="activation"))
